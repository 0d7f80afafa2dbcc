"""Metrics from competence data, for automatic indicators (goals 2, 3 and 5 of the plan).

Each is computed per school (or the whole organisation) over a date range in a few SQL
aggregates. Self-assessment metrics follow the privacy rule: below
``MIN_AGGREGATE_GROUP_SIZE`` people, no value.
"""

from django.conf import settings
from django.db.models import Avg, Count, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from organisation.models import Membership, User
from vuxportal.metrics import MetricList
from vuxportal.roles import STAFF_ROLES, Role

from .models import (
    ActivityEvaluation,
    Enrolment,
    PracticeExample,
    PracticeUse,
    Rating,
    SelfAssessment,
    TrainingRecord,
)
from .needs import below_target_share

# Defined here beside their queries; plugins.py registers them.
METRICS = MetricList()

# DigCompEdu's B1 (Integrator) is level 3 on the six-step scale.
TARGET_LEVEL = 3


def _memberships(*, roles, school, start, end):
    memberships = Membership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=start), starts_on__lte=end, role__in=roles
    )
    if school is not None:
        memberships = memberships.filter(school=school)
    return memberships


def _people(*, roles, school, start, end):
    return User.objects.filter(
        is_active=True,
        pk__in=_memberships(roles=roles, school=school, start=start, end=end).values("user_id"),
    )


def _share(part: int, whole: int):
    return None if not whole else 100 * part / whole


# --- Training hours ---------------------------------------------------------------------------


def _teachers_with_hours(*, school, start, end):
    hours = (
        TrainingRecord.objects.filter(person=OuterRef("pk"), date__gte=start, date__lte=end)
        .order_by()
        .values("person")
        .annotate(h=Sum("hours"))
        .values("h")
    )
    return (
        _people(roles=[Role.TEACHER], school=school, start=start, end=end)
        .annotate(period_hours=Subquery(hours))
        .filter(period_hours__gte=settings.TRAINING_HOURS_TARGET)
    )


@METRICS.define(
    "competence.teachers_training_hours",
    label=_("Share of teachers with at least N training hours"),
    unit="percent",
    description=_(
        "Teachers whose training log holds at least TRAINING_HOURS_TARGET hours in the period."
    ),
    records=_teachers_with_hours,
)
def teachers_training_hours(*, school, start, end):
    whole = _people(roles=[Role.TEACHER], school=school, start=start, end=end).count()
    part = _teachers_with_hours(school=school, start=start, end=end).count()
    return _share(part, whole)


# --- Self-assessment --------------------------------------------------------------------------


def _assessments(*, framework_code, school, start, end):
    assessments = SelfAssessment.objects.filter(
        framework__code=framework_code, period__ends_on__gte=start, period__starts_on__lte=end
    )
    if school is not None:
        assessments = assessments.filter(school=school)
    return assessments


def _mean_level(framework_code):
    def compute(*, school, start, end):
        assessments = _assessments(
            framework_code=framework_code, school=school, start=start, end=end
        )
        people = assessments.values("person").distinct().count()
        if people < settings.MIN_AGGREGATE_GROUP_SIZE:
            return None
        return Rating.objects.filter(assessment__in=assessments).aggregate(m=Avg("level"))["m"]

    return compute


for _code, _label in (
    ("digcompedu", _("Mean self-assessed DigCompEdu level")),
    ("tpack", _("Mean self-assessed TPACK level")),
    ("leadership", _("Mean self-assessed level in leading digital development")),
):
    METRICS.define(
        f"competence.mean_level_{_code}",
        label=_label,
        unit="score",
        description=_("Mean of every rating (1 = lowest step); withheld below five people."),
    )(_mean_level(_code))


@METRICS.define(
    "competence.digcompedu_at_b1",
    label=_("Share of staff at DigCompEdu B1 or above"),
    unit="percent",
    description=_("People whose mean DigCompEdu rating is at least B1 (Integrator)."),
)
def digcompedu_at_b1(*, school, start, end):
    assessments = _assessments(framework_code="digcompedu", school=school, start=start, end=end)
    # Each person's latest assessment in the range decides.
    latest = (
        assessments.order_by("person_id", "-period__sort_key").distinct("person_id").values("pk")
        if _is_postgres()
        else assessments.values("pk")
    )
    means = (
        Rating.objects.filter(assessment__in=latest)
        .values("assessment__person_id")
        .annotate(m=Avg("level"))
        .order_by()
    )
    people = means.count()
    if people < settings.MIN_AGGREGATE_GROUP_SIZE:
        return None
    return _share(means.filter(m__gte=TARGET_LEVEL).count(), people)


def _is_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


# --- Sessions and evaluations -----------------------------------------------------------------


