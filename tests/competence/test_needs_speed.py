"""The needs analysis reads every rating of the periods only when they (or who the
audience is) changed since the last reader: the counts are cached under their data's
version, per school scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competence import needs
from organisation import services
from organisation.models import Membership
from tests.factories import person
from vuxportal import dataversion
from vuxportal.roles import Role

from .factories import assess, needs_framework, open_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(db):
    return needs_framework()


@pytest.fixture
def period(db):
    return open_period()


def _teachers(school, levels, period, framework):
    people = []
    for level in levels:
        teacher = person(Role.TEACHER, school)
        assess(teacher, framework, period, level=level, school=school)
        people.append(teacher)
    return people


def _first_row(period, school_ids=None):
    row = needs.needs_for(period=period, school_ids=school_ids).rows[0]
    return row.people, row.below


def _reads_ratings(fn) -> bool:
    with CaptureQueriesContext(connection) as captured:
        fn()
    # The data version's query names the table too, but reads no rating.
    return any(
        "competence_rating" in q["sql"] and dataversion.TABLE not in q["sql"] for q in captured
    )


def test_the_ratings_are_read_once_until_they_change(framework, period, school_a):
    _teachers(school_a, [1, 2, 3, 4, 5], period, framework)
    assert _reads_ratings(lambda: _first_row(period))
    assert not _reads_ratings(lambda: _first_row(period))
    assert _first_row(period) == (5, 2)
    _teachers(school_a, [1], period, framework)
    assert _reads_ratings(lambda: _first_row(period))
    assert _first_row(period) == (6, 3)


def test_a_person_who_leaves_the_audience_is_no_longer_counted(framework, period, school_a):
    people = _teachers(school_a, [1, 2, 3, 4, 5, 6], period, framework)
    assert _first_row(period) == (6, 2)
    services.membership_end(membership=Membership.objects.get(user=people[0]))
    assert _first_row(period) == (5, 1)


def test_each_school_scope_has_its_own_counts(framework, period, school_a, school_b):
    _teachers(school_a, [1, 1, 1, 1, 1], period, framework)
    _teachers(school_b, [5, 5, 5, 5, 5], period, framework)
    assert _first_row(period, {school_a.pk}) == (5, 5)
    assert _first_row(period, {school_b.pk}) == (5, 0)
    assert _first_row(period) == (10, 5)


def test_a_leader_and_an_administrator_see_their_own_scope(
    login, framework, period, school_a, school_b, leader, administrator
):
    _teachers(school_a, [1, 1, 1, 1, 1], period, framework)
    _teachers(school_b, [5, 5, 5, 5, 5], period, framework)
    url = reverse("competence:needs")
    assert login(administrator).get(url).context["needs"].rows[0].people == 10
    assert login(leader).get(url).context["needs"].rows[0].people == 5


def test_a_changed_target_level_counts_afresh(framework, period, school_a):
    _teachers(school_a, [1, 2, 3, 4, 5], period, framework)
    assert _first_row(period) == (5, 2)
    framework.target_level = 4
    framework.save()
    assert _first_row(period) == (5, 3)
