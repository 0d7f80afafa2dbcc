"""Scheduled tasks of the competence app (django-celery-beat schedules them by these
names). Thin: they call services."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="competence.tasks.send_session_reminders")
def send_session_reminders() -> list[int]:
    """Daily: everyone enrolled in tomorrow's sessions gets a reminder, once per session."""
    return services.activity_send_reminders(on=timezone.localdate())
