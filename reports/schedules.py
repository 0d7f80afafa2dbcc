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


def _when(schedule) -> dict:
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule

    if schedule.every:
        interval, _created = IntervalSchedule.objects.get_or_create(
            every=schedule.every, period=IntervalSchedule.SECONDS
        )
        return {"interval": interval, "crontab": None}
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute=schedule.minute,
        hour=schedule.hour,
        day_of_week=schedule.day_of_week,
        day_of_month="*",
        month_of_year="*",
        timezone=settings.TIME_ZONE,
    )
    return {"crontab": crontab, "interval": None}


def _move_to_interval(schedule) -> None:
    """A row an earlier version installed on a crontab that was never re-timed (still the
    old default) moves to the schedule's interval; an administrator's own times are kept."""
    from django_celery_beat.models import PeriodicTask

    old = PeriodicTask.objects.filter(
        task=schedule.task,
        crontab__minute=schedule.replaces_minute,
        crontab__hour="*",
        crontab__day_of_week="*",
    ).first()
    if old is not None:
        for field, value in _when(schedule).items():
            setattr(old, field, value)
        old.save()


def setup_schedules() -> int:
    """Creates the missing schedules; returns how many were created."""
    from django_celery_beat.models import PeriodicTask

    created = 0
    existing = set(PeriodicTask.objects.values_list("task", flat=True))
    for schedule in registry.schedules.all():
        if schedule.task in existing:
            if schedule.every and schedule.replaces_minute:
                _move_to_interval(schedule)
            continue
        PeriodicTask.objects.create(
            name=schedule.name, task=schedule.task, enabled=True, **_when(schedule)
        )
        created += 1
    return created


def setup_after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    if "django_celery_beat_periodictask" in connections[using].introspection.table_names():
        setup_schedules()
