"""Killing the worker mid-compile loses no report and duplicates none: a real Celery
worker on the real Redis is SIGKILLed while it compiles, a new worker starts, the sweep
re-queues the orphaned report and it completes exactly once."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.conf import settings

from reports import services
from reports.models import Report
from reports.tasks import compile_report
from tests.reports.factories import build_report_data

REDIS_URL = os.environ.get("REPORTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(queue: str, **extra_env) -> subprocess.Popen:
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": settings.MEDIA_ROOT,
        "DJANGO_SETTINGS_MODULE": "vuxportal.settings",
        **extra_env,
    }
    env.pop("PYTEST_VERSION", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tests.reports.slow_worker",
            "worker",
            "-Q",
            queue,
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
        env=env,
        cwd=settings.BASE_DIR,
    )


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


def _report(pk) -> Report:
    return Report.objects.get(pk=pk)


@pytest.mark.redis
def test_killed_worker_loses_no_report_and_duplicates_none(
    transactional_db, school_a, school_b, monkeypatch
):
    from vuxportal.celery import app

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}")
    queue = f"test-reports-{uuid.uuid4().hex[:8]}"
    data = build_report_data(schools=[school_a, school_b])
    report = services.report_request(kind="tertial2", period=data.t2, school=None, send=False)

    monkeypatch.setattr(app.conf, "task_always_eager", False)
    connection = app.connection_for_write(REDIS_URL)
    send = compile_report.apply_async

    def send_to_test_queue(*args, **kwargs):
        kwargs.pop("queue", None)
        return send(*args, queue=queue, connection=connection, **kwargs)

    # The portal's own dispatch, pointed at this test's queue on the real Redis.
    monkeypatch.setattr(compile_report, "apply_async", send_to_test_queue)
    first = second = None
    try:
        assert services.dispatch(report_id=report.pk) is True
        first = _start_worker(queue, REPORTS_TEST_PDF_DELAY="120")
        _wait_for(
            lambda: (
                _report(report.pk).status == Report.Status.RUNNING
                and _report(report.pk).progress >= 35
            ),
            timeout=40,
            what="the first worker to reach the PDF step",
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        stuck = _report(report.pk)
        assert stuck.status == Report.Status.RUNNING and stuck.attempts == 1
        assert not stuck.pdf

        second = _start_worker(queue)
        assert services.reports_requeue_stuck(stale_after=timedelta(0)) == [report.pk]
        _wait_for(
            lambda: _report(report.pk).status == Report.Status.DONE,
            timeout=40,
            what="the second worker to finish the report",
        )
        # A duplicate message (e.g. a late redelivery) is a no-op on a finished report.
        services.dispatch(report_id=report.pk)
        _wait_for(lambda: client.llen(queue) == 0, timeout=20, what="the queue to drain")
        time.sleep(2)

        done = _report(report.pk)
        assert Report.objects.count() == 1
        assert done.attempts == 2
        assert done.progress == 100 and done.snapshot["summary"]["goal_count"] == 6
        files = sorted(
            p.name for p in Path(settings.MEDIA_ROOT, "reports").rglob("*") if p.is_file()
        )
        # One file of each, not one per attempt, under a name not guessable from the report.
        stem = Path(done.pdf.name).stem
        assert files == [f"{stem}.pdf", f"{stem}.xlsx"]
        assert len(stem) == 32 and done.file_stem() not in stem
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=20)
        connection.release()
        client.delete(queue)
