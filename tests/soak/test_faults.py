"""Fault tests on real processes: gunicorn (2 workers, persistent connections) on a
private PostgreSQL and a private Redis, which the tests stop and start again.

- PostgreSQL down: pages answer the Swedish 500 page and /healthz 503, nothing hangs;
  PostgreSQL back: pages answer 200 again without restarting gunicorn.
- Redis down: pages still work (the cache fails soft), a report request says in Swedish
  that the job queue is unreachable and the report stays queued; Redis and a worker back:
  the sweep sends it and it is compiled.
- Report workers killed mid-PDF ten times in a row, with beat running: another worker
  finishes every report exactly once, each within two minutes of its worker's death.
"""

import re
import subprocess
import time

import pytest

from tests.reports.factories import build_report_data
from tests.reports.worker_kills import (
    Stack,
    assert_each_finished_once,
    kill_and_recover,
    reports_to_kill,
)

from .client import PortalClient
from .servers import (
    BASE_DIR,
    PYTHON,
    Gunicorn,
    PrivateRedis,
    collectstatic,
    production_env,
    shell,
    wait_for,
)

pytestmark = pytest.mark.soak

PAGES = ["/", "/mal/", "/it/enheter/", "/kompetens/ramverk/", "/rapporter/"]
SWEDISH_500 = "Något gick fel"


@pytest.fixture
def portal(demo_database, tmp_path):
    """Starts gunicorn (2 workers) against the demo database; ``portal(**env)``."""
    url, media = demo_database
    started = []

    def start(**extra):
        env = production_env(DATABASE_URL=url, MEDIA_ROOT=str(media), **extra)
        collectstatic(env)
        server = Gunicorn(env, workers=2, log=tmp_path / "gunicorn.log").start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def test_database_outage_fails_cleanly_and_recovers_without_restart(private_pg, portal):
    web = portal()
    client = PortalClient(web.base)
    client.login("rektor@vux.example")
    for _ in range(3):  # every worker holds a persistent connection now
        for path in PAGES:
            assert client.get(path).status_code == 200, path
    assert client.get("/healthz").status_code == 200

    private_pg.stop()
    try:
        for path in PAGES:
            started = time.monotonic()
            response = client.get(path)
            assert response.status_code == 500, path
            assert SWEDISH_500 in response.text
            assert "Traceback" not in response.text
            assert time.monotonic() - started < 10, f"{path} hung while the database was down"
        # The load balancer's probe carries no session cookie.
        health = PortalClient(web.base).get("/healthz")
        assert health.status_code == 503
        assert health.json()["checks"]["database"].startswith("error")
    finally:
        private_pg.start()

    pid = web.process.pid
    for _ in range(3):
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
    health = PortalClient(web.base).get("/healthz")
    assert health.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert web.process.pid == pid and web.process.poll() is None  # never restarted
    # The session survived the outage: the user is still signed in.
    assert "/accounts/login/" not in client.get("/").headers.get("Location", "")


def _start_worker(env, log):
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "vuxportal",
            "worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=open(log, "ab"),
        stderr=subprocess.STDOUT,
    )


def test_redis_outage_keeps_pages_and_loses_no_report(demo_database, portal, tmp_path):
    redis_server = PrivateRedis().start()
    worker = None
    try:
        web = portal(REDIS_URL=redis_server.url)
        env = web.env
        period = shell(
            "from goals.models import ReportingPeriod as P; "
            "print(P.objects.order_by('-sort_key').values_list('pk', flat=True).first())",
            env,
        )
        client = PortalClient(web.base)
        client.login("admin@vux.example")
        for path in PAGES:
            assert client.get(path).status_code == 200, path

        redis_server.stop()
        # Pages still work, and so does signing in (its rate limits live in the cache).
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        other = PortalClient(web.base)
        other.login("larare@vux.example")
        assert other.get("/").status_code == 200
        health = PortalClient(web.base).get("/healthz")
        assert health.status_code == 503
        assert health.json()["checks"] == {"database": "ok", "redis": "error: ConnectionError"}

        # A report asked for now is refused by the broker: the user is told, nothing lost.
        response = client.post(
            "/rapporter/ny/", {"kind": "infrastructure", "period": period, "school": ""}
        )
        main = response.text.split("<main", 1)[-1]
        assert response.status_code == 302, re.sub(r"<[^>]+>|\s+", " ", main)[:1500]
        detail = client.get(response.headers["Location"])
        assert detail.status_code == 200
        assert "Det gick inte att nå köservern" in detail.text
        report_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
        state = shell(
            f"from reports.models import Report; r = Report.objects.get(pk={report_id}); "
            "print(r.status, bool(r.error))",
            env,
        )
        assert state == "queued True"

        # Redis and a worker come back; the sweep (every 5 minutes in production) sends
        # the waiting report and the worker compiles it.
        redis_server.start()
        worker = _start_worker(env, tmp_path / "worker.log")
        sent = shell(
            "from datetime import timedelta; from reports import services; "
            "print(services.reports_requeue_stuck(resend_after=timedelta(0)))",
            env,
        )
        assert str(report_id) in sent

        def finished():
            status = shell(
                f"from reports.models import Report; "
                f"print(Report.objects.get(pk={report_id}).status)",
                env,
            )
            return status if status in ("done", "failed") else None

        outcome = wait_for(finished, 240, "the queued report to compile")
        error = shell(
            "from reports.models import Report; "
            f"print(repr(Report.objects.get(pk={report_id}).error))",
            env,
        )
        assert outcome == "done", error
        assert client.get("/healthz").status_code == 200
        assert client.get(f"/rapporter/{report_id}/").status_code == 200
    finally:
        if worker and worker.poll() is None:
            worker.terminate()
            worker.wait(30)
        redis_server.stop()


def test_ten_killed_report_workers_each_report_done_within_two_minutes(
    transactional_db, school_a, school_b, tmp_path, monkeypatch
):
    redis_server = PrivateRedis().start()
    stack = Stack(redis_url=redis_server.url, logs=tmp_path / "kills")
    try:
        data = build_report_data(schools=[school_a, school_b])
        reports = reports_to_kill(data, [school_a, school_b], 10)
        recovery = kill_and_recover(reports, stack, monkeypatch)
        print("seconds from kill to done:", {pk: round(s) for pk, s in recovery.items()})
        assert_each_finished_once(reports, stack)
        assert max(recovery.values()) <= 120, recovery
    finally:
        stack.stop()
        redis_server.stop()
