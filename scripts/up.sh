#!/usr/bin/env bash
# `make up`: the full stack on this machine — PostgreSQL, Redis, gunicorn, a Celery
# worker and Celery beat — started with one command (honcho runs the Procfile).
# Override DATABASE_URL / REDIS_URL to use other servers. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/vuxportal}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
# The full stack with the demo on this machine: DEBUG on unless set (DEBUG=0 needs
# SECRET_KEY and ALLOWED_HOSTS, as in production, and loads no demo data).
export DEBUG="${DEBUG:-1}"
PY=.venv/bin/python
export PATH="$PWD/.venv/bin:$PATH"  # the Procfile runs gunicorn and celery from the venv

if [[ "$DATABASE_URL" == postgres://*@127.0.0.1:5432/* ]]; then
  bash scripts/services.sh
  db="${DATABASE_URL##*/}"
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
    createdb -h 127.0.0.1 -U postgres "$db"
fi

$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v0
if [ "$DEBUG" != "0" ]; then
  $PY manage.py seed_demo
fi
echo "Vuxportal: http://${WEB_BIND:-127.0.0.1:8000}  (web, worker and beat; Ctrl-C stops them)"
exec .venv/bin/honcho start -f Procfile
