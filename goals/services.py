"""Writes with rules for plans, indicators, periods, reports and actions.

Keyword-only, atomic, Swedish-translatable ``ValidationError``s, side effects (emails)
through ``transaction.on_commit``. A closed period refuses every write here, so neither
a page nor a direct POST nor the API can change its numbers and texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from organisation.models import Membership, School, User
from vuxportal.bulk import RowErrors
from vuxportal.roles import Role
from vuxportal.scoping import ALL, schools_for

from . import selectors
from .models import (
    Action,
    ActionPlan,
    ActionUpdate,
    AssessmentStatus,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorTarget,
    Measurement,
    Prerequisite,
    PrerequisiteFollowUp,
    ReportingPeriod,
    Submission,
)

# --- Periods ----------------------------------------------------------------------------------


def ensure_open(period: ReportingPeriod) -> None:
    """Refuses any change to a closed (frozen) period."""
    if period.is_closed:
        raise ValidationError(
            _("%(period)s is closed. Its values and assessments can no longer be changed.")
            % {"period": period},
            code="period_closed",
        )


def ensure_plan_editable(plan: ActionPlan) -> None:
    if plan.is_read_only:
        raise ValidationError(
            _("%(plan)s is archived and can no longer be changed.") % {"plan": plan},
            code="plan_archived",
        )


def ensure_in_use(item: Goal | Indicator | Action) -> None:
    """Refuses changes to a withdrawn item: it is kept as it was, with its history."""
    for owner in (item, getattr(item, "goal", None)):
        if owner is not None and owner.is_withdrawn:
            raise ValidationError(
                _("%(item)s is withdrawn and can no longer be changed.") % {"item": owner},
                code="withdrawn",
            )


def ensure_changeable(item: Goal | Indicator | Action) -> None:
    """An item of a plan that is neither archived nor withdrawn may change."""
    ensure_plan_editable(plan_of(item))
    ensure_in_use(item)


@transaction.atomic
def goal_create(*, plan: ActionPlan, goal: Goal) -> Goal:
    """Adds a goal to a plan that is not archived; numbers are unique within the plan."""
    ensure_plan_editable(plan)
    goal.plan = plan
    if Goal.objects.filter(plan=plan, number=goal.number).exists():
        raise ValidationError({"number": _("The plan already has a goal with this number.")})
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def period_create(*, year: int, kind: str, deadline: date | None = None) -> ReportingPeriod:
    if ReportingPeriod.objects.filter(year=year, kind=kind).exists():
        raise ValidationError({"kind": _("This period already exists.")})
    starts_on, ends_on, default_deadline = ReportingPeriod.default_dates(year, kind)
    period = ReportingPeriod(
        year=year,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline=deadline or default_deadline,
    )
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def period_update(*, period: ReportingPeriod, deadline: date) -> ReportingPeriod:
    ensure_open(period)
    period.deadline = deadline
    period.save(update_fields=["deadline", "updated"])
    return period


@transaction.atomic
def snapshot_period(*, period: ReportingPeriod, force: bool = False) -> int:
    """Stores the live values of every automatic indicator of the active plan (and any
    plan with indicators reported in the period) as ``Measurement`` rows (source
    snapshot), per school and organisation-wide. Returns the number of rows written.

    Closed periods are frozen: only ``period_close`` (``force``) takes their last snapshot.
    """
    if period.is_closed and not force:
        ensure_open(period)
    plan = selectors.active_plan()
    indicators = Indicator.objects.active_for(period).filter(kind=Indicator.Kind.AUTOMATIC)
    if plan is not None:
        indicators = indicators.filter(goal__plan=plan)
    indicators = [i for i in indicators if i.metric is not None]
    schools = list(School.objects.active())
    existing = {
        (m.indicator_id, m.school_id): m
        for m in Measurement.objects.filter(period=period, indicator__in=indicators)
    }
    to_create, to_update = [], []
    for indicator in indicators:
        scopes = [None] + (schools if indicator.per_school else [])
        for school in scopes:
            value = selectors.live_value(indicator, period=period, school=school)
            row = existing.get((indicator.pk, school.pk if school else None))
            if row is None:
                to_create.append(
                    Measurement(
                        indicator=indicator,
                        period=period,
                        school=school,
                        value=value,
                        source=Measurement.Source.SNAPSHOT,
                    )
                )
            elif row.value != value or row.source != Measurement.Source.SNAPSHOT:
                row.value = value
                row.source = Measurement.Source.SNAPSHOT
                to_update.append(row)
    Measurement.objects.bulk_create(to_create)
    Measurement.objects.bulk_update(to_update, ["value", "source"])
    return len(to_create) + len(to_update)


@transaction.atomic
def period_close(*, period: ReportingPeriod, user: User | None = None) -> ReportingPeriod:
    """Takes the last snapshot of the automatic values, then freezes the period."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    ensure_open(period)
    snapshot_period(period=period)
    period.status = ReportingPeriod.Status.CLOSED
    period.closed_at = timezone.now()
    period.save(update_fields=["status", "closed_at", "updated"])
    return period


