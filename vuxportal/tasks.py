from celery import shared_task
from django.core.cache import cache

from . import dataversion
from .imports import delete_stale_previews


@shared_task(name="vuxportal.ping")
def ping(token: str) -> str:
    """Health task: leaves ``token`` in the shared cache so a caller can see a worker ran it."""
    cache.set(f"vuxportal:ping:{token}", "pong", timeout=300)
    return "pong"


@shared_task(name="vuxportal.tasks.delete_stale_import_previews")
def delete_stale_import_previews() -> int:
    """Daily: removes import preview files that were never confirmed or cancelled."""
    return delete_stale_previews()


@shared_task(name="vuxportal.tasks.compact_data_version")
def compact_data_version() -> int:
    """Daily: folds the data version's counters of ended database connections."""
    return dataversion.compact()
