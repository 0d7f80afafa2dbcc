import subprocess

import pytest

from tests.reports.factories import build_report_data


@pytest.fixture
def report_data(school_a, school_b, leader):
    return build_report_data(schools=[school_a, school_b], author=leader)


@pytest.fixture
def t2(report_data):
    return report_data.t2


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _stored_report(*, period, school, status="done", key):
    from django.core.files.base import ContentFile

    from reports.models import Report

    report = Report.objects.create(
        key=key, kind="tertial2", period=period, school=school, status=status
    )
    if status == "done":
        report.pdf.save("r.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
        report.excel.save("r.xlsx", ContentFile(b"PK test"), save=False)
        report.progress = 100
        report.save()
    return report


@pytest.fixture
def period_t2(db):
    from tests.factories import ReportingPeriodFactory

    return ReportingPeriodFactory(year=2025, kind="tertial2")


@pytest.fixture
def report_a(period_t2, school_a):
    return _stored_report(period=period_t2, school=school_a, key="a")


@pytest.fixture
def report_b(period_t2, school_b):
    return _stored_report(period=period_t2, school=school_b, key="b")


@pytest.fixture
def report_org(period_t2):
    return _stored_report(period=period_t2, school=None, key="org")


@pytest.fixture
def failed_report_a(period_t2, school_a):
    return _stored_report(period=period_t2, school=school_a, status="failed", key="fa")


@pytest.fixture
def failed_report_b(period_t2, school_b):
    return _stored_report(period=period_t2, school=school_b, status="failed", key="fb")


@pytest.fixture
def schedule(db):
    from django_celery_beat.models import PeriodicTask

    from reports.schedules import setup_schedules

    setup_schedules()
    return PeriodicTask.objects.get(task="reports.tasks.requeue_stuck_reports")
