"""A session's life (issue 16, point 5): the reminder the day before, cancelling, a change
of time or place sent out as an updated calendar event, and the certificate of attendance."""

import subprocess
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from competence import services, tasks
from competence.ics import activity_ics
from competence.models import Enrolment, TrainingActivity, TrainingRecord
from tests.factories import person
from vuxportal.registry import registry
from vuxportal.roles import Role

from .factories import ActivityFactory, EnrolmentFactory, framework_with

pytestmark = pytest.mark.django_db


def _at(day, hour):
    # Whole minutes, as the session form posts them.
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _event(message):
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    return calendar, calendar.walk("VEVENT")[0]


@pytest.fixture
def tomorrow_session(teacher, school_a):
    tomorrow = timezone.localdate() + timedelta(days=1)
    return ActivityFactory(
        organiser=teacher,
        school=school_a,
        title="Digitala verktyg i SFI",
        starts_at=_at(tomorrow, 13),
        ends_at=_at(tomorrow, 16),
        place="Sal 4, Vux Södermalm",
        online_url="https://meet.example/sfi",
        capacity=1,  # so the waiting list stays waiting
    )


@pytest.fixture
def participants(tomorrow_session, school_a):
    """One enrolled, one on the waiting list, one who cancelled."""
    people = {
        status: person(Role.TEACHER, school_a, email=f"{status}@a.test", first_name=status)
        for status in Enrolment.Status.values
    }
    for status, someone in people.items():
        EnrolmentFactory(activity=tomorrow_session, person=someone, status=status)
    return people


# --- Reminders --------------------------------------------------------------------------------


def test_reminder_once_only_to_enrolled_with_ics(
    tomorrow_session, participants, teacher, school_a, django_capture_on_commit_callbacks
):
    later = ActivityFactory(organiser=teacher, school=school_a)  # in a week: not yet
    EnrolmentFactory(activity=later, person=participants["enrolled"])
    cancelled = ActivityFactory(
        organiser=teacher,
        school=school_a,
        starts_at=tomorrow_session.starts_at,
        ends_at=tomorrow_session.ends_at,
        cancelled_at=timezone.now(),
    )
    EnrolmentFactory(activity=cancelled, person=participants["enrolled"])

    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.activity_send_reminders(on=timezone.localdate())

    assert reminded == [tomorrow_session.pk]
    assert [m.to for m in mail.outbox] == [["enrolled@a.test"]]
    message = mail.outbox[0]
    assert message.subject == "Påminnelse: Digitala verktyg i SFI är i morgon"
    assert "Sal 4, Vux Södermalm" in message.body
    assert "https://meet.example/sfi" in message.body
    assert "13:00" in message.body
    _calendar, event = _event(message)
    assert str(event["UID"]) == f"training-{tomorrow_session.pk}@vuxportal"
    tomorrow_session.refresh_from_db()
    assert tomorrow_session.reminded_at is not None

    # The daily task runs again (or twice): nobody is reminded a second time.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_session_reminders() == []
    assert mail.outbox == []


def test_reminder_schedule_is_declared():
    schedule = registry.schedules.get("competence.tasks.send_session_reminders")
    assert schedule.hour == "7"


# --- Cancelling -------------------------------------------------------------------------------


def test_cancel_emails_a_cancelling_ics_and_refuses_enrolment(
    tomorrow_session, participants, leader, login, django_capture_on_commit_callbacks
):
    # The UID the enrolment confirmation put in people's calendars.
    uid = str(Calendar.from_ical(activity_ics(tomorrow_session)).walk("VEVENT")[0]["UID"])
    client = login(leader)  # the host school's rektor
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("competence:activity_cancel_session", args=[tomorrow_session.pk])
        )
    assert response.status_code == 302
    tomorrow_session.refresh_from_db()
    assert tomorrow_session.cancelled_at is not None
    assert tomorrow_session.sequence == 1

    assert sorted(m.to[0] for m in mail.outbox) == ["enrolled@a.test", "waiting@a.test"]
    for message in mail.outbox:
        assert message.subject == "Inställt: Digitala verktyg i SFI"
        calendar, event = _event(message)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == uid
        assert event["SEQUENCE"] > 0

    page = client.get(tomorrow_session.get_absolute_url()).content.decode()
    assert "Inställt" in page
    assert reverse("competence:activity_enrol", args=[tomorrow_session.pk]) not in page

    with pytest.raises(ValidationError):
        services.enrol(activity=tomorrow_session, person=leader)
    response = client.post(reverse("competence:activity_enrol", args=[tomorrow_session.pk]))
    assert response.status_code == 302
    assert not Enrolment.objects.filter(activity=tomorrow_session, person=leader).exists()
    with pytest.raises(ValidationError):
        services.activity_cancel(activity=tomorrow_session, by=leader)

    # A place freed on a cancelled session is offered to nobody.
    mail.outbox.clear()
    enrolled = Enrolment.objects.get(activity=tomorrow_session, person=participants["enrolled"])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enrolment_cancel(enrolment=enrolled) is None
        assert services.waiting_list_fill(activity=tomorrow_session) == []
    assert mail.outbox == []


@pytest.mark.parametrize(
    "who, status",
    [
        ("teacher", 302),  # the organiser
        ("leader", 302),  # the host school's leader
        ("administrator", 302),
        ("staff_member", 404),
        ("leader_b", 404),  # another school's leader
    ],
)
def test_cancel_permission_per_role(who, status, tomorrow_session, login, request):
    client = login(request.getfixturevalue(who))
    url = reverse("competence:activity_cancel_session", args=[tomorrow_session.pk])
    assert client.post(url).status_code == status
    tomorrow_session.refresh_from_db()
    assert (tomorrow_session.cancelled_at is not None) == (status == 302)


