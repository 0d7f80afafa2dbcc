import re
import subprocess
import zlib
from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from goals.models import AssessmentStatus, ReportingPeriod
from goals.selectors import overall_status
from reports import rendering, services
from reports.models import Report, ReportKind
from reports.snapshot import build_snapshot
from tests.factories import ReportingPeriodFactory, SchoolFactory
from tests.reports.conftest import pdf_text
from tests.reports.factories import GOAL_TITLES, build_report_data

pytestmark = pytest.mark.django_db


def compiled(*, kind=ReportKind.TERTIAL2, period, school=None, user=None) -> Report:
    report = services.report_request(
        kind=kind, period=period, school=school, requested_by=user, send=False
    )
    services.report_compile(report_id=report.pk)
    report.refresh_from_db()
    return report


def test_organisation_report_is_compiled_to_pdf_excel_and_snapshot(t2, tmp_path):
    report = compiled(period=t2)
    assert report.status == Report.Status.DONE
    assert report.progress == 100
    assert report.attempts == 1
    assert len(report.checksum) == 64
    text = pdf_text(report.pdf.read(), tmp_path)
    for title in GOAL_TITLES:
        assert title[:40] in " ".join(text.split())
    assert "Delvis uppfyllt" in text
    assert "Uppfyllt" in text
    assert "Södermalm" in text and "ÅÄÖ åäö" in text
    assert "Sida 1 av " not in text.split("\f")[0]  # the cover has no page footer
    assert "Sida 2 av " in text
    pages = text.count("\f")
    assert f"Sida {pages} av {pages}" in text
    assert "Innehåll" in text and "Sammanfattning" in text
    snapshot = report.snapshot
    assert snapshot["summary"]["goal_count"] == 6
    assert snapshot["previous_period"]["label"] == str(ReportingPeriod.objects.get(kind="tertial1"))


def test_pdf_is_tagged_ua_with_language_title_and_embedded_fonts(t2, tmp_path):
    report = compiled(period=t2)
    path = tmp_path / "r.pdf"
    path.write_bytes(report.pdf.read())
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    assert "Title:           Tertialrapport 2 2025 – Vuxenutbildning Stockholm" in info
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    font_rows = fonts.splitlines()[2:]
    assert font_rows and all(" yes yes yes " in row for row in font_rows)  # all embedded
    raw = report.pdf.open("rb").read()
    # Objects sit in compressed streams: inflate them all to read the catalogue and XMP.
    # A decompressobj stops at the end of the deflate data, so the line break before
    # "endstream" (and a compressed stream that happens to end in a CR byte) is ignored.
    inflated = b"".join(
        _inflate(m.group(1)) for m in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.S)
    )
    assert b"/Lang (sv)" in inflated
    assert b"pdfuaid:part" in inflated + raw  # PDF/UA-1 identification in the metadata


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(data)
    except zlib.error:
        return b""


