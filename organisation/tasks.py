"""Thin tasks: load what they need and call a service (the reports engineer schedules
them by name with django-celery-beat)."""

from celery import shared_task

from . import services


@shared_task(name="organisation.tasks.remind_routine_reviews")
def remind_routine_reviews() -> int:
    """Emails owners of routines due for review; run daily."""
    return services.routine_reminders_send()
