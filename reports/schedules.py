"""The Celery beat schedules (django-celery-beat), created once on every installation.

Administrators change times and switch schedules on and off in the portal
(``reports:schedule_list``); ``setup_schedules`` only creates missing ones, so it never
overwrites their edits. Tasks of other apps are referred to by name only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Schedule:
    name: str  # stored data, shown as it is: Swedish, the organisation's language
    task: str
    description: str
    minute: str = "0"
    hour: str = "*"
    day_of_week: str = "*"


SCHEDULES = [
    Schedule(
        "Nattlig ögonblicksbild av automatiska indikatorer",
        "goals.tasks.snapshot_open_periods",
        _("Stores the live values of automatic indicators for the open periods."),
        minute="15",
        hour="2",
    ),
    Schedule(
        "Rapportutkast efter sista rapportdag",
        "reports.tasks.draft_reports_after_deadline",
        _("The day after a period's deadline, a draft of the organisation's report."),
        minute="0",
        hour="5",
    ),
    Schedule(
        "Påminnelser före sista rapportdag",
        "goals.tasks.remind_before_deadlines",
        _("Emails school leaders who have not submitted before a deadline."),
        minute="0",
        hour="7",
    ),
    Schedule(
        "Påminnelser om försenade lån",
        "infrastructure.tasks.remind_overdue_loans",
        _("Emails about loan devices that are overdue."),
        minute="30",
        hour="7",
    ),
    Schedule(
        "Pseudonymisering av tidigare låntagare",
        "infrastructure.tasks.pseudonymise_students",
        _("Pseudonymises students whose loans closed longer ago than the retention period."),
        minute="30",
        hour="3",
    ),
    Schedule(
        "Påminnelser om översyn av rutiner",
        "organisation.tasks.remind_routine_reviews",
        _("Weekly reminder of routines due for review."),
        minute="0",
        hour="8",
        day_of_week="1",
    ),
    Schedule(
        "Radering av gamla importfiler",
        "vuxportal.tasks.delete_stale_import_previews",
        _("Deletes uploaded import files that were never confirmed or cancelled, after a day."),
        minute="45",
        hour="3",
    ),
    Schedule(
        "Köa om fastnade rapporter",
        "reports.tasks.requeue_stuck_reports",
        _("Sends again reports whose worker was lost or whose queue was down."),
        minute="*/5",
    ),
]
DESCRIPTIONS = {s.task: s.description for s in SCHEDULES}


def setup_schedules() -> int:
    """Creates the missing schedules; returns how many were created."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    created = 0
    existing = set(PeriodicTask.objects.values_list("task", flat=True))
    for schedule in SCHEDULES:
        if schedule.task in existing:
            continue
        crontab, _created = CrontabSchedule.objects.get_or_create(
            minute=schedule.minute,
            hour=schedule.hour,
            day_of_week=schedule.day_of_week,
            day_of_month="*",
            month_of_year="*",
            timezone=settings.TIME_ZONE,
        )
        PeriodicTask.objects.create(
            name=schedule.name, task=schedule.task, crontab=crontab, enabled=True
        )
        created += 1
    return created


def setup_after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    if "django_celery_beat_periodictask" in connections[using].introspection.table_names():
        setup_schedules()
