"""The frozen snapshot behind a report: plain JSON with every number and text it shows.

``build_snapshot`` reads the goals' data for one (kind, period, school or organisation)
in a constant number of queries (plus one aggregate per registered metric and school for
the part sections, see ``vuxportal/metrics.py``). The PDF template and the Excel writer
read only the snapshot, so a stored report can be reproduced exactly and compared with
the previous period's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from goals.models import (
    Action,
    ActionPlan,
    AssessmentStatus,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorTarget,
    Measurement,
    PlanPart,
    ReportingPeriod,
)
from goals.selectors import dashboard
from organisation.models import School
from vuxportal.metrics import metrics

from .models import PARTS_OF, ReportKind
from .sections import sections

SNAPSHOT_VERSION = 1
HISTORY_PERIODS = 6  # how many periods (up to this one) the indicator charts show
STATUS_ORDER = [s.value for s in AssessmentStatus]
PART_APPS = {
    PlanPart.COMPETENCE: "competence",
    PlanPart.ORGANISATION: "organisation",
    PlanPart.INFRASTRUCTURE: "infrastructure",
}


def _num(value) -> float | None:
    return None if value is None else float(Decimal(value).quantize(Decimal("0.01")))


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _period(period: ReportingPeriod | None) -> dict | None:
    if period is None:
        return None
    return {
        "id": period.pk,
        "label": str(period),
        "year": period.year,
        "kind": period.kind,
        "starts_on": _date(period.starts_on),
        "ends_on": _date(period.ends_on),
        "deadline": _date(period.deadline),
        "status": period.status,
        "status_label": str(period.get_status_display()),
    }


def combined_status(statuses: list[str]) -> str:
    """The organisation's status from the schools': met only when all met, not met only
    when none met even partly, partly met in between; not assessed when nobody assessed."""
    assessed = [s for s in statuses if s != AssessmentStatus.NOT_ASSESSED]
    if not assessed:
        return AssessmentStatus.NOT_ASSESSED
    if all(s == AssessmentStatus.MET for s in assessed):
        return AssessmentStatus.MET
    if all(s == AssessmentStatus.NOT_MET for s in assessed):
        return AssessmentStatus.NOT_MET
    return AssessmentStatus.PARTLY_MET


def indicator_met(value, target, direction) -> bool | None:
    if value is None or target is None:
        return None
    return value >= target if direction == Indicator.Direction.HIGHER else value <= target


def _plan_for(period: ReportingPeriod) -> ActionPlan | None:
    plans = ActionPlan.objects.order_by("-starts_year")
    covering = [p for p in plans if p.starts_year <= period.year <= p.ends_year]
    active = [p for p in plans if p.status == ActionPlan.Status.ACTIVE]
    return (covering and covering[0]) or (active and active[0]) or (plans and plans[0]) or None


def build_snapshot(*, kind: str, period: ReportingPeriod, school: School | None) -> dict:
    """Everything the report of ``kind`` for ``period`` and ``school`` (None: the whole
    organisation) shows, in Swedish, as JSON-ready data."""
    with translation.override(settings.LANGUAGE_CODE):
        return _build(kind=kind, period=period, school=school)


def _build(*, kind, period, school):
    plan = _plan_for(period)
    history = list(
        ReportingPeriod.objects.filter(sort_key__lte=period.sort_key).order_by("-sort_key")[
            :HISTORY_PERIODS
        ]
    )[::-1]
    previous = history[-2] if len(history) > 1 else None
    schools = [school] if school else list(School.objects.filter(is_active=True))
    school_ids = [s.pk for s in schools]
    parts = PARTS_OF.get(kind)

    goals = list(Goal.objects.filter(plan=plan).select_related("responsible")) if plan else []
    if parts:
        goals = [g for g in goals if g.part in parts]
    goal_ids = [g.pk for g in goals]
    indicators = list(Indicator.objects.filter(goal_id__in=goal_ids))
    indicator_ids = [i.pk for i in indicators]
    history_ids = [p.pk for p in history]
    years = {p.year for p in history}
    targets = {
        (t.indicator_id, t.year): t.value
        for t in IndicatorTarget.objects.filter(indicator_id__in=indicator_ids, year__in=years)
    }
    values: dict[tuple[int, int, int | None], Decimal | None] = {}
    for m in Measurement.objects.filter(
        Q(school__isnull=True) | Q(school_id__in=school_ids),
        indicator_id__in=indicator_ids,
        period_id__in=history_ids,
    ).values("indicator_id", "period_id", "school_id", "value"):
        values[(m["indicator_id"], m["period_id"], m["school_id"])] = m["value"]
    assessments = {
        (a.goal_id, a.period_id, a.school_id): a
        for a in GoalAssessment.objects.filter(
            Q(school__isnull=True) | Q(school_id__in=school_ids),
            goal_id__in=goal_ids,
            period_id__in=[p.pk for p in (period, previous) if p],
        ).select_related("author")
    }
    actions = list(
        Action.objects.filter(goals__in=goal_ids)
        .distinct()
        .select_related("responsible")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.only("pk")),
            Prefetch("schools", queryset=School.objects.only("pk", "name")),
        )
    )

    def value_of(indicator, period_id, school_id):
        """The indicator's value for a school, or for the organisation (school_id None):
        its own measurement, else the schools' sum (counts) or mean (everything else)."""
        if school_id is not None and not indicator.per_school:
            school_id = None
        own = values.get((indicator.pk, period_id, school_id))
        if own is not None or school_id is not None:
            return own
        parts_ = [
            values[(indicator.pk, period_id, s)]
            for s in school_ids
            if values.get((indicator.pk, period_id, s)) is not None
        ]
        if not parts_:
            return None
        total = sum(parts_, Decimal(0))
        return total if indicator.unit == Indicator.Unit.COUNT else total / len(parts_)

    # Automatic indicators without a snapshot row yet show the live value.
    for indicator in indicators:
        metric = indicator.metric if indicator.is_automatic else None
        if metric is None:
            continue
        scopes = [None, *(school_ids if indicator.per_school else [])]
        for sid in scopes:
            if (indicator.pk, period.pk, sid) not in values:
                target_school = next((s for s in schools if s.pk == sid), None)
                values[(indicator.pk, period.pk, sid)] = metric.compute(
                    school=target_school, start=period.starts_on, end=period.ends_on
                )

    scope_id = school.pk if school else None
    status_labels = dict(AssessmentStatus.choices)

    def status_for(goal, period_id):
        if period_id is None:
            return None
        own = assessments.get((goal.pk, period_id, scope_id))
        if own is not None and (school or own.status != AssessmentStatus.NOT_ASSESSED):
            return own.status
        if school:
            return AssessmentStatus.NOT_ASSESSED
        return combined_status(
            [
                assessments[(goal.pk, period_id, s)].status
                for s in school_ids
                if (goal.pk, period_id, s) in assessments
            ]
        )

    indicators_by_goal = defaultdict(list)
    for indicator in indicators:
        indicators_by_goal[indicator.goal_id].append(indicator)
    actions_by_goal = defaultdict(list)
    for action in actions:
        action_schools = list(action.schools.all())
        if school and action_schools and school.pk not in {s.pk for s in action_schools}:
            continue
        for goal in action.goals.all():
            actions_by_goal[goal.pk].append((action, action_schools))

    # The report shows the dashboard's numbers: goal statuses and indicator values come
    # from the same selector the dashboard uses, so the board sees what leaders saw.
    board = dashboard(
        period=period, school=school, plan=plan, schools=schools, live=not period.is_closed
    )
    board_goals = {row.goal.pk: row for row in board.goals}

    goal_rows = []
    for goal in goals:
        status = status_for(goal, period.pk)
        previous_status = status_for(goal, previous.pk if previous else None)
        board_row = board_goals.get(goal.pk)
        board_indicators = {}
        if board_row is not None:
            status, previous_status = board_row.overall, board_row.previous_overall
            board_indicators = {r.indicator.pk: r for r in board_row.indicators}
        school_rows = []
        for s in schools:
            a = assessments.get((goal.pk, period.pk, s.pk))
            s_status = a.status if a else AssessmentStatus.NOT_ASSESSED
            school_rows.append(
                {
                    "school": s.name,
                    "code": s.code,
                    "status": s_status,
                    "status_label": str(status_labels[s_status]),
                    "analysis": a.analysis if a else "",
                    "next_steps": a.next_steps if a else "",
                    "author": a.author.display_name if a and a.author else "",
                }
            )
        org_assessment = assessments.get((goal.pk, period.pk, None)) if not school else None
        indicator_rows = []
        for indicator in indicators_by_goal[goal.pk]:
            value = value_of(indicator, period.pk, scope_id)
            target = targets.get((indicator.pk, period.year))
            previous_value = value_of(indicator, previous.pk, scope_id) if previous else None
            met = indicator_met(value, target, indicator.direction)
            board_indicator = board_indicators.get(indicator.pk)
            if board_indicator is not None:
                value, target = board_indicator.value, board_indicator.target
                previous_value, met = board_indicator.previous_value, board_indicator.on_target
            history_values = [_num(value_of(indicator, p.pk, scope_id)) for p in history]
            if history_values:
                history_values[-1] = _num(value)
            indicator_rows.append(
                {
                    "id": indicator.pk,
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "unit_label": str(indicator.get_unit_display()),
                    "direction": indicator.direction,
                    "automatic": indicator.is_automatic,
                    "value": _num(value),
                    "target": _num(target),
                    "previous_value": _num(previous_value),
                    "met": met,
                    "by_school": [
                        {"school": s.name, "value": _num(value_of(indicator, period.pk, s.pk))}
                        for s in schools
                    ]
                    if indicator.per_school
                    else [],
                    "history": {
                        "labels": [str(p) for p in history],
                        "values": history_values,
                        "targets": [_num(targets.get((indicator.pk, p.year))) for p in history],
                    },
                }
            )
        goal_rows.append(
            {
                "number": goal.number,
                "title": goal.title,
                "part": goal.part,
                "part_label": str(goal.get_part_display()),
                "responsible": goal.responsible.display_name if goal.responsible else "",
                "status": status,
                "status_label": str(status_labels[status]),
                "previous_status": previous_status,
                "previous_status_label": str(status_labels[previous_status])
                if previous_status
                else "",
                "schools": school_rows,
                "analysis": org_assessment.analysis if org_assessment else "",
                "next_steps": org_assessment.next_steps if org_assessment else "",
                "indicators": indicator_rows,
                "actions": [
                    {
                        "title": action.title,
                        "status": action.status,
                        "status_label": str(action.get_status_display()),
                        "progress": action.progress,
                        "due_on": _date(action.due_on),
                        "responsible": action.responsible.display_name
                        if action.responsible
                        else "",
                        "schools": ", ".join(s.name for s in action_schools)
                        or _("Whole organisation"),
                        "overdue": action.is_overdue,
                    }
                    for action, action_schools in actions_by_goal[goal.pk]
                ],
            }
        )

    counts = Counter(g["status"] for g in goal_rows)
    previous_counts = Counter(g["previous_status"] for g in goal_rows if g["previous_status"])
    summary = {
        "goal_count": len(goal_rows),
        "statuses": [
            {
                "status": s,
                "label": str(status_labels[s]),
                "count": counts.get(s, 0),
                "previous": previous_counts.get(s, 0) if previous else None,
                "change": counts.get(s, 0) - previous_counts.get(s, 0) if previous else None,
            }
            for s in STATUS_ORDER
        ],
        "changed_goals": [
            {
                "number": g["number"],
                "title": g["title"],
                "from": g["previous_status_label"],
                "to": g["status_label"],
            }
            for g in goal_rows
            if previous and g["previous_status"] != g["status"]
        ],
        "indicators_met": sum(1 for g in goal_rows for i in g["indicators"] if i["met"] is True),
        "indicators_with_target": sum(
            1 for g in goal_rows for i in g["indicators"] if i["met"] is not None
        ),
    }

    part_rows = []
    for part in parts or (PlanPart.COMPETENCE, PlanPart.ORGANISATION, PlanPart.INFRASTRUCTURE):
        app_label = PART_APPS[part]
        metric_rows = []
        for metric in metrics:
            if metric.app_label != app_label:
                continue
            compute = lambda s, m=metric: _num(  # noqa: E731
                m.compute(school=s, start=period.starts_on, end=period.ends_on)
            )
            metric_rows.append(
                {
                    "key": metric.key,
                    "label": str(metric.label),
                    "unit": metric.unit,
                    "unit_label": str(dict(Indicator.Unit.choices).get(metric.unit, metric.unit)),
                    "organisation": compute(None),
                    "by_school": [{"school": s.name, "value": compute(s)} for s in schools],
                }
            )
        tables = []
        for section in sections.for_part(app_label):
            table = section.build(
                period=period, school=school, start=period.starts_on, end=period.ends_on
            )
            tables.append(
                {
                    "key": section.key,
                    "title": str(section.title),
                    "columns": [str(c) for c in table.get("columns", [])],
                    "rows": table.get("rows", []),
                }
            )
        part_rows.append(
            {
                "part": part,
                "app_label": app_label,
                "title": str(PlanPart(part).label),
                "metrics": metric_rows,
                "tables": tables,
            }
        )

    kind_label = str(ReportKind(kind).label)
    scope_label = school.name if school else settings.ORGANISATION_NAME
    return {
        "version": SNAPSHOT_VERSION,
        "kind": kind,
        "kind_label": kind_label,
        "title": f"{kind_label} {period.year}",
        "organisation": settings.ORGANISATION_NAME,
        "scope": scope_label,
        "school": {"id": school.pk, "code": school.code, "name": school.name} if school else None,
        "schools": [{"id": s.pk, "code": s.code, "name": s.name} for s in schools],
        "period": _period(period),
        "previous_period": _period(previous),
        "plan": {"title": plan.title, "vision": plan.vision} if plan else None,
        "compiled_at": timezone.now().isoformat(timespec="seconds"),
        "summary": summary,
        "goals": goal_rows,
        "parts": part_rows,
    }
