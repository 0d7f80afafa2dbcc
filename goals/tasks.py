"""Celery tasks for goals. Thin: they take ids and call a service. The reports app
schedules them by name (nightly snapshot, reminders before deadlines)."""

from celery import shared_task

from . import services
from .models import ReportingPeriod


@shared_task(name="goals.tasks.snapshot_period")
def snapshot_period(period_id: int) -> int:
    """Snapshots the automatic indicators of one open period."""
    period = ReportingPeriod.objects.get(pk=period_id)
    if period.is_closed:
        return 0  # frozen: its last snapshot was taken when it closed
    return services.snapshot_period(period=period)


@shared_task(name="goals.tasks.snapshot_open_periods")
def snapshot_open_periods() -> int:
    """Nightly: snapshots every open period."""
    return sum(services.snapshot_period(period=period) for period in ReportingPeriod.objects.open())


@shared_task(name="goals.tasks.remind_before_deadlines")
def remind_before_deadlines(days_before: int = 7) -> int:
    """Daily: reminds leaders who have not submitted, ``days_before`` days before a deadline."""
    return services.remind_before_deadlines(days_before=days_before)
