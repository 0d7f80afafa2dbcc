"""The goals' section of the board report: the summary of goal statuses, per goal its
status per school, indicators with targets and history, analyses and actions, and how
the plan's prerequisites stand in the period.

A report shows the goals, indicators and actions its period reports on
(``active_for(period)``): items withdrawn later still show in a closed period, marked
with the day they were withdrawn. Keys added since the first snapshots (``withdrawn_on``,
``prerequisites``) are optional for the templates, so stored reports render as before.

The numbers are the dashboard's (``selectors.dashboard``), so the board sees what the
leaders saw; this module adds what only the report shows (history per indicator, values
per school, the actions). Registered in ``plugins.py``; see vuxportal/report_sections.py
for the contract.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.models import School
from vuxportal.charts import Series, line_chart
from vuxportal.report_sections import (
    ExcelSheets,
    ReportContext,
    ReportSection,
    as_number,
    per_school,
)

from .models import (
    Action,
    AssessmentStatus,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorTarget,
    Measurement,
    PrerequisiteFollowUp,
)
from .selectors import dashboard, meets_target

STATUS_ORDER = [s.value for s in AssessmentStatus]
STATUS_SYMBOLS = {"met": "●", "partly_met": "◐", "not_met": "○", "not_assessed": "–"}


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _withdrawn_on(item) -> str | None:
    return _date(timezone.localdate(item.withdrawn_at)) if item.withdrawn_at else None


# --- Building the data ----------------------------------------------------------------------


@dataclass
class _Loaded:
    """The goals' rows a report needs, fetched in a constant number of queries."""

    ctx: ReportContext
    indicators_by_goal: dict[int, list[Indicator]]
    targets: dict[tuple[int, int], Decimal]
    values: dict[tuple[int, int, int | None], Decimal | None]
    assessments: dict[tuple[int, int | None], GoalAssessment]
    actions_by_goal: dict[int, list[tuple[Action, list[School]]]]

    def value_of(self, indicator: Indicator, period_id: int, school_id: int | None):
        """The indicator's value for a school, or for the organisation (school_id None):
        its own measurement, else the schools' sum (counts) or mean (everything else)."""
        if school_id is not None and not indicator.per_school:
            school_id = None
        own = self.values.get((indicator.pk, period_id, school_id))
        if own is not None or school_id is not None:
            return own
        found = [
            self.values[(indicator.pk, period_id, s.pk)]
            for s in self.ctx.schools
            if self.values.get((indicator.pk, period_id, s.pk)) is not None
        ]
        if not found:
            return None
        total = sum(found, Decimal(0))
        return total if indicator.unit == Indicator.Unit.COUNT else total / len(found)


def build(ctx: ReportContext) -> dict:
    goals = []
    if ctx.plan:
        goals = Goal.objects.active_for(ctx.period).filter(plan=ctx.plan)
        goals = [g for g in goals.select_related("responsible") if ctx.covers(g.part)]
    loaded = _load(ctx, goals)
    # The report shows the dashboard's numbers: goal statuses and indicator values come
    # from the same selector the dashboard uses, so the board sees what leaders saw.
    board = dashboard(
        period=ctx.period,
        school=ctx.school,
        plan=ctx.plan,
        schools=ctx.schools,
        live=not ctx.period.is_closed,
    )
    board_goals = {row.goal.pk: row for row in board.goals}
    goal_rows = [_goal_row(loaded, goal, board_goals[goal.pk]) for goal in goals]
    return {
        "summary": _summary(goal_rows, ctx.previous),
        "goals": goal_rows,
        "prerequisites": _prerequisites(ctx),
    }


