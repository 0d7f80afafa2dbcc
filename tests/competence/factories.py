"""Factories for the competence app's tests."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from competence.models import (
    ActivityEvaluation,
    Area,
    Competence,
    Enrolment,
    Framework,
    Level,
    PracticeExample,
    Rating,
    SelfAssessment,
    TrainingActivity,
    TrainingRecord,
)
from tests.factories import ReportingPeriodFactory, UserFactory
from vuxportal.roles import Role


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"fw{n}")
    name = factory.Sequence(lambda n: f"Ramverk {n}")


def framework_with(code="digcompedu", areas=2, per_area=2, levels=6) -> Framework:
    """A framework with ``areas`` areas of ``per_area`` competences on a ``levels`` scale."""
    framework = FrameworkFactory(code=code, name=code.capitalize())
    for value in range(1, levels + 1):
        Level.objects.get_or_create(
            framework=framework,
            value=value,
            defaults={"code": f"L{value}", "name": f"Nivå {value}"},
        )
    for a in range(1, areas + 1):
        area, _ = Area.objects.get_or_create(
            framework=framework, number=a, defaults={"name": f"Område {a}"}
        )
        for c in range(1, per_area + 1):
            Competence.objects.get_or_create(
                area=area, code=f"{a}.{c}", defaults={"name": f"Kompetens {a}.{c}", "order": c}
            )
    return framework


def needs_framework(code="digcompedu", target_level=3) -> Framework:
    """A framework for teachers with a target level: what the needs analysis measures."""
    framework = framework_with(code)
    framework.target_level = target_level
    framework.audience_roles = [Role.TEACHER]
    framework.save()
    return framework


def assess(person, framework, period, level=3, school=None) -> SelfAssessment:
    from competence.services import school_of

    assessment = SelfAssessment.objects.create(
        person=person, framework=framework, period=period, school=school or school_of(person)
    )
    Rating.objects.bulk_create(
        Rating(assessment=assessment, competence=c, level=level)
        for c in Competence.objects.filter(area__framework=framework)
    )
    return assessment


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = TrainingActivity

    title = factory.Sequence(lambda n: f"Utbildning {n}")
    organiser = factory.SubFactory(UserFactory)
    format = TrainingActivity.Format.WORKSHOP
    series = "Vux 2.0"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    hours = Decimal("3.0")
    place = "Aulan"


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(UserFactory)
    status = Enrolment.Status.ENROLLED


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = ActivityEvaluation

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(UserFactory)
    overall = 4
    relevance = 4
    will_use = 3


class RecordFactory(DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    person = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"Kurs {n}")
    hours = Decimal("2.0")
    kind = TrainingRecord.Kind.COURSE


class ExampleFactory(DjangoModelFactory):
    class Meta:
        model = PracticeExample

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Exempel {n}")
    summary = "En kort sammanfattning."
    body = "Så här gjorde vi."
    published_at = factory.LazyFunction(timezone.now)


def open_period():
    today = timezone.localdate()
    from goals.models import ReportingPeriod

    kind = ReportingPeriod.Kind.TERTIAL1 if today.month <= 4 else ReportingPeriod.Kind.TERTIAL2
    if today.month > 8:
        kind = ReportingPeriod.Kind.TERTIAL2
    return ReportingPeriodFactory(year=today.year, kind=kind)
