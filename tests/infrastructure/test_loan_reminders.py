"""Issue 17, part 5: an overdue loan reminds the borrower too, not only the IT staff, and the
IT staff's link opens the overdue loans, not every loan.

The borrower's email is in Swedish; its wording comes from the translation catalogue, so
these tests look at its recipients, its structure and what it must never hold.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from infrastructure import reminders, services, tasks
from infrastructure.models import Loan
from tests.factories import person, today
from tests.infrastructure.factories import DeviceFactory, LoanFactory, StudentFactory
from vuxportal.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _three_days_before(settings):
    settings.LOAN_REMINDER_DAYS_BEFORE = 3
    settings.SITE_URL = "https://vux.example.se"


@pytest.fixture
def run_task(django_capture_on_commit_callbacks):
    """The daily task as beat runs it: the emails go once its transaction commits."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.remind_borrowers.delay().get()

    return run


def loan_due_in(days, *, school, device_model, lent_by=None, **student):
    student.setdefault("email", f"elev{days + 100}@elev.test")
    return LoanFactory(
        device=DeviceFactory(school=school, model=device_model, status="on_loan"),
        student=StudentFactory(school=school, **student),
        lent_on=today() - timedelta(days=60),
        due_on=today() + timedelta(days=days),
        lent_by=lent_by,
        notes="Intern anteckning: har fått en tidigare enhet stulen",
    )


def borrower_mails(loan):
    return [m for m in mail.outbox if m.to == [loan.student.email]]


def test_the_borrower_is_reminded_before_the_due_date(run_task, school_a, device_model, it_staff):
    soon = loan_due_in(3, school=school_a, device_model=device_model, lent_by=it_staff)
    later = loan_due_in(4, school=school_a, device_model=device_model, lent_by=it_staff)
    assert run_task() == 1
    [message] = borrower_mails(soon)
    assert borrower_mails(later) == []
    assert soon.due_on.isoformat() in message.subject
    assert soon.device.asset_tag in message.body and str(soon.device.model) in message.body
    assert soon.due_on.isoformat() in message.body
    # Where to return it and whom to ask; replies reach that person.
    assert school_a.name in message.body
    assert it_staff.email in message.body and message.reply_to == [it_staff.email]
    soon.refresh_from_db()
    assert soon.reminded_due_at is not None and soon.reminded_overdue_at is None
    assert soon.reminded_for_due_on == soon.due_on


def test_the_borrower_is_reminded_once_the_loan_is_overdue(
    run_task, school_a, device_model, it_staff
):
    loan = loan_due_in(-1, school=school_a, device_model=device_model, lent_by=it_staff)
    assert run_task() == 1
    [message] = borrower_mails(loan)
    assert loan.device.asset_tag in message.body and loan.due_on.isoformat() in message.body
    loan.refresh_from_db()
    assert loan.reminded_overdue_at is not None


def test_each_stage_is_sent_once_even_when_the_task_runs_twice(
    run_task, school_a, device_model, it_staff
):
    loan = loan_due_in(2, school=school_a, device_model=device_model, lent_by=it_staff)
    assert run_task() == 1
    assert run_task() == 0
    assert len(borrower_mails(loan)) == 1
    # The next stage comes once the due date has passed, and once only.
    Loan.objects.filter(pk=loan.pk).update(due_on=today() - timedelta(days=1))
    assert run_task() == 1
    assert run_task() == 0
    assert len(borrower_mails(loan)) == 2


def test_a_changed_due_date_reminds_again(run_task, school_a, device_model, it_staff):
    loan = loan_due_in(-2, school=school_a, device_model=device_model, lent_by=it_staff)
    run_task()
    # Extended: reminded before the new date, and again should that pass too.
    loan.due_on = today() + timedelta(days=1)
    loan.save()
    assert run_task() == 1
    loan.refresh_from_db()
    assert loan.reminded_overdue_at is None and loan.reminded_for_due_on == loan.due_on
    Loan.objects.filter(pk=loan.pk).update(due_on=today() - timedelta(days=1))
    assert run_task() == 1
    assert len(borrower_mails(loan)) == 3


