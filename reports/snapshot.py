"""The frozen snapshot behind a report: plain JSON with every number and text it shows.

``build_snapshot`` resolves what the report is about once (kind, period and the ones
before it, school or organisation, plan) and asks every registered report section for
its data (vuxportal/report_sections.py; the parts register theirs in their
``plugins.py``), so reports knows none of the parts' data. The PDF template and the
Excel writer read only the snapshot, so a stored report can be reproduced exactly and
compared with the previous period's.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation

from goals.models import Indicator, ReportingPeriod
from goals.selectors import plan_for_period
from organisation.models import School
from vuxportal.registry import registry
from vuxportal.report_sections import ReportContext

from .models import PARTS_OF, ReportKind

SNAPSHOT_VERSION = 1
HISTORY_PERIODS = 6  # how many periods (up to this one) the indicator charts show


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


def report_context(*, kind: str, period: ReportingPeriod, school: School | None) -> ReportContext:
    history = list(
        ReportingPeriod.objects.filter(sort_key__lte=period.sort_key).order_by("-sort_key")[
            :HISTORY_PERIODS
        ]
    )[::-1]
    parts = PARTS_OF.get(kind)
    return ReportContext(
        kind=kind,
        period=period,
        previous=history[-2] if len(history) > 1 else None,
        history=history,
        school=school,
        schools=[school] if school else list(School.objects.filter(is_active=True)),
        plan=plan_for_period(period),
        parts=tuple(int(p) for p in parts) if parts else None,
        unit_labels={unit: str(label) for unit, label in Indicator.Unit.choices},
    )


def build_snapshot(*, kind: str, period: ReportingPeriod, school: School | None) -> dict:
    """Everything the report of ``kind`` for ``period`` and ``school`` (None: the whole
    organisation) shows, in Swedish, as JSON-ready data."""
    with translation.override(settings.LANGUAGE_CODE):
        ctx = report_context(kind=kind, period=period, school=school)
        snapshot = _frame(ctx)
        for section in registry.report_sections.all():
            data = section.build(ctx)
            if data is not None:
                section.add_to(snapshot, data)
        return snapshot


def _frame(ctx: ReportContext) -> dict:
    """What every report shows whatever its sections: title, scope, periods, plan."""
    kind_label = str(ReportKind(ctx.kind).label)
    school, plan = ctx.school, ctx.plan
    return {
        "version": SNAPSHOT_VERSION,
        "kind": ctx.kind,
        "kind_label": kind_label,
        "title": f"{kind_label} {ctx.period.year}",
        "organisation": settings.ORGANISATION_NAME,
        "scope": school.name if school else settings.ORGANISATION_NAME,
        "school": {"id": school.pk, "code": school.code, "name": school.name} if school else None,
        "schools": [{"id": s.pk, "code": s.code, "name": s.name} for s in ctx.schools],
        "period": _period(ctx.period),
        "previous_period": _period(ctx.previous),
        "plan": {"title": plan.title, "vision": plan.vision} if plan else None,
        "compiled_at": timezone.now().isoformat(timespec="seconds"),
        "parts": [],
    }
