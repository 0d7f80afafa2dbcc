#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an EMPTY database and MEDIA_ROOT.
#
#   DATABASE_URL=postgres://user:pass@host:5432/vuxportal_restored MEDIA_ROOT=/srv/vux/media \
#     bash scripts/restore.sh backups/vuxportal-YYYYMMDD-HHMMSS
#
# Creates the database when it does not exist and refuses to write into one that already
# has tables (restore never mixes two datasets). Checks the files against the MANIFEST
# first. Afterwards run `manage.py migrate` (a no-op for a backup of the same version).
set -euo pipefail
src="${1:?usage: restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?set DATABASE_URL (postgres://...) of the empty target database}"
here="$(cd "$(dirname "$0")/.." && pwd)"
media="${MEDIA_ROOT:-$here/media}"
[ -f "$src/database.dump" ] || { echo "restore.sh: no database.dump in $src" >&2; exit 2; }

if [ -f "$src/MANIFEST" ]; then
  (cd "$src" && grep -E '^[0-9a-f]{64}  ' MANIFEST | sha256sum --check --quiet) ||
    { echo "restore.sh: the backup's checksums do not match its MANIFEST" >&2; exit 3; }
fi

db="${DATABASE_URL##*/}"; db="${db%%\?*}"
server="${DATABASE_URL%/*}/postgres"
exists=$(psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")
if [ "$exists" != "1" ]; then
  psql "$server" -qc "CREATE DATABASE \"$db\""
fi
tables=$(psql "$DATABASE_URL" -tAc \
  "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore.sh: database $db is not empty ($tables tables); restore into an empty one" >&2
  exit 4
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
if [ -n "$(ls -A "$media" 2>/dev/null)" ]; then
  echo "restore.sh: MEDIA_ROOT $media is not empty; restore media into an empty folder" >&2
  exit 5
fi
tar -xzf "$src/media.tar.gz" -C "$media"
echo "restored $src into database $db and $media"
