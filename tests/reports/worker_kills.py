"""Kills report workers mid-PDF on real processes and waits, without acting, for the
reports to be done: the harness of tests/reports/test_worker_killed.py (a few kills, in
`make test`) and tests/soak/test_faults.py (ten, in `make soak`).

The stack is the Procfile's: Celery beat (database scheduler, only the sweep switched
on) and a worker (prefork, concurrency 2) that survives. Each report is sent to a
*victim* worker of its own (its own queue, every PDF step slowed) that is SIGKILLed with
its whole process group once the report's heartbeat thread has beaten during the PDF
step: the worst moment, the longest wait until the heartbeat goes stale. The next victim
is started while the previous one compiles, so the kills follow each other quickly.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from django.conf import settings

from reports import services
from reports.models import Report
from reports.schedules import setup_schedules
from reports.tasks import compile_report

SWEEP = "reports.tasks.requeue_stuck_reports"


def database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, timeout: float, what: str, every: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def reports_to_kill(data, schools, count: int) -> list[Report]:
    """``count`` (up to 10) distinct reports on ``build_report_data``'s periods."""
    scopes = [None, *schools]
    wanted = [
        *(("tertial2", data.t2, s) for s in scopes),
        *(("tertial1", data.t1, s) for s in scopes),
        *(("competence", data.t2, s) for s in scopes),
        ("infrastructure", data.t2, None),
    ][:count]
    assert len(wanted) == count, "at most 10 reports"
    return [
        services.report_request(kind=kind, period=period, school=school, send=False)
        for kind, period, school in wanted
    ]


@dataclass
class Stack:
    redis_url: str
    logs: Path
    queue: str = field(default_factory=lambda: f"test-reports-{uuid.uuid4().hex[:8]}")
    finished: Path = field(init=False)
    processes: list[subprocess.Popen] = field(default_factory=list)

    def __post_init__(self):
        self.logs.mkdir(parents=True, exist_ok=True)
        self.finished = self.logs / "finished.txt"
        self.finished.touch()

    @property
    def victims(self) -> str:
        return f"{self.queue}-victims"

    def _start(self, name: str, args: list[str], **extra_env) -> subprocess.Popen:
        env = {
            **os.environ,
            "REDIS_URL": self.redis_url,
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": settings.MEDIA_ROOT,
            "DJANGO_SETTINGS_MODULE": "vuxportal.settings",
            "REPORTS_TEST_QUEUE": self.queue,
            "REPORTS_TEST_FINISHED": str(self.finished),
            **extra_env,
        }
        env.pop("PYTEST_VERSION", None)
        # The child keeps its own copy of the log's descriptor.
        with open(self.logs / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "tests.reports.slow_worker", *args],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as a whole
            )
        self.processes.append(process)
        return process

    def start_beat(self) -> subprocess.Popen:
        return self._start("beat", ["beat", "--loglevel", "INFO"])

    def start_worker(self) -> subprocess.Popen:
        # The Procfile's worker, on the test's default queue.
        args = ["worker", "--loglevel", "INFO", "--concurrency", "2"]
        return self._start("worker", [*args, "--max-tasks-per-child", "100"])

    def start_victim(self, number: int) -> subprocess.Popen:
        args = ["worker", "-Q", self.victims, "--concurrency", "1", "--loglevel", "INFO"]
        quick = ["--without-mingle", "--without-gossip", "--without-heartbeat"]
        return self._start(f"victim-{number}", [*args, *quick], REPORTS_TEST_PDF_DELAY="600")

    def finishes(self) -> Counter:
        return Counter(int(line) for line in self.finished.read_text().split())

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        client = redis.Redis.from_url(self.redis_url, socket_timeout=5)
        for queue in (self.queue, self.victims):
            client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        # A killed victim's message stays unacknowledged in kombu's hash until the
        # visibility timeout, then would be restored into a queue nobody reads.
        for tag, payload in client.hscan_iter("unacked"):
            if json.loads(payload)[2] == self.victims:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)


def only_the_sweep_scheduled() -> None:
    from django_celery_beat.models import PeriodicTask

    setup_schedules()
    PeriodicTask.objects.exclude(task=SWEEP).update(enabled=False)
    assert PeriodicTask.objects.get(task=SWEEP).interval.every == 20


