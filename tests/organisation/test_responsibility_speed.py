"""The responsibility page stays cheap with many kinds and rows: leavers in one query,
no scoping condition for those who see everything, and the table rows in one pass with
the same cells as before."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation import services
from organisation.responsibilities import responsibilities
from organisation.selectors import leavers_with_responsibilities
from tests.factories import ActionPlanFactory, person
from tests.goals.factories import ActionFactory
from tests.infrastructure.factories import SystemFactory
from vuxportal.roles import Role

from .factories import DecisionFactory, RoutineFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_leavers_are_found_in_one_query_however_many_kinds_they_own(
    django_assert_num_queries, leader, teacher
):
    RoutineFactory(owner=leader)
    group = WorkingGroupFactory(convener=leader)
    DecisionFactory(meeting__group=group, responsible=leader)
    RoutineFactory(owner=teacher)
    services.person_deactivate(user=leader)
    with django_assert_num_queries(1):
        assert list(leavers_with_responsibilities()) == [leader]


def test_an_administrator_s_rows_carry_no_scoping_condition(administrator, teacher, leader):
    SystemFactory(owner=leader)
    systems = responsibilities.get("infrastructure.system")
    assert "IN (SELECT" not in str(systems.items(user=administrator).query)
    # Those who see less are still limited: systems are not for teachers.
    assert list(systems.items(user=teacher)) == []
    assert len(systems.items(user=administrator)) == 1


def test_the_person_filter_offers_everyone_responsible_for_any_kind(
    login, administrator, leader, teacher, it_staff
):
    SystemFactory(owner=it_staff)
    RoutineFactory(owner=leader)
    people = (
        login(administrator)
        .get(reverse("organisation:responsibilities"))
        .context["filter_form"]
        .fields["person"]
        .queryset
    )
    assert set(people) == {administrator, leader, it_staff}


def test_rows_show_the_link_the_person_a_leaver_the_group_and_nobody(
    login, administrator, leader, teacher
):
    group = WorkingGroupFactory(name="Digitala lärresurser", convener=teacher)
    plan = ActionPlanFactory()
    with_group = ActionFactory(
        plan=plan, title="Införa lärplattform", responsible=leader, responsible_group=group
    )
    ActionFactory(plan=plan, title="Utbilda <alla>", responsible=None)
    services.person_deactivate(user=leader)
    page = login(administrator).get(reverse("organisation:responsibilities")).content.decode()
    assert (
        f'<tr><td><a href="{with_group.get_absolute_url()}">Införa lärplattform</a></td>'
        f"<td>{leader.display_name} "
        '<span class="badge text-bg-warning">har slutat</span></td>'
        f'<td><a href="{group.get_absolute_url()}">Digitala lärresurser</a></td></tr>'
    ) in page
    # Escaped like the template escaped it; nobody answers for it and no group either.
    assert 'Utbilda &lt;alla&gt;</a></td><td><span class="text-muted">Ingen</span></td>' in page
    assert "<td>–</td></tr>" in page
    # A kind without a group column has two cells per row.
    assert f"<td>{teacher.display_name}</td></tr>" in page


def test_a_kind_with_nothing_says_so(login, administrator):
    page = login(administrator).get(reverse("organisation:responsibilities")).content.decode()
    assert '<tr><td colspan="3">Inget registrerat.</td></tr>' in page


def test_the_page_s_query_count_does_not_grow_with_leavers(login, administrator):
    client = login(administrator)
    url = reverse("organisation:responsibilities")
    client.get(url)

    def count():
        cache.clear()  # cold: what drawing the page costs, not the kept page
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    before = count()
    for n in range(3):
        leaver = person(Role.TEACHER, None, email=f"slutat{n}@vux.test")
        RoutineFactory(owner=leaver)
        DecisionFactory(responsible=leaver)
        SystemFactory(owner=leaver)
        services.person_deactivate(user=leaver)
    assert count() == before
