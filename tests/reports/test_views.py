import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.models import Report
from tests.factories import SchoolFactory, UserFactory
from tests.reports.conftest import _stored_report, pdf_text

pytestmark = pytest.mark.django_db


def request_report(client, **data):
    return client.post(reverse("reports:report_request"), data)


def test_administrator_compiles_the_organisation_report_and_downloads_it(
    login, administrator, t2, tmp_path, django_capture_on_commit_callbacks
):
    client = login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = request_report(client, kind="tertial2", period=t2.pk, school="")
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.status == Report.Status.DONE and report.requested_by == administrator
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    assert "hx-trigger" not in page  # finished: the fragment stops polling
    pdf = client.get(reverse("reports:report_pdf", args=[report.pk]))
    assert pdf["Content-Disposition"].startswith("attachment")
    assert "Sida 2 av" in pdf_text(b"".join(pdf.streaming_content), tmp_path)
    excel = client.get(reverse("reports:report_excel", args=[report.pk]))
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"".join(excel.streaming_content))
    assert "Indikatorer" in load_workbook(path).sheetnames


def test_asking_again_shows_the_same_report(login, administrator, t2):
    client = login(administrator)
    request_report(client, kind="tertial2", period=t2.pk, school="")
    response = request_report(client, kind="tertial2", period=t2.pk, school="")
    assert Report.objects.count() == 1
    assert response["Location"] == Report.objects.get().get_absolute_url()


def test_leader_compiles_own_school_but_not_another_or_the_organisation(
    login, leader, t2, school_a, school_b
):
    client = login(leader)
    form = client.get(reverse("reports:report_request")).content.decode()
    assert school_a.name in form and school_b.name not in form
    assert (
        request_report(client, kind="tertial2", period=t2.pk, school=school_a.pk).status_code == 302
    )
    # Another school is refused exactly like a school that does not exist.
    other = request_report(client, kind="tertial2", period=t2.pk, school=school_b.pk)
    missing = request_report(client, kind="tertial2", period=t2.pk, school=999999)
    assert other.status_code == missing.status_code == 200
    assert other.context["form"].errors == missing.context["form"].errors
    assert "school" in other.context["form"].errors
    assert request_report(client, kind="tertial2", period=t2.pk, school="").status_code == 200
    assert list(Report.objects.values_list("school", flat=True)) == [school_a.pk]


def test_bad_choices_get_swedish_messages_and_keep_the_input(login, administrator, t2):
    client = login(administrator)
    response = request_report(client, kind="annual", period=t2.pk, school="")
    assert response.status_code == 200
    content = response.content.decode()
    assert "kräver en period av typen" in content
    assert f'<option value="{t2.pk}" selected' in content
    assert not Report.objects.exists()


def test_status_fragment_polls_while_running(login, administrator, report_a):
    Report.objects.filter(pk=report_a.pk).update(status=Report.Status.RUNNING, progress=35)
    response = login(administrator).get(reverse("reports:report_status", args=[report_a.pk]))
    content = response.content.decode()
    assert 'hx-trigger="every 1s"' in content
    assert 'aria-valuenow="35"' in content
    assert "Sammanställs" in content


def test_failed_report_shows_why_and_can_be_retried(
    login, administrator, t2, django_capture_on_commit_callbacks
):
    report = services.report_request(kind="tertial2", period=t2, school=None, send=False)
    Report.objects.filter(pk=report.pk).update(status="failed", error="ValueError: trasigt")
    client = login(administrator)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "ValueError: trasigt" in page and "Försök igen" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == Report.Status.DONE


def test_broker_down_message_on_request(
    login, administrator, t2, monkeypatch, django_capture_on_commit_callbacks
):
    from reports import tasks
    from vuxportal.celery import app

    def refuse(*args, **kwargs):
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(tasks.compile_report, "apply_async", refuse)
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    client = login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = request_report(client, kind="tertial2", period=t2.pk, school="")
    page = client.get(response["Location"]).content.decode()
    assert "Det gick inte att nå köservern" in page
    assert Report.objects.get().status == Report.Status.QUEUED


