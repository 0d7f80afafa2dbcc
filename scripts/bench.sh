#!/usr/bin/env bash
# `make bench`: the benchmarks on PostgreSQL. The pages are measured on a database with
# the demo data (vuxportal_bench, created when missing); benchmarks that need a large
# dataset build it in a throwaway database of their own and drop it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/vuxportal_bench}"
# The development settings, as the demo data needs (DEBUG is off unless set).
export DEBUG="${DEBUG:-1}"
PY=.venv/bin/python
if [[ "$DATABASE_URL" == postgres://*@127.0.0.1:5432/* ]]; then
  bash scripts/services.sh >/dev/null
  db="${DATABASE_URL##*/}"
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
    createdb -h 127.0.0.1 -U postgres "$db"
fi
$PY manage.py migrate --noinput -v0
$PY manage.py seed_demo -v0 >/dev/null
exec $PY -m benchmarks "$@"
