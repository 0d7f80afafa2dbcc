"""Journey: an administrator sets the hourly costs, creates a project and reads the
co-financing value of its participants' hours; a teacher sees the counts but no names."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from competence.models import Enrolment
from organisation.models import Project
from tests.competence.factories import ActivityFactory, EnrolmentFactory
from tests.factories import PASSWORD, SchoolFactory, person
from vuxportal.roles import Role


@pytest.fixture
def people(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    admin = person(
        Role.ADMINISTRATOR, None, email="admin@vux.example", first_name="Anna", last_name="Ek"
    )
    teacher = person(
        Role.TEACHER, school, email="larare@vux.example", first_name="Lars", last_name="Lind"
    )
    colleague = person(
        Role.TEACHER, school, email="kollega@vux.example", first_name="Kim", last_name="Kvist"
    )
    project = Project.objects.create(
        name="Vux 2.0",
        funder="Europeiska socialfonden (ESF)",
        starts_on=date(2017, 12, 15),
        ends_on=date(2030, 6, 30),
        budget=Decimal("23369929"),
    )
    session = ActivityFactory(
        project=project,
        title="Digitala verktyg i undervisningen",
        organiser=admin,
        starts_at=timezone.now() - timedelta(days=3),
        hours=Decimal("3"),
    )
    EnrolmentFactory(activity=session, person=colleague, attendance=Enrolment.Attendance.ATTENDED)
    return {"admin": admin, "teacher": teacher, "colleague": colleague, "project": project}


def submit(portal):
    with portal.page.expect_navigation():
        portal.page.locator("main form.portal-form button[type=submit]").first.click()
    portal.check()


def test_projects_hours_and_co_financing(portal, people):
    page = portal.page
    portal.login("admin@vux.example", PASSWORD)
    portal.open_menu("organisation")
    page.get_by_role("link", name="Projekt", exact=True).click()
    portal.check()
    page.get_by_role("link", name="Timkostnader").click()
    portal.check()
    page.locator(f"input[name={Role.TEACHER}]").fill("500")
    submit(portal)
    assert "Timkostnaderna är sparade." in page.content()

    portal.goto("/organisation/projekt/ny/")
    page.locator("input[name=name]").fill("Digitalt lärande")
    page.locator("input[name=starts_on]").fill("2026-01-01")
    page.locator("input[name=ends_on]").fill("2026-12-31")
    page.locator("input[name=budget]").fill("100000")
    submit(portal)
    page.get_by_role("link", name="Ändra projekt").click()
    portal.check()
    page.locator("input[name=number]").fill("2026/42")
    submit(portal)
    assert Project.objects.get(name="Digitalt lärande").number == "2026/42"

    portal.goto(people["project"].get_absolute_url())
    main = page.locator("main")
    assert "Digitala verktyg i undervisningen" in main.inner_text()
    assert "Kim Kvist" in main.inner_text()  # administrators see the participants
    assert "1\xa0500" in main.inner_text()  # 3 h × 500 kr, grouped as Swedish does

    portal.logout()
    portal.login("larare@vux.example", PASSWORD)
    portal.goto(people["project"].get_absolute_url())
    text = page.locator("main").inner_text()
    assert "Kim Kvist" not in text  # a teacher sees counts, not names
    assert "1 deltagare" in text
