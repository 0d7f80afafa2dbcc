#!/usr/bin/env bash
# Production settings must pass `check --deploy` with no warnings, and DEBUG=0 without a
# SECRET_KEY must refuse to start with a clear message.
set -euo pipefail
PY=.venv/bin/python
DEBUG=0 SECRET_KEY="$(printf 'x%.0s' {1..60})-deploy-check-$(date +%s)" ALLOWED_HOSTS=vux.example.se \
  $PY manage.py check --deploy --fail-level WARNING
if out=$(env -u SECRET_KEY DEBUG=0 ALLOWED_HOSTS=vux.example.se $PY manage.py check 2>&1); then
  echo "DEBUG=0 without SECRET_KEY should fail" >&2; exit 1
fi
grep -q "SECRET_KEY must be set" <<<"$out" || { echo "$out" >&2; exit 1; }
echo "check --deploy: clean; missing SECRET_KEY refused"
