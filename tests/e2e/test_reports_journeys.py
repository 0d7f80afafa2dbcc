"""Journeys: the administrator compiles the tertial 2 report and follows it to the
downloads; a school leader compiles her school's report; the administrator edits a
schedule."""

import subprocess
import threading

import pytest
from django.db import connection
from openpyxl import load_workbook
from playwright.sync_api import expect

from reports import rendering, services
from reports.models import Report
from tests.factories import PASSWORD, SchoolFactory, person
from tests.reports.factories import GOAL_TITLES, build_report_data
from vuxportal.roles import Role


@pytest.fixture
def people(transactional_db):
    sodermalm = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    alvsjo = SchoolFactory(code="alvsjo", name="Vux Älvsjö")
    leader = person(Role.SCHOOL_LEADER, sodermalm, email="rektor@vux.example")
    data = build_report_data(schools=[sodermalm, alvsjo], author=leader)
    return {
        "admin": person(Role.ADMINISTRATOR, None, email="admin@vux.example"),
        "leader": leader,
        "data": data,
    }


@pytest.fixture
def worker_thread(monkeypatch):
    """Runs compiles in a background thread, the way a Celery worker would, and holds
    the PDF step until the test has seen the progress bar part-way."""
    release = threading.Event()
    original = rendering.render_pdf

    def held_pdf(snapshot):
        release.wait(timeout=30)
        return original(snapshot)

    def dispatch(*, report_id):
        def run():
            try:
                services.report_compile(report_id=report_id)
            finally:
                connection.close()

        threading.Thread(target=run, daemon=True).start()
        return True

    monkeypatch.setattr(rendering, "render_pdf", held_pdf)
    monkeypatch.setattr(services, "dispatch", dispatch)
    return release


def test_admin_compiles_t2_watches_progress_and_downloads(portal, people, worker_thread, tmp_path):
    page = portal.page
    portal.login("admin@vux.example", PASSWORD)
    page.get_by_role("link", name="Rapporter", exact=True).first.click()
    portal.check()
    page.get_by_role("link", name="Sammanställ en rapport").click()
    portal.check()
    page.get_by_label("Typ av rapport").select_option(label="Tertialrapport 2")
    page.get_by_label("Period").select_option(label="Tertial 2 2025")
    page.get_by_label("Skola").select_option(label="Hela organisationen")
    page.get_by_role("button", name="Sammanställ").click()
    page.wait_for_load_state("domcontentloaded")
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "35")
    expect(page.get_by_role("status")).to_contain_text("Sammanställs")
    portal.check()
    worker_thread.set()  # the worker goes on: the bar moves to 100 by polling
    expect(bar).to_have_attribute("aria-valuenow", "100", timeout=30000)
    expect(page.get_by_role("link", name="Ladda ner PDF")).to_be_visible()
    portal.check()

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner PDF").click()
    pdf = tmp_path / "rapport.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for title in GOAL_TITLES:
        assert title[:40] in flat
    for status in ("Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt"):
        assert status in text
    assert "Vux Älvsjö" in text and "ÅÄÖ åäö" in text
    pages = text.count("\f")
    assert f"Sida 2 av {pages}" in text and f"Sida {pages} av {pages}" in text

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner Excel").click()
    excel = tmp_path / "rapport.xlsx"
    download.value.save_as(excel)
    report = Report.objects.get()
    workbook = load_workbook(excel)
    rows = list(workbook["Indikatorer"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (i["name"], i["value"], i["target"])
        for g in report.snapshot["goals"]
        for i in g["indicators"]
    ]
    per_school = list(workbook["Indikatorer per skola"].iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in per_school] == [
        row["value"]
        for g in report.snapshot["goals"]
        for i in g["indicators"]
        for row in i["by_school"]
    ]

    page.get_by_role("link", name="Rapporter", exact=True).first.click()
    portal.check()
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("Klar")
    expect(row).to_contain_text(people["admin"].display_name)


def test_leader_compiles_her_school_report(portal, people):
    page = portal.page
    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/rapporter/ny/")
    options = page.get_by_label("Skola").locator("option").all_inner_texts()
    assert "Vux Älvsjö" not in options and "Hela organisationen" not in options
    page.get_by_label("Typ av rapport").select_option(label="Tertialrapport 2")
    page.get_by_label("Period").select_option(label="Tertial 2 2025")
    page.get_by_label("Skola").select_option(label="Vux Södermalm")
    page.get_by_role("button", name="Sammanställ").click()
    page.wait_for_load_state("domcontentloaded")
    expect(page.get_by_role("link", name="Ladda ner PDF")).to_be_visible(timeout=30000)
    portal.check()
    assert Report.objects.get().school.code == "sodermalm"


def test_admin_edits_a_schedule(portal, people):
    from reports.schedules import setup_schedules

    setup_schedules()
    page = portal.page
    portal.login("admin@vux.example", PASSWORD)
    portal.goto("/rapporter/")
    page.get_by_role("link", name="Scheman").click()
    portal.check()
    page.get_by_role("link", name="Redigera Rapportutkast efter sista rapportdag").click()
    portal.check()
    page.get_by_label("Minut").fill("61")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    expect(page.locator("main")).to_contain_text("Ogiltigt värde")
    page.get_by_label("Minut").fill("*/10")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    expect(page.locator("main")).to_contain_text("*/10 5 * * *")
