"""The header's search, /sok/?q= (issue 17): what each role finds, per kind of hit, through
the one access mechanism; Swedish stemming and trigrams on PostgreSQL, the substring
fallback elsewhere; student hits logged; a constant number of queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.models import ActionPlan
from infrastructure.models import StudentDataAccess
from tests.competence.factories import ActivityFactory, ExampleFactory
from tests.factories import ActionPlanFactory, GoalFactory, IndicatorFactory, person
from tests.goals.factories import ActionFactory
from tests.infrastructure.factories import DeviceFactory, StudentFactory
from tests.organisation.factories import HelpArticleFactory, SupportRequestFactory
from vuxportal import search
from vuxportal.registry import registry
from vuxportal.roles import Role

pytestmark = pytest.mark.django_db

TEACHER, STAFF, LEADER, IT, ADMIN = (
    Role.TEACHER,
    Role.STAFF,
    Role.SCHOOL_LEADER,
    Role.IT_STAFF,
    Role.ADMINISTRATOR,
)
EVERYONE = {TEACHER, STAFF, LEADER, IT, ADMIN}

# Per kind: the word that finds the school A object, and the roles that find it. People
# are for leaders (of the person's school) and administrators, devices for those who
# keep or read the inventory, students for IT staff and administrators only, a support
# request for its requester, its handlers (the school's IT staff) and the school's
# leaders; what the plan and the sharing are made of, for everyone.
MATRIX = {
    "organisation.person": ("Fjällgren", {LEADER, ADMIN}),
    "infrastructure.device": ("QZ-4711", {LEADER, IT, ADMIN}),
    "infrastructure.student": ("Kvarnström", {IT, ADMIN}),
    "organisation.support_request": ("Brummaskrivaren", {TEACHER, LEADER, IT}),
    "organisation.help_article": ("Vpnklienten", EVERYONE),
    "goals.goal": ("Molntjänsterna", EVERYONE),
    "goals.indicator": ("Skärmtiden", EVERYONE),
    "goals.action": ("Kodstugan", EVERYONE),
    "competence.training_session": ("Padletverkstad", EVERYONE),
    "competence.practice_example": ("Poddprojektet", EVERYONE),
}
# The same kinds' objects at school B, out of scope for every school-bound role.
OTHER_SCHOOL = {
    "organisation.person": ("Bergmark", {ADMIN}),
    "infrastructure.device": ("QZ-9900", {ADMIN}),
    "infrastructure.student": ("Oxelgren", {ADMIN}),
    "organisation.support_request": ("Projektorlampan", set()),
}


@pytest.fixture
def roles(teacher, staff_member, leader, it_staff, administrator):
    return {
        TEACHER: teacher,
        STAFF: staff_member,
        LEADER: leader,
        IT: it_staff,
        ADMIN: administrator,
    }


@pytest.fixture
def world(school_a, school_b, teacher, teacher_b, leader):
    """One object of every kind at school A, and the school-bound kinds' at school B."""
    plan = ActionPlanFactory()
    goal = GoalFactory(plan=plan, title="Molntjänsterna används i all undervisning")
    return {
        "organisation.person": person(
            Role.TEACHER, school_a, first_name="Ingrid", last_name="Fjällgren"
        ),
        "infrastructure.device": DeviceFactory(
            school=school_a, asset_tag="QZ-4711", serial_number="SNX7654321"
        ),
        "infrastructure.student": StudentFactory(
            school=school_a, name="Yrsa Kvarnström", reference="EL-0042"
        ),
        "organisation.support_request": SupportRequestFactory(
            requester=teacher, school=school_a, subject="Brummaskrivaren skriver inte ut"
        ),
        "organisation.help_article": HelpArticleFactory(title="Så startar du Vpnklienten"),
        "goals.goal": goal,
        "goals.indicator": IndicatorFactory(goal=goal, name="Skärmtiden per elev"),
        "goals.action": ActionFactory(plan=plan, title="Kodstugan på lördagar"),
        "competence.training_session": ActivityFactory(
            title="Padletverkstad för lärare", organiser=leader, school=school_a
        ),
        "competence.practice_example": ExampleFactory(
            title="Poddprojektet i svenska", author=teacher, school=school_a
        ),
        "other": {
            "organisation.person": person(
                Role.TEACHER, school_b, first_name="Bo", last_name="Bergmark"
            ),
            "infrastructure.device": DeviceFactory(school=school_b, asset_tag="QZ-9900"),
            "infrastructure.student": StudentFactory(school=school_b, name="Ove Oxelgren"),
            "organisation.support_request": SupportRequestFactory(
                requester=teacher_b, school=school_b, subject="Projektorlampan är trasig"
            ),
        },
    }


