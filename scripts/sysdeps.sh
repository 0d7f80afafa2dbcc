#!/usr/bin/env bash
# Installs the Debian packages Vuxportal needs, only those missing. Safe to run often.
#   gettext            msgfmt, to compile the Swedish/English catalogues
#   libharfbuzz-subset0, libpango-1.0-0, fonts-dejavu-core   WeasyPrint's PDF rendering
#   poppler-utils      pdftotext, used by tests that read the generated PDFs
#   chromium           the browser for the accessibility and journey tests
#   python3-venv       Debian's python3 cannot create a virtualenv without it
set -euo pipefail

need=()
python3 -c "import ensurepip" 2>/dev/null || need+=(python3-venv)
command -v msgfmt >/dev/null || need+=(gettext)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || need+=(chromium)
for lib in libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
  dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
[ ${#need[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Need root to install: ${need[*]} (apt-get install -y ${need[*]})" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
