import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask
from openpyxl import load_workbook

from reports import services
from reports.models import Report
from reports.schedules import SCHEDULES, setup_schedules
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

EXPECTED_TASKS = {
    "competence.tasks.send_session_reminders",
    "goals.tasks.snapshot_open_periods",
    "reports.tasks.draft_reports_after_deadline",
    "goals.tasks.remind_before_deadlines",
    "infrastructure.tasks.remind_overdue_loans",
    "infrastructure.tasks.remind_borrowers",
    "infrastructure.tasks.pseudonymise_students",
    "organisation.tasks.remind_routine_reviews",
    "reports.tasks.requeue_stuck_reports",
    "vuxportal.tasks.delete_stale_import_previews",
    "vuxportal.tasks.compact_data_version",
}


def test_schedules_exist_after_migrate_and_setup_is_idempotent():
    assert set(PeriodicTask.objects.values_list("task", flat=True)) >= EXPECTED_TASKS
    assert setup_schedules() == 0
    assert PeriodicTask.objects.filter(task__in=EXPECTED_TASKS).count() == len(SCHEDULES)
    sweep = PeriodicTask.objects.get(task="reports.tasks.requeue_stuck_reports")
    assert sweep.interval.every == 20


def test_setup_keeps_administrators_edits():
    task = PeriodicTask.objects.get(task="goals.tasks.snapshot_open_periods")
    services.schedule_update(task=task, enabled=False, minute="45", hour="3", day_of_week="*")
    setup_schedules()
    task.refresh_from_db()
    assert not task.enabled and task.crontab.hour == "3"


def test_schedule_update_rejects_bad_times():
    task = PeriodicTask.objects.get(task="goals.tasks.snapshot_open_periods")
    with pytest.raises(ValidationError) as error:
        services.schedule_update(task=task, enabled=True, minute="99", hour="25", day_of_week="*")
    assert set(error.value.message_dict) == {"minute", "hour"}


def test_compile_report_command_writes_pdf_and_excel(t2, school_a, tmp_path):
    out = tmp_path / "ut"
    call_command("compile_report", kind="tertial2", year=2025, school="skola-a", out=str(out))
    pdf = out / "tertial2-2025-skola-a-utkast.pdf"
    excel = out / "tertial2-2025-skola-a-utkast.xlsx"
    assert "Sida 2 av" in pdf_text(pdf.read_bytes(), tmp_path)
    assert "Indikatorer" in load_workbook(excel).sheetnames
    call_command("compile_report", kind="tertial2", year=2025, school="skola-a", out=str(out))
    assert Report.objects.get().attempts == 1  # the second run reused the stored report