def found(user, q, kind_key) -> list:
    for group in search.search(user, q):
        if group.kind.key == kind_key:
            return [hit.object for hit in group.hits]
    return []


def test_every_kind_is_registered_with_its_page_permission():
    kinds = dict(registry.search.items())
    assert set(kinds) == set(MATRIX)
    assert kinds["infrastructure.student"].permission == "infrastructure.view_students"
    assert kinds["organisation.person"].permission == "organisation.view_people"


@pytest.mark.parametrize("kind_key", sorted(MATRIX))
def test_per_kind_which_roles_find_the_own_schools_object(kind_key, world, roles):
    q, finders = MATRIX[kind_key]
    target = world[kind_key]
    result = {role: target in found(user, q, kind_key) for role, user in roles.items()}
    assert result == {role: role in finders for role in roles}


@pytest.mark.parametrize("kind_key", sorted(OTHER_SCHOOL))
def test_per_kind_which_roles_find_another_schools_object(kind_key, world, roles):
    q, finders = OTHER_SCHOOL[kind_key]
    target = world["other"][kind_key]
    result = {role: target in found(user, q, kind_key) for role, user in roles.items()}
    assert result == {role: role in finders for role in roles}


def test_an_unpublished_example_is_found_by_its_author_and_administrators(
    teacher, staff_member, administrator, school_a
):
    draft = ExampleFactory(title="Utkastet om Kahoot", author=teacher, is_published=False)
    assert found(teacher, "Kahoot", "competence.practice_example") == [draft]
    assert found(administrator, "Kahoot", "competence.practice_example") == [draft]
    assert found(staff_member, "Kahoot", "competence.practice_example") == []


# --- The page ---------------------------------------------------------------------------


def test_the_page_groups_hits_by_kind_and_links_each_to_its_page(login, administrator, world):
    response = login(administrator).get(reverse("search"), {"q": "QZ-4711"})
    assert response.status_code == 200
    device = world["infrastructure.device"]
    content = response.content.decode()
    assert 'id="search-infrastructure-device"' in content
    assert f'href="{device.get_absolute_url()}"' in content
    # The context line names the school and the status.
    assert "Vux Skola A" in content
    groups = response.context["groups"]
    assert [g.kind.key for g in groups] == ["infrastructure.device"]


def test_hits_are_capped_per_kind_with_a_link_to_the_filtered_list(login, administrator, school_a):
    for n in range(search.HITS_PER_KIND + 2):
        DeviceFactory(school=school_a, asset_tag=f"LAB7-{n:03d}")
    response = login(administrator).get(reverse("search"), {"q": "LAB7"})
    (group,) = response.context["groups"]
    assert len(group.hits) == search.HITS_PER_KIND and group.has_more
    assert f"{reverse('infrastructure:device_list')}?q=LAB7" in response.content.decode()


def test_a_kind_without_a_list_filter_says_only_the_first_are_shown(login, administrator):
    plan = ActionPlanFactory()
    for n in range(search.HITS_PER_KIND + 1):
        GoalFactory(plan=plan, title=f"Surfplattorna {n}")
    response = login(administrator).get(reverse("search"), {"q": "surfplattorna"})
    (group,) = response.context["groups"]
    assert group.has_more and group.list_url is None
    assert 'class="search-more"' not in response.content.decode()


@pytest.mark.parametrize("q", ["", "   ", "a", "-", "%_"])
def test_an_empty_or_too_short_search_gets_a_message_and_no_search(login, teacher, q):
    with CaptureQueriesContext(connection) as captured:
        response = login(teacher).get(reverse("search"), {"q": q})
    assert response.status_code == 200
    assert response.context["searched"] is False
    assert response.context["groups"] == []
    assert 'class="search-message"' in response.content.decode()
    assert not any("LIKE" in query["sql"] for query in captured)


def test_nothing_found_says_so(login, teacher):
    response = login(teacher).get(reverse("search"), {"q": "xyzzyplugh"})
    assert response.context["searched"] is True
    assert "Ingenting hittades för ”xyzzyplugh”." in response.content.decode()


def test_the_query_is_escaped_and_tsquery_syntax_is_harmless(login, administrator, world):
    for q in ["<script>alert(1)</script>", "a:* | !b & (c", "50% _rabatt_", "'; drop"]:
        response = login(administrator).get(reverse("search"), {"q": q})
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