# --- Measurements and assessments -------------------------------------------------------------


def _check_value(indicator: Indicator, value: Decimal | None) -> None:
    if value is None:
        return
    if value < 0:
        raise ValidationError(_("The value cannot be negative."), code="min_value")
    maximum = indicator.max_value()
    if maximum is not None and value > maximum:
        raise ValidationError(_("A percentage must be between 0 and 100."), code="max_value")


def reporting_school_ids(user: User | None) -> set[int] | None:
    """The schools ``user`` writes values for; ``ALL`` (``None``): every school and, with
    no school, the whole organisation. Leaders report for their schools, administrators
    (and organisation-wide reporters) for every school and the organisation."""
    return schools_for(user, Measurement)


def check_reporting_school(*, school_id: int | None, school_ids: set[int] | None) -> None:
    """Who may write a value for which school: the one rule of the page, the API, the bulk
    write and any import. A school outside the user's answers like a missing one."""
    if school_id is None:
        if school_ids is not ALL:
            raise ValidationError(
                _("Only administrators report for the whole organisation."), code="org_wide"
            )
    elif school_ids is not ALL and school_id not in school_ids:
        raise ValidationError(_("Unknown school."), code="unknown_school")


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    period: ReportingPeriod,
    school: School | None,
    value: Decimal | None,
    user: User,
    comment: str = "",
) -> Measurement:
    """Enters a manual indicator's value for a school (or, with no school, the whole
    organisation) in an open period, as ``user``, who must report for that school (an
    organisation-wide value: an administrator)."""
    try:
        check_reporting_school(
            school_id=school.pk if school is not None else None,
            school_ids=reporting_school_ids(user),
        )
    except ValidationError as error:
        raise ValidationError({"school": error}) from None
    ensure_open(period)
    if indicator.is_withdrawn:
        raise ValidationError(_("The indicator is withdrawn and no longer reported."))
    if indicator.is_automatic:
        raise ValidationError(_("An automatic indicator is computed from live data."))
    if school is not None and not indicator.per_school:
        raise ValidationError(_("This indicator is only measured for the whole organisation."))
    try:
        _check_value(indicator, value)
    except ValidationError as error:
        raise ValidationError({"value": error}) from None
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator,
        period=period,
        school=school,
        defaults={
            "value": value,
            "comment": comment.strip(),
            "source": Measurement.Source.MANUAL,
            "recorded_by": user,
        },
    )
    return measurement


@dataclass
class MeasurementRow:
    """One row of a bulk write, by ids (as an integration sends it)."""

    indicator_id: int
    period_id: int
    school_id: int | None
    value: Decimal | None
    comment: str = ""


def _row_errors(
    *,
    indicator: Indicator | None,
    period: ReportingPeriod | None,
    school_id: int | None,
    school_ids: set[int] | None,
    value: Decimal | None,
) -> dict[str, list[str]]:
    """The rules of ``measurement_record`` for one row, field by field, without a query."""
    errors: dict[str, list[str]] = {}

    def add(field: str, error: ValidationError) -> None:
        errors.setdefault(field, []).extend(error.messages)

    if indicator is None:
        add("indicator", ValidationError(_("Unknown indicator.")))
    elif indicator.is_withdrawn:
        add("indicator", ValidationError(_("The indicator is withdrawn and no longer reported.")))
    elif indicator.is_automatic:
        add("indicator", ValidationError(_("An automatic indicator is computed from live data.")))
    if period is None:
        add("period", ValidationError(_("Unknown period.")))
    else:
        try:
            ensure_open(period)
        except ValidationError as error:
            add("period", error)
    try:
        check_reporting_school(school_id=school_id, school_ids=school_ids)
    except ValidationError as error:
        add("school", error)
    else:
        if school_id is not None and indicator is not None and not indicator.per_school:
            add(
                "school",
                ValidationError(_("This indicator is only measured for the whole organisation.")),
            )
    if indicator is not None:
        try:
            _check_value(indicator, value)
        except ValidationError as error:
            add("value", error)
    return errors