def test_a_stage_claimed_by_another_run_is_not_sent_again(school_a, device_model, it_staff):
    loan = loan_due_in(1, school=school_a, device_model=device_model, lent_by=it_staff)
    assert reminders.loan_reminders_send() == 1
    # The same day again: the stage is taken, whether or not its email has gone yet.
    assert reminders.loan_reminders_send() == 0
    assert reminders.loans_to_remind_before_due(on=today(), days_before=3).count() == 0
    assert loan.pk not in set(reminders.loans_to_remind_overdue(on=today()).values_list("pk"))


def test_no_reminder_without_an_address_nor_for_returned_loans(
    run_task, school_a, device_model, it_staff
):
    no_address = loan_due_in(1, school=school_a, device_model=device_model, email="")
    returned = loan_due_in(-3, school=school_a, device_model=device_model)
    Loan.objects.filter(pk=returned.pk).update(returned_on=today() - timedelta(days=1))
    assert run_task() == 0
    assert mail.outbox == []
    # Not marked either: an address added later still gets the reminder.
    no_address.refresh_from_db()
    assert no_address.reminded_due_at is None
    no_address.student.email = "ny.adress@elev.test"
    no_address.student.save()
    assert run_task() == 1
    assert [m.to for m in mail.outbox] == [["ny.adress@elev.test"]]


def test_a_loan_returned_before_its_email_goes_gets_none(school_a, device_model, it_staff):
    loan = loan_due_in(-1, school=school_a, device_model=device_model, lent_by=it_staff)
    Loan.objects.filter(pk=loan.pk).update(returned_on=today())
    assert reminders.loan_reminder_send(loan_id=loan.pk, stage=reminders.OVERDUE) is False
    assert mail.outbox == []


def test_the_email_says_nothing_else_about_the_student(run_task, school_a, device_model):
    lender = person(Role.IT_STAFF, school_a, email="lanar.ut@vux.test")
    loan = loan_due_in(
        -1,
        school=school_a,
        device_model=device_model,
        lent_by=lender,
        name="Amina Yusuf",
        reference="19850101-1234",
        phone="070-555 12 34",
        waiting_note="Behöver skärmläsare",
    )
    run_task()
    [message] = borrower_mails(loan)
    text = message.subject + message.body
    for private in ("Amina", "Yusuf", "19850101-1234", "070-555 12 34", "skärmläsare", "Intern"):
        assert private not in text
    assert loan.device.serial_number not in text
    assert message.to == [loan.student.email] and message.cc == [] and message.bcc == []
    # No link: students never sign in to the portal.
    assert "http" not in message.body


def test_without_the_lender_the_schools_it_staff_are_the_contact(
    run_task, school_a, device_model, it_staff
):
    loan = loan_due_in(2, school=school_a, device_model=device_model, lent_by=None)
    run_task()
    [message] = borrower_mails(loan)
    assert it_staff.email in message.body and message.reply_to == [it_staff.email]


# --- The IT staff's reminder ------------------------------------------------------------------


def test_the_it_staff_link_opens_only_the_overdue_loans(login, school_a, device_model, it_staff):
    overdue = loan_due_in(-5, school=school_a, device_model=device_model)
    open_loan = loan_due_in(30, school=school_a, device_model=device_model)
    returned = loan_due_in(-10, school=school_a, device_model=device_model)
    Loan.objects.filter(pk=returned.pk).update(returned_on=today() - timedelta(days=2))

    assert services.overdue_reminder_send(school=school_a) == 1
    [message] = [m for m in mail.outbox if m.to == [it_staff.email]]
    url = re.search(r"https://vux\.example\.se\S+", message.body).group()
    parts = urlsplit(url)
    assert parts.path == reverse("infrastructure:loan_list")

    response = login(it_staff).get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200
    filterset = response.context["filter"]
    # The parameter is one the list's FilterSet knows, and it narrows the list.
    assert filterset.is_valid() and filterset.form.cleaned_data["state"] == "overdue"
    shown = {row.record.pk for row in response.context["table"].rows}
    assert shown == {overdue.pk}
    assert open_loan.pk not in shown and returned.pk not in shown


def test_the_it_staff_keep_their_daily_reminder(school_a, device_model, it_staff):
    loan_due_in(-5, school=school_a, device_model=device_model)
    assert tasks.remind_overdue_loans.delay().get() == 1
    assert [m.to for m in mail.outbox] == [[it_staff.email]]
