"""What keeps a large report's compile within its memory (issue 18: ≤ 300 MB at 50 schools).

The figures themselves are measured by ``make bench`` (benchmarks/bench_reports.py); these
tests hold the choices behind them, without timing anything.
"""

import openpyxl
import pytest
import weasyprint

from reports import rendering
from reports.snapshot import build_snapshot
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_the_workbook_is_written_row_by_row(monkeypatch, t2):
    made = []

    class Recording(openpyxl.Workbook):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(openpyxl, "Workbook", Recording)
    rendering.render_excel(build_snapshot(kind="tertial2", period=t2, school=None))
    assert made and all(workbook.write_only for workbook in made)


def test_the_pdf_is_laid_out_without_a_style_per_element_for_unused_pseudo_elements():
    # When a WeasyPrint upgrade changes its user-agent stylesheet, the report silently falls
    # back to it and its compile takes some 20 MB more at 50 schools: this says so.
    lean = rendering._lean_html_class()
    assert lean is not weasyprint.HTML
    stylesheet = lean(string="<p>x</p>")._ua_stylesheets()[0]
    assert stylesheet is not weasyprint.html.HTML5_UA_STYLESHEET
    assert type(rendering.report_html_document("<p>x</p>")) is lean


def test_a_document_that_needs_the_stock_stylesheet_gets_it():
    for html in ('<p style="float: footnote">x</p>', '<p style="display: list-item">x</p>'):
        assert type(rendering.report_html_document(html)) is weasyprint.HTML


def test_the_lean_stylesheet_leaves_the_report_as_it_was(t2, tmp_path):
    html = rendering.render_html(build_snapshot(kind="tertial2", period=t2, school=None))
    assert "<li>" in html  # list items keep their markers
    stock = weasyprint.HTML(
        string=html, url_fetcher=rendering.url_fetcher, base_url=rendering.FONT_DIR.as_uri()
    )
    options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "custom_metadata": True}
    lean_text = pdf_text(rendering.report_html_document(html).write_pdf(**options), tmp_path)
    assert lean_text == pdf_text(stock.write_pdf(**options), tmp_path)
    assert "• Vux Skola A" in lean_text
