"""Projects: the page's hours and co-financing, who sees names and costs, the Excel
export, the hourly costs page, the API and the project report."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from competence.models import Enrolment
from organisation import selectors
from organisation.models import HourlyCost, Project
from reports.rendering import render_excel, render_html
from reports.services import report_request
from reports.snapshot import build_snapshot
from tests.competence.factories import ActivityFactory, EnrolmentFactory
from tests.factories import ReportingPeriodFactory
from tests.organisation.factories import WorkingGroupFactory
from vuxportal.roles import Role

ATTENDED = Enrolment.Attendance.ATTENDED


def _at(year, month, day=10):
    return timezone.make_aware(datetime(year, month, day, 9))


@pytest.fixture
def project(db):
    return Project.objects.create(
        name="Vux 2.0",
        funder="Europeiska socialfonden (ESF)",
        starts_on=date(2024, 1, 1),
        ends_on=date(2026, 6, 30),
        budget=Decimal("23369929"),
    )


@pytest.fixture
def hours(project, teacher, teacher_b, staff_member):
    """School A's teacher attends 3 h in March and 2 h in April, school B's teacher 3 h in
    March; an absence, a cancelled session and another project's session do not count."""
    HourlyCost.objects.create(role=Role.TEACHER, amount=Decimal("500"))
    march = ActivityFactory(project=project, starts_at=_at(2025, 3), hours=Decimal("3"))
    april = ActivityFactory(project=project, starts_at=_at(2025, 4), hours=Decimal("2"))
    cancelled = ActivityFactory(
        project=project, starts_at=_at(2025, 4, 20), cancelled_at=timezone.now()
    )
    other = ActivityFactory(starts_at=_at(2025, 3))
    for activity, person in ((march, teacher), (april, teacher), (march, teacher_b)):
        EnrolmentFactory(activity=activity, person=person, attendance=ATTENDED)
    EnrolmentFactory(activity=march, person=staff_member, attendance=Enrolment.Attendance.ABSENT)
    EnrolmentFactory(activity=cancelled, person=teacher, attendance=ATTENDED)
    EnrolmentFactory(activity=other, person=teacher, attendance=ATTENDED)


@pytest.mark.django_db
def test_hours_are_placed_at_school_and_role_and_valued(project, hours, administrator):
    overview = selectors.project_overview(project, administrator)
    assert overview["total"].hours == Decimal("8")
    assert overview["total"].participants == 2
    assert overview["total"].value == Decimal("4000")
    assert [(k[0], k[2], f.hours, f.rate) for k, f in overview["by_group"]] == [
        ("Vux Skola A", Role.TEACHER, Decimal("5"), Decimal("500")),
        ("Vux Skola B", Role.TEACHER, Decimal("3"), Decimal("500")),
    ]
    assert [(m, f.hours, f.value) for m, f in overview["by_month"]] == [
        (date(2025, 3, 1), Decimal("6"), Decimal("3000")),
        (date(2025, 4, 1), Decimal("2"), Decimal("1000")),
    ]
    assert len(overview["sessions"]) == 3  # the cancelled one is listed, marked
    assert len(overview["by_person"]) == 2


@pytest.mark.django_db
def test_names_for_administrators_and_own_leaders_costs_for_leaders(
    project, hours, leader, teacher
):
    as_leader = selectors.project_overview(project, leader)
    assert [key[3] for key, _f in as_leader["by_person"]] == ["Vux Skola A"]
    assert as_leader["costs"] == {Role.TEACHER: Decimal("500")}
    as_teacher = selectors.project_overview(project, teacher)
    assert as_teacher["by_person"] == []
    assert as_teacher["costs"] is None
    # Counts per school and role are for everyone.
    assert as_teacher["total"].participants == 2


@pytest.mark.django_db
def test_detail_page_runs_the_same_queries_whatever_the_data(
    client, project, administrator, school_a
):
    from tests.factories import person

    client.force_login(administrator)
    url = reverse("organisation:project_detail", args=[project.pk])
    WorkingGroupFactory(project=project)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    def add_session(n):
        activity = ActivityFactory(project=project, starts_at=_at(2025, n))
        for _i in range(n):
            teacher = person(Role.TEACHER, school_a)
            EnrolmentFactory(activity=activity, person=teacher, attendance=ATTENDED)

    add_session(1)
    few = count()
    add_session(3)
    add_session(4)
    WorkingGroupFactory(project=project)
    assert count() == few


