"""Factories for the goals app's own tests (the shared ones live in tests/factories.py)."""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from goals.models import Action, GoalAssessment, IndicatorTarget, Measurement
from tests.factories import today


class IndicatorTargetFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorTarget
        django_get_or_create = ["indicator", "year"]

    year = 2026
    value = 80


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    value = 50


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = GoalAssessment

    status = "partly_met"
    suggested_status = "partly_met"


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    title = factory.Sequence(lambda n: f"Insats {n}")
    due_on = factory.LazyFunction(lambda: today() + timedelta(days=60))
