"""Person choices list only the people the user may pick (issue: trust, reproduction 8).

A school leader adding a routine or convening a working group was offered every active
person in the organisation, with their email. The choices now come from
``User.objects.choosable_by``: active staff of the schools the user acts for.
"""

from django.urls import reverse

from organisation.models import Routine
from tests.organisation.factories import WorkingGroupFactory


def test_leader_adding_a_routine_is_offered_only_own_school_people(
    login, leader, teacher, teacher_b, administrator
):
    content = login(leader).get(reverse("organisation:routine_create")).content.decode()
    assert teacher.email in content
    assert teacher_b.email not in content
    assert administrator.email not in content  # organisation-wide, no school of hers


def test_leader_cannot_post_another_school_s_person_as_owner(login, leader, teacher_b, school_a):
    response = login(leader).post(
        reverse("organisation:routine_create"),
        {
            "title": "Lösenordsbyte",
            "area": Routine.Area.SECURITY,
            "school": school_a.pk,
            "owner": teacher_b.pk,
            "review_interval_months": 12,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not Routine.objects.exists()


def test_administrator_is_offered_everyone(login, administrator, teacher, teacher_b):
    content = login(administrator).get(reverse("organisation:routine_create")).content.decode()
    assert teacher.email in content and teacher_b.email in content


def test_convener_keeps_members_from_other_schools_when_editing(login, teacher, teacher_b, leader):
    # Members can come from every school (an administrator put them there); a convener
    # editing the group keeps them, but can only add people of their own schools.
    group = WorkingGroupFactory(convener=teacher)
    group.members.add(teacher_b)
    client = login(teacher)
    form = client.get(reverse("organisation:working_group_update", args=[group.pk])).context["form"]
    members = set(form.fields["members"].queryset)
    assert teacher_b in members and leader in members
