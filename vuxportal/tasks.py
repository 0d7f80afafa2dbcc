from celery import shared_task
from django.core.cache import cache


@shared_task(name="vuxportal.ping")
def ping(token: str) -> str:
    """Health task: leaves ``token`` in the shared cache so a caller can see a worker ran it."""
    cache.set(f"vuxportal:ping:{token}", "pong", timeout=300)
    return "pong"