def test_service_refuses_cancel_by_someone_else(tomorrow_session, staff_member):
    with pytest.raises(ValidationError):
        services.activity_cancel(activity=tomorrow_session, by=staff_member)
    assert TrainingActivity.objects.get(pk=tomorrow_session.pk).cancelled_at is None


# --- Changes ----------------------------------------------------------------------------------


def _form_data(activity, **changes):
    data = {
        "title": activity.title,
        "description": activity.description,
        "format": activity.format,
        "series": activity.series,
        "starts_at": timezone.localtime(activity.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(activity.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "hours": str(activity.hours),
        "place": activity.place,
        "online_url": activity.online_url,
        "capacity": activity.capacity or "",
        "school": activity.school_id,
    }
    data.update(changes)
    return data


def test_time_change_emails_an_updated_ics(
    tomorrow_session, participants, teacher, login, django_capture_on_commit_callbacks
):
    client = login(teacher)
    url = reverse("competence:activity_update", args=[tomorrow_session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            _form_data(
                tomorrow_session,
                starts_at=(
                    timezone.localtime(tomorrow_session.starts_at).strftime("%Y-%m-%dT") + "14:00"
                ),
            ),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    tomorrow_session.refresh_from_db()
    assert tomorrow_session.sequence == 1
    assert [m.to for m in mail.outbox] == [["enrolled@a.test"]]
    message = mail.outbox[0]
    assert message.subject == "Ny tid eller plats: Digitala verktyg i SFI"
    assert "14:00" in message.body
    calendar, event = _event(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"training-{tomorrow_session.pk}@vuxportal"
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == tomorrow_session.starts_at


def test_a_time_change_through_the_api_is_sent_out_too(
    tomorrow_session, participants, teacher, login, django_capture_on_commit_callbacks
):
    client = login(teacher)
    url = reverse("training-session-detail", args=[tomorrow_session.pk])
    later = tomorrow_session.starts_at + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(
            url,
            {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=2)).isoformat()},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    tomorrow_session.refresh_from_db()
    assert tomorrow_session.sequence == 1
    assert [m.to for m in mail.outbox] == [["enrolled@a.test"]]


def test_title_change_sends_nothing(
    tomorrow_session, participants, teacher, login, django_capture_on_commit_callbacks
):
    client = login(teacher)
    url = reverse("competence:activity_update", args=[tomorrow_session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form_data(tomorrow_session, title="Nytt namn"))
    assert response.status_code == 302
    tomorrow_session.refresh_from_db()
    assert tomorrow_session.title == "Nytt namn"
    assert tomorrow_session.sequence == 0
    assert mail.outbox == []


# --- Certificate of attendance ----------------------------------------------------------------


@pytest.fixture
def attended(teacher, staff_member, leader, school_a):
    """A past session the teacher attended and the staff member missed."""
    framework = framework_with()
    starts = _at(timezone.localdate() - timedelta(days=3), 9)
    activity = ActivityFactory(
        organiser=leader,
        school=school_a,
        title="Vux 2.0: Lärplattformen",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
    )
    competence = framework.areas.first().competences.first()
    activity.competences.set([competence])
    present = EnrolmentFactory(activity=activity, person=teacher)
    EnrolmentFactory(activity=activity, person=staff_member)
    services.attendance_mark(activity=activity, attended_ids={present.pk})
    return {
        "activity": activity,
        "competence": competence,
        "record": TrainingRecord.objects.get(activity=activity, person=teacher),
    }


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "intyg.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_certificate_pdf_for_the_attendee(attended, teacher, leader, login, tmp_path, settings):
    url = reverse("competence:record_attendance_certificate", args=[attended["record"].pk])
    client = login(teacher)
    log = client.get(reverse("competence:record_list")).content.decode()
    assert url in log
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    for expected in (
        "Intyg om deltagande",
        teacher.display_name,
        "Vux 2.0: Lärplattformen",
        timezone.localdate(attended["activity"].starts_at).isoformat(),
        "3,0",
        leader.display_name,
        str(attended["competence"]),
        settings.ORGANISATION_NAME,
    ):
        assert expected in text, expected


def test_certificate_for_administrators_and_404_for_others(
    attended, administrator, leader, staff_member, login
):
    url = reverse("competence:record_attendance_certificate", args=[attended["record"].pk])
    assert login(administrator).get(url).status_code == 200
    # The rektor sees the teacher's log, but a certificate is the person's own.
    assert login(leader).get(url).status_code == 404
    assert login(staff_member).get(url).status_code == 404


def test_no_certificate_without_attendance(attended, teacher, login, school_a):
    own_course = TrainingRecord.objects.create(
        person=teacher,
        school=school_a,
        date=timezone.localdate(),
        title="Kurs utanför portalen",
        hours=2,
        kind=TrainingRecord.Kind.COURSE,
    )
    client = login(teacher)
    url = reverse("competence:record_attendance_certificate", args=[own_course.pk])
    assert client.get(url).status_code == 404
    # Marked absent after all: the log entry goes, and with it the certificate.
    record = attended["record"]
    services.attendance_mark(activity=attended["activity"], attended_ids=set())
    url = reverse("competence:record_attendance_certificate", args=[record.pk])
    assert client.get(url).status_code == 404
