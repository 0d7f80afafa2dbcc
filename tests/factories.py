"""factory_boy factories shared by every app's tests."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from goals.models import ActionPlan, Goal, Indicator, ReportingPeriod
from organisation.models import Membership, School, User
from vuxportal.roles import Role

PASSWORD = "test-pass-123"


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"school{n}")
    name = factory.Sequence(lambda n: f"Vux Skola {n}")
    student_places = 500


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@vux.test")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.TEACHER
    school = factory.SubFactory(SchoolFactory)


def person(role: str, school: School | None, **kwargs) -> User:
    """A user holding ``role`` at ``school`` (organisation-wide when ``school`` is None)."""
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, role=role, school=school)
    return user


class ActionPlanFactory(DjangoModelFactory):
    class Meta:
        model = ActionPlan

    title = factory.Sequence(lambda n: f"Handlingsplan {n}")
    starts_year = 2021
    ends_year = 2026
    vision = "Personal ska befinna sig i framkant."
    model_basis = "TPACK"
    status = ActionPlan.Status.ACTIVE


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Mål {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = Indicator.Unit.PERCENT


class ReportingPeriodFactory(DjangoModelFactory):
    class Meta:
        model = ReportingPeriod
        django_get_or_create = ["year", "kind"]

    year = 2025
    kind = ReportingPeriod.Kind.TERTIAL2
    starts_on = factory.LazyAttribute(lambda o: ReportingPeriod.default_dates(o.year, o.kind)[0])
    ends_on = factory.LazyAttribute(lambda o: ReportingPeriod.default_dates(o.year, o.kind)[1])
    deadline = factory.LazyAttribute(lambda o: ReportingPeriod.default_dates(o.year, o.kind)[2])


def today() -> date:
    from django.utils import timezone

    return timezone.localdate()
