"""List pages and aggregates run the same number of queries however much data there is."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisation.models import SupportRequest
from tests.factories import person
from vuxportal.metrics import metrics
from vuxportal.roles import Role

from .factories import (
    DecisionFactory,
    HelpArticleFactory,
    MeetingFactory,
    RoutineFactory,
    ScanningNoteFactory,
    SupportReplyFactory,
    SupportRequestFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def grow(n, *, school_a, school_b, teacher, leader, it_staff):
    """``n`` of everything, spread over people and schools, so N+1 queries would show."""
    today = timezone.localdate()
    for i in range(n):
        member = person(Role.TEACHER, school_b if i % 2 else school_a)
        group = WorkingGroupFactory(convener=leader if i % 2 else member, members=[teacher, member])
        meeting = MeetingFactory(group=group, held_on=today - timedelta(days=i))
        DecisionFactory(meeting=meeting, responsible=member)
        RoutineFactory(
            owner=member if i % 2 else it_staff,
            school=school_a if i % 3 else None,
            last_reviewed_on=today - timedelta(days=200 * i),
        )
        request = SupportRequestFactory(
            requester=teacher if i % 2 else member,
            school=school_a,
            handling_group=group if i % 3 == 0 else None,
        )
        SupportReplyFactory(request=request, author=it_staff)
        if i % 2:
            SupportRequest.objects.filter(pk=request.pk).update(
                status="resolved", resolved_at=timezone.now()
            )
        HelpArticleFactory(author=member)
        ScanningNoteFactory(author=member, noted_on=today.replace(day=1) + timedelta(days=i % 20))


PAGES = [
    ("organisation:working_group_list", {}),
    ("organisation:routine_list", {}),
    ("organisation:support_list", {}),
    ("organisation:help_list", {}),
    ("organisation:scanning_list", {}),
    ("organisation:scanning_digest", {}),
    ("organisation:responsibilities", {}),
    ("home", {}),
]


def count_queries(client, url, params):
    # Cold: kept fragments are drawn afresh, so the count is what drawing the page costs.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["teacher", "leader", "it_staff", "administrator"])
@pytest.mark.parametrize(("url_name", "params"), PAGES, ids=[p[0] for p in PAGES])
def test_lists_keep_a_constant_query_count(
    request,
    login,
    url_name,
    params,
    viewer,
    school_a,
    school_b,
    teacher,
    leader,
    it_staff,
    administrator,
):
    people = {
        "school_a": school_a,
        "school_b": school_b,
        "teacher": teacher,
        "leader": leader,
        "it_staff": it_staff,
    }
    client = login(request.getfixturevalue(viewer))
    url = reverse(url_name)
    grow(2, **people)
    count_queries(client, url, params)  # warm up sessions and caches
    small = count_queries(client, url, params)
    grow(12, **people)
    big = count_queries(client, url, params)
    assert small == big, f"{url_name}: {small} queries with little data, {big} with more"


def test_group_and_meeting_pages_keep_a_constant_query_count(
    login, teacher, leader, school_a, school_b
):
    group = WorkingGroupFactory(convener=leader, members=[teacher])
    meeting = MeetingFactory(group=group)
    client = login(teacher)

    def add(n):
        for _ in range(n):
            member = person(Role.TEACHER, school_b)
            group.members.add(member)
            DecisionFactory(meeting=meeting, responsible=member)
            MeetingFactory(group=group)

    add(1)
    urls = [group.get_absolute_url(), meeting.get_absolute_url()]
    counts = [count_queries(client, u, {}) for u in urls]
    add(10)
    assert [count_queries(client, u, {}) for u in urls] == counts


def test_support_thread_keeps_a_constant_query_count(login, support_request, it_staff, teacher):
    client = login(it_staff)
    url = support_request.get_absolute_url()
    SupportReplyFactory(request=support_request, author=teacher)
    count_queries(client, url, {})
    small = count_queries(client, url, {})
    for _ in range(10):
        SupportReplyFactory(request=support_request, author=person(Role.TEACHER, None))
    assert count_queries(client, url, {}) == small


@pytest.mark.parametrize(
    "key",
    [
        "organisation.routines_reviewed",
        "organisation.support_median_days",
        "organisation.support_resolved_within_target",
        "organisation.meetings_held",
        "organisation.scanning_notes",
    ],
)
def test_metrics_keep_a_constant_query_count(key, school_a, school_b, teacher, leader, it_staff):
    people = {
        "school_a": school_a,
        "school_b": school_b,
        "teacher": teacher,
        "leader": leader,
        "it_staff": it_staff,
    }
    metric = metrics.get(key)
    start, end = date(2000, 1, 1), date(2100, 1, 1)
    grow(2, **people)
    counts = []
    for n in (0, 10):
        grow(n, **people)
        with CaptureQueriesContext(connection) as captured:
            metric.compute(start=start, end=end)
            metric.compute(school=school_a, start=start, end=end)
        counts.append(len(captured))
    assert counts[0] == counts[1]