def test_report_list_runs_constant_queries(login, administrator, period_t2):
    client = login(administrator)
    url = reverse("reports:report_list")
    _stored_report(period=period_t2, school=None, key="x0")
    client.get(url)
    cache.clear()  # cold: what drawing the list costs, not the kept list
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(8):
        school = SchoolFactory(code=f"q{n}")
        report = _stored_report(period=period_t2, school=school, key=f"x{n + 1}")
        report.requested_by = UserFactory()
        report.save()
    with CaptureQueriesContext(connection) as many:
        content = client.get(url).content.decode()
    assert len(few) == len(many)
    assert "q7" in content or "Vux Skola" in content


def test_schedule_page_edits_times_and_switches_off(login, administrator, schedule):
    client = login(administrator)
    page = client.get(reverse("reports:schedule_list")).content.decode()
    assert "reports.tasks.requeue_stuck_reports" in page
    response = client.post(
        reverse("reports:schedule_update", args=[schedule.pk]),
        {"minute": "99", "hour": "*", "day_of_week": "*"},
    )
    assert response.status_code == 200 and "Ogiltigt värde" in response.content.decode()
    client.post(
        reverse("reports:schedule_update", args=[schedule.pk]),
        {"minute": "*/10", "hour": "*", "day_of_week": "*"},
    )
    schedule.refresh_from_db()
    assert schedule.crontab.minute == "*/10" and not schedule.enabled


def test_api_requests_a_report_idempotently_and_scopes_schools(
    login, leader, t2, school_a, school_b, django_capture_on_commit_callbacks
):
    client = login(leader)
    url = reverse("report-list")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            url, {"kind": "tertial2", "period": t2.pk, "school": school_a.pk}, "application/json"
        )
    assert first.status_code == 201
    assert first.json()["status"] == "queued" and first.json()["pdf_url"] is None
    detail = client.get(reverse("report-detail", args=[first.json()["id"]])).json()
    assert detail["status"] == "done" and detail["pdf_url"].endswith("/pdf/")
    again = client.post(
        url, {"kind": "tertial2", "period": t2.pk, "school": school_a.pk}, "application/json"
    )
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    other = client.post(
        url, {"kind": "tertial2", "period": t2.pk, "school": school_b.pk}, "application/json"
    )
    missing = client.post(
        url, {"kind": "tertial2", "period": t2.pk, "school": 999999}, "application/json"
    )
    # Out of scope answers like a missing id: the same 400 and the same kind of error.
    assert other.status_code == missing.status_code == 400
    assert other.json()["errors"].keys() == missing.json()["errors"].keys() == {"school"}
    wrong = client.post(
        url, {"kind": "annual", "period": t2.pk, "school": school_a.pk}, "application/json"
    )
    assert wrong.status_code == 400 and "period" in wrong.json()["errors"]
    assert [r["id"] for r in client.get(url).json()["results"]] == [first.json()["id"]]


def test_start_page_shows_the_latest_reports_in_scope(login, leader, report_a, report_b):
    content = login(leader).get(reverse("home")).content.decode()
    assert "Senaste rapporterna" in content
    assert report_a.get_absolute_url() in content
    assert report_b.get_absolute_url() not in content


def test_a_token_polls_a_report_and_downloads_both_files_through_the_api(
    client, leader, report_a, report_b
):
    from vuxportal.tokens import token_create

    token = token_create(user=leader, name="BI")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    detail = client.get(reverse("report-detail", args=[report_a.pk]), **auth).json()
    assert detail["status"] == "done"
    assert detail["pdf_url"].endswith(f"/api/v1/reports/{report_a.pk}/pdf/")

    pdf = client.get(detail["pdf_url"], **auth)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == b"%PDF-1.7 test"
    assert "attachment" in pdf["Content-Disposition"]
    excel = client.get(detail["excel_url"], **auth)
    assert excel.status_code == 200 and b"".join(excel.streaming_content) == b"PK test"
    # Another school's report is out of the leader's scope, and a queued one has no file.
    assert client.get(reverse("report-pdf", args=[report_b.pk]), **auth).status_code == 404
    report_a.status = Report.Status.QUEUED
    report_a.save()
    missing = client.get(reverse("report-pdf", args=[report_a.pk]), **auth)
    assert missing.status_code == 404 and missing.json()["status"] == 404
    # Without the token the file is refused.
    assert client.get(detail["pdf_url"]).status_code in (401, 403)
