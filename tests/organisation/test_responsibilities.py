"""Who is responsible for what, and handing it all over when someone leaves."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from organisation import services
from organisation.models import Decision, Routine, SupportRequest, WorkingGroup
from organisation.responsibilities import responsibilities
from organisation.selectors import leavers_with_responsibilities, responsibility_sections
from tests.factories import person
from vuxportal.roles import Role

from .factories import DecisionFactory, RoutineFactory, SupportRequestFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def throwaway_kind():
    """A kind registered the way another app would, from outside the organisation app."""
    responsibilities.register(
        "tests.requests",
        label="Testärenden",
        queryset=lambda: SupportRequest.objects.all(),
        person_field="requester",
        school_path="school",
    )
    yield responsibilities.get("tests.requests")
    responsibilities.unregister("tests.requests")


@pytest.fixture
def rektor_owns_things(leader, school_a, school_b):
    group = WorkingGroupFactory(name="Arbetsgrupp skolledning", convener=leader)
    routine_a = RoutineFactory(title="Rutin A", owner=leader, school=school_a)
    routine_all = RoutineFactory(title="Rutin hela organisationen", owner=leader)
    routine_b = RoutineFactory(title="Rutin B", owner=leader, school=school_b)
    decision = DecisionFactory(meeting__group=group, text="Boka fortbildning", responsible=leader)
    return group, routine_a, routine_all, routine_b, decision


def test_the_organisation_registers_groups_routines_and_decisions():
    keys = {kind.key for kind in responsibilities}
    assert {"organisation.working_group", "organisation.routine", "organisation.decision"} <= keys


def test_for_person_and_filter_by_school(rektor_owns_things, leader, school_a, it_staff):
    group, routine_a, routine_all, routine_b, decision = rektor_owns_things
    owned = {kind.key: set(items) for kind, items in responsibilities.for_person(leader)}
    assert owned["organisation.routine"] == {routine_a, routine_all, routine_b}
    assert owned["organisation.working_group"] == {group}
    assert owned["organisation.decision"] == {decision}
    assert responsibilities.for_person(it_staff) == []
    sections = {
        s.kind.key: [row[0] for row in s.rows]
        for s in responsibility_sections(person=leader, school=school_a)
    }
    # Organisation-wide routines count for every school; school B's do not.
    assert set(sections["organisation.routine"]) == {routine_a, routine_all}


def test_hand_over_moves_everything_in_every_app_at_once(
    rektor_owns_things, throwaway_kind, leader, leader_b, school_a
):
    filed = SupportRequestFactory(requester=leader, school=school_a)
    moved = services.responsibilities_hand_over(from_person=leader, to_person=leader_b)
    assert moved["organisation.routine"] == 3
    assert moved["organisation.working_group"] == 1
    assert moved["organisation.decision"] == 1
    assert moved["tests.requests"] == 1
    assert responsibilities.for_person(leader) == []
    assert Routine.objects.filter(owner=leader_b).count() == 3
    assert WorkingGroup.objects.get(convener=leader_b)
    assert Decision.objects.get().responsible == leader_b
    filed.refresh_from_db()
    assert filed.requester == leader_b


def test_hand_over_is_all_or_nothing(rektor_owns_things, leader, leader_b):
    def broken():
        raise IntegrityError("a kind that fails half way")

    class Exploding:
        def filter(self, **kwargs):
            return self

        def update(self, **kwargs):
            broken()

    responsibilities.register(
        "tests.zz_broken", label="Trasig", queryset=lambda: Exploding(), order=999
    )
    try:
        with pytest.raises(IntegrityError):
            services.responsibilities_hand_over(from_person=leader, to_person=leader_b)
    finally:
        responsibilities.unregister("tests.zz_broken")
    assert Routine.objects.filter(owner=leader).count() == 3
    assert WorkingGroup.objects.filter(convener=leader).count() == 1


def test_hand_over_refuses_the_same_or_an_inactive_person(leader, leader_b):
    with pytest.raises(ValidationError):
        services.responsibilities_hand_over(from_person=leader, to_person=leader)
    leader_b.is_active = False
    leader_b.save()
    with pytest.raises(ValidationError):
        services.responsibilities_hand_over(from_person=leader, to_person=leader_b)


def test_leavers_are_listed_until_everything_is_handed_over(
    rektor_owns_things, leader, leader_b, teacher
):
    RoutineFactory(owner=teacher)
    assert list(leavers_with_responsibilities()) == []
    services.person_deactivate(user=leader)
    assert list(leavers_with_responsibilities()) == [leader]
    services.responsibilities_hand_over(from_person=leader, to_person=leader_b)
    assert list(leavers_with_responsibilities()) == []


def test_deactivating_someone_responsible_leads_to_the_hand_over_page(
    login, administrator, rektor_owns_things, leader
):
    response = login(administrator).post(
        reverse("organisation:person_deactivate", args=[leader.pk])
    )
    assert response["Location"] == reverse("organisation:hand_over", args=[leader.pk])


def test_deactivating_someone_without_responsibilities_goes_back_to_the_person(
    login, administrator, teacher
):
    response = login(administrator).post(
        reverse("organisation:person_deactivate", args=[teacher.pk])
    )
    assert response["Location"] == teacher.get_absolute_url()


def test_hand_over_page_lists_and_moves_in_one_step(
    login, administrator, rektor_owns_things, leader, leader_b
):
    client = login(administrator)
    url = reverse("organisation:hand_over", args=[leader.pk])
    page = client.get(url).content.decode()
    assert "Rutin A" in page and "Arbetsgrupp skolledning" in page and "Boka fortbildning" in page
    response = client.post(url, {"to_person": ""})
    assert response.status_code == 200
    assert Routine.objects.filter(owner=leader).count() == 3
    response = client.post(url, {"to_person": leader_b.pk})
    assert (
        response["Location"] == reverse("organisation:responsibilities") + f"?person={leader_b.pk}"
    )
    page = client.get(response["Location"]).content.decode()
    assert "Rutin A" in page and "Rutin B" in page and "Arbetsgrupp skolledning" in page
    assert responsibilities.for_person(leader) == []


def test_responsibility_page_filters_by_person_and_school(
    login, teacher, rektor_owns_things, leader, it_staff, school_b
):
    RoutineFactory(title="IT-rutin", owner=it_staff)
    client = login(teacher)
    url = reverse("organisation:responsibilities")
    everything = client.get(url).content.decode()
    assert "IT-rutin" in everything and "Rutin A" in everything
    mine = client.get(url, {"person": it_staff.pk}).content.decode()
    assert "IT-rutin" in mine and "Rutin A" not in mine
    school = client.get(url, {"school": school_b.pk}).content.decode()
    assert "Rutin B" in school and "Rutin A" not in school
    # Only administrators see the hand-over links.
    assert (
        reverse("organisation:hand_over", args=[leader.pk])
        not in client.get(url, {"person": leader.pk}).content.decode()
    )


def test_administrator_start_page_lists_leavers(login, administrator, rektor_owns_things, leader):
    services.person_deactivate(user=leader)
    content = login(administrator).get(reverse("home")).content.decode()
    assert reverse("organisation:hand_over", args=[leader.pk]) in content


def test_a_person_from_another_school_can_take_over(leader, school_b):
    successor = person(Role.SCHOOL_LEADER, school_b, email="ny.rektor@vux.test")
    RoutineFactory(owner=leader)
    services.responsibilities_hand_over(from_person=leader, to_person=successor)
    assert Routine.objects.get().owner == successor


def test_ending_the_last_role_of_someone_responsible_leads_to_the_hand_over(
    login, administrator, leader
):
    from organisation.models import Membership

    RoutineFactory(owner=leader)
    membership = Membership.objects.get(user=leader)
    response = login(administrator).post(
        reverse("organisation:membership_end", args=[leader.pk, membership.pk])
    )
    assert response["Location"] == reverse("organisation:hand_over", args=[leader.pk])
    assert list(leavers_with_responsibilities()) == [leader]


@pytest.mark.django_db
def test_the_page_shows_each_kind_only_as_far_as_the_user_may_see_it(
    login, teacher, it_staff, leader, teacher_b
):
    from django.urls import reverse

    from tests.infrastructure.factories import SystemFactory

    SystemFactory(name="Elevregistret BER", owner=leader)
    url = reverse("organisation:responsibilities")
    # Systems are for IT staff, leaders and administrators, so a teacher sees none.
    assert "Elevregistret BER" not in login(teacher).get(url).content.decode()
    assert "Elevregistret BER" in login(it_staff).get(url).content.decode()
    # The person filter offers the people who answer for something (and oneself).
    people = login(teacher).get(url).context["filter_form"].fields["person"].queryset
    assert set(people) == {teacher, leader}


def test_the_overview_shows_the_first_rows_and_one_kind_pages_through_all(
    login, administrator, leader, teacher
):
    for n in range(61):
        RoutineFactory(title=f"Rutin {n:02d}", owner=leader)
    client = login(administrator)
    url = reverse("organisation:responsibilities")
    overview = client.get(url)
    routines = next(s for s in overview.context["sections"] if s.kind.key == "organisation.routine")
    assert len(routines.rows) == 10 and routines.truncated
    show_all = "?kind=organisation.routine"
    assert show_all in overview.content.decode()

    first = client.get(url + show_all)
    [section] = first.context["sections"]
    assert len(section.rows) == 50 and section.page.paginator.count == 61
    body = first.content.decode()
    assert (
        "Sida 1 av 2" in body
        and "61 totalt" in body
        and "kind=organisation.routine&amp;page=2" in body
    )
    second = client.get(url + show_all + "&page=2").context["sections"][0]
    titles = {obj.title for obj, _who, _group in section.rows + second.rows}
    assert len(titles) == 61  # the pages neither overlap nor leave a row out
    # The filter keeps the kind, and an unknown kind falls back to the overview.
    assert 'name="kind" value="organisation.routine"' in body
    assert len(client.get(url, {"kind": "nonsense"}).context["sections"]) > 1


def test_the_person_filter_lists_only_people_responsible_for_something(
    login, administrator, rektor_owns_things, leader, teacher
):
    choices = (
        login(administrator)
        .get(reverse("organisation:responsibilities"))
        .context["filter_form"]["person"]
        .field.queryset
    )
    assert leader in choices and administrator in choices and teacher not in choices
