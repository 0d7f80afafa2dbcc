"""Celery tasks of the reports: thin, they take ids and call a service."""

from smtplib import SMTPException

from celery import shared_task
from celery.signals import worker_ready

from . import services


@shared_task(
    bind=True,
    name="reports.tasks.compile_report",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(services.TransientError,),
    retry_backoff=30,
    retry_backoff_max=15 * 60,
    retry_jitter=True,
    max_retries=4,
)
def compile_report(self, report_id: int) -> None:
    # Run eagerly (no broker: development, tests) there is no later attempt to wait for.
    final = self.request.is_eager or self.request.retries >= self.max_retries
    services.report_compile(report_id=report_id, final_attempt=final)


@shared_task(
    name="reports.tasks.notify_report_ready",
    autoretry_for=(OSError, SMTPException),
    retry_backoff=60,
    max_retries=5,
)
def notify_report_ready(report_id: int) -> None:
    services.notify_ready(report_id=report_id)


# Beat sends one every 20 s: a sweep that waited longer in the queue (no worker was up)
# is dropped, the next one does the same work.
@shared_task(name="reports.tasks.requeue_stuck_reports", expires=60)
def requeue_stuck_reports() -> list[int]:
    return services.reports_requeue_stuck()


@worker_ready.connect
def sweep_when_a_worker_starts(**kwargs) -> None:
    # A starting worker may be the replacement of one that died mid-compile: sweep now, and
    # once more when that worker's reports have gone stale, so they are taken over even
    # while beat is down.
    requeue_stuck_reports.apply_async()
    later = services.STALE_AFTER.total_seconds() + services.HEARTBEAT_EVERY.total_seconds()
    requeue_stuck_reports.apply_async(countdown=later, expires=later + 60)


@shared_task(name="reports.tasks.draft_reports_after_deadline")
def draft_reports_after_deadline() -> list[int]:
    return [report.pk for report in services.reports_draft_after_deadline()]
