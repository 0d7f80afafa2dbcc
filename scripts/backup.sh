#!/usr/bin/env bash
# Backs up Vuxportal: the database (pg_dump, custom format) and the uploaded media
# (a tar of MEDIA_ROOT) into one dated folder.
#
#   DATABASE_URL=postgres://user:pass@host:5432/vuxportal MEDIA_ROOT=/srv/vux/media \
#     bash scripts/backup.sh [BACKUP_DIR]          # default BACKUP_DIR: ./backups
#
# Writes BACKUP_DIR/vuxportal-YYYYMMDD-HHMMSS/{database.dump,media.tar.gz,MANIFEST} and
# prints the folder's path. Safe while the portal runs (pg_dump takes a consistent
# snapshot; media files are only ever added). Restore with scripts/restore.sh.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (postgres://...)}"
case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *)
  echo "backup.sh: DATABASE_URL must be a PostgreSQL URL" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")/.." && pwd)"
media="${MEDIA_ROOT:-$here/media}"
root="${1:-${BACKUP_DIR:-$here/backups}}"
stamp="$(date -u +%Y%m%d-%H%M%S)"
dest="$root/vuxportal-$stamp"
[ -e "$dest" ] && dest="$dest-$$"
mkdir -p "$dest"
umask 077  # the dump holds personal data

pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -czf "$dest/media.tar.gz" -C "$media" .
else
  tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi
{
  echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database: ${DATABASE_URL##*/}"
  echo "media_root: $media"
  (cd "$dest" && sha256sum database.dump media.tar.gz)
} >"$dest/MANIFEST"
echo "$dest"
