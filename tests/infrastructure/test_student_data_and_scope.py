"""Issue 14, reproductions 5–7: every view of a student's data is logged through one
mechanism (the indicators' drill-down included), a device page lists only the loans the
user may see, and the device import assigns by the assign page's rule, with errors that
say nothing about other schools."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goals.models import Indicator
from infrastructure import services
from infrastructure.models import Device, StudentDataAccess
from tests.factories import GoalFactory, IndicatorFactory, ReportingPeriodFactory, person, today
from vuxportal.roles import Role

from .factories import DeviceFactory, LoanFactory, StudentFactory

pytestmark = pytest.mark.django_db


# --- Reproduction 5: the indicator records page logs the students it names --------------------


@pytest.fixture
def waiting_indicator(db):
    return IndicatorFactory(
        goal=GoalFactory(),
        unit=Indicator.Unit.COUNT,
        kind=Indicator.Kind.AUTOMATIC,
        metric_key="infrastructure.students_waiting",
    )


@pytest.fixture
def this_year(db):
    return ReportingPeriodFactory(year=today().year, kind="annual")


def test_indicator_records_page_logs_the_students_it_lists(
    login, administrator, waiting_indicator, this_year, school_a
):
    waiting = StudentFactory(school=school_a, name="Amina Yusuf", waiting_since=today())
    url = reverse("goals:indicator_records", args=[waiting_indicator.pk])
    response = login(administrator).get(url, {"period": this_year.pk})
    assert response.status_code == 200
    assert "Amina Yusuf" in response.content.decode()
    entry = StudentDataAccess.objects.get()
    assert entry.student == waiting and entry.user == administrator
    assert entry.what == StudentDataAccess.What.LIST and entry.path == url


def test_records_without_personal_data_are_not_logged(
    login, administrator, this_year, school_a, device_model
):
    indicator = IndicatorFactory(
        goal=GoalFactory(),
        kind=Indicator.Kind.AUTOMATIC,
        metric_key="infrastructure.devices_past_lifetime",
    )
    DeviceFactory(school=school_a, model=device_model, purchased_on=today() - timedelta(3650))
    url = reverse("goals:indicator_records", args=[indicator.pk])
    assert login(administrator).get(url, {"period": this_year.pk}).status_code == 200
    assert not StudentDataAccess.objects.exists()


def test_overdue_email_is_logged_like_the_loans_page(it_staff, school_a, device_model):
    loan = LoanFactory(
        device=DeviceFactory(school=school_a, model=device_model, status="on_loan"),
        lent_on=today() - timedelta(days=40),
        due_on=today() - timedelta(days=1),
    )
    assert services.overdue_reminder_send(school=school_a) == 1
    assert loan.student.name in mail.outbox[0].body
    entry = StudentDataAccess.objects.get()
    assert entry.student == loan.student and entry.user == it_staff


# --- Reproduction 6: a device page lists only the loans the user may see ----------------------


def test_device_that_moved_does_not_show_its_old_schools_loan(
    login, it_staff, school_a, school_b, device_model
):
    device = DeviceFactory(school=school_b, model=device_model, status="in_stock")
    old = LoanFactory(
        device=device,
        student=StudentFactory(school=school_b, name="Baran Karimi"),
        school=school_b,
        returned_on=today() - timedelta(days=5),
    )
    device.school = school_a
    device.save()
    response = login(it_staff).get(device.get_absolute_url())
    assert response.status_code == 200
    assert "Baran Karimi" not in response.content.decode()
    assert list(response.context["loans"]) == []
    assert not StudentDataAccess.objects.filter(student=old.student).exists()


def test_device_page_still_lists_and_logs_its_own_schools_loans(login, it_staff, loan_a):
    response = login(it_staff).get(loan_a.device.get_absolute_url())
    assert loan_a.student.name in response.content.decode()
    assert StudentDataAccess.objects.get().student == loan_a.student


# --- Reproduction 7: assign rule shared by the page and the import; errors reveal nothing -----


IMPORT_URL = reverse("infrastructure:device_import")
HEADER = "asset_tag,serial_number,manufacturer,model,school,assigned_to\n"


def _upload(client, text):
    return client.post(
        IMPORT_URL, {"import_file": SimpleUploadedFile("enheter.csv", text.encode("utf-8"))}
    )


def _errors(response, line):
    return next(r for r in response.context["preview"] if r.line == line).errors


def test_import_refuses_staff_of_another_school_with_the_unknown_email_answer(
    login, it_staff, teacher, teacher_b, device_model
):
    model = f"{device_model.manufacturer},{device_model.name}"
    text = HEADER + (
        f"N-1,S-1,{model},skola-a,{teacher.email}\n"  # her school's teacher: fine
        f"N-2,S-2,{model},skola-a,{teacher_b.email}\n"  # another school's teacher
        f"N-3,S-3,{model},skola-a,ingen@vux.test\n"  # nobody
    )
    client = login(it_staff)
    response = _upload(client, text)
    assert response.status_code == 200
    assert not _errors(response, 2)
    other, nobody = _errors(response, 3), _errors(response, 4)
    assert any(
        f"Ingen person med e-postadressen ”{teacher_b.email}” på enhetens skola." in e
        for e in other
    ), other
    # The same words whether the person works elsewhere or does not exist.
    assert [e.replace(teacher_b.email, "X") for e in other] == [
        e.replace("ingen@vux.test", "X") for e in nobody
    ]
    client.post(IMPORT_URL, {"confirm": "1"})
    assert not Device.objects.filter(assigned_to=teacher_b).exists()


def test_import_assigns_staff_of_the_devices_school(login, it_staff, teacher, device_model):
    model = f"{device_model.manufacturer},{device_model.name}"
    client = login(it_staff)
    response = _upload(client, HEADER + f"N-1,S-1,{model},skola-a,{teacher.email}\n")
    assert response.context["has_errors"] is False
    client.post(IMPORT_URL, {"confirm": "1"})
    device = Device.objects.get(asset_tag="N-1")
    assert device.assigned_to == teacher and device.status == Device.Status.ASSIGNED


def test_administrator_import_needs_staff_of_the_rows_school(
    login, administrator, teacher, school_b, device_model
):
    model = f"{device_model.manufacturer},{device_model.name}"
    response = _upload(login(administrator), HEADER + f"N-1,S-1,{model},skola-b,{teacher.email}\n")
    assert _errors(response, 2)


def test_assign_service_refuses_staff_elsewhere_and_devices_not_yours(
    it_staff, teacher, teacher_b, device_a, device_b
):
    with pytest.raises(ValidationError):
        services.device_assign(device=device_a, user=teacher_b, by=it_staff)
    with pytest.raises(ValidationError) as error:
        services.device_assign(device=device_b, user=teacher_b, by=it_staff)
    assert error.value.messages == ["Okänd enhet."]
    device_b.refresh_from_db()
    assert device_b.assigned_to is None
    services.device_assign(device=device_a, user=teacher, by=it_staff)
    device_a.refresh_from_db()
    assert device_a.assigned_to == teacher


def test_assign_service_refuses_people_without_a_staff_role(it_staff, school_a, device_a):
    # A person whose account is closed cannot be handed a device.
    outsider = person(Role.TEACHER, school_a, email="slutat@vux.test", is_active=False)
    with pytest.raises(ValidationError):
        services.device_assign(device=device_a, user=outsider, by=it_staff)


def test_bulk_api_answers_another_schools_tag_like_the_import_answers_a_known_one(
    login, it_staff, device_a, device_b, device_model, school_a
):
    row = {"serial_number": "SN-NEW", "model": device_model.pk, "school": school_a.pk}
    response = login(it_staff).post(
        reverse("device-bulk"),
        [{**row, "asset_tag": device_b.asset_tag}],
        content_type="application/json",
    )
    assert response.status_code == 400
    message = response.json()["errors"]["0"]["asset_tag"][0]
    # Neither the school nor the device is named: only that the tag is taken, which a
    # tag unique across the organisation cannot hide.
    assert school_a.name not in message and "Skola B" not in message
    assert message == f"Inventarienummer ”{device_b.asset_tag}” finns redan."


# --- Every other place that names students: the loan form's choices, the edit form ----------


def test_the_loan_form_logs_the_students_it_offers(login, it_staff, school_a, school_b):
    mine, other = StudentFactory(school=school_a), StudentFactory(school=school_b)
    response = login(it_staff).get(reverse("infrastructure:loan_create"))
    assert response.status_code == 200
    logged = set(StudentDataAccess.objects.filter(user=it_staff).values_list("student", flat=True))
    assert logged == {mine.pk}  # the one the form names, not the other school's
    assert other.pk not in logged


def test_a_refused_student_edit_logs_the_data_it_shows_again(login, it_staff, school_a):
    student = StudentFactory(school=school_a)
    url = reverse("infrastructure:student_update", args=[student.pk])
    response = login(it_staff).post(url, {"name": "", "school": school_a.pk})
    assert response.status_code == 200 and response.context["form"].errors
    assert StudentDataAccess.objects.filter(
        user=it_staff, student=student, what=StudentDataAccess.What.EDIT
    ).exists()
