"""A working group's decision becomes an action on a goal in one step."""

import pytest
from django.urls import reverse

from goals.models import Action
from tests.organisation.factories import DecisionFactory, MeetingFactory, WorkingGroupFactory


@pytest.fixture
def decision(leader, plan, goal):
    group = WorkingGroupFactory(name="Systemgruppen", convener=leader)
    meeting = MeetingFactory(group=group)
    return DecisionFactory(meeting=meeting, text="Inför digitala loggböcker\nFrån hösten.")


@pytest.mark.django_db
def test_the_form_starts_from_the_decision_and_saving_links_both_ways(
    login, leader, decision, goal
):
    client = login(leader)
    url = reverse("goals:action_from_decision", args=[decision.pk])
    form = client.get(url).context["form"]
    assert form.initial["title"] == "Inför digitala loggböcker"
    assert form.initial["responsible_group"] == decision.meeting.group
    response = client.post(
        url,
        {
            "title": "Inför digitala loggböcker",
            "goals": [goal.pk],
            "status": "planned",
            "progress": 0,
        },
    )
    action = Action.objects.get(decision=decision)
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert list(action.goals.all()) == [goal]
    assert action.responsible_group == decision.meeting.group
    # The meeting page now links to the action instead of offering to create one.
    page = client.get(decision.meeting.get_absolute_url()).content.decode()
    assert action.get_absolute_url() in page
    assert url not in page
    # A second attempt goes to the existing action; there is still one.
    assert client.get(url)["Location"] == action.get_absolute_url()
    assert Action.objects.filter(decision=decision).count() == 1


@pytest.mark.django_db
def test_an_action_needs_a_goal(login, leader, decision):
    url = reverse("goals:action_from_decision", args=[decision.pk])
    response = login(leader).post(url, {"title": "X", "status": "planned", "progress": 0})
    assert response.status_code == 200
    assert not Action.objects.exists()


@pytest.mark.django_db
def test_teachers_see_no_make_it_an_action_link(login, teacher, decision):
    page = login(teacher).get(decision.meeting.get_absolute_url()).content.decode()
    assert reverse("goals:action_from_decision", args=[decision.pk]) not in page


@pytest.mark.django_db
def test_administrator_adds_a_goal_to_the_plan_and_numbers_stay_unique(
    login, administrator, plan, goal
):
    client = login(administrator)
    url = reverse("goals:goal_create", args=[plan.pk])
    assert client.get(url).context["form"].initial["number"] == goal.number + 1
    data = {"number": goal.number, "title": "Nytt mål", "part": 1}
    response = client.post(url, data)
    assert "Planen har redan ett mål med det här numret." in response.content.decode()
    response = client.post(url, {**data, "number": goal.number + 1})
    assert response.status_code == 302
    assert plan.goals.filter(title="Nytt mål").exists()
