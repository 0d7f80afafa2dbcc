"""The portal's tables (``vuxportal/tables.py``, ``generic/table.html``).

Their rows are drawn in one pass rather than through django-tables2's template; these
tests hold that the rows are the ones django-tables2 draws, that the cells read what they
used to, and that the table keeps its accessible markup.
"""

import itertools
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context
from django.template.base import render_value_in_context
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.text import Truncator

from goals.models import Action, ActionPlan
from infrastructure.models import Device
from organisation.models import SupportRequest
from reports.models import Report
from tests.competence.factories import RecordFactory
from tests.factories import ActionPlanFactory, GoalFactory, person
from tests.goals.factories import ActionFactory
from tests.infrastructure.factories import DeviceFactory, LoanFactory, RepairFactory
from tests.organisation.factories import RoutineFactory, SupportRequestFactory
from tests.reports.factories import ReportFactory
from vuxportal.roles import Role
from vuxportal.tables import Table
from vuxportal.views.generic import ObjectListView

pytestmark = pytest.mark.django_db

LONG_TITLE = "Ett mål med en titel som är längre än femtio tecken, så den kortas"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def list_views():
    """(url, view class) of every list page that needs no URL argument."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and issubclass(view, ObjectListView):
                    yield "/" + prefix + str(pattern.pattern), view

    return sorted({(url, view) for url, view in walk(get_resolver().url_patterns)}, key=str)


def library_rows(table) -> str:
    """The rows as django-tables2's own template draws them: ``row.items()`` and
    ``<td {{ column.attrs.td.as_html }}>{{ cell }}</td>``."""
    table._counter = itertools.count()
    rows = []
    for row in table.paginated_rows:
        cells = []
        for column, cell in row.items():
            attrs = column.attrs["td"].as_html()
            content = render_value_in_context(cell, Context())
            cells.append(f"<td {attrs}>{content}</td>" if attrs else f"<td>{content}</td>")
        rows.append(f"<tr {row.attrs.as_html()}>{''.join(cells)}</tr>")
    return CSRF.sub("", "\n".join(rows))


def portal_rows(table) -> str:
    table._counter = itertools.count()
    return CSRF.sub("", str(table.body()))


@pytest.fixture
def varied_data(school_a, teacher, leader, administrator):
    """Rows that take every branch the tables' cells have."""
    today = timezone.localdate()
    DeviceFactory(school=school_a, assigned_to=teacher, status=Device.Status.ASSIGNED)
    DeviceFactory(school=school_a, status=Device.Status.RETIRED, purchased_on=None)
    LoanFactory(device__school=school_a, due_on=today - timedelta(days=3))
    LoanFactory(device__school=school_a, returned_on=today)
    RepairFactory(device__school=school_a)
    RepairFactory(device__school=school_a, closed_on=today)
    RoutineFactory(school=school_a, last_reviewed_on=today - timedelta(days=800))
    RoutineFactory(school=None, last_reviewed_on=today)
    goal = GoalFactory(title=LONG_TITLE)
    overdue = ActionFactory(
        plan=goal.plan, due_on=today - timedelta(days=1), responsible=teacher, progress=40
    )
    overdue.goals.add(goal)
    ActionFactory(plan=goal.plan, due_on=None, status=Action.Status.DONE)
    SupportRequestFactory(school=school_a, requester=teacher)
    SupportRequestFactory(
        school=school_a,
        requester=teacher,
        status=SupportRequest.Status.RESOLVED,
        resolved_at=timezone.now(),
    )
    ReportFactory(status=Report.Status.RUNNING, progress=30, requested_by=leader)
    ReportFactory(status=Report.Status.DONE, is_draft=True, school=school_a)
    for confirmed_at in (None, timezone.now()):
        RecordFactory(person=teacher, school=school_a, confirmed_at=confirmed_at, title="<Kurs>")
        RecordFactory(person=administrator, school=None, confirmed_at=confirmed_at)
    person(Role.IT_STAFF, None)


def test_every_list_page_uses_a_portal_table():
    views = list_views()
    assert len(views) > 20
    assert [view for _, view in views if not issubclass(view.table_class, Table)] == []


@pytest.mark.parametrize("who", ["administrator", "leader", "teacher"])
def test_rows_are_the_rows_django_tables2_draws(request, login, varied_data, who):
    client = login(request.getfixturevalue(who))
    drawn = 0
    for url, view in list_views():
        for query in ("", "?sort=-" + next(iter(view.table_class.base_columns))):
            response = client.get(url + query)
            if response.status_code != 200:
                continue
            table = response.context["table"]
            assert portal_rows(table) == library_rows(table), url + query
            drawn += len(table.page.object_list)
    assert drawn > 0


def cells(response) -> str:
    """The body of the page's table."""
    return re.search(r"<tbody[^>]*>(.*?)</tbody>", response.content.decode(), re.S).group(1)


