"""Working groups, meetings and decisions."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisation import services
from organisation.models import Decision, Meeting, WorkingGroup
from tests.factories import person
from vuxportal.registry import registry
from vuxportal.roles import Role

from .factories import MeetingFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_group_with_members_from_several_schools(
    login, administrator, leader, teacher, teacher_b
):
    response = login(administrator).post(
        reverse("organisation:working_group_create"),
        {
            "name": "Arbetsgrupp system och teknik",
            "area": "systems",
            "purpose": "Samordna system.",
            "convener": leader.pk,
            "members": [teacher.pk, teacher_b.pk],
            "is_active": "on",
        },
    )
    group = WorkingGroup.objects.get()
    assert response["Location"] == group.get_absolute_url()
    assert group.convener == leader
    assert set(group.members.all()) == {teacher, teacher_b}
    detail = login(leader).get(group.get_absolute_url()).content.decode()
    assert "Vux Skola A" in detail and "Vux Skola B" in detail


def test_the_convener_edits_the_group_others_cannot(login, working_group, leader, teacher):
    url = reverse("organisation:working_group_update", args=[working_group.pk])
    assert login(teacher).get(url).status_code == 404
    response = login(leader).post(
        url,
        {"name": "Nytt namn", "area": "teaching", "convener": leader.pk, "is_active": "on"},
    )
    assert response.status_code == 302
    working_group.refresh_from_db()
    assert working_group.name == "Nytt namn"


def test_a_member_records_a_meeting_with_decisions(login, working_group, teacher, leader):
    response = login(teacher).post(
        reverse("organisation:meeting_create", args=[working_group.pk]),
        {
            "held_on": "2026-03-10",
            "agenda": "1. Teams",
            "minutes": "Vi gick igenom Teams.",
            "decisions-TOTAL_FORMS": "3",
            "decisions-INITIAL_FORMS": "0",
            "decisions-0-text": "Ta fram en lathund.",
            "decisions-0-responsible": leader.pk,
            "decisions-0-due_on": "2026-04-10",
            "decisions-1-text": "",
            "decisions-2-text": "Boka en workshop.",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.held_on == date(2026, 3, 10)
    decisions = list(meeting.decisions.order_by("pk"))
    assert [d.text for d in decisions] == ["Ta fram en lathund.", "Boka en workshop."]
    assert decisions[0].responsible == leader
    assert decisions[0].due_on == date(2026, 4, 10)


def test_a_decision_due_before_the_meeting_is_refused_and_nothing_is_saved(
    login, working_group, teacher
):
    response = login(teacher).post(
        reverse("organisation:meeting_create", args=[working_group.pk]),
        {
            "held_on": "2026-03-10",
            "decisions-TOTAL_FORMS": "1",
            "decisions-INITIAL_FORMS": "0",
            "decisions-0-text": "För sent.",
            "decisions-0-due_on": "2026-03-01",
        },
    )
    assert response.status_code == 200
    assert "Klart-datumet kan inte vara före mötet." in response.content.decode()
    assert not Meeting.objects.exists()
    assert not Decision.objects.exists()


def test_decision_needs_text(meeting):
    with pytest.raises(ValidationError):
        services.decision_add(meeting=meeting, text=" ")


def test_non_members_cannot_record_meetings(login, working_group, staff_member):
    url = reverse("organisation:meeting_create", args=[working_group.pk])
    assert login(staff_member).get(url).status_code == 404


def test_meeting_page_shows_links_from_other_apps_for_each_decision(login, decision, teacher):
    """The goals app turns a decision into an action through this hook."""

    def provider(request, decisions):
        return {d.pk: [("Gör till insats", f"/mal/insatser/ny/?beslut={d.pk}")] for d in decisions}

    registry.decision_links.register(provider, key="tests.provider")
    try:
        content = login(teacher).get(decision.meeting.get_absolute_url()).content.decode()
    finally:
        registry.decision_links.unregister("tests.provider")
    assert f"/mal/insatser/ny/?beslut={decision.pk}" in content


def test_members_see_their_groups_on_the_start_page(login, working_group, teacher, staff_member):
    other = WorkingGroupFactory(name="Arbetsgrupp skolledning")
    MeetingFactory(group=working_group, held_on=date(2026, 2, 3))
    content = login(teacher).get(reverse("home")).content.decode()
    assert "Arbetsgrupp lärare" in content
    assert "2026-02-03" in content
    assert other.name not in content
    convener = person(Role.STAFF, None, email="sammankallande@vux.test")
    other.convener = convener
    other.save()
    assert other.name in login(convener).get(reverse("home")).content.decode()
    assert "Du är inte med i någon arbetsgrupp." in (
        login(staff_member).get(reverse("home")).content.decode()
    )


def test_group_page_lists_what_the_group_is_responsible_for(login, working_group, teacher):
    """Other apps' kinds with a responsible group (goal actions) show on the group's page."""
    from organisation.models import SupportRequest
    from organisation.responsibilities import responsibilities

    from .factories import SupportRequestFactory

    SupportRequestFactory(subject="Gruppens ärende", handling_group=working_group)
    responsibilities.register(
        "tests.group_requests",
        label="Gruppärenden",
        queryset=lambda: SupportRequest.objects.all(),
        person_field=None,
        group_field="handling_group",
    )
    try:
        content = login(teacher).get(working_group.get_absolute_url()).content.decode()
    finally:
        responsibilities.unregister("tests.group_requests")
    assert "Gruppärenden" in content
    assert "Gruppens ärende" in content