@transaction.atomic
def measurements_bulk_record(*, rows: list[MeasurementRow], user: User) -> list[Measurement]:
    """Enters many manual values at once: every row is checked first (the same rules as
    ``measurement_record``, the user's reporting scope included), then all are written in
    one transaction, or none when any row is invalid (``RowErrors``).

    A constant number of queries whatever the number of rows: indicators, periods, the
    existing rows and the writes are each one query (plus the history rows).
    """
    school_ids = reporting_school_ids(user)
    indicators = Indicator.objects.in_bulk({r.indicator_id for r in rows})
    periods = ReportingPeriod.objects.in_bulk({r.period_id for r in rows})
    known_schools = set(
        School.objects.filter(pk__in={r.school_id for r in rows if r.school_id}).values_list(
            "pk", flat=True
        )
    )
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[tuple[int, int, int | None]] = set()
    for index, row in enumerate(rows):
        school_known = row.school_id is None or row.school_id in known_schools
        row_errors = _row_errors(
            indicator=indicators.get(row.indicator_id),
            period=periods.get(row.period_id),
            school_id=row.school_id,
            school_ids=school_ids if school_known else set(),
            value=row.value,
        )
        key = (row.indicator_id, row.period_id, row.school_id)
        if key in seen:
            row_errors.setdefault("non_field_errors", []).append(
                _("The same indicator, period and school appear more than once.")
            )
        seen.add(key)
        if row_errors:
            errors[index] = row_errors
    if errors:
        raise RowErrors(errors)

    existing = {
        (m.indicator_id, m.period_id, m.school_id): m
        for m in Measurement.objects.select_for_update().filter(
            indicator__in={r.indicator_id for r in rows},
            period__in={r.period_id for r in rows},
        )
    }
    to_create, to_update, result = [], [], []
    for row in rows:
        measurement = existing.get((row.indicator_id, row.period_id, row.school_id))
        if measurement is None:
            measurement = Measurement(
                indicator_id=row.indicator_id, period_id=row.period_id, school_id=row.school_id
            )
            to_create.append(measurement)
        else:
            to_update.append(measurement)
        measurement.value = row.value
        measurement.comment = row.comment.strip()
        measurement.source = Measurement.Source.MANUAL
        measurement.recorded_by = user
        result.append(measurement)
    if to_create:
        bulk_create_with_history(to_create, Measurement, default_user=user)
    if to_update:
        now = timezone.now()
        for measurement in to_update:
            measurement.updated = now
        bulk_update_with_history(
            to_update,
            Measurement,
            ["value", "comment", "source", "recorded_by", "updated"],
            default_user=user,
        )
    return result


def suggested_status(
    *,
    goal: Goal,
    period: ReportingPeriod,
    school: School | None,
    values: dict[int, Decimal | None] | None = None,
) -> str:
    """The status the goal's indicators suggest. ``values`` overrides stored values
    (e.g. the numbers a leader has just typed on the reporting page)."""
    indicators = selectors.reporting_indicators([goal.pk], school=school, period=period)
    stored = selectors.period_values(period=period, school=school, indicators=indicators)
    stored.update(values or {})
    targets = selectors.targets_for_year(indicators, period.year)
    return selectors.suggested_statuses(
        goals=[goal], indicators=indicators, values=stored, targets=targets
    )[goal.pk]


def check_override(*, status: str, suggested: str, override_reason: str) -> None:
    if status != suggested and not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": _(
                    "You chose another status than the suggested (%(suggested)s). Write why."
                )
                % {"suggested": AssessmentStatus(suggested).label}
            }
        )


