"""The request context and the one meaning of "the current period" (issue 15)."""

from datetime import date

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from goals.context import request_context
from goals.models import ReportingPeriod
from tests.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def periods(*specs):
    return [
        ReportingPeriodFactory(year=year, kind=kind, status=status) for year, kind, status in specs
    ]


def test_current_is_the_earliest_open_period_that_has_started():
    t1, t2, annual = periods(
        (2026, "tertial1", "open"), (2026, "tertial2", "open"), (2026, "annual", "open")
    )
    # A late tertial still waiting for reports comes first, and tertials before the annual.
    assert ReportingPeriod.objects.current(on=date(2026, 6, 1)) == t1
    t1.status = "closed"
    t1.save()
    assert ReportingPeriod.objects.current(on=date(2026, 6, 1)) == t2
    # Not started yet does not count while a started one is open.
    assert ReportingPeriod.objects.current(on=date(2026, 2, 1)) == annual


def test_current_falls_back_to_the_latest_started_then_the_first():
    t1, t2 = periods((2026, "tertial1", "closed"), (2026, "tertial2", "closed"))
    assert ReportingPeriod.objects.current(on=date(2026, 10, 1)) == t2
    assert ReportingPeriod.objects.current(on=date(2025, 10, 1)) == t1
    loaded = list(ReportingPeriod.objects.all())
    with CaptureQueriesContext(connection) as ctx:
        assert ReportingPeriod.objects.current_of(loaded, on=date(2026, 10, 1)) == t2
    assert len(ctx.captured_queries) == 0


def test_the_request_context_resolves_once_and_only_in_scope(leader, school_a, school_b):
    t1, _t2 = periods((2026, "tertial1", "closed"), (2026, "tertial2", "open"))
    request = RequestFactory().get("/", {"school": school_b.pk, "period": t1.pk})
    request.user = leader
    ctx = request_context(request)
    with CaptureQueriesContext(connection) as queries:
        assert ctx.schools == [school_a]
        # Another school than the leader's is not chosen (the whole organisation).
        assert ctx.school is None and ctx.school_asked
        assert ctx.period == t1
        assert request_context(request) is ctx
        assert ctx.schools == [school_a] and ctx.period == t1
    assert len(queries.captured_queries) <= 3  # access, schools, periods
    request = RequestFactory().get("/", {"school": school_a.pk, "period": "x"})
    request.user = leader
    ctx = request_context(request)
    assert ctx.school == school_a and ctx.period == ReportingPeriod.objects.current()
