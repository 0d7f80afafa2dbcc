"""Journey of issue 16: a teacher who has self-assessed makes a development plan from the
suggested focus and finds a recommended session; her rektor sees the school's needs (an
uncovered one stands out), her plan among the staff's, and comments on it. axe checks
every page."""

import pytest

from competence.models import Competence, PlanComment, Rating, SelfAssessment
from tests.competence.factories import ActivityFactory, framework_with, open_period
from tests.factories import PASSWORD, SchoolFactory, person
from vuxportal.roles import Role


@pytest.fixture
def school(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    framework = framework_with("digcompedu")
    framework.name = "DigCompEdu"
    framework.target_level = 3
    framework.audience_roles = [Role.TEACHER]
    framework.save()
    period = open_period()
    competences = list(Competence.objects.filter(area__framework=framework))
    people = {
        "rektor": person(Role.SCHOOL_LEADER, school, email="rektor@vux.example"),
        "larare": person(Role.TEACHER, school, email="larare@vux.example", first_name="Lars"),
    }
    colleagues = [person(Role.TEACHER, school) for _ in range(4)]
    for i, someone in enumerate([people["larare"], *colleagues]):
        assessment = SelfAssessment.objects.create(
            person=someone, framework=framework, period=period, school=school
        )
        # The teacher's lowest rating is the first competence.
        Rating.objects.bulk_create(
            Rating(assessment=assessment, competence=c, level=1 if j == 0 else 2 + i % 3)
            for j, c in enumerate(competences)
        )
    session = ActivityFactory(title="Digitala prov i praktiken", capacity=12)
    session.competences.add(competences[0])
    return people


def test_teacher_plans_and_rektor_comments(portal, school):
    page = portal.page
    portal.login("larare@vux.example", PASSWORD)
    portal.goto("/kompetens/sjalvskattning/")
    page.get_by_role("link", name="Välj dina fokuskompetenser i din utvecklingsplan").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    # The lowest rating is suggested: ticked already.
    assert page.get_by_label("DigCompEdu: 1.1 Kompetens 1.1").is_checked()
    page.get_by_label("Anteckning").fill("Jag vill bli säkrare på digitala prov.")
    page.get_by_role("button", name="Spara planen").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert page.get_by_text("Din utvecklingsplan har sparats.").is_visible()
    assert page.get_by_role("link", name="Digitala prov i praktiken").is_visible()
    page.get_by_role("link", name="Planens sida").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    portal.logout()

    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/kompetens/behov/")
    assert page.locator("tr.need-uncovered").count() == 3
    assert page.get_by_text("Inget planerat tillfälle").first.is_visible()
    portal.goto("/kompetens/planer/")
    page.get_by_role("link", name="Lars").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    page.get_by_role("textbox", name="Kommentar").fill(
        "Bra val, vi tar upp det på utvecklingssamtalet."
    )
    page.get_by_role("button", name="Skicka kommentar").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert PlanComment.objects.get().author.email == "rektor@vux.example"