@transaction.atomic
def assessment_save(
    *,
    goal: Goal,
    period: ReportingPeriod,
    school: School | None,
    status: str,
    analysis: str = "",
    next_steps: str = "",
    override_reason: str = "",
    user: User | None = None,
    suggested: str | None = None,
    require_reason: bool = True,
) -> GoalAssessment:
    """Saves a goal's assessment for a school (or the organisation). The suggested
    status is computed from the indicators against their targets (direction-aware);
    choosing another status requires a written reason (a draft may wait for it:
    ``require_reason=False``; submitting checks again)."""
    ensure_open(period)
    if goal.is_withdrawn:
        raise ValidationError(_("The goal is withdrawn and no longer reported."))
    if status not in AssessmentStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if suggested is None:
        suggested = suggested_status(goal=goal, period=period, school=school)
    if require_reason:
        check_override(status=status, suggested=suggested, override_reason=override_reason)
    assessment, _created = GoalAssessment.objects.update_or_create(
        goal=goal,
        period=period,
        school=school,
        defaults={
            "status": status,
            "suggested_status": suggested,
            "override_reason": override_reason.strip() if status != suggested else "",
            "analysis": analysis.strip(),
            "next_steps": next_steps.strip(),
            "author": user,
        },
    )
    return assessment


@dataclass
class MeasurementInput:
    indicator: Indicator
    value: Decimal | None
    comment: str = ""


@dataclass
class AssessmentInput:
    goal: Goal
    status: str
    analysis: str = ""
    next_steps: str = ""
    override_reason: str = ""


@transaction.atomic
def report_save(
    *,
    period: ReportingPeriod,
    school: School | None,
    user: User,
    measurements: list[MeasurementInput],
    assessments: list[AssessmentInput],
    submit: bool = False,
    state: selectors.ReportState | None = None,
) -> Submission:
    """Saves a whole report (values, then assessments whose suggestions use those values)
    as a draft, or submits it. All or nothing.

    ``state`` is the report as the page already worked it out (``selectors.report_state``);
    without it, it is worked out here. Either way the suggestions are computed once for
    all goals, from the stored values with the ones just recorded in their place."""
    ensure_open(period)
    if state is None:
        state = selectors.report_state(period=period, school=school)
    recorded = {}
    for m in measurements:
        recorded[m.indicator.pk] = measurement_record(
            indicator=m.indicator,
            period=period,
            school=school,
            value=m.value,
            comment=m.comment,
            user=user,
        ).value
    suggestions = state.suggestions(recorded)
    for a in assessments:
        assessment_save(
            goal=a.goal,
            period=period,
            school=school,
            status=a.status,
            analysis=a.analysis,
            next_steps=a.next_steps,
            override_reason=a.override_reason,
            user=user,
            # A goal outside the report's plan (an API caller's) works its own out.
            suggested=suggestions.get(a.goal.pk),
            require_reason=submit,
        )
    submission = submission_draft(period=period, school=school)
    if submit:
        submission = submission_submit(period=period, school=school, user=user)
    return submission


@transaction.atomic
def submission_draft(*, period: ReportingPeriod, school: School | None) -> Submission:
    ensure_open(period)
    submission, _created = Submission.objects.get_or_create(period=period, school=school)
    return submission


@transaction.atomic
def submission_submit(*, period: ReportingPeriod, school: School | None, user: User) -> Submission:
    """Marks the school's report as submitted. Every goal must have an assessment."""
    ensure_open(period)
    plan = selectors.active_plan()
    if plan is not None:
        goal_ids = set(plan.goals.active_for(period).values_list("pk", flat=True))
        assessed = set(
            GoalAssessment.objects.filter(
                period=period, school=school, goal_id__in=goal_ids
            ).values_list("goal_id", flat=True)
        )
        if goal_ids - assessed:
            raise ValidationError(_("Assess every goal before you submit."))
    unexplained = GoalAssessment.objects.filter(period=period, school=school, override_reason="")
    if unexplained.exclude(status=F("suggested_status")).exists():
        raise ValidationError(
            _("Write a reason for every status that differs from the suggested one.")
        )
    submission, _created = Submission.objects.get_or_create(period=period, school=school)
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = user
    submission.save(update_fields=["state", "submitted_at", "submitted_by", "updated"])
    return submission


@transaction.atomic
def submission_reopen(*, period: ReportingPeriod, school: School | None) -> Submission:
    """Sends a submitted report back to draft (the administrator, while the period is open)."""
    ensure_open(period)
    submission = Submission.objects.get(period=period, school=school)
    submission.state = Submission.State.DRAFT
    submission.save(update_fields=["state", "updated"])
    return submission


# --- Reminders --------------------------------------------------------------------------------


def _leaders_of(school_ids: list[int]) -> dict[int, list[User]]:
    leaders: dict[int, list[User]] = {}
    memberships = (
        Membership.objects.current()
        .filter(role=Role.SCHOOL_LEADER, school_id__in=school_ids, user__is_active=True)
        .select_related("user")
    )
    for m in memberships:
        leaders.setdefault(m.school_id, []).append(m.user)
    return leaders