def test_a_long_query_is_cut(administrator):
    assert len(search.normalise("x" * 500)) == search.MAX_LENGTH


def test_the_header_box_is_an_accessible_search_landmark_pointing_at_the_page(teacher):
    request = RequestFactory().get("/")
    request.user = teacher
    html = render_to_string("partials/search_box.html", request=request)
    assert 'role="search"' in html and f'action="{reverse("search")}"' in html
    assert '<label class="visually-hidden" for="portal-search-q">' in html
    assert 'name="q"' in html


# --- Students: only IT staff and administrators, and every hit logged ------------------


def test_student_hits_are_logged_like_any_view_of_student_data(login, it_staff, world):
    student = world["infrastructure.student"]
    response = login(it_staff).get(reverse("search"), {"q": "Kvarnström"})
    assert student.get_absolute_url() in response.content.decode()
    (entry,) = StudentDataAccess.objects.all()
    assert (entry.user, entry.student, entry.what) == (
        it_staff,
        student,
        StudentDataAccess.What.LIST,
    )
    assert entry.path == reverse("search")  # the query, which may name a student, is not kept


def test_a_leader_neither_finds_nor_logs_students(login, leader, world):
    response = login(leader).get(reverse("search"), {"q": "Kvarnström"})
    assert world["infrastructure.student"].get_absolute_url() not in response.content.decode()
    assert not StudentDataAccess.objects.exists()


def test_a_search_showing_no_student_logs_nothing(login, it_staff, world):
    login(it_staff).get(reverse("search"), {"q": "QZ-4711"})
    assert not StudentDataAccess.objects.exists()


# --- PostgreSQL: Swedish full-text search and trigrams ---------------------------------


def test_swedish_stemming_finds_an_inflected_word(teacher, school_a):
    """The computers ("datorerna") find "datorer": both stem to "dator", and neither is a
    substring of the other."""
    example = ExampleFactory(
        title="Lån i klassrummet", body="Vi lånade ut datorer till alla.", author=teacher
    )
    assert found(teacher, "datorerna", "competence.practice_example") == [example]
    # The substring fallback does not know Swedish.
    kind = registry.search.get("competence.practice_example")
    assert list(search.matching(kind, teacher, "datorerna", vendor="sqlite")) == []


def test_words_being_typed_match_as_beginnings_and_all_words_must_match(teacher):
    plan = ActionPlanFactory()
    goal = GoalFactory(plan=plan, title="Digitala verktyg i undervisningen")
    GoalFactory(plan=plan, title="Digital kompetens för alla")
    assert found(teacher, "undervis", "goals.goal") == [goal]
    assert found(teacher, "digitala undervisningen", "goals.goal") == [goal]


def test_an_asset_tag_with_a_typo_or_a_part_is_found(it_staff, world):
    device = world["infrastructure.device"]
    assert found(it_staff, "QZ-4771", "infrastructure.device") == [device]  # a wrong digit
    assert found(it_staff, "qz-4711", "infrastructure.device") == [device]  # small letters
    assert found(it_staff, "4711", "infrastructure.device") == [device]  # a part
    assert found(it_staff, "7654321", "infrastructure.device") == [device]  # of the serial


def test_the_exact_tag_comes_before_near_ones(it_staff, school_a):
    near = DeviceFactory(school=school_a, asset_tag="RUM-40017")
    exact = DeviceFactory(school=school_a, asset_tag="RUM-4001")
    assert found(it_staff, "RUM-4001", "infrastructure.device") == [exact, near]


def test_a_name_with_a_typo_is_found(administrator, world):
    ingrid = world["organisation.person"]
    assert found(administrator, "Fjellgren", "organisation.person") == [ingrid]
    assert found(administrator, "Ingrid Fjällgren", "organisation.person") == [ingrid]


def test_codes_are_only_compared_for_a_search_holding_a_digit(it_staff, world):
    kind = registry.search.get("infrastructure.device")
    # A word search never reads the devices at all: no asset tag or serial is a word.
    assert search.matching(kind, it_staff, "Kvarnström").query.is_empty()
    assert found(it_staff, "EL-0042", "infrastructure.student") == [world["infrastructure.student"]]


def test_the_substring_fallback_reads_codes_only_for_a_search_with_a_digit(it_staff, world):
    kind = registry.search.get("infrastructure.device")
    assert search.matching(kind, it_staff, "QZ", vendor="sqlite").query.is_empty()
    assert list(search.matching(kind, it_staff, "qz-47", vendor="sqlite")) == [
        world["infrastructure.device"]
    ]


