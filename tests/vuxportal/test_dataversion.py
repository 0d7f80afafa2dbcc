"""The data's version (vuxportal/dataversion.py): the database raises it on every
committed change, however made, and the fragments kept under it show every change on the
next view."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.models import Goal
from organisation.models import School, User
from tests.factories import ActionPlanFactory, GoalFactory, ReportingPeriodFactory, person
from tests.goals.factories import AssessmentFactory
from vuxportal import dataversion
from vuxportal.roles import Role

pytestmark = pytest.mark.django_db


def _triggered_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [dataversion.TRIGGER],
        )
        return {row[0] for row in cursor.fetchall()}


def test_every_table_of_the_portal_keeps_the_version_but_the_access_log():
    versioned = set(dataversion.versioned_tables())
    assert _triggered_tables() == versioned
    # Many-to-many and history tables too; the log written by reading pages not.
    assert {"goals_action_schools", "goals_historicalgoal", "organisation_user"} <= versioned
    assert dataversion.unversioned_tables() == ["infrastructure_studentdataaccess"]
    assert "infrastructure_studentdataaccess" not in _triggered_tables()


def test_every_kind_of_write_raises_the_version_of_its_table_only(school_a):
    def raises(write, table=School):
        before, other = dataversion.current(table), dataversion.current(Goal)
        write()
        assert dataversion.current(table) > before
        assert dataversion.current(Goal) == other

    raises(lambda: School.objects.create(code="NY1", name="Ny skola"))
    raises(lambda: school_a.save())
    # Writes that send no signal and set no timestamp are caught all the same.
    raises(lambda: School.objects.filter(pk=school_a.pk).update(name="Omdöpt"))
    raises(lambda: School.objects.bulk_create([School(code="NY2", name="Ännu en")]))
    raises(lambda: School.objects.filter(code="NY2").delete())

    def raw():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE organisation_school SET address = 'Gatan 1'")

    raises(raw)
    everything = dataversion.current()
    School.objects.filter(code="NY1").update(name="Igen")
    assert dataversion.current() > everything


def test_a_rolled_back_change_leaves_the_version(school_a):
    before = dataversion.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        School.objects.filter(pk=school_a.pk).update(name="Aldrig")
        raise RuntimeError
    assert dataversion.current() == before


def test_signing_in_leaves_the_version_but_a_changed_name_raises_it(client, teacher):
    from tests.factories import PASSWORD

    before = dataversion.current(User)
    client.post(reverse("account_login"), {"login": teacher.email, "password": PASSWORD})
    assert User.objects.get(pk=teacher.pk).last_login is not None
    assert dataversion.current(User) == before
    User.objects.filter(pk=teacher.pk).update(first_name="Nytt")
    assert dataversion.current(User) > before


def test_compacting_folds_ended_connections_and_keeps_every_sum():
    with connection.cursor() as cursor:
        # Two connections that have ended (no such backend) and this one.
        cursor.execute(
            f"INSERT INTO {dataversion.TABLE} (table_name, backend, n) VALUES "
            "('organisation_school', 2000000001, 5), ('organisation_school', 2000000002, 7), "
            "('goals_goal', 2000000001, 3)"
        )
    School.objects.create(code="NY3", name="Tredje")
    sums = {t: dataversion.current(t) for t in ("organisation_school", "goals_goal")}
    total = dataversion.current()
    assert dataversion.compact() >= 3
    assert {t: dataversion.current(t) for t in sums} == sums
    assert dataversion.current() == total
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {dataversion.TABLE} WHERE backend > 2000000000",
        )
        assert cursor.fetchone()[0] == 0


# --- The fragments kept under it -----------------------------------------------------------


@pytest.fixture
def plan(db):
    return ActionPlanFactory(starts_year=2024, ends_year=2026)


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(year=2026, kind="tertial2")


@pytest.fixture
def goals_world(plan, period, school_a):
    goal = GoalFactory(plan=plan, number=1, title="Digitala verktyg")
    AssessmentFactory(goal=goal, period=period, school=school_a, status="met")
    return goal


def test_the_start_page_and_the_dashboard_show_a_change_on_the_next_view(
    client, leader, goals_world, period, school_a
):
    client.force_login(leader)
    for url in ("/", reverse("goals:dashboard")):
        assert "Digitala verktyg" in client.get(url).content.decode()
    # A write that sends no signal and sets no timestamp.
    Goal.objects.filter(pk=goals_world.pk).update(title="Nya verktyg")
    for url in ("/", reverse("goals:dashboard")):
        html = client.get(url).content.decode()
        assert "Nya verktyg" in html and "Digitala verktyg" not in html
    from goals.models import GoalAssessment

    goal_page = reverse("goals:goal_detail", args=[goals_world.pk])
    assert "status-met" in client.get(goal_page).content.decode()
    GoalAssessment.objects.filter(goal=goals_world).update(status="not_met")
    assert "status-not_met" in client.get(reverse("goals:dashboard")).content.decode()
    assert "status-not_met" in client.get(goal_page).content.decode()


def test_a_kept_page_costs_the_session_the_user_and_a_few_queries(
    client, leader, goals_world, period
):
    client.force_login(leader)
    for url, at_most in (("/", 4), (reverse("goals:dashboard"), 6)):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= at_most, [q["sql"][:80] for q in queries]


def test_kept_fragments_are_each_persons_own(client, plan, period, school_a, school_b):
    leader_a = person(Role.SCHOOL_LEADER, school_a)
    leader_b = person(Role.SCHOOL_LEADER, school_b)
    for leader, own, other in ((leader_a, school_a, school_b), (leader_b, school_b, school_a)):
        client.force_login(leader)
        html = client.get(reverse("goals:dashboard")).content.decode()
        assert f'<th scope="col">{own.name}</th>' in html
        assert f'<th scope="col">{other.name}</th>' not in html


def test_the_language_is_part_of_the_key(client, leader, goals_world, period):
    client.force_login(leader)
    assert "Uppfyllt" in client.get(reverse("goals:dashboard")).content.decode()
    client.cookies["django_language"] = "en"
    html = client.get(reverse("goals:dashboard")).content.decode()
    assert "Met" in html and "Uppfyllt" not in html


@pytest.mark.parametrize("role", ["teacher", "school_leader", "it_staff", "administrator"])
def test_no_kept_fragment_reads_a_table_outside_the_version(
    client, user_in_role, role, goals_world, period
):
    """What a fragment shows must change the version when it changes: drawn from cold,
    the kept pages read only versioned tables (and the session, the user and the
    language, which are in the key)."""
    from django.core.cache import cache

    client.force_login(user_in_role(role))
    cache.clear()
    urls = [
        "/",
        reverse("goals:dashboard"),
        reverse("goals:goal_detail", args=[goals_world.pk]),
        "/kompetens/",
        "/organisation/",
        "/it/",
        reverse("organisation:responsibilities"),
        reverse("goals:action_list"),
        reverse("organisation:support_list"),
        reverse("competence:record_list"),
        reverse("reports:report_list"),
    ]
    unversioned = dataversion.unversioned_tables()
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        read = " ".join(q["sql"] for q in queries)
        for table in unversioned:
            assert f'"{table}"' not in read, (url, table)


def test_a_list_is_kept_with_its_count_and_rows_and_shows_a_change_at_once(
    client, leader, school_a
):
    from goals.models import Action
    from tests.goals.factories import ActionFactory

    plan = ActionPlanFactory(starts_year=2024, ends_year=2026)
    action = ActionFactory(plan=plan, title="Första insatsen")
    client.force_login(leader)
    url = reverse("goals:action_list")
    assert "Första insatsen" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).status_code == 200
    assert not [q for q in kept if '"goals_action"' in q["sql"]]
    Action.objects.filter(pk=action.pk).update(title="Omdöpt insats")
    assert "Omdöpt insats" in client.get(url).content.decode()
    # A page past the end is still a 404, kept or not.
    assert client.get(url, {"page": 9}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 404


def test_a_kept_form_carries_the_browsers_own_token(leader, school_a):
    """The staff's training records have a confirm button per row (a POST form): the kept
    list is keyed by the browser's CSRF secret, so after signing in again the buttons
    carry the new one."""
    import re

    from django.test import Client

    from competence.models import TrainingRecord
    from tests.factories import PASSWORD

    client = Client(enforce_csrf_checks=True)

    teacher = person(Role.TEACHER, school_a)
    TrainingRecord.objects.create(
        person=teacher, school=school_a, date="2026-03-01", title="Kurs", hours=2, kind="course"
    )
    url = reverse("competence:staff_records")

    def sign_in():
        client.logout()
        page = client.get(reverse("account_login")).content.decode()
        login_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        signed_in = client.post(
            reverse("account_login"),
            {"login": leader.email, "password": PASSWORD, "csrfmiddlewaretoken": login_token},
        )
        assert signed_in.status_code == 302

    sign_in()
    assert "csrfmiddlewaretoken" in client.get(url).content.decode()  # kept
    sign_in()  # a new CSRF secret; the data is unchanged
    html = client.get(url).content.decode()
    record = TrainingRecord.objects.get()
    confirm = reverse("competence:record_confirm", args=[record.pk])
    # The row's own form, not the header's (drawn afresh on every page).
    token = re.search(
        rf'action="{confirm}"><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    ).group(1)
    response = client.post(confirm, {"csrfmiddlewaretoken": token, "next": url})
    assert response.status_code == 302, response.status_code


def test_browsers_without_a_csrf_cookie_never_share_a_kept_form(rf, leader):
    """Two browsers of the same person, neither with a CSRF cookie (a fragment drawn
    before any token on the page, an htmx partial): each gets a secret of its own before
    the key is made, so neither is served a form kept with the other's token."""
    states = set()
    for _browser in range(2):
        request = rf.get("/")
        request.user = leader
        states.add(dataversion.state(request))
        assert request.META["CSRF_COOKIE"]  # the response will set it
    assert len(states) == 2