def reminder_send(*, user: User, period: ReportingPeriod, school: School) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        url = settings.SITE_URL + reverse("goals:report", args=[period.pk, school.pk])
        context = {"user": user, "period": period, "school": school, "url": url}
        send_mail(
            subject=_("Reminder: report %(period)s for %(school)s")
            % {"period": period, "school": school},
            message=render_to_string("goals/email/reminder.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )


@transaction.atomic
def reminders_send(*, period: ReportingPeriod, schools: list[School] | None = None) -> int:
    """Emails the leaders of every school (or the given ones) that has not submitted.
    Returns the number of emails queued."""
    ensure_open(period)
    submitted = set(
        Submission.objects.filter(
            period=period, state=Submission.State.SUBMITTED, school__isnull=False
        ).values_list("school_id", flat=True)
    )
    if schools is None:
        schools = list(School.objects.active())
    pending = [s for s in schools if s.pk not in submitted]
    leaders = _leaders_of([s.pk for s in pending])
    now = timezone.now()
    sent = 0
    for school in pending:
        recipients = leaders.get(school.pk, [])
        if not recipients:
            continue
        submission, _created = Submission.objects.get_or_create(period=period, school=school)
        submission.reminded_at = now
        submission.save(update_fields=["reminded_at", "updated"])
        for leader in recipients:
            transaction.on_commit(
                lambda leader=leader, school=school: reminder_send(
                    user=leader, period=period, school=school
                )
            )
            sent += 1
    return sent


def remind_before_deadlines(*, days_before: int = 7, today: date | None = None) -> int:
    """For the scheduler: reminds leaders of open periods whose deadline is exactly
    ``days_before`` days away (so a daily run sends one reminder per period)."""
    today = today or timezone.localdate()
    sent = 0
    for period in ReportingPeriod.objects.open().filter(
        deadline=today + timedelta(days=days_before)
    ):
        sent += reminders_send(period=period)
    return sent


# --- Plans ------------------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, plan: ActionPlan) -> ActionPlan:
    if plan.pk:
        stored = ActionPlan.objects.get(pk=plan.pk)
        ensure_plan_editable(stored)
    if plan.status == ActionPlan.Status.ACTIVE:
        ActionPlan.objects.active().exclude(pk=plan.pk).update(status=ActionPlan.Status.ARCHIVED)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_activate(*, plan: ActionPlan) -> ActionPlan:
    """Makes ``plan`` the active plan; the one active before it is archived (read-only)."""
    ensure_plan_editable(plan)
    ActionPlan.objects.active().exclude(pk=plan.pk).update(status=ActionPlan.Status.ARCHIVED)
    plan.status = ActionPlan.Status.ACTIVE
    plan.save(update_fields=["status", "updated"])
    return plan


@transaction.atomic
def plan_copy(*, plan: ActionPlan, title: str, starts_year: int, ends_year: int) -> ActionPlan:
    """Starts the next plan as a draft: the vision, the prerequisites (with their
    responsible person, not their follow-ups) and the goals and indicators in use (with
    targets for the years of the new plan) are copied from ``plan``."""
    if ends_year < starts_year:
        raise ValidationError({"ends_year": _("The last year cannot be before the first.")})
    new = ActionPlan.objects.create(
        title=title,
        starts_year=starts_year,
        ends_year=ends_year,
        vision=plan.vision,
        model_basis=plan.model_basis,
        summary=plan.summary,
        status=ActionPlan.Status.DRAFT,
    )
    for prerequisite in plan.prerequisites.all():
        prerequisite.pk = None
        prerequisite.id = None
        prerequisite.plan = new
        prerequisite._state.adding = True
        prerequisite.save()
    goals = list(
        plan.goals.in_use().prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.in_use().prefetch_related("targets"))
        )
    )
    for goal in goals:
        indicators = list(goal.indicators.all())
        goal.pk = None
        goal.id = None
        goal.plan = new
        goal._state.adding = True
        goal.save()
        for indicator in indicators:
            targets = list(indicator.targets.all())
            indicator.pk = None
            indicator.id = None
            indicator.goal = goal
            indicator._state.adding = True
            indicator.save()
            last = max(targets, key=lambda t: t.year).value if targets else None
            by_year = {t.year: t.value for t in targets}
            IndicatorTarget.objects.bulk_create(
                IndicatorTarget(indicator=indicator, year=year, value=by_year.get(year, last))
                for year in range(starts_year, ends_year + 1)
                if by_year.get(year, last) is not None
            )
    return new


