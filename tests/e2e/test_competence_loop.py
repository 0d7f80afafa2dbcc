"""Issue 16's whole loop in one journey: a teacher self-assesses, picks a focus, enrols in
the recommended session, attends it (her rektor marks attendance), downloads the
certificate from her training log and assesses again; the rektor sees the need shrink.
axe checks every page."""

import pytest

from competence.models import Competence, Rating, SelfAssessment
from tests.competence.factories import ActivityFactory, framework_with, open_period
from tests.factories import PASSWORD, SchoolFactory, person
from vuxportal.roles import Role


@pytest.fixture
def loop(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    framework = framework_with("digcompedu")
    framework.name = "DigCompEdu"
    framework.target_level = 3
    framework.audience_roles = [Role.TEACHER]
    framework.save()
    period = open_period()
    competences = list(Competence.objects.filter(area__framework=framework).order_by("pk"))
    rektor = person(Role.SCHOOL_LEADER, school, email="rektor@vux.example")
    teacher = person(Role.TEACHER, school, email="larare@vux.example", first_name="Lars")
    colleagues = [person(Role.TEACHER, school) for _ in range(4)]
    # Everyone is below the target on the first competence: a need of 100 %.
    for someone in [teacher, *colleagues]:
        assessment = SelfAssessment.objects.create(
            person=someone, framework=framework, period=period, school=school
        )
        Rating.objects.bulk_create(
            Rating(assessment=assessment, competence=c, level=1 if j == 0 else 4)
            for j, c in enumerate(competences)
        )
    session = ActivityFactory(
        title="Digitala prov i praktiken", capacity=12, organiser=rektor, school=school
    )
    session.competences.add(competences[0])
    return {"framework": framework, "first": competences[0], "session": session}


def _share_below(page, competence) -> float:
    row = page.locator("tbody tr", has_text=competence.name)
    return float(row.locator("td").nth(2).inner_text().split()[0].replace(",", "."))


def test_from_a_gap_to_training_and_back(portal, loop):
    page = portal.page
    first = loop["first"]

    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/kompetens/behov/")
    before = _share_below(page, first)
    assert before == 100
    portal.logout()

    # The teacher picks the suggested focus and enrols in the recommended session.
    portal.login("larare@vux.example", PASSWORD)
    portal.goto("/kompetens/sjalvskattning/")
    page.get_by_role("link", name="Välj dina fokuskompetenser i din utvecklingsplan").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    page.get_by_role("button", name="Spara planen").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    page.get_by_role("link", name="Digitala prov i praktiken").first.click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    page.get_by_role("button", name="Anmäl mig").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    portal.logout()

    # The organiser marks her attended.
    portal.login("rektor@vux.example", PASSWORD)
    portal.goto(f"/kompetens/utbildningar/{loop['session'].pk}/narvaro/")
    portal.check()
    page.get_by_label("Lars", exact=False).check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    portal.logout()

    # She downloads the certificate from her training log and assesses again.
    portal.login("larare@vux.example", PASSWORD)
    portal.goto("/kompetens/logg/")
    portal.check()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned intyg om deltagande", exact=False).first.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    portal.goto(f"/kompetens/sjalvskattning/{loop['framework'].pk}/")
    portal.check()
    page.locator(f"[name=c{first.pk}][value='3']").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    portal.logout()

    # The need has shrunk: one of the five is at the target now.
    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/kompetens/behov/")
    assert _share_below(page, first) == 80