def _load(ctx: ReportContext, goals: list[Goal]) -> _Loaded:
    school_ids = [s.pk for s in ctx.schools]
    goal_ids = [g.pk for g in goals]
    indicators = list(Indicator.objects.active_for(ctx.period).filter(goal_id__in=goal_ids))
    indicator_ids = [i.pk for i in indicators]
    targets = {
        (t.indicator_id, t.year): t.value
        for t in IndicatorTarget.objects.filter(
            indicator_id__in=indicator_ids, year__in={p.year for p in ctx.history}
        )
    }
    values = {
        (m["indicator_id"], m["period_id"], m["school_id"]): m["value"]
        for m in Measurement.objects.filter(
            Q(school__isnull=True) | Q(school_id__in=school_ids),
            indicator_id__in=indicator_ids,
            period_id__in=[p.pk for p in ctx.history],
        ).values("indicator_id", "period_id", "school_id", "value")
    }
    _add_live_values(ctx, indicators, values)
    assessments = {
        (a.goal_id, a.school_id): a
        for a in GoalAssessment.objects.filter(
            Q(school__isnull=True) | Q(school_id__in=school_ids),
            goal_id__in=goal_ids,
            period=ctx.period,
        ).select_related("author")
    }
    indicators_by_goal = defaultdict(list)
    for indicator in indicators:
        indicators_by_goal[indicator.goal_id].append(indicator)
    return _Loaded(
        ctx=ctx,
        indicators_by_goal=indicators_by_goal,
        targets=targets,
        values=values,
        assessments=assessments,
        actions_by_goal=_actions_by_goal(ctx, goal_ids),
    )


def _add_live_values(ctx: ReportContext, indicators: list[Indicator], values: dict) -> None:
    """Automatic indicators without a snapshot row yet show the live value."""
    for indicator in indicators:
        metric = indicator.metric if indicator.is_automatic else None
        if metric is None:
            continue
        scopes = [None, *([s.pk for s in ctx.schools] if indicator.per_school else [])]
        for sid in scopes:
            if (indicator.pk, ctx.period.pk, sid) not in values:
                school = next((s for s in ctx.schools if s.pk == sid), None)
                values[(indicator.pk, ctx.period.pk, sid)] = metric.compute(
                    school=school, start=ctx.start, end=ctx.end
                )


def _actions_by_goal(ctx: ReportContext, goal_ids: list[int]) -> dict:
    actions = (
        Action.objects.active_for(ctx.period)
        .filter(goals__in=goal_ids)
        .distinct()
        .select_related("responsible")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.only("pk")),
            Prefetch("schools", queryset=School.objects.only("pk", "name")),
        )
    )
    by_goal = defaultdict(list)
    for action in actions:
        action_schools = list(action.schools.all())
        if ctx.school and action_schools and ctx.school.pk not in {s.pk for s in action_schools}:
            continue
        for goal in action.goals.all():
            by_goal[goal.pk].append((action, action_schools))
    return by_goal


def _label(status: str | None) -> str:
    return str(AssessmentStatus(status).label) if status else ""


def _goal_row(loaded: _Loaded, goal: Goal, board_row) -> dict:
    ctx = loaded.ctx
    org = loaded.assessments.get((goal.pk, None)) if not ctx.school else None
    board_indicators = {r.indicator.pk: r for r in board_row.indicators}
    return {
        "number": goal.number,
        "title": goal.title,
        "part": goal.part,
        "part_label": str(goal.get_part_display()),
        "responsible": goal.responsible.display_name if goal.responsible else "",
        "withdrawn_on": _withdrawn_on(goal),
        "status": board_row.overall,
        "status_label": _label(board_row.overall),
        "previous_status": board_row.previous_overall,
        "previous_status_label": _label(board_row.previous_overall),
        "schools": [_school_row(loaded.assessments.get((goal.pk, s.pk)), s) for s in ctx.schools],
        "analysis": org.analysis if org else "",
        "next_steps": org.next_steps if org else "",
        "indicators": [
            _indicator_row(loaded, indicator, board_indicators.get(indicator.pk))
            for indicator in loaded.indicators_by_goal[goal.pk]
        ],
        "actions": [
            {
                "title": action.title,
                "status": action.status,
                "status_label": str(action.get_status_display()),
                "progress": action.progress,
                "due_on": _date(action.due_on),
                "responsible": action.responsible.display_name if action.responsible else "",
                "schools": ", ".join(s.name for s in action_schools) or _("Whole organisation"),
                "overdue": action.is_overdue,
                "withdrawn_on": _withdrawn_on(action),
            }
            for action, action_schools in loaded.actions_by_goal[goal.pk]
        ],
    }


def _school_row(assessment: GoalAssessment | None, school: School) -> dict:
    a = assessment
    status = a.status if a else AssessmentStatus.NOT_ASSESSED
    return {
        "school": school.name,
        "code": school.code,
        "status": status,
        "status_label": _label(status),
        "analysis": a.analysis if a else "",
        "next_steps": a.next_steps if a else "",
        "author": a.author.display_name if a and a.author else "",
    }


