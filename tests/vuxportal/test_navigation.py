"""The header groups the menu by the plan's parts (issue 17): each role sees the parts it
has pages in, each part's start page lists exactly those pages with its key figures, the
current page is marked, and every scrollable table is a named, focusable region."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import person
from vuxportal.navigation import PARTS, MenuItem, group, menu_for
from vuxportal.registry import registry
from vuxportal.roles import Role

pytestmark = pytest.mark.django_db

# The part start pages and what each role finds there: None = 403.
START_PAGES = {
    "goals": "goals:dashboard",
    "competence": "competence:start",
    "organisation": "organisation:start",
    "infrastructure": "infrastructure:start",
}

# Per role: the parts in the header, and for some of them the pages listed (URL names).
EXPECTED_PARTS = {
    "teacher": ["goals", "competence", "organisation"],
    "staff": ["goals", "competence", "organisation"],
    "school_leader": ["goals", "competence", "organisation", "infrastructure", "reports"],
    "it_staff": ["goals", "competence", "organisation", "infrastructure"],
    "administrator": ["goals", "competence", "organisation", "infrastructure", "reports"],
}


def _items(*specs):
    return [
        MenuItem(label, url_name, part=part, start=start) for label, url_name, part, start in specs
    ]


ITEMS = _items(
    ("Overview", "competence:start", "competence", True),
    ("Training", "competence:activity_list", "competence", False),
    ("Log", "competence:record_list", "competence", False),
    ("Overview", "infrastructure:start", "infrastructure", True),
    ("Reports", "reports:report_list", "reports", False),
)


def test_group_orders_the_parts_as_the_plan_and_puts_the_start_page_first():
    menu = group(ITEMS, "/")
    assert [p.key for p in menu.parts] == ["competence", "reports"]
    competence = menu.parts[0]
    assert competence.label == PARTS["competence"]
    assert [link.item.url_name for link in competence.entries] == [
        "competence:start",
        "competence:activity_list",
        "competence:record_list",
    ]
    assert competence.single is None
    # Reports has one page and no start page of its own: a plain link, not a menu.
    assert menu.parts[1].single.item.url_name == "reports:report_list"
    assert menu.current_part is None


def test_a_part_with_only_its_start_page_is_not_shown():
    # Infrastructure's start page alone does not make the part visible.
    assert menu_keys(group(ITEMS, "/")) == ["competence", "reports"]


def menu_keys(menu):
    return [p.key for p in menu.parts]


def test_the_current_page_is_marked_page_and_its_section_true():
    on_list = group(ITEMS, "/kompetens/utbildningar/")
    links = {link.item.url_name: link.current for link in on_list.parts[0].entries}
    assert links == {
        "competence:start": "",
        "competence:activity_list": "page",
        "competence:record_list": "",
    }
    assert on_list.current_part.key == "competence"
    inside = group(ITEMS, "/kompetens/utbildningar/7/")
    assert inside.parts[0].links[0].current == "true"
    # The start page is current only on itself, not on every page under it ...
    on_start = group(ITEMS, "/kompetens/")
    assert on_start.parts[0].start.current == "page"
    framework = group(ITEMS, "/kompetens/ramverk/")
    assert all(link.current == "" for link in framework.parts[0].entries)
    # ... yet a page of the part that is in no menu still marks its part.
    assert framework.current_part.key == "competence"
    assert group(ITEMS, "/api-nycklar/").current_part is None


def test_an_entry_without_a_part_is_kept_under_more():
    menu = group([*ITEMS, MenuItem("Odd", "api_tokens")], "/")
    assert menu.parts[-1].key == "more"
    assert menu.parts[-1].single.item.url_name == "api_tokens"


def test_every_registered_entry_names_a_part_of_the_plan():
    strays = [item.url_name for item in registry.menu.all() if item.part not in PARTS]
    assert not strays, f"menu entries without a part (registry.menu in plugins.py): {strays}"


def test_each_part_has_at_most_one_start_page():
    for key in PARTS:
        starts = [i for i in registry.menu.all() if i.part == key and i.start]
        assert len(starts) <= 1, key


@pytest.mark.parametrize("role", list(EXPECTED_PARTS))
def test_each_role_sees_the_parts_it_has_pages_in(rf, user_in_role, role):
    user = user_in_role(role)
    request = rf.get("/")
    request.user = user
    menu = menu_for(request)
    assert menu_keys(menu) == EXPECTED_PARTS[role]
    # The header: brand, a button or link per part, search, language, person: at most 9.
    assert 1 + len(menu.parts) + 3 <= 9
    for part in menu.parts:
        for link in part.links:
            entry = next(e for e in registry.menu._sorted() if e.key == link.item.url_name)
            assert entry.permission is None or user.has_perm(entry.permission)


def test_the_menu_shared_per_set_of_roles_is_what_each_rule_answers(
    rf, user_in_role, school_a, school_b
):
    """The menu is worked out once per set of roles (vuxportal/navigation.py); for every
    role, at two schools and with two roles at once, it must be exactly the entries whose
    rule the person passes, asked one by one."""

    def shared(user):
        request = rf.get("/")
        request.user = user
        return [link.item.url_name for part in menu_for(request).parts for link in part.entries]

    def asked(user):
        allowed = [
            e.value
            for e in registry.menu._sorted()
            if e.permission is None or user.has_perm(e.permission)
        ]
        return [link.item.url_name for part in group(allowed, "/").parts for link in part.entries]

    people = [user_in_role(role) for role in EXPECTED_PARTS]
    people += [person(role, school_b) for role in (Role.TEACHER, Role.SCHOOL_LEADER)]
    both = person(Role.TEACHER, school_a)
    both.memberships.create(role=Role.IT_STAFF, school=school_b)
    people.append(type(both).objects.get(pk=both.pk))
    inactive = person(Role.SCHOOL_LEADER, school_a, is_active=False)
    people.append(inactive)
    for user in people:
        assert shared(user) == asked(user), user
    # The same roles at another school give the same menu.
    assert shared(people[0]) == shared(people[len(EXPECTED_PARTS)])


def test_the_it_menu_differs_by_role(rf, leader, it_staff):
    def it_pages(user):
        request = rf.get("/")
        request.user = user
        return [link.item.url_name for link in menu_for(request).part("infrastructure").links]

    assert "infrastructure:loan_list" in it_pages(it_staff)
    # A rektor follows devices, coverage and systems but never sees students' loans.
    assert "infrastructure:loan_list" not in it_pages(leader)
    assert "infrastructure:device_list" in it_pages(leader)


def _header(html: str) -> str:
    return html[html.index("<header") : html.index("</header>")]


def test_the_header_shows_parts_as_disclosure_buttons_and_marks_the_current_page(
    client, administrator
):
    client.force_login(administrator)
    with translation.override("en"):
        html = client.get(reverse("competence:activity_list"), HTTP_ACCEPT_LANGUAGE="en")
    header = _header(html.content.decode())
    buttons = re.findall(r'<button class="nav-link portal-disclosure[^"]*"[^>]*>', header)
    assert len(buttons) == 4
    for key in ("goals", "competence", "organisation", "infrastructure"):
        assert f'aria-controls="menu-{key}"' in header
        assert f'<ul class="portal-submenu" id="menu-{key}" hidden>' in header
    assert re.search(r'aria-controls="menu-competence"[^>]*aria-current="true"', header)
    assert re.search(
        r'href="{}" aria-current="page"'.format(reverse("competence:activity_list")), header
    )
    assert header.count('aria-current="page"') == 1
    assert f'<a class="nav-link" href="{reverse("reports:report_list")}">' in header
    assert 'id="portal-search-q"' in header  # the search box partial keeps its slot


def test_the_menu_drawn_once_is_each_pages_and_languages_own(client, administrator, it_staff):
    """The menu's HTML is shared per set of roles, current page and language: each page
    still marks itself, a language shows its own labels and a role its own entries."""
    from vuxportal import navigation

    navigation._HTML.clear()
    client.force_login(administrator)
    devices, sessions = reverse("infrastructure:device_list"), reverse("competence:activity_list")
    for _round in range(2):  # drawn, then shared
        for url in (devices, sessions):
            header = _header(client.get(url).content.decode())
            assert f'href="{url}" aria-current="page"' in header
            assert header.count('aria-current="page"') == 1
    assert "Kompetens" in _header(client.get(devices).content.decode())
    client.post(reverse("set_language"), {"language": "en", "next": devices})
    english = _header(client.get(devices).content.decode())
    assert "Competence" in english and "Kompetens" not in english
    client.force_login(it_staff)
    it_header = _header(client.get(devices).content.decode())
    assert reverse("organisation:person_list") not in it_header
    assert reverse("organisation:person_list") in english


def test_anonymous_visitors_get_no_menu(client):
    html = client.get(reverse("account_login")).content.decode()
    header = _header(html)
    assert "portal-disclosure" not in header and "main-nav" not in header
    assert 'name="language"' in header


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("teacher", {"competence", "organisation", "goals"}),
        ("staff", {"competence", "organisation", "goals"}),
        ("school_leader", set(START_PAGES)),
        ("it_staff", set(START_PAGES)),
        ("administrator", set(START_PAGES)),
    ],
)
def test_part_start_pages_list_exactly_the_parts_pages_the_user_may_use(
    client, rf, user_in_role, role, allowed
):
    user = user_in_role(role)
    client.force_login(user)
    request = rf.get("/")
    request.user = user
    menu = menu_for(request)
    for key, url_name in START_PAGES.items():
        response = client.get(reverse(url_name))
        if key not in allowed:
            assert response.status_code == 403, (role, key)
            continue
        assert response.status_code == 200, (role, key)
        html = response.content.decode()
        main = html[html.index("<main") :]
        nav = re.search(r'<nav class="part-links[^>]*>(.*?)</nav>', main, re.S).group(1)
        listed = re.findall(r'href="([^"]+)"', nav)
        assert listed == [link.url for link in menu.part(key).links], (role, key)


def _figures(html):
    return re.findall(r'class="part-figure-value d-block">([^<]+)<', html)


def test_figures_follow_permissions(client, it_staff, leader):
    client.force_login(it_staff)
    it_html = client.get(reverse("infrastructure:start")).content.decode()
    client.force_login(leader)
    leader_html = client.get(reverse("infrastructure:start")).content.decode()
    # Devices for both; loans and the waiting list only for those who may see students.
    assert len(_figures(it_html)) == 6
    assert len(_figures(leader_html)) == 3
    assert reverse("infrastructure:waiting_list") not in leader_html.split("<main", 1)[1]


def test_leaders_see_their_staffs_training_among_the_competence_figures(client, teacher, leader):
    client.force_login(teacher)
    teachers = _figures(client.get(reverse("competence:start")).content.decode())
    client.force_login(leader)
    leaders = _figures(client.get(reverse("competence:start")).content.decode())
    assert len(teachers) == 3 and len(leaders) == 5


# --- Query counts -------------------------------------------------------------------------


def _grow(n, school_a, school_b, leader, it_staff):
    from tests.competence.factories import ActivityFactory, EnrolmentFactory, RecordFactory
    from tests.infrastructure.factories import DeviceFactory, LoanFactory, StudentFactory
    from tests.organisation.factories import (
        RoutineFactory,
        SupportRequestFactory,
        WorkingGroupFactory,
    )

    for i in range(n):
        school = school_b if i % 2 else school_a
        member = person(Role.TEACHER, school)
        RecordFactory(person=member, school=school)
        EnrolmentFactory(activity=ActivityFactory(organiser=leader, school=school), person=member)
        DeviceFactory(school=school)
        LoanFactory(student=StudentFactory(school=school), device=DeviceFactory(school=school))
        WorkingGroupFactory(convener=leader, members=[member, it_staff])
        RoutineFactory(owner=it_staff if i % 2 else member)
        SupportRequestFactory(requester=member, school=school)


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# Every start page for every role that may open it (the IT part is 403 for teachers, as
# the permission matrix states).
OPENABLE_START_PAGES = [
    (role, url_name)
    for url_name in ("competence:start", "organisation:start", "infrastructure:start")
    for role in ("teacher", "school_leader", "it_staff", "administrator")
    if (role, url_name) != ("teacher", "infrastructure:start")
]


@pytest.mark.parametrize(("role", "url_name"), OPENABLE_START_PAGES)
def test_part_start_pages_keep_a_constant_query_count(
    client, user_in_role, role, url_name, school_a, school_b, leader, it_staff
):
    client.force_login(user_in_role(role))
    url = reverse(url_name)
    _grow(1, school_a, school_b, leader, it_staff)
    small = _count(client, url)
    _grow(6, school_a, school_b, leader, it_staff)
    assert _count(client, url) == small
    # A start page costs little: the session, the user's roles and a few aggregates
    # (9 to 12 queries when this was written).
    assert small <= 15, small


# --- Scrollable tables ---------------------------------------------------------------------

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_every_scrollable_table_is_a_named_focusable_region():
    """axe's scrollable-region-focusable: a table wider than a phone scrolls sideways in its
    wrapper, which keyboard users can only scroll when it takes focus; a screen reader
    then announces the region by its name."""
    bad = []
    for path in TEMPLATES.rglob("*.html"):
        for tag in re.findall(r'<div class="[^"]*table-responsive[^"]*"[^>]*>', path.read_text()):
            named = "aria-label=" in tag or "aria-labelledby=" in tag
            if not ('tabindex="0"' in tag and 'role="region"' in tag and named):
                bad.append(f"{path.relative_to(TEMPLATES)}: {tag}")
    assert not bad, "table wrappers that keyboards cannot scroll:\n" + "\n".join(bad)
