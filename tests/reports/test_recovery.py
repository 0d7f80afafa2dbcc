"""Recovering reports from lost workers, in one process: the heartbeat thread, the claim
that every write of a compile depends on, the sweep and its schedule. The real-process
kill tests are tests/reports/test_worker_killed.py and tests/soak/test_faults.py."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from reports import rendering, services, tasks
from reports.models import Report
from reports.schedules import setup_schedules

SWEEP = "reports.tasks.requeue_stuck_reports"


def _running(report, *, seconds_ago: float, attempts: int = 1) -> None:
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING,
        progress=35,
        attempts=attempts,
        heartbeat_at=timezone.now() - timedelta(seconds=seconds_ago),
    )


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_goes_on_during_the_pdf_step(t2, monkeypatch):
    monkeypatch.setattr(services, "HEARTBEAT_EVERY", timedelta(seconds=0.2))
    original = rendering.render_pdf
    beats = []

    def long_render(snapshot):
        for _ in range(8):
            time.sleep(0.25)
            beats.append(Report.objects.get(pk=report.pk).heartbeat_at)
        return original(snapshot)

    monkeypatch.setattr(rendering, "render_pdf", long_render)
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    services.report_compile(report_id=report.pk)
    assert len(set(beats)) >= 4  # the one long call did not stop the heart
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 1


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["render_pdf", "render_excel"])
def test_a_worker_taken_over_does_not_overwrite_the_result(t2, monkeypatch, step):
    original = getattr(rendering, step)
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)

    def taken_over(snapshot):
        # This worker looked lost: the sweep's stale limit passed and another worker claims
        # the report and finishes it while this one is still in the step.
        monkeypatch.setattr(rendering, step, original)
        Report.objects.filter(pk=report.pk).update(
            heartbeat_at=timezone.now() - services.STALE_AFTER - timedelta(seconds=1)
        )
        other = services.report_compile(report_id=report.pk)
        assert other.status == Report.Status.DONE
        return original(snapshot)

    monkeypatch.setattr(rendering, step, taken_over)
    assert services.report_compile(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 2
    files = sorted(p.name for p in Path(settings.MEDIA_ROOT, "reports").iterdir())
    assert files == [Path(report.pdf.name).name, Path(report.excel.name).name]


@pytest.mark.django_db
def test_a_late_failure_does_not_fail_the_report_of_the_next_worker(t2):
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    _running(report, seconds_ago=0, attempts=2)
    services._fail(report.pk, 1, ValueError("the first worker's late error"))
    report.refresh_from_db()
    assert report.status == Report.Status.RUNNING and report.error == ""


@pytest.mark.django_db
def test_the_sweep_takes_a_report_once_its_heartbeat_is_stale(t2, monkeypatch):
    sent = []
    monkeypatch.setattr(services, "dispatch", lambda *, report_id: sent.append(report_id))
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    _running(report, seconds_ago=services.STALE_AFTER.total_seconds() - 15)
    assert services.reports_requeue_stuck() == [] and sent == []

    _running(report, seconds_ago=services.STALE_AFTER.total_seconds() + 1)
    assert services.reports_requeue_stuck() == [report.pk]
    # A second sweep at the same time (beat's and a starting worker's) sends nothing more.
    assert services.reports_requeue_stuck() == []
    assert sent == [report.pk]
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED and report.attempts == 1


@pytest.mark.django_db
def test_a_report_that_lost_too_many_workers_is_failed_not_sent_again(t2, monkeypatch):
    monkeypatch.setattr(services, "dispatch", lambda *, report_id: pytest.fail("sent"))
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    _running(report, seconds_ago=600, attempts=services.MAX_ATTEMPTS)
    assert services.reports_requeue_stuck() == []
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and report.finished_at
    assert str(services.MAX_ATTEMPTS) in report.error


@pytest.mark.django_db
def test_the_sweep_runs_every_20_seconds_and_an_old_installation_moves_to_it():
    sweep = PeriodicTask.objects.get(task=SWEEP)
    assert sweep.crontab is None and sweep.interval.every == 20
    assert sweep.interval.period == "seconds"

    # An installation from before: the sweep on its old five minutes moves on migrate.
    sweep.crontab = CrontabSchedule.objects.create(minute="*/5", timezone="Europe/Stockholm")
    sweep.interval = None
    sweep.save()
    setup_schedules()
    sweep.refresh_from_db()
    assert sweep.crontab is None and sweep.interval.every == 20

    # Times an administrator chose are kept.
    services.schedule_update(task=sweep, enabled=True, minute="*/2", hour="*", day_of_week="*")
    setup_schedules()
    sweep.refresh_from_db()
    assert sweep.interval is None and sweep.crontab.minute == "*/2"


def test_a_starting_worker_sweeps_now_and_once_the_lost_reports_are_stale(monkeypatch):
    sent = []
    monkeypatch.setattr(
        tasks.requeue_stuck_reports, "apply_async", lambda **options: sent.append(options)
    )
    tasks.sweep_when_a_worker_starts(sender=None)
    later = (services.STALE_AFTER + services.HEARTBEAT_EVERY).total_seconds()
    assert sent == [{}, {"countdown": later, "expires": later + 60}]
