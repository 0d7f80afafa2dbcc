"""Turns a report's snapshot into its PDF (WeasyPrint) and Excel workbook (openpyxl).

Both read only the snapshot, never the database, so a stored report can be rendered
again and gives the same numbers.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from vuxportal.charts import Series, line_chart

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
STATUS_SYMBOLS = {"met": "●", "partly_met": "◐", "not_met": "○", "not_assessed": "–"}


class RefusedURL(ValueError):
    pass


def url_fetcher(url: str, timeout: int = 10, ssl_context=None):
    """Only inline data and the local fonts: a report never reaches the network."""
    from weasyprint.urls import default_url_fetcher

    parsed = urlparse(url)
    if parsed.scheme == "data":
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
        if path.is_relative_to(FONT_DIR):
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise RefusedURL(f"Report rendering does not fetch {url!r}")


def _charts(snapshot: dict) -> dict[int, object]:
    """One line chart per indicator: its values over the periods and the dashed target."""
    charts = {}
    for goal in snapshot["goals"]:
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


def _pivot(names: list[str], columns: list[list[dict]]) -> list[tuple[str, list]]:
    """Rows per school from per-column lists of {"school", "value"} (tables per school)."""
    by_column = [{row["school"]: row["value"] for row in column} for column in columns]
    return [(name, [column.get(name) for column in by_column]) for name in names]


def render_html(snapshot: dict) -> str:
    names = [s["name"] for s in snapshot["schools"]]
    with translation.override(settings.LANGUAGE_CODE):
        charts = _charts(snapshot)
        goals = [
            {
                **goal,
                "symbol": STATUS_SYMBOLS.get(goal["status"], ""),
                "indicators": [{**i, "chart": charts.get(i["id"])} for i in goal["indicators"]],
                "schools": [
                    {**s, "symbol": STATUS_SYMBOLS.get(s["status"], "")} for s in goal["schools"]
                ],
                "by_school": _pivot(names, [i["by_school"] for i in goal["indicators"]]),
            }
            for goal in snapshot["goals"]
        ]
        parts = [
            {**part, "by_school": _pivot(names, [m["by_school"] for m in part["metrics"]])}
            for part in snapshot["parts"]
        ]
        return render_to_string(
            "reports/pdf/report.html",
            {
                "s": snapshot,
                "goals": goals,
                "parts": parts,
                "symbols": STATUS_SYMBOLS,
                "font_dir": FONT_DIR.as_uri(),
                "compiled_on": snapshot["compiled_at"][:10],
            },
        )


def render_pdf(snapshot: dict) -> bytes:
    from weasyprint import HTML

    html = HTML(string=render_html(snapshot), url_fetcher=url_fetcher, base_url=FONT_DIR.as_uri())
    # Tagged PDF/UA-1: structure, language and title for screen readers and archives.
    return html.write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
        custom_metadata=True,
        uncompressed_pdf=False,
    )


# --- Excel -------------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell_value(value):
    """Numbers stay numbers, ISO dates become dates, text that a spreadsheet would read as
    a formula gets a leading apostrophe so it stays text."""
    if isinstance(value, str):
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def render_excel(snapshot: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    with translation.override(settings.LANGUAGE_CODE):
        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, header, rows in excel_sheets(snapshot):
            sheet = workbook.create_sheet(title=_sheet_title(title, workbook.sheetnames))
            sheet.append([str(h) for h in header])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in rows:
                sheet.append([cell_value(v) for v in row])
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, date):
                        cell.number_format = "yyyy-mm-dd"
            sheet.freeze_panes = "A2"
            for index, _header in enumerate(header, start=1):
                sheet.column_dimensions[get_column_letter(index)].width = 22
        props = workbook.properties
        props.title = f"{snapshot['title']} – {snapshot['scope']}"
        props.creator = snapshot["organisation"]
        props.language = "sv-SE"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _sheet_title(title: str, existing: list[str]) -> str:
    clean = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    candidate, n = clean, 2
    while candidate in existing:
        candidate = f"{clean[:28]} {n}"
        n += 1
    return candidate


def excel_sheets(snapshot: dict):
    """(sheet title, header, rows) for each section, with the snapshot's numbers."""
    period = snapshot["period"]
    summary_rows = [
        [_("Report"), snapshot["title"]],
        [_("Scope"), snapshot["scope"]],
        [_("Period"), period["label"]],
        [_("Starts on"), period["starts_on"]],
        [_("Ends on"), period["ends_on"]],
        [_("Compiled"), snapshot["compiled_at"][:10]],
        [_("Goals"), snapshot["summary"]["goal_count"]],
    ]
    status_rows = [
        [s["label"], s["count"], s["previous"], s["change"]]
        for s in snapshot["summary"]["statuses"]
    ]
    yield (
        _("Summary"),
        [_("Item"), _("Value")],
        summary_rows,
    )
    yield (
        _("Goal status"),
        [_("Status"), _("Number of goals"), _("Previous period"), _("Change")],
        status_rows,
    )
    yield (
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
            for g in snapshot["goals"]
        ],
    )
    yield (
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
            for g in snapshot["goals"]
            for s in g["schools"]
        ],
    )
    yield (
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
            for g in snapshot["goals"]
            for i in g["indicators"]
        ],
    )
    yield (
        _("Indicators per school"),
        [_("Goal"), _("Indicator"), _("School"), _("Outcome")],
        [
            [g["number"], i["name"], row["school"], row["value"]]
            for g in snapshot["goals"]
            for i in g["indicators"]
            for row in i["by_school"]
        ],
    )
    yield (
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
            for g in snapshot["goals"]
            for a in g["actions"]
        ],
    )
    for part in snapshot["parts"]:
        yield (
            part["title"],
            [_("Key figure"), _("Unit"), _("Whole organisation")]
            + [s["name"] for s in snapshot["schools"]],
            [
                [m["label"], m["unit_label"], m["organisation"]]
                + [row["value"] for row in m["by_school"]]
                for m in part["metrics"]
            ],
        )
        for table in part["tables"]:
            yield (table["title"], table["columns"], table["rows"])