def _enrolments(*, school, start, end):
    enrolments = Enrolment.objects.filter(
        status=Enrolment.Status.ENROLLED,
        activity__starts_at__date__gte=start,
        activity__starts_at__date__lte=end,
    ).exclude(attendance="")
    if school is not None:
        enrolments = enrolments.filter(
            person__in=_memberships(roles=STAFF_ROLES, school=school, start=start, end=end).values(
                "user_id"
            )
        )
    return enrolments


@METRICS.define(
    "competence.attendance_rate",
    label=_("Attendance rate at training sessions"),
    unit="percent",
    description=_("Attended among enrolled people whose attendance was marked."),
    records=_enrolments,
)
def attendance_rate(*, school, start, end):
    counts = _enrolments(school=school, start=start, end=end).aggregate(
        whole=Count("*"), part=Count("pk", filter=Q(attendance=Enrolment.Attendance.ATTENDED))
    )
    return _share(counts["part"], counts["whole"])


@METRICS.define(
    "competence.evaluation_mean",
    label=_("Mean evaluation score of training sessions"),
    unit="score",
    description=_("Mean overall score (1–5) of the sessions' evaluations."),
)
def evaluation_mean(*, school, start, end):
    evaluations = ActivityEvaluation.objects.filter(
        activity__starts_at__date__gte=start, activity__starts_at__date__lte=end
    )
    if school is not None:
        evaluations = evaluations.filter(activity__school=school)
    row = evaluations.aggregate(n=Count("*"), m=Avg("overall"))
    # The same anonymity rule as the evaluation pages.
    from .selectors import MIN_EVALUATION_ANSWERS

    return row["m"] if row["n"] >= MIN_EVALUATION_ANSWERS else None


# --- Practice sharing -------------------------------------------------------------------------


def _staff_count(*, school, start, end) -> int:
    return _people(roles=STAFF_ROLES, school=school, start=start, end=end).count()


def _examples(*, school, start, end):
    examples = PracticeExample.objects.filter(
        is_published=True, published_at__date__gte=start, published_at__date__lte=end
    )
    return examples if school is None else examples.filter(school=school)


@METRICS.define(
    "competence.examples_per_100_staff",
    label=_("Practice examples shared per 100 staff"),
    unit="count",
    records=_examples,
)
def examples_per_100_staff(*, school, start, end):
    staff = _staff_count(school=school, start=start, end=end)
    if not staff:
        return None
    return 100 * _examples(school=school, start=start, end=end).count() / staff


@METRICS.define(
    "competence.reuses_per_100_staff",
    label=_("Practice examples reused per 100 staff"),
    unit="count",
    description=_('"I used this" marks, once per person and example.'),
)
def reuses_per_100_staff(*, school, start, end):
    staff = _staff_count(school=school, start=start, end=end)
    if not staff:
        return None
    uses = PracticeUse.objects.filter(created__date__gte=start, created__date__lte=end)
    if school is not None:
        uses = uses.filter(school=school)
    return 100 * uses.count() / staff


# --- Leadership -------------------------------------------------------------------------------


def _leaders_trained(*, school, start, end):
    trained = TrainingRecord.objects.filter(
        kind=TrainingRecord.Kind.LEADERSHIP, date__gte=start, date__lte=end
    ).values("person_id")
    return _people(roles=[Role.SCHOOL_LEADER], school=school, start=start, end=end).filter(
        pk__in=trained
    )


@METRICS.define(
    "competence.leaders_leadership_training",
    label=_("Share of school leaders who completed leadership training"),
    unit="percent",
    description=_("School leaders with a leadership training entry in their log."),
    records=_leaders_trained,
)
def leaders_leadership_training(*, school, start, end):
    whole = _people(roles=[Role.SCHOOL_LEADER], school=school, start=start, end=end).count()
    part = _leaders_trained(school=school, start=start, end=end).count()
    return _share(part, whole)


# --- Needs (issue 16) -------------------------------------------------------------------------


def _below_target(framework_code):
    def compute(*, school, start, end):
        return below_target_share(
            framework_code=framework_code, school=school, start=start, end=end
        )

    return compute


# One metric per framework of the plan: the share of ratings below the framework's target
# level (its need); none while the framework has no target level, or below five people.
for _code, _label in (
    ("digcompedu", _("Share of DigCompEdu ratings below the target level")),
    ("tpack", _("Share of TPACK ratings below the target level")),
    ("leadership", _("Share of ratings in leading digital development below the target level")),
):
    METRICS.define(
        f"competence.below_target_{_code}",
        label=_label,
        unit="percent",
        description=_(
            "Ratings below the framework's target level among the people it is meant for, "
            "each person's latest self-assessment; withheld below five people."
        ),
    )(_below_target(_code))
