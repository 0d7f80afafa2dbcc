"""Fixtures for every test: two schools and a person in each role.

School A is "own" scope for every school-bound role; school B is out of scope. The
administrator is organisation-wide.
"""

import pytest

from tests.factories import PASSWORD, SchoolFactory, person
from vuxportal.roles import Role

pytest_plugins = ["tests.matrix_runner"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def school_a(db):
    return SchoolFactory(code="skola-a", name="Vux Skola A")


@pytest.fixture
def school_b(db):
    return SchoolFactory(code="skola-b", name="Vux Skola B")


@pytest.fixture
def teacher(school_a):
    return person(Role.TEACHER, school_a, email="larare.a@vux.test")


@pytest.fixture
def staff_member(school_a):
    return person(Role.STAFF, school_a, email="personal.a@vux.test")


@pytest.fixture
def leader(school_a):
    return person(Role.SCHOOL_LEADER, school_a, email="rektor.a@vux.test")


@pytest.fixture
def it_staff(school_a):
    return person(Role.IT_STAFF, school_a, email="it.a@vux.test")


@pytest.fixture
def administrator(db):
    return person(Role.ADMINISTRATOR, None, email="admin@vux.test")


@pytest.fixture
def teacher_b(school_b):
    return person(Role.TEACHER, school_b, email="larare.b@vux.test")


@pytest.fixture
def leader_b(school_b):
    return person(Role.SCHOOL_LEADER, school_b, email="rektor.b@vux.test")


ROLE_FIXTURES = {
    Role.TEACHER: "teacher",
    Role.STAFF: "staff_member",
    Role.SCHOOL_LEADER: "leader",
    Role.IT_STAFF: "it_staff",
    Role.ADMINISTRATOR: "administrator",
}


@pytest.fixture
def user_in_role(request):
    """``user_in_role("teacher")`` → the fixture user holding that role at school A."""

    def get(role: str):
        return request.getfixturevalue(ROLE_FIXTURES[role])

    return get


@pytest.fixture
def login(client):
    def do_login(user):
        client.force_login(user)
        return client

    return do_login


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(autouse=True)
def _eager_tasks_and_local_cache(settings):
    """Tests run tasks in-process and keep a private cache, even when REDIS_URL is set
    (parallel test workers must not share rate-limit counters). Tests of the real Redis
    path opt back in explicitly."""
    from vuxportal.celery import app

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    app.conf.task_always_eager = True
    from django.core.cache import cache

    # Rate limits and cached aggregates live in the cache; every test starts clean.
    cache.clear()
    yield
