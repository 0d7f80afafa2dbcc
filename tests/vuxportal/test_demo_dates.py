"""The demo lives in the day it is seeded for (issue 17): seeded for a day in March and one
in December, its periods are open or closed as the calendar says, the current period is
the one whose deadline passed last and two schools are late with it, the 2021–2024 plan
is archived behind an active copy covering the year, earlier snapshots of automatic
indicators hold real values, reports are compiled, the schools are part-way through the
current period, the other parts' dates are around the day, and a second run changes
nothing."""

import io
from datetime import date, timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from competence.models import DevelopmentPlan, TrainingActivity
from goals import selectors
from goals.models import (
    ActionPlan,
    Goal,
    Measurement,
    Prerequisite,
    PrerequisiteFollowUp,
    ReportingPeriod,
    Submission,
)
from infrastructure.models import Device, Loan
from organisation.models import Meeting, User
from reports.models import Report

APPS = ("organisation", "goals", "competence", "infrastructure", "reports")

MARCH = date(2026, 3, 15)
DECEMBER = date(2026, 12, 1)
# (the demo's day, the current period, the periods still open)
DAYS = [
    (
        MARCH,
        (2025, "annual"),
        {(2025, "annual"), (2026, "tertial1"), (2026, "tertial2"), (2026, "annual")},
    ),
    (DECEMBER, (2026, "tertial2"), {(2026, "tertial2"), (2026, "annual")}),
]


def _seed(today: date) -> str:
    out = io.StringIO()
    call_command("seed_demo", f"--today={today.isoformat()}", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    """Every model of the parts (their history included)."""
    return {
        model._meta.label: model.objects.count()
        for app in APPS
        for model in apps.get_app_config(app).get_models()
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("today", "current_key", "still_open"), DAYS, ids=["march", "december"])
def test_the_demo_lives_in_its_day(settings, today, current_key, still_open):
    settings.DEBUG = True
    assert f"Demo data for {today.isoformat()} loaded" in _seed(today)
    counts = _counts()

    periods = {(p.year, p.kind): p for p in ReportingPeriod.objects.all()}
    assert {key for key, p in periods.items() if not p.is_closed} == still_open
    assert all(p.deadline < today for p in periods.values() if p.is_closed)
    current = ReportingPeriod.objects.current(on=today)
    assert (current.year, current.kind) == current_key
    # Still waiting for reports after its deadline, as the portal lets a period do.
    assert current.deadline < today and not current.is_closed

    _assert_plans(today)
    _assert_snapshots(current)
    _assert_reports()
    _assert_current_reports(current, today)
    _assert_dated_parts(today)

    _seed(today)
    assert _counts() == counts


def _assert_plans(today):
    archived = ActionPlan.objects.get(title="Handlingsplan för digitalisering 2021–2024")
    assert archived.status == ActionPlan.Status.ARCHIVED
    assert (archived.starts_year, archived.ends_year) == (2021, 2024)
    active = ActionPlan.objects.get(status=ActionPlan.Status.ACTIVE)
    assert active.starts_year == 2025 and active.starts_year <= today.year <= active.ends_year
    # The copy (services.plan_copy) holds the same six goals.
    titles = list(Goal.objects.filter(plan=archived).values_list("title", flat=True))
    assert list(Goal.objects.filter(plan=active).values_list("title", flat=True)) == titles
    assert len(titles) == 6
    # Its prerequisites have someone responsible and are followed up, some at risk.
    prerequisites = Prerequisite.objects.filter(plan=active)
    assert prerequisites.exists() and not prerequisites.filter(responsible=None).exists()
    follow_ups = PrerequisiteFollowUp.objects.filter(prerequisite__plan=active)
    assert follow_ups.filter(status="at_risk").exists()
    assert follow_ups.values("period").distinct().count() == 3


def _assert_snapshots(current):
    """The previous period's automatic values are what the data said then, so the change
    the dashboard shows is plausible (the issue's "+73,85" came from a snapshot of 0)."""
    previous = current.previous()
    assert previous.is_closed
    snapshots = Measurement.objects.filter(period=previous, school=None, source="snapshot")
    by_metric = {m.indicator.metric_key: m.value for m in snapshots.select_related("indicator")}
    for key in (
        "infrastructure.staff_with_device",
        "organisation.active_staff",
        "organisation.routines_reviewed",
        "competence.teachers_training_hours",
    ):
        assert by_metric.get(key), (key, by_metric)
    admin = User.objects.get(email="admin@vux.example")
    data = selectors.dashboard(period=current, user=admin)
    rows = {row.indicator.metric_key: row for goal in data.goals for row in goal.indicators}
    devices = rows["infrastructure.staff_with_device"]
    assert devices.previous_value > 0 and abs(devices.change) < 10


def _assert_reports():
    period = ReportingPeriod.objects.closed().order_by("-sort_key").first()
    reports = list(Report.objects.filter(period=period, status=Report.Status.DONE))
    assert {r.school is None for r in reports} == {True, False}
    for report in reports:
        assert report.pdf.name.endswith(".pdf") and report.excel.name.endswith(".xlsx")
        assert report.pdf.storage.exists(report.pdf.name)
        assert report.excel.storage.exists(report.excel.name)


def _assert_current_reports(current, today):
    states = dict(
        Submission.objects.filter(period=current, school__isnull=False).values_list(
            "school__code", "state"
        )
    )
    assert Submission.State.SUBMITTED in states.values()
    # The others submitted in time; these two are late, and the period's page says so.
    submitted = Submission.objects.filter(period=current, state=Submission.State.SUBMITTED)
    assert all(s.submitted_at.date() <= current.deadline for s in submitted)
    # Late as the portal sees it on the demo's day (the periods' own "today").
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        late = {
            row.school.code for row in selectors.submission_overview(period=current) if row.late
        }
    assert late == {"sodermalm", "farsta"}
    # The rektor's start page (the dashboard of her school in the current period) shows
    # her draft's statuses, not six goals "not assessed".
    rektor = User.objects.get(email="rektor@vux.example")
    data = selectors.dashboard(period=current, user=rektor, live=False)
    assert {row.overall for row in data.goals} - {"not_assessed"}


def _assert_dated_parts(today):
    sessions = TrainingActivity.objects.all()
    assert any(s.starts_at.date() > today for s in sessions)
    assert any(s.ends_at.date() < today for s in sessions)
    loans = Loan.objects.filter(returned_on__isnull=True)
    assert loans.filter(due_on__lt=today).exists()
    assert loans.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7)).exists()
    assert not Device.objects.filter(purchased_on__gt=today).exists()
    meetings = Meeting.objects.all()
    assert meetings.filter(held_on__gt=today).exists()
    assert meetings.filter(held_on__lt=today).exists()
    assert DevelopmentPlan.objects.exists()


def test_seed_demo_refuses_what_is_not_a_day(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("seed_demo", "--today=not-a-day", stdout=io.StringIO())


@pytest.mark.django_db
def test_seed_demo_needs_a_day_the_plans_reach(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="2025"):
        call_command("seed_demo", "--today=2024-06-01", stdout=io.StringIO())