def _indicator_row(loaded: _Loaded, indicator: Indicator, board_indicator) -> dict:
    """The dashboard's row where it has one; an indicator the dashboard leaves out of a
    school's view (one measured for the organisation only) shows the organisation's."""
    ctx = loaded.ctx
    scope_id = ctx.school.pk if ctx.school else None
    if board_indicator is not None:
        value, target = board_indicator.value, board_indicator.target
        previous_value, met = board_indicator.previous_value, board_indicator.on_target
    else:
        value = loaded.value_of(indicator, ctx.period.pk, scope_id)
        target = loaded.targets.get((indicator.pk, ctx.period.year))
        previous = ctx.previous
        previous_value = loaded.value_of(indicator, previous.pk, scope_id) if previous else None
        met = meets_target(value=value, target=target, direction=indicator.direction)
    history_values = [as_number(loaded.value_of(indicator, p.pk, scope_id)) for p in ctx.history]
    if history_values:
        history_values[-1] = as_number(value)
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "unit_label": str(indicator.get_unit_display()),
        "direction": indicator.direction,
        "automatic": indicator.is_automatic,
        "withdrawn_on": _withdrawn_on(indicator),
        "value": as_number(value),
        "target": as_number(target),
        "previous_value": as_number(previous_value),
        "met": met,
        "by_school": [
            {"school": s.name, "value": as_number(loaded.value_of(indicator, ctx.period.pk, s.pk))}
            for s in ctx.schools
        ]
        if indicator.per_school
        else [],
        "history": {
            "labels": [str(p) for p in ctx.history],
            "values": history_values,
            "targets": [as_number(loaded.targets.get((indicator.pk, p.year))) for p in ctx.history],
        },
    }


def _prerequisites(ctx: ReportContext) -> list[dict]:
    """The plan's prerequisites of the parts the report covers, with their responsible
    person and their status in the period and the one before (two queries)."""
    if ctx.plan is None:
        return []
    prerequisites = [
        p for p in ctx.plan.prerequisites.select_related("responsible") if ctx.covers(p.part)
    ]
    periods = [ctx.period.pk] + ([ctx.previous.pk] if ctx.previous else [])
    follow_ups = {
        (f.prerequisite_id, f.period_id): f
        for f in PrerequisiteFollowUp.objects.filter(
            prerequisite__in=prerequisites, period_id__in=periods
        )
    }
    rows = []
    for p in prerequisites:
        now = follow_ups.get((p.pk, ctx.period.pk))
        before = follow_ups.get((p.pk, ctx.previous.pk)) if ctx.previous else None
        rows.append(
            {
                "number": p.number,
                "text": p.text,
                "part": p.part,
                "part_label": str(p.get_part_display()),
                "responsible": p.responsible.display_name if p.responsible else "",
                "status": now.status if now else None,
                "status_label": str(now.get_status_display()) if now else "",
                "comment": now.comment if now else "",
                "previous_status": before.status if before else None,
                "previous_status_label": str(before.get_status_display()) if before else "",
            }
        )
    return rows


