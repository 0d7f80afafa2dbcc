"""List pages and aggregates run the same number of queries for small and big data."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competence.models import TrainingRecord
from competence.selectors import self_assessment_aggregate, training_totals
from tests.factories import person
from vuxportal.metrics import metrics
from vuxportal.roles import Role

from .factories import (
    ActivityFactory,
    EnrolmentFactory,
    ExampleFactory,
    RecordFactory,
    assess,
)


def _grow(n, school, framework, period, leader):
    for _ in range(n):
        p = person(Role.TEACHER, school)
        assess(p, framework, period, level=3)
        RecordFactory(person=p, school=school)
        activity = ActivityFactory(organiser=leader, school=school)
        EnrolmentFactory(activity=activity, person=p)
        ExampleFactory(author=p, school=school)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


PAGES = [
    ("competence:activity_list", "leader"),
    ("competence:example_list", "leader"),
    ("competence:record_list", "teacher"),
    ("competence:staff_records", "leader"),
    ("competence:framework_list", "teacher"),
    ("competence:evaluation_results", "leader"),
    ("competence:aggregate", "leader"),
    ("competence:self_assessment_list", "teacher"),
    ("home", "leader"),
    ("home", "teacher"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "who"), PAGES)
def test_pages_keep_a_constant_query_count(
    request, client, url_name, who, school_a, leader, teacher, framework, period
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    url = reverse(url_name)
    assess(teacher, framework, period)
    _grow(5, school_a, framework, period, leader)
    client.get(url)  # warm caches (content types, sessions)
    # Both counts compute afresh (cached aggregates would otherwise hide the first).
    cache.clear()
    small = _count(lambda: client.get(url))
    _grow(15, school_a, framework, period, leader)
    cache.clear()
    big = _count(lambda: client.get(url))
    assert small == big, f"{url_name}: {small} queries with small data, {big} with big"


@pytest.mark.django_db
def test_aggregates_and_metrics_keep_a_constant_query_count(school_a, leader, framework, period):
    def run():
        self_assessment_aggregate(
            framework=framework, period=period, school_ids=None, by_school=True
        )
        training_totals(TrainingRecord.objects.all())
        for metric in metrics:
            if metric.app_label == "competence":
                metric.compute(school=school_a, start=period.starts_on, end=period.ends_on)

    _grow(6, school_a, framework, period, leader)
    small = _count(run)
    _grow(20, school_a, framework, period, leader)
    big = _count(run)
    assert small == big
