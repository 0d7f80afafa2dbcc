"""Personal development plans (issue 16): the services that write them and the reads the
plan pages and the API show. A plan is the owner's; the owner's leaders see it and
comment, nobody else (``DevelopmentPlan.objects.visible_to``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Sum
from django.utils.translation import gettext as _

from organisation.models import Membership, User
from vuxportal.query import count_related

from .models import (
    Competence,
    DevelopmentPlan,
    Enrolment,
    Framework,
    PlanComment,
    PracticeExample,
    Rating,
    TrainingActivity,
    TrainingRecord,
)

# --- Reads ------------------------------------------------------------------------------------


def frameworks_for(person: User):
    """The active frameworks meant for the person: those naming none of the roles, or one
    the person currently holds."""
    roles = set(Membership.objects.current().filter(user=person).values_list("role", flat=True))
    return [
        f
        for f in Framework.objects.filter(is_active=True)
        if not f.audience_roles or roles.intersection(f.audience_roles)
    ]


def focus_choices(person: User):
    """The competences a person may focus on: those of the frameworks meant for them."""
    return Competence.objects.filter(area__framework__in=frameworks_for(person)).select_related(
        "area__framework"
    )


def suggested_focus(*, person: User, period) -> list[int]:
    """The person's lowest ratings in the period (at most three), lowest first."""
    if period is None:
        return []
    return list(
        Rating.objects.filter(
            assessment__person=person,
            assessment__period=period,
            competence__in=focus_choices(person),
        )
        .order_by("level", "competence__area__framework__name", "competence__area__number")
        .values_list("competence_id", flat=True)[: DevelopmentPlan.MAX_FOCUS]
    )


def plan_of(*, person: User, period):
    if period is None:
        return None
    return (
        DevelopmentPlan.objects.visible_to(person)
        .filter(person=person, period=period)
        .prefetch_related("focus")
        .first()
    )


def recommendations(focus_ids) -> dict:
    """Upcoming sessions (not cancelled; a full one still takes people on its waiting
    list) and published practice examples that develop the focus competences."""
    sessions = (
        TrainingActivity.objects.upcoming()
        .filter(cancelled_at=None, competences__in=focus_ids)
        .annotate(enrolled_count=count_related(Enrolment.objects.active(), "activity"))
        .distinct()
        .order_by("starts_at")[:10]
    )
    examples = (
        PracticeExample.objects.filter(is_published=True, competences__in=focus_ids)
        .distinct()
        .order_by("-published_at", "-pk")[:10]
    )
    sessions = list(sessions)
    for session in sessions:  # at most ten, already loaded
        if session.capacity is not None:
            session.free_seats = max(0, session.capacity - session.enrolled_count)
    return {"sessions": sessions, "examples": list(examples)}


def progress(plan: DevelopmentPlan) -> dict:
    """Per focus competence the owner's rating in the plan's period and the latest one,
    and the training-log hours tagged with a focus competence since the plan was made."""
    focus = list(plan.focus.all())
    ratings = (
        Rating.objects.filter(assessment__person_id=plan.person_id, competence__in=focus)
        .values("competence_id", "level", "assessment__period_id", "assessment__period__sort_key")
        .order_by("competence_id", "-assessment__period__sort_key")
    )
    at_plan, latest = {}, {}
    for r in ratings:  # at most one per focus competence and period answered
        latest.setdefault(r["competence_id"], r["level"])
        if r["assessment__period_id"] == plan.period_id:
            at_plan[r["competence_id"]] = r["level"]
    tagged = TrainingRecord.objects.filter(
        person_id=plan.person_id,
        date__gte=plan.created.date(),
        competences__in=focus,
    ).values("pk")
    hours = TrainingRecord.objects.filter(pk__in=tagged).aggregate(h=Sum("hours"), n=Count("pk"))
    return {
        "rows": [(c, at_plan.get(c.pk), latest.get(c.pk)) for c in focus],
        "hours": hours["h"] or 0,
        "records": hours["n"],
    }


def staff_plans(user: User):
    """The plans a leader sees of their staff (their own not among them)."""
    return (
        DevelopmentPlan.objects.visible_to(user)
        .exclude(person=user)
        .select_related("person", "period")
        .prefetch_related("focus")
        .annotate(
            comment_count=Count("comments", distinct=True),
            commented=Exists(PlanComment.objects.filter(plan=OuterRef("pk"), author=user)),
        )
        .order_by("-period__sort_key", "person__last_name", "person__first_name")
    )


# --- Writes -----------------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, person: User, period, focus, note: str = "") -> DevelopmentPlan:
    """The person's plan for the period: up to three focus competences of the frameworks
    meant for them, and a note. One plan per person and period; saving again changes it."""
    focus = list(focus)
    if period is None:
        raise ValidationError(_("There is no open period to plan for."))
    if period.is_closed:
        raise ValidationError(_("The period is closed; its plan can no longer change."))
    if not focus:
        raise ValidationError({"focus": _("Pick at least one focus competence.")})
    if len(focus) > DevelopmentPlan.MAX_FOCUS:
        raise ValidationError(
            {
                "focus": _("Pick at most %(max)d focus competences.")
                % {"max": DevelopmentPlan.MAX_FOCUS}
            }
        )
    allowed = set(focus_choices(person).values_list("pk", flat=True))
    if any(c.pk not in allowed for c in focus):
        raise ValidationError(
            {"focus": _("Focus only on competences of the frameworks meant for you.")}
        )
    plan, _created = DevelopmentPlan.objects.select_for_update().get_or_create(
        person=person, period=period, defaults={"note": note}
    )
    plan.note = note
    plan.save()
    plan.focus.set(focus)
    return plan


@transaction.atomic
def plan_comment(*, plan: DevelopmentPlan, author: User, text: str) -> PlanComment:
    """A comment on a plan, by someone who may see it: the owner or the owner's leader."""
    if not DevelopmentPlan.objects.visible_to(author).filter(pk=plan.pk).exists():
        raise ValidationError(_("You may not comment on this plan."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    return PlanComment.objects.create(plan=plan, author=author, text=text)


def own_plans(user: User):
    """The API's plans: one's own only, also for leaders."""
    return (
        DevelopmentPlan.objects.visible_to(user)
        .filter(person=user)
        .select_related("period")
        .prefetch_related("focus", "comments")
    )