def test_the_substring_fallback_needs_every_word_in_some_field(teacher):
    """The query builder off PostgreSQL (SQLite in development): plain substrings."""
    plan = ActionPlanFactory()
    both = ActionFactory(plan=plan, title="Kodstuga", description="för nyanlända")
    ActionFactory(plan=plan, title="Kodstuga", description="för alla")
    kind = registry.search.get("goals.action")
    rows = search.matching(kind, teacher, "kodst nyanl", vendor="sqlite")
    sql = str(rows.query)
    assert "LIKE" in sql and "@@" not in sql and "WORD_SIMILARITY" not in sql
    assert list(rows) == [both]


# --- A constant number of queries ------------------------------------------------------


def _grow(n, school_a, school_b, teacher, leader):
    plan = ActionPlan.objects.get()  # the world's, the one active plan
    for i in range(n):
        for school in (school_a, school_b):
            person(Role.TEACHER, school, last_name=f"Fjällgren{i}")
            DeviceFactory(school=school)
            StudentFactory(school=school, name=f"Yrsa Fjällgren {i}")
            SupportRequestFactory(requester=teacher, school=school, subject=f"Fjällgren {i}")
        goal = GoalFactory(plan=plan, title=f"Fjällgren {i}")
        IndicatorFactory(goal=goal, name=f"Fjällgren {i}")
        ActionFactory(plan=plan, title=f"Fjällgren {i}")
        ActivityFactory(title=f"Fjällgren {i}", organiser=leader)
        ExampleFactory(title=f"Fjällgren {i}", author=teacher)
        HelpArticleFactory(title=f"Fjällgren {i}")


@pytest.mark.parametrize("viewer", ["teacher", "leader", "it_staff", "administrator"])
@pytest.mark.parametrize("q", ["Fjällgren", "QZ-4711"])
def test_a_constant_number_of_queries_whatever_the_hits_and_data(
    request, login, viewer, q, school_a, school_b, teacher, leader, world
):
    client = login(request.getfixturevalue(viewer))
    url = f"{reverse('search')}?q={q}"
    # A hit of every kind from the start (a shown student adds the one logging write).
    _grow(1, school_a, school_b, teacher, leader)
    client.get(url)  # sessions and caches warm

    def count():
        cache.clear()  # searched afresh, not the kept search
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = count()
    _grow(12, school_a, school_b, teacher, leader)  # more hits than shown, more rows
    assert count() == small


def test_the_administrators_search_takes_one_query_per_kind(
    login, administrator, world, django_assert_num_queries
):
    client = login(administrator)
    url = f"{reverse('search')}?q=QZ-4711"
    client.get(url)
    kinds = len(registry.search.for_user(administrator))
    cache.clear()  # searched afresh, not the kept search
    # The session, the user and their memberships, the data's version, then one query per
    # kind (the session is renewed at most once a minute, so this request writes nothing).
    with django_assert_num_queries(4 + kinds):
        client.get(url)
    # Repeated, the search is kept: no kind is asked again.
    with django_assert_num_queries(4):
        client.get(url)


# --- Kept searches ------------------------------------------------------------------------


def test_a_repeated_search_is_kept_and_finds_a_change_at_once(login, administrator, world):
    from goals.models import Goal

    client = login(administrator)
    client.get("/")  # the browser has its CSRF cookie, part of the key
    url = f"{reverse('search')}?q=Molntjänsterna"
    assert "Molntjänsterna används" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as kept:
        html = client.get(url).content.decode()
    assert "Molntjänsterna används" in html
    assert not [q for q in kept if '"goals_goal"' in q["sql"]]
    Goal.objects.filter(pk=world["goals.goal"].pk).update(title="Molntjänsterna i varje kurs")
    html = client.get(url).content.decode()
    assert "Molntjänsterna i varje kurs" in html and "Molntjänsterna används" not in html


def test_kept_searches_are_each_persons_own(login, administrator, teacher, world):
    url = f"{reverse('search')}?q=Fjällgren"
    person_url = world["organisation.person"].get_absolute_url()
    assert person_url in login(administrator).get(url).content.decode()
    # The teacher may not find people: the administrator's kept search is not theirs.
    assert person_url not in login(teacher).get(url).content.decode()


def test_a_search_that_finds_students_is_searched_and_logged_every_time(login, it_staff, world):
    client = login(it_staff)
    url = f"{reverse('search')}?q=Kvarnström"
    for _ in range(2):
        assert (
            world["infrastructure.student"].get_absolute_url() in client.get(url).content.decode()
        )
    assert StudentDataAccess.objects.count() == 2