# --- Indicators -------------------------------------------------------------------------------


@transaction.atomic
def indicator_save(
    *, indicator: Indicator, targets: dict[int, Decimal | None] | None = None
) -> Indicator:
    """Saves the indicator and, with ``targets`` (year → value, ``None`` removes), its
    yearly targets, all or nothing."""
    ensure_changeable(indicator)
    indicator.full_clean()
    indicator.save()
    for year, value in (targets or {}).items():
        target_set(indicator=indicator, year=year, value=value)
    return indicator


@transaction.atomic
def target_set(*, indicator: Indicator, year: int, value: Decimal | None) -> IndicatorTarget | None:
    """Sets (or with no value removes) the indicator's target for a year."""
    ensure_changeable(indicator)
    if value is None:
        IndicatorTarget.objects.filter(indicator=indicator, year=year).delete()
        return None
    try:
        _check_value(indicator, value)
    except ValidationError as error:
        raise ValidationError({"value": error}) from None
    target, _created = IndicatorTarget.objects.update_or_create(
        indicator=indicator, year=year, defaults={"value": value}
    )
    return target


# --- Actions ----------------------------------------------------------------------------------


@transaction.atomic
def action_save(*, action: Action, goals=None, schools=None) -> Action:
    ensure_plan_editable(action.plan)
    ensure_in_use(action)
    if action.status == Action.Status.DONE:
        action.progress = 100
        action.completed_on = action.completed_on or timezone.localdate()
    else:
        action.completed_on = None
    action.full_clean()
    action.save()
    if goals is not None:
        action.goals.set(goals)
    if schools is not None:
        action.schools.set(schools)
    return action


def action_initial_from_decision(decision) -> dict:
    """What an action made from a working group's decision starts with."""
    text = decision.text.strip()
    first_line = text.splitlines()[0] if text else ""
    return {
        "title": first_line[:300],
        "description": text,
        "responsible": decision.responsible,
        "responsible_group": decision.meeting.group,
        "due_on": decision.due_on,
    }


@transaction.atomic
def action_from_decision(*, decision, action: Action, goals, schools=None) -> Action:
    """Turns a meeting decision into an action on one or more goals, in one step.

    A decision becomes at most one action; the action keeps the link back, so the
    meeting page and the action show each other.
    """
    if Action.objects.filter(decision=decision).exists():
        raise ValidationError(_("This decision is already an action."), code="already_action")
    if not goals:
        raise ValidationError({"goals": _("Choose at least one goal.")})
    action.decision = decision
    if action.responsible_group_id is None:
        action.responsible_group = decision.meeting.group
    return action_save(action=action, goals=goals, schools=schools)


@transaction.atomic
def action_update_add(
    *,
    action: Action,
    text: str,
    author: User | None,
    progress: int | None = None,
    status: str | None = None,
    on: date | None = None,
) -> ActionUpdate:
    """Adds a dated progress note; a given progress or status also updates the action."""
    ensure_changeable(action)
    if not text.strip():
        raise ValidationError({"text": _("Write what has happened.")})
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress must be between 0 and 100.")})
    update = ActionUpdate.objects.create(
        action=action,
        text=text.strip(),
        progress=progress,
        author=author,
        date=on or timezone.localdate(),
    )
    fields = []
    if progress is not None:
        action.progress = progress
        fields.append("progress")
    if status:
        action.status = status
        fields.append("status")
        if status == Action.Status.DONE:
            action.progress = 100
            action.completed_on = action.completed_on or update.date
            fields += ["progress", "completed_on"]
    if fields:
        action.save(update_fields=[*set(fields), "updated"])
    return update


# --- Plan upkeep: prerequisites, deleting and withdrawing -------------------------------------


@dataclass
class FollowUpInput:
    period: ReportingPeriod
    status: str
    comment: str = ""


