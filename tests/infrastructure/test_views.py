"""Pages per role: scoping (404/403), access logging, lists at constant query counts."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from infrastructure.models import Device, Loan, StudentDataAccess
from tests.factories import today
from tests.infrastructure.factories import (
    AccessCountFactory,
    DeviceAuditFactory,
    DeviceFactory,
    LoanFactory,
    RepairFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db


def test_it_staff_see_only_their_schools_devices(login, it_staff, device_a, device_b):
    client = login(it_staff)
    response = client.get(reverse("infrastructure:device_list"))
    body = response.content.decode()
    assert device_a.asset_tag in body and device_b.asset_tag not in body
    assert client.get(device_b.get_absolute_url()).status_code == 404


def test_it_staff_cannot_reach_another_schools_students(login, it_staff, student_a, student_b):
    client = login(it_staff)
    body = client.get(reverse("infrastructure:student_list")).content.decode()
    assert student_a.name in body and student_b.name not in body
    assert client.get(student_b.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["teacher", "staff_member", "leader"])
def test_only_it_and_administrators_see_students(request, login, who, student_a, loan_a):
    client = login(request.getfixturevalue(who))
    for url in (
        reverse("infrastructure:student_list"),
        student_a.get_absolute_url(),
        loan_a.get_absolute_url(),
        reverse("infrastructure:loan_agreement", args=[loan_a.pk]),
    ):
        assert client.get(url).status_code == 403
    assert not StudentDataAccess.objects.exists()


def test_leader_sees_devices_but_not_who_borrowed_them(login, leader, loan_a):
    response = login(leader).get(loan_a.device.get_absolute_url())
    assert response.status_code == 200
    assert loan_a.student.name not in response.content.decode()


def test_every_view_of_student_data_is_logged(login, it_staff, student_a, loan_a):
    client = login(it_staff)
    client.get(reverse("infrastructure:student_list"))
    client.get(student_a.get_absolute_url())
    client.get(loan_a.get_absolute_url())
    client.get(reverse("infrastructure:loan_agreement", args=[loan_a.pk]))
    client.get(reverse("infrastructure:loan_list"))
    client.get(loan_a.device.get_absolute_url())
    whats = list(
        StudentDataAccess.objects.filter(user=it_staff, student=student_a)
        .order_by("viewed_at", "pk")
        .values_list("what", flat=True)
    )
    assert whats == ["list", "detail", "loan", "agreement", "list", "loan"]


def test_agreement_pdf_is_a_swedish_pdf(login, it_staff, loan_a):
    response = login(it_staff).get(reverse("infrastructure:loan_agreement", args=[loan_a.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_fetcher_refuses_the_network():
    from weasyprint.urls import URLFetchingError

    from infrastructure.pdf import refuse_fetch

    with pytest.raises(URLFetchingError):
        refuse_fetch("https://example.com/font.woff")


def test_lend_form_shows_a_clear_message_for_a_device_on_loan(
    login, it_staff, loan_a, student_a, school_a
):
    other = StudentFactory(school=school_a)
    # The device is on loan, so it is not even offered; a forged POST gets a field error.
    response = login(it_staff).post(
        reverse("infrastructure:loan_create"),
        {
            "device": loan_a.device.pk,
            "student": other.pk,
            "lent_on": today().isoformat(),
            "due_on": (today() + timedelta(days=30)).isoformat(),
            "agreement_accepted": "on",
        },
    )
    assert response.status_code == 200
    assert "device" in response.context["form"].errors
    assert Loan.objects.count() == 1


def test_overdue_loans_stand_out(login, it_staff, loan_a):
    Loan.objects.filter(pk=loan_a.pk).update(due_on=today() - timedelta(days=2))
    client = login(it_staff)
    body = client.get(reverse("infrastructure:loan_list") + "?state=overdue").content.decode()
    assert "table-danger" in body and loan_a.device.asset_tag in body
    home = client.get(reverse("home")).content.decode()
    assert "status-not_met" in home


def test_assign_and_take_back_from_the_device_page(login, it_staff, device_a, teacher):
    client = login(it_staff)
    client.post(reverse("infrastructure:device_assign", args=[device_a.pk]), {"user": teacher.pk})
    device_a.refresh_from_db()
    assert device_a.assigned_to == teacher
    client.post(reverse("infrastructure:device_take_back", args=[device_a.pk]))
    device_a.refresh_from_db()
    assert device_a.assigned_to is None and device_a.status == Device.Status.IN_STOCK
    body = client.get(device_a.get_absolute_url()).content.decode()
    assert teacher.display_name in body  # the assignment stays in the history


def test_leader_sees_coverage_of_her_school_only(
    login, leader, school_a, school_b, device_a, device_b
):
    response = login(leader).get(reverse("infrastructure:coverage"))
    rows = response.context["coverage"].rows
    assert [r.school for r in rows] == [school_a]


# --- Query counts: the same number of queries for small and big data -------------------------


def _fill(school, model, n, teacher):
    for i in range(n):
        device = DeviceFactory(school=school, model=model)
        loan = LoanFactory(
            device=DeviceFactory(school=school, model=model, status="on_loan"),
            student=StudentFactory(school=school, waiting_since=None),
            due_on=today() - timedelta(days=1) if i % 2 else today() + timedelta(days=5),
        )
        RepairFactory(device=DeviceFactory(school=school, model=model, status="in_repair"))
        DeviceAuditFactory(school=school)
        StudentFactory(school=school, waiting_since=today())
        AccessCountFactory(school=school, counted_on=today() - timedelta(days=i))
        assert device and loan


LIST_URLS = [
    ("infrastructure:device_list", "it_staff"),
    ("infrastructure:student_list", "it_staff"),
    ("infrastructure:waiting_list", "it_staff"),
    ("infrastructure:loan_list", "it_staff"),
    ("infrastructure:audit_list", "it_staff"),
    ("infrastructure:repair_list", "it_staff"),
    ("infrastructure:devicemodel_list", "it_staff"),
    ("infrastructure:system_list", "leader"),
    ("infrastructure:coverage", "leader"),
    ("infrastructure:lifecycle", "administrator"),
    ("infrastructure:student_access_log", "administrator"),
    ("home", "it_staff"),
]


@pytest.mark.parametrize(("url_name", "who"), LIST_URLS)
def test_lists_keep_their_query_count(
    request, login, url_name, who, school_a, device_model, teacher
):
    client = login(request.getfixturevalue(who))
    url = reverse(url_name)

    def count():
        cache.clear()  # compute afresh: cached aggregates would hide the first count
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _fill(school_a, device_model, 2, teacher)
    client.get(url)  # warm caches (session, content types)
    small = count()
    _fill(school_a, device_model, 12, teacher)
    assert count() == small


def test_device_history_names_people_and_statuses(login, it_staff, device_a, teacher):
    from infrastructure import services

    services.device_assign(device=device_a, user=teacher, by=it_staff)
    response = login(it_staff).get(device_a.get_absolute_url())
    changes = [c for e in response.context["history"].entries for c in e.changes]
    assert any(c.new == teacher.display_name for c in changes)
    assert any(c.new == "Tilldelad" for c in changes)
