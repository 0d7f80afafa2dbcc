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

    @property
    def key(self) -> str:
        return self.task
