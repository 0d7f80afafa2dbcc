"""A task round-trips through the real Redis: queued by this process, run by a separately
started Celery worker, its result seen in the shared (Redis) cache."""

import os
import subprocess
import sys
import time
import uuid

import pytest
import redis

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_settings(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.ConnectionError:
        pytest.fail(
            f"Redis is not reachable at {REDIS_URL}; start it (see README) or set REDIS_URL"
        )
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "vuxportal",
        }
    }
    from django.core.cache import caches

    caches._settings = None  # re-read CACHES
    return settings


@pytest.mark.redis
def test_task_round_trips_through_redis(redis_settings):
    from django.core.cache import cache

    from vuxportal.celery import app
    from vuxportal.tasks import ping

    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "REDIS_URL": REDIS_URL}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "vuxportal",
            "worker",
            "-Q",
            queue,
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        env=env,
    )
    try:
        app.conf.task_always_eager = False
        token = uuid.uuid4().hex
        with app.connection_for_write(REDIS_URL) as connection:
            ping.apply_async(args=[token], queue=queue, connection=connection)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if cache.get(f"vuxportal:ping:{token}") == "pong":
                break
            time.sleep(0.2)
        assert cache.get(f"vuxportal:ping:{token}") == "pong"
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        worker.wait(timeout=20)
