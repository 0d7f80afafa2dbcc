"""The competence metrics of the goals registry."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from competence import services
from competence.models import TrainingRecord
from tests.factories import person
from vuxportal.metrics import metrics
from vuxportal.roles import Role

from .factories import (
    ActivityFactory,
    EnrolmentFactory,
    EvaluationFactory,
    ExampleFactory,
    RecordFactory,
    assess,
    framework_with,
)

YEAR = timezone.localdate().year
START, END = date(YEAR, 1, 1), date(YEAR, 12, 31)


def value(key, school=None):
    return metrics.get(key).compute(school=school, start=START, end=END)


def test_every_metric_of_the_issue_is_registered():
    for key in (
        "competence.teachers_training_hours",
        "competence.mean_level_digcompedu",
        "competence.mean_level_tpack",
        "competence.mean_level_leadership",
        "competence.digcompedu_at_b1",
        "competence.attendance_rate",
        "competence.evaluation_mean",
        "competence.examples_per_100_staff",
        "competence.reuses_per_100_staff",
        "competence.leaders_leadership_training",
    ):
        assert key in metrics


@pytest.mark.django_db
def test_training_hours_share_follows_the_setting_and_attendance(settings, school_a, leader):
    settings.TRAINING_HOURS_TARGET = 10
    teachers = [person(Role.TEACHER, school_a, email=f"t{i}@a.test") for i in range(4)]
    RecordFactory(person=teachers[0], school=school_a, hours=12, date=timezone.localdate())
    RecordFactory(person=teachers[1], school=school_a, hours=8, date=timezone.localdate())
    assert value("competence.teachers_training_hours", school_a) == Decimal("25.00")
    settings.TRAINING_HOURS_TARGET = 5
    assert value("competence.teachers_training_hours", school_a) == Decimal("50.00")
    settings.TRAINING_HOURS_TARGET = 10
    # Attending a 3-hour session lifts teacher 1 over the target: the indicator moves.
    activity = ActivityFactory(organiser=leader, school=school_a, hours=3)
    enrolment = EnrolmentFactory(activity=activity, person=teachers[1])
    services.attendance_mark(activity=activity, attended_ids={enrolment.pk})
    assert value("competence.teachers_training_hours", school_a) == Decimal("50.00")
    assert value("competence.teachers_training_hours") == Decimal("50.00")


@pytest.mark.django_db
def test_mean_level_and_b1_share_respect_the_group_size(school_a, period):
    framework = framework_with("digcompedu")
    people = [person(Role.TEACHER, school_a, email=f"s{i}@a.test") for i in range(5)]
    for i, p in enumerate(people[:4]):
        assess(p, framework, period, level=2 + (i % 2))
    start, end = period.starts_on, period.ends_on
    mean = metrics.get("competence.mean_level_digcompedu")
    assert mean.compute(school=school_a, start=start, end=end) is None  # only four
    assess(people[4], framework, period, level=5)
    # 2, 3, 2, 3, 5 → 3.0
    assert mean.compute(school=school_a, start=start, end=end) == Decimal("3.00")
    share = metrics.get("competence.digcompedu_at_b1")
    assert share.compute(school=school_a, start=start, end=end) == Decimal("60.00")


@pytest.mark.django_db
def test_attendance_and_evaluation_metrics(school_a, leader):
    starts = timezone.now() - timedelta(days=1)
    activity = ActivityFactory(
        organiser=leader, school=school_a, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    people = [person(Role.TEACHER, school_a, email=f"e{i}@a.test") for i in range(4)]
    enrolments = [EnrolmentFactory(activity=activity, person=p) for p in people]
    services.attendance_mark(activity=activity, attended_ids={e.pk for e in enrolments[:3]})
    assert value("competence.attendance_rate", school_a) == Decimal("75.00")
    EvaluationFactory(activity=activity, person=people[0], overall=5)
    EvaluationFactory(activity=activity, person=people[1], overall=4)
    assert value("competence.evaluation_mean", school_a) is None  # two answers: withheld
    EvaluationFactory(activity=activity, person=people[2], overall=3)
    assert value("competence.evaluation_mean", school_a) == Decimal("4.00")


@pytest.mark.django_db
def test_sharing_and_leadership_metrics(school_a, teacher, leader, staff_member):
    from competence.models import PracticeUse

    example = ExampleFactory(author=teacher, school=school_a)
    PracticeUse.objects.create(example=example, person=staff_member, school=school_a)
    # Three staff at school A (teacher, leader, staff member).
    assert value("competence.examples_per_100_staff", school_a) == Decimal("33.33")
    assert value("competence.reuses_per_100_staff", school_a) == Decimal("33.33")
    assert value("competence.leaders_leadership_training", school_a) == Decimal("0.00")
    RecordFactory(person=leader, school=school_a, kind=TrainingRecord.Kind.LEADERSHIP)
    assert value("competence.leaders_leadership_training", school_a) == Decimal("100.00")
