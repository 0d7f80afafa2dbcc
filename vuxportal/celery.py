"""The Celery app. Settings come from Django's, under the ``CELERY_`` prefix.

Each app declares the beat schedules of its own tasks in its ``plugins.py``, as
``Schedule`` entries in the one registry's ``schedules`` store (keyed by task name);
``reports.schedules.setup_schedules`` creates the missing ones.
"""

import os
from dataclasses import dataclass

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vuxportal.settings")

app = Celery("vuxportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@dataclass(frozen=True)
class Schedule:
    name: str  # stored data, shown as it is: Swedish, the organisation's language
    task: str
    description: str
    minute: str = "0"
    hour: str = "*"
    day_of_week: str = "*"
    # Seconds between runs, for a task that must run more often than a crontab can (once
    # a minute); the crontab fields are then unused.
    every: int | None = None
    # The crontab minute an earlier version installed this task with: an installation
    # whose row is still on it (never re-timed) moves to ``every`` on the next migrate.
    replaces_minute: str = ""

    @property
    def key(self) -> str:
        return self.task