@transaction.atomic
def prerequisite_save(
    *, prerequisite: Prerequisite, user: User, follow_up: FollowUpInput | None = None
) -> Prerequisite:
    """Saves a prerequisite of a plan that is not archived (its number unique in the
    plan) and, with ``follow_up``, its status and comment for an open period."""
    ensure_plan_editable(prerequisite.plan)
    taken = Prerequisite.objects.filter(plan=prerequisite.plan, number=prerequisite.number)
    if taken.exclude(pk=prerequisite.pk).exists():
        raise ValidationError(
            {"number": _("The plan already has a prerequisite with this number.")}
        )
    prerequisite.full_clean(validate_constraints=False)
    prerequisite.save()
    if follow_up is not None:
        prerequisite_follow_up(
            prerequisite=prerequisite,
            period=follow_up.period,
            status=follow_up.status,
            comment=follow_up.comment,
            user=user,
        )
    return prerequisite


@transaction.atomic
def prerequisite_follow_up(
    *,
    prerequisite: Prerequisite,
    period: ReportingPeriod,
    status: str,
    user: User,
    comment: str = "",
) -> PrerequisiteFollowUp:
    """Records how the prerequisite stands in an open period (again: replaces it)."""
    ensure_plan_editable(prerequisite.plan)
    try:
        ensure_open(period)
    except ValidationError as error:
        raise ValidationError({"period": error}) from None
    if status not in PrerequisiteFollowUp.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    follow_up, _created = PrerequisiteFollowUp.objects.update_or_create(
        prerequisite=prerequisite,
        period=period,
        defaults={"status": status, "comment": comment.strip(), "author": user},
    )
    return follow_up


PlanItem = Goal | Indicator | Action | Prerequisite


def plan_of(item: PlanItem) -> ActionPlan:
    return item.goal.plan if isinstance(item, Indicator) else item.plan


def _goal_only_actions(goal: Goal):
    """The actions that serve ``goal`` and no other goal in use: they go with it."""
    others = Action.goals.through.objects.filter(
        action_id=OuterRef("pk"), goal__withdrawn_at__isnull=True
    ).exclude(goal_id=goal.pk)
    return Action.objects.filter(goals=goal).exclude(Exists(others))


@dataclass
class Impact:
    """What deleting or withdrawing an item touches, as (label, count) rows: shown on its
    confirmation page, and the reason the delete service refuses."""

    removed: list[tuple[str, int]]  # deleting removes these with it
    unlinked: list[tuple[str, int]]  # these stay, but no longer name it
    withdrawn: list[tuple[str, int]]  # withdrawing takes these out of reporting with it
    closed: list[tuple[str, int]]  # what closed periods hold of it: it cannot be deleted

    @staticmethod
    def rows(counts: dict) -> list[tuple[str, int]]:
        return [(str(model._meta.verbose_name_plural), n) for model, n in counts.items() if n]


def _period_rows(model, **lookup) -> dict:
    """How many of ``model``'s rows matching ``lookup`` there are, and in closed periods."""
    closed = Q(period__status=ReportingPeriod.Status.CLOSED)
    counts = model.objects.filter(**lookup).aggregate(
        total=Count("pk"), closed=Count("pk", filter=closed)
    )
    return {"total": counts["total"], "closed": counts["closed"]}


def _closed_periods_of_actions(actions) -> int:
    """Closed periods that cover an action's due date or one of its progress notes: the
    action counted in what they reported (actions done on time, the updates)."""
    updates = ActionUpdate.objects.filter(
        action__in=actions, date__gte=OuterRef("starts_on"), date__lte=OuterRef("ends_on")
    )
    due = Action.objects.filter(
        pk__in=actions, due_on__gte=OuterRef("starts_on"), due_on__lte=OuterRef("ends_on")
    )
    return ReportingPeriod.objects.closed().filter(Exists(updates) | Exists(due)).count()


def _other_parts(item: PlanItem) -> dict:
    """Rows of the other parts that name the item (sessions serving an action): they
    keep existing without the link. Found through the relations, so goals imports none
    of the parts that point at it."""
    counts = {}
    for relation in type(item)._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label == "goals" or not relation.field.null:
            continue
        counts[model] = model._base_manager.filter(**{relation.field.name: item}).count()
    return counts


