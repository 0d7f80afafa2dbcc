"""The contract of a board-report section (DESIGN.md, "Apps": each part contributes its
own sections, so ``reports`` knows no part's data).

A part defines its sections in ``<app>/report_sections.py`` and registers them in its
``plugins.py``::

    registry.report_sections.register(SECTION, key=SECTION.key, order=40)

``reports`` builds a report's frozen snapshot by asking every registered section, in
order, for its data (``build(ctx)``: plain JSON, a constant number of queries), and
renders the PDF and the workbook by handing each section its own data back (its PDF
templates and ``write_excel``). It never reads a section's data itself.

Where a section's data sits in the snapshot is kept from the first snapshot version, so
stored reports render and compare with the previous period's as before: a section of a
plan ``part`` is one chapter of ``snapshot["parts"]`` (whose ``app_label`` is the
section's key); a section without a part adds its keys to the snapshot's top level (the
goals' ``summary`` and ``goals``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from .metrics import metrics


@dataclass(frozen=True)
class ReportContext:
    """What a report is about, resolved once by ``reports`` for every section.

    The objects are goals' (periods, plan) and organisation's (schools); the plumbing
    only passes them on, so it types them loosely."""

    kind: str
    period: Any  # the report's ReportingPeriod
    previous: Any | None  # the period before it, for "difference to the previous period"
    history: list  # the periods up to and including ``period``, oldest first
    school: Any | None  # None: the whole organisation
    schools: list  # the schools the report covers: the one, or every active school
    plan: Any | None  # the ActionPlan that covers the period
    parts: tuple[int, ...] | None  # the plan parts the kind covers; None: every part
    # Labels of the metric units (goals' Indicator.Unit), for parts that do not import goals.
    unit_labels: dict[str, str] = field(default_factory=dict)

    @property
    def start(self) -> date:
        return self.period.starts_on

    @property
    def end(self) -> date:
        return self.period.ends_on

    def covers(self, part: int | None) -> bool:
        return part is None or self.parts is None or part in self.parts


@dataclass
class ExcelSheets:
    """What the sections write into the report's workbook: rows for its first sheet
    (``summary``: [item, value]) and sheets of their own. ``reports`` turns them into the
    .xlsx file (bold headers, dates, text that cannot run as a formula)."""

    summary: list[list] = field(default_factory=list)
    sheets: list[tuple[str, list[str], list[list]]] = field(default_factory=list)

    def add_sheet(self, title, header: Iterable, rows: Iterable[list]) -> None:
        self.sheets.append((str(title), [str(h) for h in header], list(rows)))


@dataclass(frozen=True)
class ReportSection:
    """One section of the board report: how its data is built and how it is shown.

    ``build(ctx)`` returns the section's JSON, or ``None`` when the report does not show
    it (a part the report's kind does not cover). The PDF templates are rendered with
    ``s`` (the whole snapshot), ``data`` (the section's) and what ``pdf_context(data,
    snapshot)`` adds (charts and the like, worked out at render time so the snapshot
    stays plain data); ``pdf_contents_template`` adds entries to the table of contents,
    ``pdf_appendix_template`` tables to the appendix. ``write_excel(sheets, data,
    snapshot)`` adds to the workbook. A section without a ``part`` names the top-level
    snapshot keys it owns in ``snapshot_keys``."""

    key: str
    title: str | Promise
    build: Callable[[ReportContext], dict | None]
    pdf_template: str
    write_excel: Callable[[ExcelSheets, dict, dict], None]
    part: int | None = None
    snapshot_keys: tuple[str, ...] = ()
    pdf_contents_template: str | None = None
    pdf_appendix_template: str | None = None
    pdf_context: Callable[[dict, dict], dict] | None = None

    def data_in(self, snapshot: dict) -> dict | None:
        """This section's data in a (stored) snapshot, ``None`` when it has none."""
        if self.part is not None:
            return next(
                (p for p in snapshot.get("parts", []) if p.get("app_label") == self.key), None
            )
        data = {k: snapshot[k] for k in self.snapshot_keys if k in snapshot}
        return data or None

    def add_to(self, snapshot: dict, data: dict) -> None:
        if self.part is not None:
            snapshot.setdefault("parts", []).append(data)
        else:
            snapshot.update(data)


def as_number(value) -> float | None:
    """A snapshot number: rounded to two decimals, a float so it is plain JSON."""
    return None if value is None else float(Decimal(value).quantize(Decimal("0.01")))


def per_school(names: list[str], columns: list[list[dict]]) -> list[tuple[str, list]]:
    """Rows per school from per-column lists of {"school", "value"} (tables per school)."""
    by_column = [{row["school"]: row["value"] for row in column} for column in columns]
    return [(name, [column.get(name) for column in by_column]) for name in names]


# --- The chapter of a plan part: its key figures and tables -----------------------------------

Table = Callable[[ReportContext], dict]  # -> {"columns": [...], "rows": [[...], ...]}


@dataclass(frozen=True)
class PartTable:
    """An extra table in a part's chapter (a table of systems, of training sessions…)."""

    key: str
    title: str | Promise
    build: Table


def part_section(
    *, app_label: str, part: int, title, tables: Iterable[PartTable] = ()
) -> ReportSection:
    """The chapter of a plan part: the key figures of every metric ``app_label``
    registered, for the organisation and per school, and the part's own ``tables``."""
    tables = tuple(tables)

    def build(ctx: ReportContext) -> dict | None:
        if not ctx.covers(part):
            return None
        return {
            "part": part,
            "app_label": app_label,
            "title": str(title),
            "metrics": _key_figures(ctx, app_label),
            "tables": [_table(ctx, app_label, t) for t in tables],
        }

    return ReportSection(
        key=app_label,
        title=title,
        part=part,
        build=build,
        pdf_template="report_sections/part.html",
        pdf_contents_template="report_sections/part_contents.html",
        pdf_appendix_template="report_sections/part_appendix.html",
        pdf_context=_part_pdf_context,
        write_excel=_write_part_excel,
    )


def _key_figures(ctx: ReportContext, app_label: str) -> list[dict]:
    rows = []
    for metric in metrics:
        if metric.app_label != app_label:
            continue

        def compute(school, metric=metric):
            return as_number(metric.compute(school=school, start=ctx.start, end=ctx.end))

        rows.append(
            {
                "key": metric.key,
                "label": str(metric.label),
                "unit": metric.unit,
                "unit_label": str(ctx.unit_labels.get(metric.unit, metric.unit)),
                "organisation": compute(None),
                "by_school": [{"school": s.name, "value": compute(s)} for s in ctx.schools],
            }
        )
    return rows


def _table(ctx: ReportContext, app_label: str, table: PartTable) -> dict:
    built = table.build(ctx)
    return {
        "key": f"{app_label}.{table.key}",
        "title": str(table.title),
        "columns": [str(c) for c in built.get("columns", [])],
        "rows": built.get("rows", []),
    }


def _part_pdf_context(data: dict, snapshot: dict) -> dict:
    names = [s["name"] for s in snapshot["schools"]]
    return {"by_school": per_school(names, [m["by_school"] for m in data["metrics"]])}


def _write_part_excel(sheets: ExcelSheets, data: dict, snapshot: dict) -> None:
    from django.utils.translation import gettext as _

    sheets.add_sheet(
        data["title"],
        [_("Key figure"), _("Unit"), _("Whole organisation")]
        + [s["name"] for s in snapshot["schools"]],
        [
            [m["label"], m["unit_label"], m["organisation"]]
            + [row["value"] for row in m["by_school"]]
            for m in data["metrics"]
        ],
    )
    for table in data["tables"]:
        sheets.add_sheet(table["title"], table["columns"], table["rows"])
