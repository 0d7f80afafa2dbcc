"""What the plumbing itself plugs into the one registry: the clean-up of import files and
of the data version's counters."""

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
registry.schedules.register(
    Schedule(
        "Sammanslagning av dataversionens räknare",
        "vuxportal.tasks.compact_data_version",
        _("Folds the data version's counters of database connections that have ended."),
        minute="50",
        hour="3",
    )
)
