"""Journeys of digital competence: the teacher self-assesses, enrols, is marked attending,
evaluates, logs an outside course and shares an example; the rektor sees her school's
heatmap and the teacher's log; the administrator keeps the frameworks."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from competence import demo as competence_demo
from competence.models import (
    ActivityEvaluation,
    Competence,
    Enrolment,
    Framework,
    PracticeExample,
    Rating,
    SelfAssessment,
    TrainingActivity,
    TrainingRecord,
)
from goals.models import Indicator
from tests.competence.factories import open_period
from tests.factories import PASSWORD, GoalFactory, SchoolFactory, person
from vuxportal.roles import Role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def sodermalm(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    people = {
        "admin": person(Role.ADMINISTRATOR, None, email="admin@vux.example"),
        "rektor": person(
            Role.SCHOOL_LEADER, school, email="rektor@vux.example", first_name="Rebecka"
        ),
        "larare": person(
            Role.TEACHER, school, email="larare@vux.example", first_name="Lars", last_name="Lind"
        ),
    }
    frameworks = competence_demo._frameworks()
    period = open_period()
    # Four colleagues have already self-assessed: with the teacher the group reaches five.
    digcompedu = frameworks["digcompedu"]
    competences = list(Competence.objects.filter(area__framework=digcompedu))
    for i in range(4):
        colleague = person(Role.TEACHER, school, email=f"kollega{i}@vux.example")
        assessment = SelfAssessment.objects.create(
            person=colleague, framework=digcompedu, period=period, school=school
        )
        Rating.objects.bulk_create(
            Rating(assessment=assessment, competence=c, level=2 + i % 3) for c in competences
        )
    goal = GoalFactory(number=3, title="Lärare har kompetens att välja digitala verktyg")
    indicator = Indicator.objects.create(
        goal=goal,
        name="Andel lärare med minst tio timmar",
        unit=Indicator.Unit.PERCENT,
        kind=Indicator.Kind.AUTOMATIC,
        metric_key="competence.teachers_training_hours",
    )
    return {"school": school, "period": period, "indicator": indicator, **people}


def field(page, label):
    """The form field labelled ``label`` (required fields add an asterisk to the label)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _submit(portal, name="Spara"):
    portal.page.locator("main form").get_by_role("button", name=name).first.click()
    portal.page.wait_for_load_state("domcontentloaded")
    portal.check()


def _click(portal, name, role="link"):
    portal.page.locator("main").get_by_role(role, name=name).first.click()
    portal.page.wait_for_load_state("domcontentloaded")
    portal.check()


