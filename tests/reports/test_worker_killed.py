"""Killing report workers mid-PDF loses no report and duplicates none, and another worker
finishes each within two minutes of its worker's death with nobody acting: real Celery
workers and beat on the real Redis, as the Procfile runs them (tests/reports/
worker_kills.py). Two kills here; the ten-kill run is in tests/soak/test_faults.py."""

import os

import pytest
import redis

from tests.reports.factories import build_report_data
from tests.reports.worker_kills import Stack, assert_each_finished_once, kill_and_recover
from tests.reports.worker_kills import reports_to_kill as reports_for

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"
RECOVERY_BOUND = 120  # seconds from a worker's death to its report done


@pytest.fixture
def stack(tmp_path):
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}")
    stack = Stack(redis_url=REDIS_URL, logs=tmp_path / "logs")
    yield stack
    stack.stop()


@pytest.mark.redis
def test_killed_workers_reports_are_done_within_two_minutes_exactly_once(
    transactional_db, school_a, school_b, stack, monkeypatch
):
    data = build_report_data(schools=[school_a, school_b])
    reports = reports_for(data, [school_a, school_b], 2)
    recovery = kill_and_recover(reports, stack, monkeypatch)
    print("seconds from kill to done:", {pk: round(s) for pk, s in recovery.items()})
    assert_each_finished_once(reports, stack)
    assert max(recovery.values()) <= RECOVERY_BOUND, recovery
