"""The organisation's metrics, computed in the database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisation import metrics as org_metrics
from organisation.models import SupportRequest
from vuxportal.metrics import metrics

from .factories import (
    MeetingFactory,
    RoutineFactory,
    ScanningNoteFactory,
    SupportRequestFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)


def resolved(school, *, filed, days: float, **kwargs):
    request = SupportRequestFactory(school=school, **kwargs)
    SupportRequest.objects.filter(pk=request.pk).update(
        created=filed,
        status=SupportRequest.Status.RESOLVED,
        resolved_at=filed + timedelta(days=days),
    )
    return request


def filed_at(day):
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 9))


def test_every_metric_is_registered():
    for key in (
        "organisation.routines_reviewed",
        "organisation.support_median_days",
        "organisation.support_resolved_within_target",
        "organisation.meetings_held",
        "organisation.scanning_notes",
    ):
        assert key in metrics


def test_routines_reviewed_within_interval(school_a, school_b):
    today = timezone.localdate()
    RoutineFactory(last_reviewed_on=today - timedelta(days=10))
    RoutineFactory(last_reviewed_on=today - timedelta(days=800), school=school_a)
    RoutineFactory(last_reviewed_on=None, school=school_b)
    RoutineFactory(last_reviewed_on=today, is_active=False)
    metric = metrics.get("organisation.routines_reviewed")
    assert metric.compute(start=START, end=today) == Decimal("33.33")
    assert metric.compute(school=school_a, start=START, end=today) == Decimal("50.00")
    assert metric.records(school=school_a, start=START, end=today).count() == 2


@pytest.mark.parametrize("vendor", ["postgresql", "fallback"])
def test_median_days_to_resolve(school_a, school_b, vendor, monkeypatch):
    if vendor == "fallback":
        # The portable path (SQLite in development) must give the same answer.
        monkeypatch.setattr(org_metrics, "connection", type("C", (), {"vendor": "sqlite"})())
    metric = metrics.get("organisation.support_median_days")
    assert metric.compute(start=START, end=END) is None
    for days in (1, 2, 10):
        resolved(school_a, filed=filed_at(date(2026, 3, 1)), days=days)
    resolved(school_b, filed=filed_at(date(2026, 3, 1)), days=30)
    resolved(school_a, filed=filed_at(date(2025, 3, 1)), days=100)  # resolved last year
    SupportRequestFactory(school=school_a)  # still open
    # 1, 2, 10, 30 days → median 6; school A alone 1, 2, 10 → 2.
    assert metric.compute(start=START, end=END) == Decimal("6.00")
    assert metric.compute(school=school_a, start=START, end=END) == Decimal("2.00")
    assert metric.records(school=school_a, start=START, end=END).count() == 3


def test_the_median_runs_in_the_database(school_a):
    for days in range(1, 8):
        resolved(school_a, filed=filed_at(date(2026, 3, 1)), days=days)
    with CaptureQueriesContext(connection) as captured:
        value = metrics.get("organisation.support_median_days").compute(start=START, end=END)
    assert value == Decimal("4.00")
    if connection.vendor == "postgresql":
        assert len(captured) == 1
        assert "percentile_cont" in captured.captured_queries[0]["sql"]
    else:
        assert len(captured) == 2  # a count and the middle row(s), never every row


def test_share_resolved_within_target(school_a, settings):
    settings.SUPPORT_RESOLUTION_TARGET_DAYS = 5
    day = filed_at(date(2026, 5, 4))
    resolved(school_a, filed=day, days=1)
    resolved(school_a, filed=day, days=5)
    resolved(school_a, filed=day, days=6)
    request = SupportRequestFactory(school=school_a)  # open: not within target
    SupportRequest.objects.filter(pk=request.pk).update(created=day)
    metric = metrics.get("organisation.support_resolved_within_target")
    assert metric.compute(start=START, end=END) == Decimal("50.00")
    settings.SUPPORT_RESOLUTION_TARGET_DAYS = 10
    assert metric.compute(start=START, end=END) == Decimal("75.00")
    assert metric.compute(start=date(2027, 1, 1), end=date(2027, 12, 31)) is None


def test_meetings_held_and_scanning_notes(school_a, school_b, teacher, teacher_b):
    group_a = WorkingGroupFactory(members=[teacher])
    group_b = WorkingGroupFactory(members=[teacher_b])
    MeetingFactory(group=group_a, held_on=date(2026, 2, 1))
    MeetingFactory(group=group_a, held_on=date(2025, 2, 1))
    MeetingFactory(group=group_b, held_on=date(2026, 6, 1))
    ScanningNoteFactory(author=teacher, noted_on=date(2026, 2, 1))
    ScanningNoteFactory(author=teacher_b, noted_on=date(2026, 3, 1))
    ScanningNoteFactory(author=teacher_b, noted_on=date(2024, 3, 1))
    meetings = metrics.get("organisation.meetings_held")
    notes = metrics.get("organisation.scanning_notes")
    assert meetings.compute(start=START, end=END) == 2
    assert meetings.compute(school=school_a, start=START, end=END) == 1
    assert notes.compute(start=START, end=END) == 2
    assert notes.compute(school=school_b, start=START, end=END) == 1