def test_teacher_and_rektor_journey(portal, sodermalm, settings, tmp_path):
    settings.TRAINING_HOURS_TARGET = 5
    page = portal.page
    indicator = sodermalm["indicator"]
    year = timezone.localdate().year
    measure = lambda: indicator.metric.compute(  # noqa: E731
        school=sodermalm["school"], start=date(year, 1, 1), end=date(year, 12, 31)
    )
    before = measure()

    # The rektor creates a Vux 2.0 session.
    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/kompetens/utbildningar/")
    _click(portal, "Nytt tillfälle")
    start = timezone.localtime() + timedelta(days=7)
    field(page, "Titel").fill("Vux 2.0: Digital bedömning")
    field(page, "Form").select_option("workshop")
    field(page, "Serie").fill("Vux 2.0")
    field(page, "Börjar").fill(start.strftime("%Y-%m-%dT13:00"))
    field(page, "Slutar").fill(start.strftime("%Y-%m-%dT16:00"))
    field(page, "Timmar").fill("6")
    field(page, "Plats").fill("Aulan")
    field(page, "Antal platser").fill("20")
    page.get_by_role("checkbox", name="Lärare", exact=True).check()
    _submit(portal)
    assert "Vux 2.0: Digital bedömning" in page.locator("h1").inner_text()
    activity = TrainingActivity.objects.get()
    portal.logout()

    # The teacher self-assesses on DigCompEdu.
    portal.login("larare@vux.example", PASSWORD)
    portal.goto("/kompetens/sjalvskattning/")
    _click(portal, "Läs om ramverken")
    _click(portal, "DigCompEdu")
    portal.goto("/kompetens/sjalvskattning/")
    _click(portal, "Börja DigCompEdu")
    _submit(portal)  # nothing chosen: every competence asks for a level
    assert page.locator(".invalid-feedback").first.is_visible()
    for radio in page.locator("input[type=radio][value='3']").all():
        radio.check()
    field(page, "Reflektion").fill("Jag vill bli bättre på digital bedömning.")
    _submit(portal)
    assert "Din självskattning har sparats." in page.locator("main").inner_text()
    assert page.locator("main img").count() == 1  # my profile chart
    assert SelfAssessment.objects.filter(person=sodermalm["larare"]).count() == 1

    # ... enrols in the session (the confirmation email carries the .ics) ...
    portal.goto("/kompetens/utbildningar/")
    _click(portal, "Vux 2.0: Digital bedömning")
    _click(portal, "Anmäl mig", role="button")
    assert "Du är anmäld." in page.locator("main").inner_text()
    assert Enrolment.objects.get().status == Enrolment.Status.ENROLLED
    portal.goto("/")
    assert "Vux 2.0: Digital bedömning" in page.locator("main").inner_text()
    portal.logout()

    # The session takes place; the rektor, its organiser, marks attendance for everyone.
    activity.starts_at -= timedelta(days=8)
    activity.ends_at -= timedelta(days=8)
    activity.save()
    portal.login("rektor@vux.example", PASSWORD)
    portal.goto(activity.get_absolute_url())
    _click(portal, "Registrera närvaro")
    page.get_by_role("button", name="Markera alla").click()
    _submit(portal, "Spara närvaro")
    assert "1 deltog" in page.locator("main").inner_text()
    assert TrainingRecord.objects.filter(activity=activity).count() == 1
    portal.logout()

    # The teacher evaluates the session, logs an outside course with a certificate and
    # shares a practice example.
    portal.login("larare@vux.example", PASSWORD)
    portal.goto(activity.get_absolute_url())
    _click(portal, "Utvärdera tillfället")
    page.locator("input[name=overall][value='5']").check()
    page.locator("input[name=relevance][value='4']").check()
    page.locator("input[name=will_use][value='3']").check()
    field(page, "Fritext").fill("Mycket användbart.")
    _submit(portal)
    assert "Tack för din utvärdering." in page.locator("main").inner_text()
    assert ActivityEvaluation.objects.count() == 1

    portal.goto("/kompetens/logg/")
    assert "Vux 2.0: Digital bedömning" in page.locator("main").inner_text()
    _click(portal, "Logga utbildning")
    field(page, "Titel").fill("Kurs: Digitala verktyg i sfi")
    field(page, "Timmar").fill("-3")
    field(page, "Typ").select_option("course")
    _submit(portal)
    assert "Antalet timmar kan inte vara negativt." in page.locator("main").inner_text()
    field(page, "Timmar").fill("6")
    certificate = tmp_path / "intyg.pdf"
    certificate.write_bytes(PDF)
    field(page, "Intyg").set_input_files(str(certificate))
    _submit(portal)
    assert "Sparat i din utbildningslogg." in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Ladda ned intyget").is_visible()
    _click(portal, "Redigera")
    field(page, "Reflektion").fill("Gav mig idéer till nästa kursstart.")
    _submit(portal)

    portal.goto("/kompetens/exempel/")
    _click(portal, "Dela ett exempel")
    field(page, "Titel").fill("Ljudfiler som stöd i sfi-läsningen")
    field(page, "Sammanfattning").fill("Eleverna spelar in sin läsning.")
    field(page, "Beskrivning").fill("Så gjorde vi, steg för steg.")
    field(page, "Ämne eller kurs").fill("Svenska för invandrare")
    field(page, "Verktyg som används").fill("Lärplattformen")
    _submit(portal)
    assert "Exemplet har sparats." in page.locator("main").inner_text()
    _click(portal, "Redigera")
    _submit(portal)
    portal.goto("/kompetens/exempel/?q=ljudfiler")
    assert "Ljudfiler som stöd" in page.locator("main table").inner_text()
    assert PracticeExample.objects.get().author == sodermalm["larare"]
    portal.logout()

    # The rektor sees her school's heatmap and the teacher's named log, and confirms it.
    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/kompetens/oversikt/")
    text = page.locator("main").inner_text()
    assert "Värmekarta per område" in text and "5 personer har svarat." in text
    assert page.locator("table.heatmap td", has_text="%").count() > 0
    portal.goto("/kompetens/logg/personal/")
    text = page.locator("main").inner_text()
    assert "Lars Lind" in text and "Kurs: Digitala verktyg i sfi" in text
    page.get_by_role("button", name="Bekräfta Kurs: Digitala verktyg i sfi").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert TrainingRecord.objects.filter(confirmed_by=sodermalm["rektor"]).count() == 1
    _click(portal, "Kurs: Digitala verktyg i sfi")
    portal.goto("/kompetens/utbildningar/utvardering/")
    assert "För få svar för att visas" in page.locator("main").inner_text()
    portal.goto(activity.get_absolute_url())
    _click(portal, "Redigera")
    portal.goto("/")

    # The goal indicator built on the training-hours metric shows the new value.
    after = measure()
    assert before == Decimal("0.00") and after == Decimal("20.00")  # 1 of 5 teachers