def test_excel_has_the_snapshot_numbers_typed_and_frozen(t2):
    report = compiled(period=t2)
    workbook = load_workbook(BytesIO(report.excel.read()))
    sheet = workbook["Indikatorer"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = [
        (g["number"], i["name"], i["value"], i["target"])
        for g in report.snapshot["goals"]
        for i in g["indicators"]
    ]
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == expected
    assert all(isinstance(r[3], int | float) for r in rows if r[3] is not None)
    assert any(r[3] is not None for r in rows)
    summary = workbook["Sammanfattning"]
    starts = next(r for r in summary.iter_rows(values_only=True) if r[0] == "Startar")
    assert starts[1].date() == t2.starts_on
    status = workbook["Målens status"]
    counts = {r[0]: r[1] for r in status.iter_rows(min_row=2, values_only=True)}
    assert counts == {s["label"]: s["count"] for s in report.snapshot["summary"]["statuses"]}


def test_excel_neutralises_formulas():
    assert rendering.cell_value("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert rendering.cell_value("+1") == "'+1"
    assert rendering.cell_value("-2") == "'-2"
    assert rendering.cell_value("@SUM(A1)") == "'@SUM(A1)"
    assert rendering.cell_value("\tx") == "'\tx"
    assert rendering.cell_value("Vanlig text") == "Vanlig text"
    assert rendering.cell_value(3.5) == 3.5


def test_pdf_rendering_never_fetches_from_the_network():
    with pytest.raises(rendering.RefusedURL):
        rendering.url_fetcher("https://example.com/font.woff")
    with pytest.raises(rendering.RefusedURL):
        rendering.url_fetcher("file:///etc/passwd")


def test_requesting_twice_gives_one_report_and_compiling_twice_compiles_once(t2, administrator):
    first = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    second = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    assert first.pk == second.pk
    services.report_compile(report_id=first.pk)
    checksum = Report.objects.get(pk=first.pk).checksum
    assert services.report_compile(report_id=first.pk) is None
    report = Report.objects.get(pk=first.pk)
    assert report.attempts == 1 and report.checksum == checksum
    assert Report.objects.count() == 1


def test_request_sends_the_task_after_commit_and_emails_the_requester(
    t2, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(
            kind="tertial2", period=t2, school=None, requested_by=administrator
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [administrator.email]
    assert "rapport" in mail.outbox[0].subject.lower()
    assert f"/rapporter/{report.pk}/" in mail.outbox[0].body


def test_a_mail_server_that_is_down_leaves_the_report_done(
    t2, administrator, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refused(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(services, "send_mail", refused)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(
            kind="tertial2", period=t2, school=None, requested_by=administrator
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.error == ""
    assert report.pdf and report.attempts == 1
    assert f"Could not send the ready notice of report {report.pk}" in caplog.text


def test_unreachable_broker_leaves_the_report_queued_with_a_message(t2, monkeypatch):
    from reports import tasks
    from vuxportal.celery import app

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.compile_report, "apply_async", refuse)
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    assert services.dispatch(report_id=report.pk) is False
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED
    assert "köservern" in report.error


def test_passing_failure_requeues_and_last_attempt_fails(t2, monkeypatch):
    def broken(snapshot):
        raise OSError("disk full")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    with pytest.raises(services.TransientError):
        services.report_compile(report_id=report.pk, final_attempt=False)
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED
    services.report_compile(report_id=report.pk, final_attempt=True)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "disk full" in report.error
    assert report.attempts == 2


def test_a_bug_fails_the_report_with_the_reason_and_retry_compiles_it(t2, monkeypatch):
    original = rendering.render_excel

    def broken(snapshot):
        raise ValueError("trasig data")

    monkeypatch.setattr(rendering, "render_excel", broken)
    report = compiled(period=t2)
    assert report.status == Report.Status.FAILED
    assert "trasig data" in report.error
    monkeypatch.setattr(rendering, "render_excel", original)
    services.report_retry(report=report, send=False)
    services.report_compile(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.error == ""


def test_a_final_report_is_not_compiled_again(t2):
    t2.status = ReportingPeriod.Status.CLOSED
    t2.save()
    report = compiled(period=t2)
    assert not report.is_draft
    with pytest.raises(ValidationError):
        services.report_retry(report=report)


def test_sweep_requeues_reports_whose_worker_was_lost(t2, django_capture_on_commit_callbacks):
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING,
        progress=35,
        heartbeat_at=timezone.now() - timedelta(hours=1),
        attempts=1,
    )
    fresh = services.report_request(kind="annual", period=_annual(), school=None, send=False)
    Report.objects.filter(pk=fresh.pk).update(
        status=Report.Status.RUNNING, heartbeat_at=timezone.now()
    )
    assert services.reports_requeue_stuck() == [report.pk]
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 2
    assert Report.objects.get(pk=fresh.pk).status == Report.Status.RUNNING


def _annual():
    return ReportingPeriodFactory(year=2025, kind=ReportingPeriod.Kind.ANNUAL)


def test_kind_must_match_the_period(t2):
    with pytest.raises(ValidationError) as error:
        services.report_request(kind="tertial1", period=t2, school=None)
    assert "period" in error.value.message_dict
    assert not Report.objects.exists()


def test_competence_summary_covers_its_part_only(t2):
    report = compiled(kind=ReportKind.COMPETENCE, period=t2)
    assert {g["part"] for g in report.snapshot["goals"]} == {2}
    assert [p["app_label"] for p in report.snapshot["parts"]] == ["competence"]


def test_drafts_are_made_the_day_after_the_deadline(t2):
    reports = services.reports_draft_after_deadline(on=t2.deadline + timedelta(days=1))
    assert [(r.kind, r.period_id, r.school_id, r.is_draft) for r in reports] == [
        ("tertial2", t2.pk, None, True)
    ]
    again = services.reports_draft_after_deadline(on=t2.deadline + timedelta(days=2))
    assert [r.pk for r in again] == [reports[0].pk]
    assert services.reports_draft_after_deadline(on=t2.deadline) == []


def test_snapshot_summary_counts_and_change_since_last_period(t2, school_a):
    snapshot = build_snapshot(kind="tertial2", period=t2, school=school_a)
    counts = {s["status"]: s["count"] for s in snapshot["summary"]["statuses"]}
    # School A's statuses cycle met, partly, not met, met, met, partly in T2 (see factory).
    assert sum(counts.values()) == 6
    assert snapshot["summary"]["changed_goals"]
    change = {s["status"]: s["change"] for s in snapshot["summary"]["statuses"]}
    assert sum(change.values()) == 0
    goal = snapshot["goals"][0]
    assert goal["schools"][0]["school"] == school_a.name
    assert [s["school"] for s in goal["indicators"][0]["by_school"]] == [school_a.name]


def test_the_organisations_status_combines_the_schools():
    met, partly, not_met, na = (
        AssessmentStatus.MET,
        AssessmentStatus.PARTLY_MET,
        AssessmentStatus.NOT_MET,
        AssessmentStatus.NOT_ASSESSED,
    )
    assert overall_status(None, [met, met, na]) == met
    assert overall_status(None, [not_met, not_met]) == not_met
    assert overall_status(None, [met, not_met]) == partly
    assert overall_status(None, [na]) == na


def test_snapshot_runs_a_constant_number_of_queries(monkeypatch, school_a, school_b):
    from vuxportal.metrics import MetricRegistry

    # The part sections cost one aggregate per metric and school (the registry's API);
    # the goals' data itself does not grow with the schools.
    monkeypatch.setattr("vuxportal.report_sections.metrics", MetricRegistry())
    small = build_report_data(schools=[school_a])
    with CaptureQueriesContext(connection) as few:
        build_snapshot(kind="tertial2", period=small.t2, school=None)
    more = [SchoolFactory(code=f"extra{n}") for n in range(5)]
    build_report_data(schools=more)
    with CaptureQueriesContext(connection) as many:
        build_snapshot(kind="tertial2", period=small.t2, school=None)
    assert len(few) == len(many)


def test_registered_section_tables_appear_in_snapshot_and_excel(t2):
    from vuxportal.registry import registry
    from vuxportal.report_sections import PartTable, part_section

    def table(ctx):
        return {"columns": ["Modell", "Antal"], "rows": [["=cmd", 12]]}

    store = registry.report_sections
    original = store.get("infrastructure")
    section = part_section(
        app_label="infrastructure",
        part=original.part,
        title=original.title,
        tables=[PartTable("test_table", "Datorer per modell", table)],
    )
    store.register(section, key="infrastructure", order=40)
    try:
        report = compiled(period=t2)
    finally:
        store.register(original, key="infrastructure", order=40)
    part = next(p for p in report.snapshot["parts"] if p["app_label"] == "infrastructure")
    assert part["tables"][0]["rows"] == [["=cmd", 12]]
    sheet = load_workbook(BytesIO(report.excel.read()))["Datorer per modell"]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [("'=cmd", 12)]


def test_metric_sections_are_grouped_by_app(t2):
    report = compiled(period=t2)
    organisation = next(p for p in report.snapshot["parts"] if p["app_label"] == "organisation")
    assert "organisation.active_staff" in [m["key"] for m in organisation["metrics"]]


def test_eager_passing_failure_fails_at_once_without_crashing_the_request(
    t2, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def flaky(snapshot):
        calls.append(1)
        raise OSError("nfs timeout")

    monkeypatch.setattr(rendering, "render_pdf", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(kind="tertial2", period=t2, school=None)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert len(calls) == 1  # no worker to retry later: the user retries from the page
    assert "nfs timeout" in report.error


@pytest.mark.parametrize("whole_organisation", [True, False])
def test_excel_numbers_equal_the_dashboards(t2, whole_organisation):
    """The board sees what the dashboard shows: per goal the status, per indicator the
    value and the target, for the organisation and for one school."""
    from goals.models import AssessmentStatus
    from goals.selectors import dashboard
    from organisation.models import School

    school = None if whole_organisation else School.objects.order_by("name").first()
    report = compiled(period=t2, school=school)
    workbook = load_workbook(BytesIO(report.excel.read()))
    board = dashboard(period=t2, school=school, live=not t2.is_closed)
    expected_values = [
        (row.goal.number, r.indicator.name, _float(r.value), _float(r.target))
        for row in board.goals
        for r in row.indicators
    ]
    rows = list(workbook["Indikatorer"].iter_rows(min_row=2, values_only=True))
    assert sorted((r[0], r[1], r[3], r[4]) for r in rows) == sorted(expected_values)
    labels = dict(AssessmentStatus.choices)
    statuses = {g["number"]: g["status_label"] for g in report.snapshot["goals"]}
    assert statuses == {row.goal.number: str(labels[row.overall]) for row in board.goals}


def _float(value):
    return None if value is None else float(value)
