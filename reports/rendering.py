"""Turns a report's snapshot into its PDF (WeasyPrint) and Excel workbook (openpyxl).

Both read only the snapshot, never the database, so a stored report can be rendered
again and gives the same numbers. This module renders the frame (cover, contents,
appendix heading, the summary sheet); each registered report section renders its own
data (vuxportal/report_sections.py).
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

from vuxportal.registry import registry
from vuxportal.report_sections import ExcelSheets

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


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


def _section_html(snapshot: dict) -> dict[str, list[str]]:
    """Each registered section's contents entries, chapters and appendix tables, rendered
    from its own data in the snapshot (a section the report has no data of shows nothing)."""
    html = {"contents": [], "chapters": [], "appendices": []}
    for section in registry.report_sections.all():
        data = section.data_in(snapshot)
        if data is None:
            continue
        context = {"s": snapshot, "data": data}
        if section.pdf_context is not None:
            context.update(section.pdf_context(data, snapshot))
        for place, template in (
            ("contents", section.pdf_contents_template),
            ("chapters", section.pdf_template),
            ("appendices", section.pdf_appendix_template),
        ):
            if template:
                html[place].append(render_to_string(template, context))
    return html


def render_html(snapshot: dict) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "reports/pdf/report.html",
            {
                "s": snapshot,
                **_section_html(snapshot),
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


def excel_sheets(snapshot: dict) -> list[tuple[str, list[str], list[list]]]:
    """(sheet title, header, rows): the summary sheet, then each section's sheets."""
    period = snapshot["period"]
    sheets = ExcelSheets(
        summary=[
            [_("Report"), snapshot["title"]],
            [_("Scope"), snapshot["scope"]],
            [_("Period"), period["label"]],
            [_("Starts on"), period["starts_on"]],
            [_("Ends on"), period["ends_on"]],
            [_("Compiled"), snapshot["compiled_at"][:10]],
        ]
    )
    for section in registry.report_sections.all():
        data = section.data_in(snapshot)
        if data is not None:
            section.write_excel(sheets, data, snapshot)
    return [(_("Summary"), [_("Item"), _("Value")], sheets.summary), *sheets.sheets]