def test_administrator_keeps_frameworks_and_sees_all_schools(portal, sodermalm):
    page = portal.page
    portal.login("admin@vux.example", PASSWORD)
    portal.goto("/kompetens/ramverk/")
    _click(portal, "Nytt ramverk")
    field(page, "Namn").fill("Digitalt ledarskap för arbetslag")
    field(page, "Kod").fill("arbetslag")
    _submit(portal)
    framework = Framework.objects.get(code="arbetslag")
    assert page.locator("h1").inner_text() == "Digitalt ledarskap för arbetslag"
    _click(portal, "Redigera")
    field(page, "Beskrivning").fill("För arbetslagsledare.")
    _submit(portal)
    framework.refresh_from_db()
    assert framework.description == "För arbetslagsledare."
    digcompedu = Framework.objects.get(code="digcompedu")
    portal.goto(digcompedu.get_absolute_url())
    _click(portal, "Redigera kompetenser")
    page.locator("input[name='competences-0-name']").fill("Kommunikation i organisationen")
    _submit(portal)
    assert "Kommunikation i organisationen" in page.locator("main").inner_text()
    portal.goto("/kompetens/oversikt/")
    text = page.locator("main").inner_text()
    assert "Endast 4 personer har svarat. Gruppen är för liten" in text
    assert "Värmekarta" not in text
    # A fifth answer makes the group large enough.
    digcompedu = Framework.objects.get(code="digcompedu")
    assessment = SelfAssessment.objects.create(
        person=sodermalm["larare"],
        framework=digcompedu,
        period=sodermalm["period"],
        school=sodermalm["school"],
    )
    Rating.objects.bulk_create(
        Rating(assessment=assessment, competence=c, level=4)
        for c in Competence.objects.filter(area__framework=digcompedu)
    )
    portal.goto("/kompetens/oversikt/")
    text = page.locator("main").inner_text()
    assert "alla skolor" in text and "Medelnivå per skola och område" in text
    portal.goto("/")
    assert "Personalens kompetensutveckling, alla skolor" in page.locator("main").inner_text()


def test_bad_uploads_are_refused_in_swedish(portal, sodermalm, tmp_path):
    page = portal.page
    portal.login("larare@vux.example", PASSWORD)
    portal.goto("/kompetens/logg/ny/")
    field(page, "Titel").fill("Konferens")
    field(page, "Timmar").fill("2")
    field(page, "Typ").select_option("conference")
    fake = tmp_path / "intyg.pdf"
    fake.write_bytes(b"MZ\x90\x00" + bytes(500))
    field(page, "Intyg").set_input_files(str(fake))
    _submit(portal)
    assert "Den här typen av fil kan inte laddas upp" in page.locator("main").inner_text()
    big = tmp_path / "stor.pdf"
    with big.open("wb") as handle:
        handle.write(PDF)
        handle.write(io.BytesIO(bytes(20 * 1024 * 1024)).getvalue())
    field(page, "Intyg").set_input_files(str(big))
    _submit(portal)
    assert "Filen är för stor" in page.locator("main").inner_text()
    assert field(page, "Titel").input_value() == "Konferens"
    assert not TrainingRecord.objects.exists()
