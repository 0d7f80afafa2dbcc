"""Rules of lending, assigning, auditing, repairing and of student data."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from infrastructure import services, tasks
from infrastructure.models import (
    Assignment,
    Device,
    DeviceAuditItem,
    Loan,
    Student,
    StudentDataAccess,
)
from tests.factories import person, today
from tests.infrastructure.factories import (
    DeviceAuditFactory,
    DeviceFactory,
    LoanFactory,
    StudentFactory,
)
from vuxportal.roles import Role

pytestmark = pytest.mark.django_db


def lend(device, student, by, **kwargs):
    kwargs.setdefault("due_on", today() + timedelta(days=30))
    kwargs.setdefault("agreement_accepted", True)
    return services.loan_create(device=device, student=student, lent_by=by, **kwargs)


# --- Loans ------------------------------------------------------------------------------------


def test_lending_marks_the_device_on_loan_and_takes_the_student_off_the_waiting_list(
    device_a, student_a, it_staff
):
    services.student_add_to_waiting_list(student=student_a, need="Dator")
    loan = lend(device_a, student_a, it_staff)
    device_a.refresh_from_db()
    student_a.refresh_from_db()
    assert device_a.status == Device.Status.ON_LOAN
    assert loan.school == device_a.school
    assert loan.agreement_accepted_on == today()
    assert student_a.waiting_since is None


def test_a_device_cannot_be_lent_twice_the_service_says_so(device_a, student_a, school_a, it_staff):
    lend(device_a, student_a, it_staff)
    other = StudentFactory(school=school_a)
    with pytest.raises(ValidationError) as error:
        lend(device_a, other, it_staff)
    assert "är redan utlånad" in " ".join(error.value.messages)
    assert Loan.objects.filter(device=device_a).count() == 1


def test_the_database_refuses_two_open_loans_for_one_device(device_a, student_a, school_a):
    LoanFactory(device=device_a, student=student_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        LoanFactory(device=device_a, student=StudentFactory(school=school_a))


def test_a_returned_loan_does_not_block_a_new_one(device_a, student_a, it_staff):
    loan = lend(device_a, student_a, it_staff)
    services.loan_return(loan=loan, received_by=it_staff, condition="good")
    lend(device_a, student_a, it_staff)
    assert Loan.objects.filter(device=device_a, returned_on__isnull=True).count() == 1


@pytest.mark.parametrize("status", ["retired", "lost", "in_repair", "assigned"])
def test_a_retired_lost_or_busy_device_cannot_be_lent(device_a, student_a, it_staff, status):
    Device.objects.filter(pk=device_a.pk).update(status=status)
    with pytest.raises(ValidationError) as error:
        lend(device_a, student_a, it_staff)
    assert "kan inte lånas ut" in " ".join(error.value.messages)
    assert not Loan.objects.exists()


def test_the_agreement_must_be_accepted(device_a, student_a, it_staff):
    with pytest.raises(ValidationError) as error:
        lend(device_a, student_a, it_staff, agreement_accepted=False)
    assert "agreement_accepted" in error.value.error_dict


def test_returning_a_damaged_device_opens_a_repair(device_a, student_a, it_staff):
    loan = lend(device_a, student_a, it_staff)
    services.loan_return(loan=loan, received_by=it_staff, condition="damaged")
    device_a.refresh_from_db()
    assert device_a.status == Device.Status.IN_REPAIR
    assert device_a.repairs.get().closed_on is None
    loan.refresh_from_db()
    assert loan.received_by == it_staff and loan.return_condition == "damaged"


def test_a_loan_cannot_be_returned_twice(device_a, student_a, it_staff):
    loan = lend(device_a, student_a, it_staff)
    services.loan_return(loan=loan, received_by=it_staff, condition="good")
    with pytest.raises(ValidationError):
        services.loan_return(loan=loan, received_by=it_staff, condition="good")


# --- Assignments ------------------------------------------------------------------------------


def test_assign_and_take_back_in_one_step_each(device_a, teacher, it_staff):
    services.device_assign(device=device_a, user=teacher, by=it_staff)
    device_a.refresh_from_db()
    assert device_a.status == Device.Status.ASSIGNED and device_a.assigned_to == teacher
    services.device_take_back(device=device_a, by=it_staff)
    device_a.refresh_from_db()
    assert device_a.status == Device.Status.IN_STOCK and device_a.assigned_to is None
    assignment = Assignment.objects.get(device=device_a)
    assert assignment.returned_on == today() and assignment.returned_to == it_staff
    # The field changes are in the device's history.
    assert device_a.history.count() == 3


def test_cannot_assign_to_someone_at_another_school(device_a, teacher_b, it_staff):
    with pytest.raises(ValidationError):
        services.device_assign(device=device_a, user=teacher_b, by=it_staff)


# --- Audits -----------------------------------------------------------------------------------


def test_audit_reports_missing_and_unexpected_devices(school_a, device_model, device_b, it_staff):
    here = [DeviceFactory(school=school_a, model=device_model, location="B201") for _ in range(3)]
    elsewhere = DeviceFactory(school=school_a, model=device_model, location="A101")
    audit = DeviceAuditFactory(school=school_a, location="B201")
    services.audit_scan(
        audit=audit,
        tags=[here[0].asset_tag, here[1].asset_tag.lower(), elsewhere.asset_tag, "NOPE-1", ""],
    )
    services.audit_complete(audit=audit)
    results = dict(audit.items.values_list("asset_tag", "result"))
    assert results[here[0].asset_tag] == DeviceAuditItem.Result.FOUND
    assert results[here[1].asset_tag] == DeviceAuditItem.Result.FOUND
    assert results[here[2].asset_tag] == DeviceAuditItem.Result.MISSING
    assert results[elsewhere.asset_tag] == DeviceAuditItem.Result.UNEXPECTED
    assert results["NOPE-1"] == DeviceAuditItem.Result.UNKNOWN
    here[0].refresh_from_db()
    here[2].refresh_from_db()
    assert here[0].last_audited_on == today()
    assert here[2].last_audited_on is None
    with pytest.raises(ValidationError):
        services.audit_scan(audit=audit, tags=["X"])


# --- Repairs ----------------------------------------------------------------------------------


def test_repair_takes_the_device_out_and_back(device_a, it_staff):
    repair = services.repair_open(device=device_a, problem="Skärm", reported_by=it_staff)
    device_a.refresh_from_db()
    assert device_a.status == Device.Status.IN_REPAIR
    with pytest.raises(ValidationError):
        services.repair_open(device=device_a, problem="Igen", reported_by=it_staff)
    services.repair_close(repair=repair, outcome="Ny skärm", cost=1200)
    device_a.refresh_from_db()
    assert device_a.status == Device.Status.IN_STOCK


def test_unrepairable_device_is_retired_and_cannot_be_lent(device_a, student_a, it_staff):
    repair = services.repair_open(device=device_a, problem="Moderkort", reported_by=it_staff)
    services.repair_close(repair=repair, outcome="Går ej att laga", retire=True)
    device_a.refresh_from_db()
    assert device_a.status == Device.Status.RETIRED
    with pytest.raises(ValidationError):
        lend(device_a, student_a, it_staff)


# --- Overdue reminders ------------------------------------------------------------------------


def test_overdue_reminder_emails_the_schools_it_staff(school_a, school_b, it_staff, loan_a, loan_b):
    it_b = person(Role.IT_STAFF, school_b, email="it.b@vux.test")
    Loan.objects.filter(pk=loan_a.pk).update(due_on=today() - timedelta(days=3))
    mail.outbox.clear()
    sent = tasks.remind_overdue_loans.delay().get()
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[it_staff.email]]
    assert loan_a.device.asset_tag in mail.outbox[0].body
    assert mail.outbox[0].subject == f"Försenade låneenheter på {school_a.name}"
    assert it_b.email not in mail.outbox[0].to


# --- Pseudonymisation -------------------------------------------------------------------------


def test_pseudonymisation_after_retention_keeps_loan_statistics(settings, school_a, device_model):
    from infrastructure.metrics import students_waiting
    from infrastructure.selectors import coverage
    from organisation.models import School

    settings.STUDENT_DATA_RETENTION_DAYS = 365
    old = StudentFactory(school=school_a, name="Gammal Elev", email="gammal@elev.test")
    recent = StudentFactory(school=school_a, name="Ny Elev")
    open_loan_student = StudentFactory(school=school_a, name="Lånar Nu")
    for student, returned_days_ago in ((old, 400), (recent, 100)):
        LoanFactory(
            device=DeviceFactory(school=school_a, model=device_model),
            student=student,
            lent_on=today() - timedelta(days=returned_days_ago + 100),
            due_on=today() - timedelta(days=returned_days_ago),
            returned_on=today() - timedelta(days=returned_days_ago),
        )
    # An old returned loan and an open one: not due while a loan is open.
    LoanFactory(
        device=DeviceFactory(school=school_a, model=device_model),
        student=open_loan_student,
        lent_on=today() - timedelta(days=900),
        due_on=today() - timedelta(days=800),
        returned_on=today() - timedelta(days=800),
    )
    LoanFactory(
        device=DeviceFactory(school=school_a, model=device_model), student=open_loan_student
    )
    loans_before = Loan.objects.count()
    per_school_before = coverage(School.objects.all()).rows[0].loans_out

    assert tasks.pseudonymise_students.delay().get() == 1

    old.refresh_from_db()
    assert old.is_pseudonymised
    assert "Gammal" not in old.name and old.email == "" and old.phone == ""
    assert not old.history.filter(name="Gammal Elev").exists()
    recent.refresh_from_db()
    open_loan_student.refresh_from_db()
    assert not recent.is_pseudonymised and not open_loan_student.is_pseudonymised
    # Statistics stay: every loan is still there, with its dates and school.
    assert Loan.objects.count() == loans_before
    assert old.loans.get().returned_on == today() - timedelta(days=400)
    assert coverage(School.objects.all()).rows[0].loans_out == per_school_before
    assert students_waiting(school=None, start=today(), end=today()) == 0
    # Running again changes nothing.
    assert tasks.pseudonymise_students.delay().get() == 0


def test_student_data_views_are_logged(student_a, it_staff):
    services.student_data_viewed(
        user=it_staff, students=[student_a], what=StudentDataAccess.What.DETAIL
    )
    entry = StudentDataAccess.objects.get()
    assert (entry.user, entry.student, entry.what) == (it_staff, student_a, "detail")


def test_pseudonymised_student_cannot_borrow(device_a, student_a, it_staff):
    services.student_pseudonymise(student=student_a)
    student_a = Student.objects.get(pk=student_a.pk)
    with pytest.raises(ValidationError):
        lend(device_a, student_a, it_staff)


def test_devices_bulk_upsert_refuses_a_serial_of_another_device(it_staff, device_a, school_a):
    from infrastructure.models import Device
    from infrastructure.services import devices_bulk_upsert
    from vuxportal.bulk import RowErrors

    row = {
        "asset_tag": "A-0777",
        "serial_number": device_a.serial_number.lower(),  # case does not make it new
        "model": device_a.model_id,
        "school": school_a.pk,
    }
    with pytest.raises(RowErrors) as error:
        devices_bulk_upsert(rows=[row], user=it_staff)
    assert list(error.value.rows[0]) == ["serial_number"]
    assert not Device.objects.filter(asset_tag="A-0777").exists()


def test_coverage_is_cached_until_its_data_changes(
    school_a, device_model, it_staff, django_assert_num_queries
):
    from infrastructure.selectors import coverage
    from organisation.models import School

    def row():
        return coverage(School.objects.filter(pk=school_a.pk)).rows[0]

    assert (row().devices, row().loans_out) == (0, 0)
    # Unchanged data: the schools and the version of the six tables (one query).
    with django_assert_num_queries(2):
        row()
    device = DeviceFactory(school=school_a, model=device_model)
    assert row().devices == 1
    services.device_retire(device=device)
    assert row().devices == 0
    loan = LoanFactory(device=DeviceFactory(school=school_a, model=device_model))
    assert row().loans_out == 1
    services.loan_return(loan=loan, received_by=it_staff, condition=Loan.Condition.GOOD)
    assert row().loans_out == 0
    school_a.student_places = 4
    school_a.save()
    assert row().student_places == 4 and row().devices_per_student_place == Decimal("0.25")
    extra = DeviceFactory(school=school_a, model=device_model)
    assert row().devices == 2  # the returned one, back in stock, and this one
    Device.objects.filter(pk=extra.pk).delete()  # a deleted row changes the count
    assert row().devices == 1
