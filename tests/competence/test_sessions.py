"""Sessions: enrolment, waiting list, cancellation, .ics, attendance and evaluations."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from competence import services
from competence.models import ActivityEvaluation, Enrolment, TrainingRecord
from competence.selectors import MIN_EVALUATION_ANSWERS, evaluation_result
from tests.factories import person
from vuxportal.roles import Role

from .factories import ActivityFactory, EnrolmentFactory, EvaluationFactory


@pytest.fixture
def full_session(leader, school_a):
    return ActivityFactory(organiser=leader, school=school_a, capacity=2, title="Liten workshop")


def _people(school, n, prefix="p"):
    return [person(Role.TEACHER, school, email=f"{prefix}{i}@a.test") for i in range(n)]


@pytest.mark.django_db(transaction=True)
def test_enrolment_sends_confirmation_with_ics(teacher, full_session):
    enrolment = services.enrol(activity=full_session, person=teacher)
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [teacher.email]
    assert "Du är anmäld" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Liten workshop"
    assert event.decoded("DTSTART") == full_session.starts_at.replace(microsecond=0)


@pytest.mark.django_db(transaction=True)
def test_full_session_waiting_list_moves_up_and_emails(school_a, full_session):
    first, second, third = _people(school_a, 3)
    services.enrol(activity=full_session, person=first)
    services.enrol(activity=full_session, person=second)
    waiting = services.enrol(activity=full_session, person=third)
    assert waiting.status == Enrolment.Status.WAITING
    assert "reservlistan" in mail.outbox[-1].subject
    assert not mail.outbox[-1].attachments  # no calendar entry without a place
    mail.outbox.clear()

    promoted = services.enrolment_cancel(enrolment=Enrolment.objects.get(person=first))
    assert promoted.pk == waiting.pk
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED
    assert [m.to for m in mail.outbox] == [[third.email]]
    assert "En plats har blivit ledig" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0].endswith(".ics")


@pytest.mark.django_db
def test_waiting_list_keeps_its_order(school_a, full_session):
    people = _people(school_a, 4)
    for p in people:
        services.enrol(activity=full_session, person=p)
    services.enrolment_cancel(enrolment=Enrolment.objects.get(person=people[1]))
    statuses = dict(Enrolment.objects.values_list("person__email", "status"))
    assert statuses[people[2].email] == Enrolment.Status.ENROLLED
    assert statuses[people[3].email] == Enrolment.Status.WAITING


@pytest.mark.django_db
def test_enrol_through_the_page(login, teacher, full_session, school_a):
    for p in _people(school_a, 2):
        services.enrol(activity=full_session, person=p)
    client = login(teacher)
    response = client.post(
        reverse("competence:activity_enrol", args=[full_session.pk]), follow=True
    )
    assert "Tillfället är fullt. Du står på reservlistan." in response.content.decode()
    response = client.post(
        reverse("competence:activity_enrol", args=[full_session.pk]), follow=True
    )
    assert "Du är redan anmäld" in response.content.decode()


@pytest.mark.django_db
def test_ics_download(login, teacher, activity_b):
    response = login(teacher).get(reverse("competence:activity_ics", args=[activity_b.pk]))
    assert response["Content-Type"] == "text/calendar"
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Session B"
    assert str(event["LOCATION"]) == "Aulan"


@pytest.mark.django_db
def test_bulk_attendance_logs_training_once(login, leader, school_a, teacher):
    activity = ActivityFactory(organiser=leader, school=school_a, hours=3)
    people = _people(school_a, 3)
    enrolments = [EnrolmentFactory(activity=activity, person=p) for p in people]
    client = login(leader)
    url = reverse("competence:activity_attendance", args=[activity.pk])
    data = {"attended": [enrolments[0].pk, enrolments[1].pk]}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # marking again changes nothing
    records = TrainingRecord.objects.filter(activity=activity)
    assert sorted(records.values_list("person__email", flat=True)) == sorted(
        [people[0].email, people[1].email]
    )
    assert all(r.hours == 3 and r.kind == TrainingRecord.Kind.SESSION for r in records)
    assert Enrolment.objects.get(pk=enrolments[2].pk).attendance == Enrolment.Attendance.ABSENT
    # Correcting the list removes the automatic entry.
    client.post(url, {"attended": [enrolments[0].pk]})
    assert TrainingRecord.objects.filter(activity=activity).count() == 1


@pytest.mark.django_db
def test_evaluation_twice_is_refused_with_a_swedish_message(login, teacher, enrolled_everyone_b):
    client = login(teacher)
    url = reverse("competence:activity_evaluate", args=[enrolled_everyone_b.pk])
    data = {"overall": "5", "relevance": "4", "will_use": "3", "comment": "Bra"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Du har redan utvärderat det här utbildningstillfället." in response.content.decode()
    assert ActivityEvaluation.objects.count() == 1


@pytest.mark.django_db
def test_evaluation_once_is_a_database_constraint(teacher, enrolled_everyone_b):
    EvaluationFactory(activity=enrolled_everyone_b, person=teacher)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationFactory(activity=enrolled_everyone_b, person=teacher)


@pytest.mark.django_db
def test_only_participants_evaluate(teacher_b, enrolled_everyone_b):
    with pytest.raises(ValidationError):
        services.evaluation_submit(
            activity=enrolled_everyone_b, person=teacher_b, overall=3, relevance=3, will_use=2
        )


@pytest.mark.django_db
def test_two_answers_are_withheld_three_are_shown(login, leader_b, school_b):
    starts = timezone.now() - timedelta(days=1)
    activity = ActivityFactory(
        organiser=leader_b, school=school_b, starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    people = _people(school_b, 3, prefix="e")
    EvaluationFactory(activity=activity, person=people[0], overall=5, comment="Toppen")
    EvaluationFactory(activity=activity, person=people[1], overall=3)
    assert MIN_EVALUATION_ANSWERS == 3
    result = evaluation_result(activity)
    assert result.withheld and result.overall is None and result.comments == []
    page = login(leader_b).get(activity.get_absolute_url()).content.decode()
    assert "2 svar hittills" in page and "Toppen" not in page
    results_page = login(leader_b).get(reverse("competence:evaluation_results")).content.decode()
    assert "För få svar för att visas" in results_page

    EvaluationFactory(activity=activity, person=people[2], overall=4)
    result = evaluation_result(activity)
    assert not result.withheld and str(result.overall) == "4.0"
    page = login(leader_b).get(activity.get_absolute_url()).content.decode()
    assert "Toppen" in page
    assert people[0].first_name not in page.split("Utvärderingsresultat", 1)[1]


@pytest.mark.django_db(transaction=True)
def test_raising_the_capacity_moves_the_waiting_list_up(school_a, full_session):
    people = _people(school_a, 4)
    for p in people:
        services.enrol(activity=full_session, person=p)
    mail.outbox.clear()
    full_session.capacity = 3
    full_session.save()
    promoted = services.waiting_list_fill(activity=full_session)
    assert [e.person for e in promoted] == [people[2]]
    assert [m.to for m in mail.outbox] == [[people[2].email]]
    assert Enrolment.objects.get(person=people[3]).status == Enrolment.Status.WAITING


@pytest.mark.django_db
def test_a_leader_can_only_host_sessions_at_her_own_school(login, leader, school_a, school_b):
    from django.urls import reverse

    form = login(leader).get(reverse("competence:activity_create")).context["form"]
    assert list(form.fields["school"].queryset) == [school_a]


@pytest.mark.django_db
def test_evaluations_wait_for_the_end_and_skip_the_absent(teacher, staff_member):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from competence import services
    from competence.models import Enrolment
    from tests.competence.factories import ActivityFactory

    now = timezone.now()
    upcoming = ActivityFactory(starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1))
    services.enrol(activity=upcoming, person=teacher)
    answer = {"overall": 4, "relevance": 4, "will_use": 4}
    with pytest.raises(ValidationError, match="när det har avslutats"):
        services.evaluation_submit(activity=upcoming, person=teacher, **answer)
    past = ActivityFactory(starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1))
    services.enrol(activity=past, person=staff_member)
    past.starts_at = past.ends_at = now - timedelta(days=2)
    past.save()
    Enrolment.objects.filter(activity=past).update(attendance=Enrolment.Attendance.ABSENT)
    with pytest.raises(ValidationError):
        services.evaluation_submit(activity=past, person=staff_member, **answer)
