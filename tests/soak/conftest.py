"""Fixtures of the soak tests: a private PostgreSQL cluster with the demo data loaded.

These tests start real processes (PostgreSQL, Redis, gunicorn, Celery) and run in
``make soak``; see tests/soak/servers.py for why the servers are private.
"""

import pytest

from .servers import PrivatePostgres, manage, portal_env


@pytest.fixture(scope="session")
def private_pg():
    server = PrivatePostgres().init()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def demo_database(private_pg, tmp_path_factory):
    """A migrated database with the demo data and a media folder, on the private cluster.
    Returns (DATABASE_URL, MEDIA_ROOT)."""
    url = private_pg.createdb("vux_soak_demo")
    media = tmp_path_factory.mktemp("demo-media")
    env = portal_env(DATABASE_URL=url, MEDIA_ROOT=str(media))
    manage("migrate", "--noinput", "-v0", env=env)
    manage("seed_demo", env=env)
    return url, media
