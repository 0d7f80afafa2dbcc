"""The needs analysis (issue 16): shares below target, change, coverage by planned
sessions, the group-size rule, scoping per school, Excel, metrics, API and query counts."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from competence import needs
from competence.models import Competence, Enrolment
from goals.models import ReportingPeriod
from tests.factories import ReportingPeriodFactory, person
from vuxportal.metrics import metrics
from vuxportal.roles import Role

from .factories import (
    ActivityFactory,
    EnrolmentFactory,
    assess,
    needs_framework,
    open_period,
)


@pytest.fixture
def digcompedu(db):
    return needs_framework()


@pytest.fixture
def periods(db):
    now = open_period()
    # Closed, so the open one is the current period pages default to.
    before = ReportingPeriodFactory(
        year=now.year - 1, kind=ReportingPeriod.Kind.TERTIAL2, status=ReportingPeriod.Status.CLOSED
    )
    return now, before


def _teachers(school, levels, period, framework):
    people = []
    for level in levels:
        teacher = person(Role.TEACHER, school)
        assess(teacher, framework, period, level=level, school=school)
        people.append(teacher)
    return people


@pytest.fixture
def rated(school_a, digcompedu, periods):
    now, before = periods
    # Now 2 of 5 below B1 (40 %), before 4 of 5 (80 %): 40 points better.
    people = _teachers(school_a, [1, 2, 3, 4, 5], now, digcompedu)
    for teacher, level in zip(people, [1, 1, 2, 2, 4], strict=True):
        assess(teacher, digcompedu, before, level=level, school=school_a)
    return people


def test_share_change_and_coverage(rated, digcompedu, periods, school_a):
    covered = Competence.objects.filter(area__framework=digcompedu).first()
    session = ActivityFactory(capacity=10)
    session.competences.add(covered)
    EnrolmentFactory(activity=session, status=Enrolment.Status.ENROLLED)
    EnrolmentFactory(activity=session, status=Enrolment.Status.ENROLLED)
    # Past or cancelled sessions plan nothing.
    past = ActivityFactory(starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now())
    cancelled = ActivityFactory(cancelled_at=timezone.now())
    for other in (past, cancelled):
        other.competences.set(Competence.objects.all())

    result = needs.needs_for(period=periods[0], school_ids={school_a.pk})
    rows = {row.competence.pk: row for row in result.rows}
    assert len(rows) == 4
    row = rows[covered.pk]
    assert (row.people, row.below, str(row.share), str(row.change)) == (5, 2, "40.0", "-40.0")
    assert (row.sessions, row.free_seats, row.uncovered) == (1, 8, False)
    others = [r for r in result.rows if r.competence != covered]
    assert all(r.uncovered and r.sessions == 0 for r in others)
    assert result.uncovered == 3


def test_groups_under_five_and_other_roles_are_withheld(school_a, digcompedu, periods):
    _teachers(school_a, [1, 1, 1, 1], periods[0], digcompedu)
    # Other staff are not the framework's audience: they do not make the group five.
    assess(person(Role.STAFF, school_a), digcompedu, periods[0], level=1, school=school_a)
    row = needs.needs_for(period=periods[0], school_ids=None).rows[0]
    assert row.people == 4 and row.withheld and row.share is None and not row.uncovered


def test_leader_sees_own_school_admin_any(
    rated, school_a, school_b, digcompedu, periods, leader, administrator, login
):
    _teachers(school_b, [6, 6, 6, 6, 6], periods[0], digcompedu)
    url = reverse("competence:needs")
    page = login(leader).get(url, {"school": school_b.pk})
    assert page.status_code == 200
    assert [r.people for r in page.context["needs"].rows][:1] == [5]
    assert str(page.context["needs"].rows[0].share) == "40.0"  # school A only
    assert "need-uncovered" in page.content.decode()
    admin = login(administrator)
    assert str(admin.get(url).context["needs"].rows[0].share) == "20.0"  # 2 of 10
    assert str(admin.get(url, {"school": school_b.pk}).context["needs"].rows[0].share) == "0.0"


def test_excel_export(rated, administrator, login):
    response = login(administrator).get(reverse("competence:needs"), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][0] == "Digcompedu" and rows[2][3] == 40.0


def test_metric_for_a_school_and_the_organisation(rated, school_a, periods):
    now = periods[0]

    def value(key, school):
        return metrics.get(key).compute(school=school, start=now.starts_on, end=now.ends_on)

    assert value("competence.below_target_digcompedu", school_a) == pytest.approx(40)
    assert value("competence.below_target_digcompedu", None) == pytest.approx(40)
    # A framework without a target level has no need to measure.
    assert value("competence.below_target_tpack", None) is None


def test_api_lists_aggregates_only(rated, leader, login):
    body = login(leader).get(reverse("need-list")).json()
    assert body["count"] == 4
    first = body["results"][0]
    assert first["people"] == 5 and first["share_below_target"] == "40.0"
    assert "person" not in first


def _page_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("competence:needs")).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_data(rated, school_a, school_b, digcompedu, periods, login):
    admin = person(Role.ADMINISTRATOR, None)
    client = login(admin)
    small = _page_queries(client)
    _teachers(school_b, [1, 2, 3, 4, 5, 6] * 3, periods[0], digcompedu)
    for competence in Competence.objects.all():
        ActivityFactory(capacity=5).competences.add(competence)
    assert _page_queries(client) == small