def test_cells_read_as_before(login, varied_data, administrator, leader):
    client = login(administrator)
    loans = cells(client.get(reverse("infrastructure:loan_list")))
    assert re.search(
        r'\d{4}-\d\d-\d\d <span class="status-badge status-not_met">Försenat</span>', loans
    )
    repairs = cells(client.get(reverse("infrastructure:repair_list")))
    assert repairs.count('<a class="btn btn-sm btn-outline-primary" href="/it/reparationer/') == 1
    assert '">Avsluta<span class="visually-hidden"> TAG-' in repairs
    routines = cells(client.get(reverse("organisation:routine_list")))
    assert re.search(
        r'<span class="status-badge status-not_met">Dags för översyn</span> '
        r'<span class="small">\(\d{4}-\d\d-\d\d\)</span>',
        routines,
    )
    people = cells(client.get(reverse("organisation:person_list")))
    assert '<span class="d-block">Administratör (hela organisationen)</span>' in people
    assert '<span class="d-block">Lärare, Vux Skola A</span>' in people
    actions = cells(client.get(reverse("goals:action_list")))
    assert '<span class="badge-overdue">Försenat</span>' in actions
    assert "<td>–</td>" in actions and "<td>40 %</td>" in actions
    # The template's truncatechars:50.
    assert f"{Truncator(LONG_TITLE).chars(50)}</span>" in actions
    reports = cells(client.get(reverse("reports:report_list")))
    assert '<span class="report-status report-status-running">Sammanställs (30 %)</span>' in reports
    assert ' <span class="badge text-bg-light border">Utkast</span>' in reports
    client = login(leader)
    support = cells(client.get(reverse("organisation:support_list")))
    assert f'<span class="status-badge support-{SupportRequest.Status.RESOLVED}">' in support
    staff = cells(client.get(reverse("competence:staff_records")))
    assert staff.count('<input type="hidden" name="csrfmiddlewaretoken" value="') == 1
    assert '<span class="visually-hidden"> &lt;Kurs&gt;, ' in staff
    assert "<td>Bekräftad</td>" in staff


def test_the_table_keeps_its_accessible_markup(login, administrator, school_a):
    for _ in range(30):
        DeviceFactory(school=school_a)
    client = login(administrator)
    html = client.get(reverse("infrastructure:device_list") + "?sort=-asset_tag").content.decode()
    assert (
        '<div class="table-container table-responsive" tabindex="0" role="region" '
        'aria-label="Enheter">' in html
    )
    headers = re.findall(r"<th [^>]*>", html)
    assert len(headers) == 8 and all('scope="col"' in th for th in headers)
    assert len(re.findall(r'aria-sort="descending"', html)) == 1
    assert html.count('<span class="visually-hidden"> – sortera</span></a>') == 8
    assert html.count("<tr class=") == 25
    assert '<nav aria-label="Sidor">' in html
    assert 'aria-current="page"><span class="visually-hidden">Sida </span>1</a>' in html
    assert "30 totalt" in html


def test_an_empty_table_says_so(login, administrator):
    html = login(administrator).get(reverse("infrastructure:device_list")).content.decode()
    assert '<tr><td colspan="8">Inget att visa.</td></tr>' in re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize(
    ("page", "status"),
    [("2", 200), ("last", 200), ("", 200), ("3", 404), ("0", 404), ("x", 404)],
)
def test_a_page_of_the_list_that_is_not_there_is_not_found(
    login, administrator, school_a, page, status
):
    for _ in range(30):
        DeviceFactory(school=school_a)
    response = login(administrator).get(reverse("infrastructure:device_list"), {"page": page})
    assert response.status_code == status


def test_the_list_counts_its_rows_once(login, administrator, school_a):
    DeviceFactory(school=school_a)
    client = login(administrator)
    client.get(reverse("infrastructure:device_list"))
    cache.clear()  # drawn afresh, as the first view after a change
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("infrastructure:device_list"))
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1, counts


def more_rows(n, school, leader):
    """``n`` rows more for each list, each with people and goals of its own, so a query
    per row would show."""
    today = timezone.localdate()
    plan = ActionPlan.objects.first() or ActionPlanFactory()
    for i in range(n):
        member = person(Role.TEACHER, school)
        DeviceFactory(school=school, assigned_to=member, status=Device.Status.ASSIGNED)
        action = ActionFactory(plan=plan, responsible=member, due_on=today)
        action.goals.add(GoalFactory(plan=plan))
        SupportRequestFactory(school=school, requester=member)
        ReportFactory(school=school, requested_by=member, is_draft=bool(i % 2))
        RecordFactory(person=member, school=school, confirmed_at=None if i % 2 else timezone.now())
        RecordFactory(person=leader, school=school)


LISTS = [
    ("infrastructure:device_list", "administrator"),
    ("organisation:person_list", "administrator"),
    ("goals:action_list", "administrator"),
    ("organisation:support_list", "leader"),
    ("competence:record_list", "leader"),
    ("competence:staff_records", "leader"),
    ("reports:report_list", "administrator"),
]


@pytest.mark.parametrize(("url_name", "who"), LISTS)
def test_list_pages_keep_their_query_count(request, login, url_name, who, school_a, leader):
    client = login(request.getfixturevalue(who))
    url = reverse(url_name)

    def count():
        cache.clear()  # cold: what drawing the list costs, not the kept list
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    more_rows(2, school_a, leader)
    client.get(url)  # sessions and caches warm
    small = count()
    more_rows(10, school_a, leader)
    assert count() == small
