#!/usr/bin/env bash
# `make soak`: the load test and the fault tests.
#
# 1. Load: migrates and loads the demo data into $DATABASE_URL (default: the database
#    vuxportal_soak on the local PostgreSQL), starts gunicorn (4 workers, DEBUG off,
#    persistent connections, the cache on Redis database 5 or $SOAK_REDIS_URL) on a free
#    port of 127.0.0.1, and runs locust headless:
#    $SOAK_USERS (50) signed-in users of every role for $SOAK_SECONDS (120) seconds.
#    Prints requests/s, p95 and the error count; any error fails the run.
# 2. Faults and backups: pytest -m soak tests/soak (private PostgreSQL and Redis that the
#    tests stop and start; the machine's own servers are never touched).
# SOAK_SKIP_FAULTS=1 runs only the load test, SOAK_SKIP_LOAD=1 only the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/vuxportal_soak}"
SECONDS_TO_RUN="${SOAK_SECONDS:-120}"
USERS="${SOAK_USERS:-50}"
out="$(mktemp -d /tmp/vux-soak-XXXXXX)"
result=0

if [ "${SOAK_SKIP_LOAD:-0}" != "1" ]; then
  if [[ "$DATABASE_URL" == postgres://*@127.0.0.1:5432/* ]]; then
    bash scripts/services.sh >/dev/null
    db="${DATABASE_URL##*/}"
    psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
      createdb -h 127.0.0.1 -U postgres "$db"
  fi
  echo "== demo data in ${DATABASE_URL##*/}"
  # seed_demo refuses to run with DEBUG off; the server below runs with it off.
  DEBUG=1 $PY manage.py migrate --noinput -v0
  DEBUG=1 $PY manage.py seed_demo >/dev/null

  # Production-like: DEBUG off (manifest static files, persistent connections); clients
  # send X-Forwarded-Proto as the TLS proxy would, so no HTTPS redirect is configured.
  export DEBUG=0 SECRET_KEY="soak-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
  export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING
  export CONN_MAX_AGE=60
  # The demo administrator has no authenticator app: with MFA required (production's
  # default) every administrator request would be sent to set one up.
  export MFA_REQUIRED_FOR_ADMINISTRATORS=0
  # The 50 users sign in from one address within a minute, which only a whole school
  # behind one NAT address does: allauth's 30 sign-ins a minute per address would refuse
  # 20 of them (the failed-sign-in limits stay as they are).
  export LOGIN_RATE_LIMIT=200/m/ip
  # The cache on Redis, as in production: the pages kept under the data's version
  # (vuxportal/dataversion.py) are shared by the four workers. A database of its own,
  # emptied first, so nothing kept from an earlier run is measured.
  export REDIS_URL="${SOAK_REDIS_URL:-redis://127.0.0.1:6379/5}"
  $PY -c "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()"
  $PY manage.py collectstatic --noinput -v0

  port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  $PY -m gunicorn vuxportal.wsgi --bind "127.0.0.1:$port" --workers 4 --timeout 60 \
    >"$out/gunicorn.log" 2>&1 &
  gunicorn_pid=$!
  trap 'kill "$gunicorn_pid" 2>/dev/null || true; wait "$gunicorn_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    sleep 1
  done

  echo "== locust: $USERS users for ${SECONDS_TO_RUN}s against gunicorn (4 workers) on :$port"
  status=0
  SOAK_STEADY_JSON="$out/steady.json" .venv/bin/locust -f tests/soak/locustfile.py --headless --host "http://127.0.0.1:$port" \
    --users "$USERS" --spawn-rate 5 --run-time "${SECONDS_TO_RUN}s" --stop-timeout 10 \
    --csv "$out/load" --only-summary --loglevel WARNING >"$out/locust.log" 2>&1 || status=$?
  kill "$gunicorn_pid" 2>/dev/null || true
  wait "$gunicorn_pid" 2>/dev/null || true
  trap - EXIT

  $PY - "$out" "$status" <<'PY' || result=1
import csv, json, sys
out, status = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(f"{out}/load_stats.csv")))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"{'page':<40}{'requests':>10}{'errors':>8}{'median ms':>11}{'p95 ms':>9}")
for r in rows:
    if r["Name"] != "Aggregated" and not r["Name"].startswith("probe"):
        print(f"{r['Name'][:39]:<40}{r['Request Count']:>10}{r['Failure Count']:>8}"
              f"{r['50%']:>11}{r['95%']:>9}")
errors = int(total["Failure Count"])
print(f"\nrequests/s: {float(total['Requests/s']):.1f}   p95: {total['95%']} ms   "
      f"median: {total['50%']} ms   requests: {total['Request Count']}   errors: {errors}")
# Issue 18's targets for the whole run: ≥ 80 requests/s, p95 ≤ 400 ms on every page but
# sign-in, no error. Printed, not enforced (errors alone fail the run): the figures
# depend on the machine.
pages = [r for r in rows if r["Name"] != "Aggregated" and not r["Name"].startswith("probe")
         and "login" not in r["Name"]]
worst = max(pages, key=lambda r: int(r["95%"]))
rate = float(total["Requests/s"])
print(f"targets: requests/s >= 80: {'yes' if rate >= 80 else 'NO'};  "
      f"p95 <= 400 ms on every page but sign-in: {'yes' if int(worst['95%']) <= 400 else 'NO'} "
      f"(worst {worst['Name']}, {worst['95%']} ms);  no error: {'yes' if not errors else 'NO'}")
# The steady state: from the moment every user has signed in (tests/soak/locustfile.py).
try:
    steady = json.load(open(f"{out}/steady.json"))
except FileNotFoundError:
    steady = None
if steady:
    def p95(times):
        times = sorted(times)
        return times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)] if times else 0
    every = [t for rows in steady["times"].values() for t, _failed in rows]
    print(f"\nsteady state ({steady['seconds']:.0f} s after the last sign-in):")
    print(f"{'page':<40}{'requests':>10}{'p95 ms':>9}")
    worst = 0
    for name, rows in sorted(steady["times"].items()):
        page_p95 = p95([t for t, _failed in rows])
        if "login" not in name:
            worst = max(worst, page_p95)
        print(f"{name[:39]:<40}{len(rows):>10}{page_p95:>9.0f}")
    print(f"\nsteady requests/s: {len(every) / steady['seconds']:.1f}   p95: {p95(every):.0f} ms   "
          f"worst page p95 (sign-in aside): {worst:.0f} ms   requests: {len(every)}")
failures = f"{out}/load_failures.csv"
for r in csv.DictReader(open(failures)):
    print(f"  error: {r['Method']} {r['Name']}: {r['Error']} ({r['Occurrences']}x)")
if errors or status not in (0, 1):
    sys.exit(1)
PY
  echo "(logs in $out)"
fi

if [ "${SOAK_SKIP_FAULTS:-0}" != "1" ]; then
  echo "== fault and backup tests (private PostgreSQL and Redis)"
  env -u DEBUG -u SECRET_KEY -u ALLOWED_HOSTS -u CONN_MAX_AGE -u SECURE_SSL_REDIRECT \
    .venv/bin/pytest -q -p no:cacheprovider -m soak tests/soak || result=1
fi
exit $result
