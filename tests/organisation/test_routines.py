"""Routines: review intervals, what is due, reminders to owners."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import organisation.tasks  # noqa: F401  (Celery discovers tasks lazily; the worker imports them)
from organisation import services
from organisation.models import Routine, add_months
from vuxportal.celery import app

from .factories import RoutineFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 15), 12, date(2026, 11, 15)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
        (date(2026, 3, 1), -3, date(2025, 12, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_next_review_and_due(it_staff):
    today = timezone.localdate()
    fresh = RoutineFactory(owner=it_staff, last_reviewed_on=today - timedelta(days=30))
    old = RoutineFactory(owner=it_staff, last_reviewed_on=today - timedelta(days=400))
    never = RoutineFactory(owner=it_staff, last_reviewed_on=None)
    RoutineFactory(owner=it_staff, last_reviewed_on=None, is_active=False)
    assert fresh.next_review_on == add_months(fresh.last_reviewed_on, 12)
    assert set(Routine.objects.due()) == {old, never}
    assert old.is_due and never.is_due and not fresh.is_due


def test_marking_reviewed_moves_the_next_review(routine, login, it_staff):
    login(it_staff).post(reverse("organisation:routine_review", args=[routine.pk]))
    routine.refresh_from_db()
    assert routine.last_reviewed_on == timezone.localdate()
    assert routine.next_review_on == add_months(timezone.localdate(), 12)
    assert not routine.is_due


def test_due_routines_stand_out_first_in_the_list(login, teacher, it_staff):
    today = timezone.localdate()
    RoutineFactory(title="A aktuell", owner=it_staff, last_reviewed_on=today)
    RoutineFactory(title="Z gammal", owner=it_staff, last_reviewed_on=today - timedelta(days=800))
    content = login(teacher).get(reverse("organisation:routine_list")).content.decode()
    assert content.index("Z gammal") < content.index("A aktuell")
    assert "Dags för översyn" in content
    due_only = login(teacher).get(reverse("organisation:routine_list") + "?due=true")
    assert "A aktuell" not in due_only.content.decode()


def test_routine_form_refuses_a_review_in_the_future_and_bad_intervals(login, it_staff):
    response = login(it_staff).post(
        reverse("organisation:routine_create"),
        {
            "title": "Ny rutin",
            "area": "support",
            "owner": it_staff.pk,
            "last_reviewed_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "review_interval_months": "0",
            "is_active": "on",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Datumet för översyn kan inte ligga i framtiden." in content
    assert "Kontrollera att detta värde är större än eller lika med 1." in content
    assert not Routine.objects.exists()


def test_owners_get_one_reminder_listing_their_due_routines_weekly(
    it_staff, leader, django_capture_on_commit_callbacks
):
    old = timezone.localdate() - timedelta(days=800)
    RoutineFactory(title="Konton", owner=it_staff, last_reviewed_on=old)
    RoutineFactory(title="Lån", owner=it_staff, last_reviewed_on=None)
    RoutineFactory(title="Aktuell", owner=it_staff, last_reviewed_on=timezone.localdate())
    RoutineFactory(title="Ledning", owner=leader, last_reviewed_on=old)
    with django_capture_on_commit_callbacks(execute=True):
        sent = app.tasks["organisation.tasks.remind_routine_reviews"].delay().get()
    assert sent == 2
    by_owner = {m.to[0]: m for m in mail.outbox}
    assert set(by_owner) == {"it.a@vux.test", "rektor.a@vux.test"}
    body = by_owner["it.a@vux.test"].body
    assert "Konton" in body and "Lån" in body and "Aktuell" not in body
    assert by_owner["it.a@vux.test"].subject == "Rutiner som ska ses över"
    # Nothing again the next day; again a week later.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.routine_reminders_send(on=timezone.localdate() + timedelta(days=1)) == 0
        assert services.routine_reminders_send(on=timezone.localdate() + timedelta(days=7)) == 2
    assert len(mail.outbox) == 2


def test_routines_of_people_who_left_send_no_reminder(it_staff):
    RoutineFactory(owner=it_staff, last_reviewed_on=None)
    it_staff.is_active = False
    it_staff.save()
    assert services.routine_reminders_send() == 0


def test_owner_sees_their_due_routines_on_the_start_page(login, it_staff):
    RoutineFactory(title="Behörigheter", owner=it_staff, last_reviewed_on=None)
    content = login(it_staff).get(reverse("home")).content.decode()
    assert "Mina rutiner som ska ses över" in content
    assert "Behörigheter" in content