def sender(redis_url: str, monkeypatch):
    """``send(report_id, queue)``: the compile task's message, on the real Redis."""
    from vuxportal.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", False)
    connection = app.connection_for_write(redis_url)
    original = compile_report.apply_async

    def send(report_id: int, queue: str):
        return original(args=[report_id], queue=queue, connection=connection)

    return send, connection


def kill_mid_pdf(victim: subprocess.Popen, report_id: int) -> float:
    """Waits for the report's PDF step and a heartbeat from its thread during it, then
    SIGKILLs the victim's process group; returns the time of the kill (epoch seconds)."""

    def in_pdf_step():
        report = Report.objects.get(pk=report_id)
        return report.heartbeat_at if report.progress == 35 else None

    entered = wait_for(in_pdf_step, 60, f"report {report_id} to reach the PDF step")
    wait_for(
        lambda: Report.objects.get(pk=report_id).heartbeat_at > entered,
        30,
        f"a heartbeat of report {report_id} during the PDF step",
    )
    os.killpg(victim.pid, signal.SIGKILL)
    killed_at = time.time()
    victim.wait(timeout=10)
    report = Report.objects.get(pk=report_id)
    assert report.status == Report.Status.RUNNING and report.attempts == 1 and not report.pdf
    return killed_at


def kill_and_recover(reports: list[Report], stack: Stack, monkeypatch) -> dict[int, float]:
    """Kills one victim per report, in a row, then waits without acting until every report
    is finished; then delivers every report's message once more (as Redis does after the
    visibility timeout). Returns each report's seconds from its worker's death to done."""
    only_the_sweep_scheduled()
    send, connection = sender(stack.redis_url, monkeypatch)
    killed_at = {}
    try:
        stack.start_beat()
        stack.start_worker()
        victim = stack.start_victim(1)
        for number, report in enumerate(reports, start=1):
            send(report.pk, stack.victims)
            wait_for(
                lambda pk=report.pk: Report.objects.get(pk=pk).status == Report.Status.RUNNING,
                120,
                f"victim {number} to claim report {report.pk}",
            )
            # Started only now, so the claim above was surely this victim's.
            following = stack.start_victim(number + 1) if number < len(reports) else None
            killed_at[report.pk] = kill_mid_pdf(victim, report.pk)
            victim = following
        wait_for(
            lambda: (
                not Report.objects.filter(
                    pk__in=killed_at, status__in=[Report.Status.QUEUED, Report.Status.RUNNING]
                ).exists()
            ),
            max(killed_at.values()) + 150 - time.time(),
            "every report to be finished, with nobody acting",
            every=1,
        )
        finished = {
            r.pk: r.finished_at.timestamp() - killed_at[r.pk]
            for r in Report.objects.filter(pk__in=killed_at)
        }
        _deliver_again(killed_at, stack, send)
        return finished
    finally:
        connection.release()


def _deliver_again(report_ids, stack: Stack, send) -> None:
    client = redis.Redis.from_url(stack.redis_url, socket_timeout=5)
    for report_id in report_ids:
        send(report_id, stack.queue)
    wait_for(lambda: client.llen(stack.queue) == 0, 60, "the worker to take the messages")
    time.sleep(5)  # the last one taken runs to its end


def assert_each_finished_once(reports: list[Report], stack: Stack) -> None:
    finished = {r.pk: r for r in Report.objects.filter(pk__in=[r.pk for r in reports])}
    assert {pk: r.status for pk, r in finished.items()} == {
        r.pk: Report.Status.DONE for r in reports
    }
    # Killed once, finished by the next attempt: no attempt lost, none run twice.
    assert {pk: r.attempts for pk, r in finished.items()} == {r.pk: 2 for r in reports}
    assert stack.finishes() == Counter({r.pk: 1 for r in reports})
    files = Counter(p.stem for p in Path(settings.MEDIA_ROOT, "reports").rglob("*") if p.is_file())
    # One PDF and one workbook per report, not one per attempt, under names not guessable.
    assert files == Counter({Path(r.pdf.name).stem: 2 for r in finished.values()})
    for report in finished.values():
        assert Path(report.excel.name).stem == Path(report.pdf.name).stem
        assert report.progress == 100 and report.checksum