def _summary(goal_rows: list[dict], previous) -> dict:
    counts = Counter(g["status"] for g in goal_rows)
    previous_counts = Counter(g["previous_status"] for g in goal_rows if g["previous_status"])
    return {
        "goal_count": len(goal_rows),
        "statuses": [
            {
                "status": s,
                "label": _label(s),
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


# --- Rendering --------------------------------------------------------------------------------


def _charts(goals: list[dict]) -> dict[int, object]:
    """One line chart per indicator: its values over the periods and the dashed target."""
    charts = {}
    for goal in goals:
        for indicator in goal["indicators"]:
            history = indicator["history"]
            chart = line_chart(
                title=indicator["name"],
                labels=history["labels"],
                series=[
                    Series(_("Outcome"), history["values"]),
                    Series(_("Target"), history["targets"], dashed=True),
                ],
                unit=indicator["unit_label"],
                height=260,
                # WeasyPrint draws pygal's guide lines solid (it ignores their CSS), which
                # hides the series; the print needs none, and room for the last label.
                show_y_guides=False,
                margin_right=60,
            )
            charts[indicator["id"]] = None if chart.is_empty else chart
    return charts


def pdf_context(data: dict, snapshot: dict) -> dict:
    names = [s["name"] for s in snapshot["schools"]]
    charts = _charts(data["goals"])
    goals = [
        {
            **goal,
            "symbol": STATUS_SYMBOLS.get(goal["status"], ""),
            "indicators": [{**i, "chart": charts.get(i["id"])} for i in goal["indicators"]],
            "schools": [
                {**s, "symbol": STATUS_SYMBOLS.get(s["status"], "")} for s in goal["schools"]
            ],
            "by_school": per_school(names, [i["by_school"] for i in goal["indicators"]]),
        }
        for goal in data["goals"]
    ]
    return {"goals": goals, "symbols": STATUS_SYMBOLS}


def write_excel(sheets: ExcelSheets, data: dict, snapshot: dict) -> None:
    goals = data["goals"]
    sheets.summary.append([_("Goals"), data["summary"]["goal_count"]])
    sheets.add_sheet(
        _("Goal status"),
        [_("Status"), _("Number of goals"), _("Previous period"), _("Change")],
        [[s["label"], s["count"], s["previous"], s["change"]] for s in data["summary"]["statuses"]],
    )
    sheets.add_sheet(
        _("Goals"),
        [_("Goal"), _("Title"), _("Part of the plan"), _("Status"), _("Previous period")],
        [
            [
                g["number"],
                g["title"],
                g["part_label"],
                g["status_label"],
                g["previous_status_label"],
            ]
            for g in goals
        ],
    )
    sheets.add_sheet(
        _("Status per school"),
        [_("Goal"), _("School"), _("Status"), _("Analysis"), _("Next steps"), _("Author")],
        [
            [
                g["number"],
                s["school"],
                s["status_label"],
                s["analysis"],
                s["next_steps"],
                s["author"],
            ]
            for g in goals
            for s in g["schools"]
        ],
    )
    _write_indicator_sheets(sheets, goals)
    if data.get("prerequisites"):
        sheets.add_sheet(
            _("Prerequisites"),
            [
                _("Number"),
                _("Prerequisite"),
                _("Part of the plan"),
                _("Responsible"),
                _("Status"),
                _("Comment"),
                _("Previous period"),
            ],
            [
                [
                    p["number"],
                    p["text"],
                    p["part_label"],
                    p["responsible"],
                    p["status_label"],
                    p["comment"],
                    p["previous_status_label"],
                ]
                for p in data["prerequisites"]
            ],
        )
    sheets.add_sheet(
        _("Actions"),
        [_("Goal"), _("Action"), _("Status"), _("Progress (%)"), _("Due on"), _("Responsible")],
        [
            [
                g["number"],
                a["title"],
                a["status_label"],
                a["progress"],
                a["due_on"],
                a["responsible"],
            ]
            for g in goals
            for a in g["actions"]
        ],
    )


def _write_indicator_sheets(sheets: ExcelSheets, goals: list[dict]) -> None:
    sheets.add_sheet(
        _("Indicators"),
        [
            _("Goal"),
            _("Indicator"),
            _("Unit"),
            _("Outcome"),
            _("Target"),
            _("Previous period"),
            _("Target met"),
        ],
        [
            [
                g["number"],
                i["name"],
                i["unit_label"],
                i["value"],
                i["target"],
                i["previous_value"],
                "" if i["met"] is None else (_("Yes") if i["met"] else _("No")),
            ]
            for g in goals
            for i in g["indicators"]
        ],
    )
    sheets.add_sheet(
        _("Indicators per school"),
        [_("Goal"), _("Indicator"), _("School"), _("Outcome")],
        [
            [g["number"], i["name"], row["school"], row["value"]]
            for g in goals
            for i in g["indicators"]
            for row in i["by_school"]
        ],
    )


SECTION = ReportSection(
    key="goals",
    title=gettext_lazy("Goals"),
    build=build,
    snapshot_keys=("summary", "goals", "prerequisites"),
    pdf_template="goals/report/chapters.html",
    pdf_contents_template="goals/report/contents.html",
    pdf_appendix_template="goals/report/appendix.html",
    pdf_context=pdf_context,
    write_excel=write_excel,
)
