"""The Celery beat schedules (django-celery-beat), created once on every installation.

Administrators change times and switch schedules on and off in the portal
(``reports:schedule_list``); ``setup_schedules`` only creates missing ones, so it never
overwrites their edits. Each app declares the schedules of its own tasks in its
``plugins.py`` (the one registry's ``schedules`` store); this module only creates them.
"""

from __future__ import annotations

from django.conf import settings

from vuxportal.registry import registry


def __getattr__(name):
    # Read when asked, so every app's plugins.py has registered its schedules by then.
    if name == "SCHEDULES":
        return registry.schedules.all()
    if name == "DESCRIPTIONS":
        return {s.task: s.description for s in registry.schedules.all()}
    raise AttributeError(name)


def setup_schedules() -> int:
    """Creates the missing schedules; returns how many were created."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    created = 0
    existing = set(PeriodicTask.objects.values_list("task", flat=True))
    for schedule in registry.schedules.all():
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
