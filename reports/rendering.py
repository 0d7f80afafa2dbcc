"""Turns a report's snapshot into its PDF (WeasyPrint) and Excel workbook (openpyxl).

Both read only the snapshot, never the database, so a stored report can be rendered
again and gives the same numbers. This module renders the frame (cover, contents,
appendix heading, the summary sheet); each registered report section renders its own
data (vuxportal/report_sections.py).
"""

from __future__ import annotations

import functools
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


# WeasyPrint's user-agent stylesheet gives every element a ::marker, a ::footnote-call and a
# ::footnote-marker, and keeps a computed style for each through the whole layout and PDF
# writing: three styles per element that the report never shows (no footnotes; markers only
# on list items). At 50 schools that is about 16,000 styles, some 20 MB of the compile's
# peak. The report is laid out with a copy of that stylesheet whose rules say so; each pair
# must match once, or (another WeasyPrint) the stock stylesheet is used as it is.
LEAN_UA_RULES = (
    (
        "::marker { font-variant-numeric: tabular-nums }",
        "li::marker { font-variant-numeric: tabular-nums }",
    ),
    (
        "::footnote-call { content: counter(footnote); vertical-align: super; "
        "font-size: smaller; line-height: inherit }",
        "",
    ),
    ('::footnote-marker { content: counter(footnote) ". " }', ""),
)
# A document that uses what the lean stylesheet leaves out gets the stock one.
NEEDS_STOCK_UA = ("footnote", "list-item")


@functools.cache
def _lean_html_class():
    """``weasyprint.HTML`` with the lean user-agent stylesheet, or ``HTML`` itself when this
    WeasyPrint's stylesheet differs from the one the rules were written for."""
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import HTML5_UA

    text = HTML5_UA
    for rule, replacement in LEAN_UA_RULES:
        if text.count(rule) != 1:
            return HTML
        text = text.replace(rule, replacement)
    # Its @counter-style rules go to a store of their own: the document counts with the
    # stock stylesheet's (``_ua_counter_style``), which already holds them.
    lean = CSS(string=text, counter_style=CounterStyle())

    class LeanHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [lean, *super()._ua_stylesheets(forms)[1:]]

    return LeanHTML


def report_html_document(html: str):
    from weasyprint import HTML

    html_class = HTML if any(s in html for s in NEEDS_STOCK_UA) else _lean_html_class()
    return html_class(string=html, url_fetcher=url_fetcher, base_url=FONT_DIR.as_uri())


def render_pdf(snapshot: dict) -> bytes:
    html = report_html_document(render_html(snapshot))
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
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    with translation.override(settings.LANGUAGE_CODE):
        # Write-only: each row is written out as it is appended instead of staying in memory
        # as cell objects until the end, so the workbook's memory does not grow with the
        # number of schools. Such a sheet takes its layout before its first row.
        workbook = Workbook(write_only=True)
        bold = Font(bold=True)
        for title, header, rows in excel_sheets(snapshot):
            sheet = workbook.create_sheet(title=_sheet_title(title, workbook.sheetnames))
            sheet.freeze_panes = "A2"
            for index, _header in enumerate(header, start=1):
                sheet.column_dimensions[get_column_letter(index)].width = 22
            sheet.append([_bold(WriteOnlyCell(sheet, value=str(h)), bold) for h in header])
            # openpyxl formats a date as yyyy-mm-dd by itself.
            for row in rows:
                sheet.append([cell_value(v) for v in row])
        props = workbook.properties
        props.title = f"{snapshot['title']} – {snapshot['scope']}"
        props.creator = snapshot["organisation"]
        props.language = "sv-SE"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _bold(cell, font):
    cell.font = font
    return cell


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