def item_impact(item: PlanItem) -> Impact:
    """What deleting or withdrawing ``item`` touches, in a few counting queries."""
    if isinstance(item, Goal):
        return _goal_impact(item)
    if isinstance(item, Indicator):
        measurements = _period_rows(Measurement, indicator=item)
        return Impact(
            removed=Impact.rows(
                {IndicatorTarget: item.targets.count(), Measurement: measurements["total"]}
            ),
            unlinked=[],
            withdrawn=[],
            closed=Impact.rows({Measurement: measurements["closed"]}),
        )
    if isinstance(item, Action):
        return Impact(
            removed=Impact.rows({ActionUpdate: item.updates.count()}),
            unlinked=Impact.rows(_other_parts(item)),
            withdrawn=[],
            closed=Impact.rows({ReportingPeriod: _closed_periods_of_actions([item.pk])}),
        )
    follow_ups = _period_rows(PrerequisiteFollowUp, prerequisite=item)
    return Impact(
        removed=Impact.rows({PrerequisiteFollowUp: follow_ups["total"]}),
        unlinked=Impact.rows({Action: item.actions.count()}),
        withdrawn=[],
        closed=Impact.rows({PrerequisiteFollowUp: follow_ups["closed"]}),
    )


def _goal_impact(goal: Goal) -> Impact:
    indicators = goal.indicators.aggregate(
        total=Count("pk"), in_use=Count("pk", filter=Q(withdrawn_at__isnull=True))
    )
    measurements = _period_rows(Measurement, indicator__goal=goal)
    assessments = _period_rows(GoalAssessment, goal=goal)
    only_here = list(_goal_only_actions(goal).values_list("pk", "withdrawn_at"))
    linked = goal.actions.count()
    return Impact(
        removed=Impact.rows(
            {
                Indicator: indicators["total"],
                Measurement: measurements["total"],
                GoalAssessment: assessments["total"],
                Action: len(only_here),
            }
        ),
        unlinked=Impact.rows({Action: linked - len(only_here)}),
        withdrawn=Impact.rows(
            {
                Indicator: indicators["in_use"],
                Action: sum(1 for _pk, withdrawn_at in only_here if withdrawn_at is None),
            }
        ),
        closed=Impact.rows(
            {
                Measurement: measurements["closed"],
                GoalAssessment: assessments["closed"],
                ReportingPeriod: _closed_periods_of_actions([pk for pk, _at in only_here])
                if only_here
                else 0,
            }
        ),
    )


def deletion_refusal(item: PlanItem, impact: Impact | None = None) -> str | None:
    """Why ``item`` cannot be deleted, or ``None`` when it can: only items of a draft
    plan are deleted, and nothing that a closed period refers to. What cannot be deleted
    is withdrawn instead (a prerequisite is kept and followed up)."""
    plan = plan_of(item)
    if plan.is_read_only:
        return _("%(plan)s is archived and can no longer be changed.") % {"plan": plan}
    if plan.status != ActionPlan.Status.DRAFT:
        if isinstance(item, Prerequisite):
            return _("Prerequisites of the active plan are kept: change the text or follow it up.")
        return _("%(item)s belongs to the active plan: withdraw it, so its history is kept.") % {
            "item": item
        }
    impact = impact or item_impact(item)
    if impact.closed:
        held = ", ".join(f"{label}: {n}" for label, n in impact.closed)
        return _(
            "%(item)s cannot be deleted: closed periods refer to it (%(held)s). "
            "Withdraw it instead, so those periods keep showing it."
        ) % {"item": item, "held": held}
    return None


@transaction.atomic
def item_delete(*, item: PlanItem) -> None:
    """Deletes an item of a draft plan with what belongs to it (a goal: its indicators,
    their measurements and targets, its assessments, and the actions that serve it
    alone). Refused for anything a closed period refers to (``deletion_refusal``)."""
    refusal = deletion_refusal(item)
    if refusal:
        raise ValidationError(refusal, code="not_deletable")
    if isinstance(item, Goal):
        for action in _goal_only_actions(item):
            action.delete()
    item.delete()


@transaction.atomic
def item_withdraw(*, item: Goal | Indicator | Action, by: User, reason: str) -> int:
    """Withdraws a goal, indicator or action: it is kept with its history, left out of
    new reporting, and still shown in the periods that closed before now. A goal takes
    its indicators and the actions that serve it alone with it. Returns how many items
    were withdrawn."""
    ensure_plan_editable(plan_of(item))
    if item.is_withdrawn:
        raise ValidationError(_("%(item)s is already withdrawn.") % {"item": item})
    if not reason.strip():
        raise ValidationError({"reason": _("Write why it is withdrawn.")})
    items = [item]
    if isinstance(item, Goal):
        items += list(item.indicators.in_use()) + list(_goal_only_actions(item).in_use())
    now = timezone.now()
    for each in items:
        each.withdrawn_at, each.withdrawn_by = now, by
        each.withdrawn_reason = reason.strip()
        each.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "updated"])
    return len(items)
