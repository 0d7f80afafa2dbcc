"""What the plumbing itself plugs into the one registry: the clean-up of import files."""

from django.utils.translation import gettext_lazy as _

from .celery import Schedule
from .registry import registry

registry.schedules.register(
    Schedule(
        "Radering av gamla importfiler",
        "vuxportal.tasks.delete_stale_import_previews",
        _("Deletes uploaded import files that were never confirmed or cancelled, after a day."),
        minute="45",
        hour="3",
    )
)