@pytest.mark.django_db
def test_the_page_is_kept_and_shows_a_change_on_the_next_view(
    client, project, hours, administrator, teacher
):
    """A repeated view reads none of the hours; an attended session shows at once, on
    the page and in its Excel file."""
    client.force_login(administrator)
    url = reverse("organisation:project_detail", args=[project.pk])
    assert "2 deltagare, 8,0 timmar totalt" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).status_code == 200
    assert not [q for q in kept if '"competence_enrolment"' in q["sql"]]
    may = ActivityFactory(project=project, starts_at=_at(2025, 5), hours=Decimal("4"))
    EnrolmentFactory(activity=may, person=teacher, attendance=ATTENDED)
    assert "2 deltagare, 12,0 timmar totalt" in client.get(url).content.decode()
    response = client.get(reverse("organisation:project_excel", args=[project.pk]))
    months = load_workbook(io.BytesIO(response.content)).worksheets[2]
    assert [c.value for c in months[4]] == ["2025-05", 4, 2000]


@pytest.mark.django_db
def test_page_shows_names_only_to_those_who_may_see_them(
    client, project, hours, administrator, leader, teacher, teacher_b
):
    url = reverse("organisation:project_detail", args=[project.pk])

    def names_seen(user):
        client.force_login(user)
        page = client.get(url).content.decode()
        return {p.email for p in (teacher, teacher_b) if p.display_name in page}

    assert names_seen(administrator) == {teacher.email, teacher_b.email}
    assert names_seen(leader) == {teacher.email}
    client.force_login(teacher)
    assert teacher_b.display_name not in client.get(url).content.decode()


@pytest.mark.django_db
def test_excel_export(client, project, hours, administrator):
    client.force_login(administrator)
    response = client.get(reverse("organisation:project_excel", args=[project.pk]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 4
    months = workbook.worksheets[2]
    assert [c.value for c in months[2]] == ["2025-03", 6, 3000]


@pytest.mark.django_db
def test_administrator_sets_hourly_costs(client, administrator):
    HourlyCost.objects.create(role=Role.STAFF, amount=Decimal("300"))
    client.force_login(administrator)
    response = client.post(
        reverse("organisation:hourly_costs"), {Role.TEACHER: "512.50", Role.STAFF: ""}
    )
    assert response.status_code == 302
    assert selectors.hourly_costs() == {Role.TEACHER: Decimal("512.50")}


@pytest.mark.django_db
def test_only_administrators_set_hourly_costs(leader):
    from organisation.services import hourly_costs_set

    with pytest.raises(ValidationError):
        hourly_costs_set(amounts={Role.TEACHER: Decimal("1")}, by=leader)


@pytest.mark.django_db
def test_administrator_creates_a_project(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("organisation:project_create"),
        {
            "name": "Nytt projekt",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "budget": "1000",
            "co_financing": "2000",  # more than the budget: refused
        },
    )
    assert response.status_code == 200
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_api_lists_projects(client, project, teacher):
    client.force_login(teacher)
    response = client.get("/api/v1/projects/")
    assert response.status_code == 200
    assert response.json()["results"][0]["name"] == "Vux 2.0"


@pytest.mark.django_db
def test_project_report_shows_the_periods_hours(project, hours, school_a):
    period = ReportingPeriodFactory(year=2025, kind="annual")
    snapshot = build_snapshot(kind="project", period=period, school=None)
    [row] = snapshot["projects"]
    assert (row["hours"], row["value"], row["participants"]) == (8.0, 4000.0, 2)
    assert row["sessions"] == 2  # the cancelled one is not counted
    assert "Vux 2.0" in render_html(snapshot)
    workbook = load_workbook(io.BytesIO(render_excel(snapshot)))
    assert "Projekt" in workbook.sheetnames
    assert "projects" not in build_snapshot(kind="annual", period=period, school=None)


@pytest.mark.django_db
def test_project_report_is_for_the_whole_organisation(school_a):
    period = ReportingPeriodFactory(year=2025, kind="annual")
    with pytest.raises(ValidationError):
        report_request(kind="project", period=period, school=school_a, send=False)
    assert report_request(kind="project", period=period, school=None, send=False).pk


@pytest.mark.django_db
def test_demo_seeds_vux_2_0_with_its_groups_and_hourly_costs():
    from types import SimpleNamespace

    from organisation.demo import _seed_project

    groups = {
        area: WorkingGroupFactory(area=area) for area in ("teaching", "leadership", "systems")
    }
    demo = SimpleNamespace(accounts={}, working_groups=groups)
    _seed_project(demo)
    _seed_project(demo)  # seeding again changes nothing
    project = Project.objects.get()
    assert (project.starts_on, project.ends_on) == (date(2017, 12, 15), date(2022, 6, 30))
    assert project.budget == Decimal("23369929")
    assert project.funder == "Europeiska socialfonden (ESF)"
    assert project.working_groups.count() == 3
    assert HourlyCost.objects.count() == len(Role.values)
