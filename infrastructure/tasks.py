"""Scheduled tasks (django-celery-beat schedules them by these names). Thin: they call
services."""

from celery import shared_task
from django.utils import timezone

from organisation.models import School

from . import reminders, services


@shared_task(name="infrastructure.tasks.pseudonymise_students")
def pseudonymise_students() -> int:
    """Daily: pseudonymise students whose retention period after the last loan has ended."""
    return services.students_pseudonymise_due()


@shared_task(name="infrastructure.tasks.remind_overdue_loans")
def remind_overdue_loans() -> int:
    """Daily: each school with overdue loans gets one reminder per IT staff member."""
    sent = 0
    for school_id in services.schools_with_overdue_loans():
        sent += remind_school_overdue_loans(school_id)
    return sent


def remind_school_overdue_loans(school_id: int) -> int:
    return services.overdue_reminder_send(school=School.objects.get(pk=school_id))


@shared_task(name="infrastructure.tasks.remind_borrowers")
def remind_borrowers() -> int:
    """Daily: borrowers are reminded before the due date and once overdue, once each."""
    return reminders.loan_reminders_send(on=timezone.localdate())
