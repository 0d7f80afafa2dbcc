"""Celery tasks of the reports: thin, they take ids and call a service."""

from smtplib import SMTPException

from celery import shared_task

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


@shared_task(name="reports.tasks.requeue_stuck_reports")
def requeue_stuck_reports() -> list[int]:
    return services.reports_requeue_stuck()


@shared_task(name="reports.tasks.draft_reports_after_deadline")
def draft_reports_after_deadline() -> list[int]:
    return [report.pk for report in services.reports_draft_after_deadline()]
