"""A session's life in the browser: an organiser cancels a session (everyone enrolled gets a
calendar cancellation) and a teacher downloads a certificate of attendance from the log."""

import re
import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from competence import services
from competence.models import TrainingActivity
from tests.competence.factories import ActivityFactory, EnrolmentFactory
from tests.factories import PASSWORD, SchoolFactory, person
from vuxportal.roles import Role


@pytest.fixture
def kista(transactional_db):
    school = SchoolFactory(code="kista", name="Vux Kista")
    organiser = person(
        Role.TEACHER, school, email="lars@vux.example", first_name="Lars", last_name="Lind"
    )
    colleague = person(Role.TEACHER, school, email="maja@vux.example", first_name="Maja")
    starts = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    upcoming = ActivityFactory(
        organiser=organiser,
        school=school,
        title="Podd i undervisningen",
        starts_at=starts + timedelta(days=5),
        ends_at=starts + timedelta(days=5, hours=2),
        place="Rum 12",
    )
    EnrolmentFactory(activity=upcoming, person=colleague)
    # A past session the organiser himself attended (someone else organised it).
    past = ActivityFactory(
        organiser=colleague,
        school=school,
        title="Vux 2.0: Digital bedömning",
        starts_at=starts - timedelta(days=10),
        ends_at=starts - timedelta(days=10) + timedelta(hours=3),
    )
    attended = EnrolmentFactory(activity=past, person=organiser)
    services.attendance_mark(activity=past, attended_ids={attended.pk})
    return {"organiser": organiser, "colleague": colleague, "upcoming": upcoming, "past": past}


def test_organiser_cancels_and_downloads_a_certificate(portal, kista, tmp_path, settings):
    page = portal.page
    portal.login("lars@vux.example", PASSWORD)

    # The organiser cancels the upcoming session, after a confirmation on its own page
    # that says whom it reaches (one enrolled).
    portal.goto(kista["upcoming"].get_absolute_url())
    page.locator("main").get_by_role("button", name="Ställ in utbildningstillfället").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert page.locator("[data-enrolled]").get_attribute("data-enrolled") == "1"
    assert TrainingActivity.objects.get(pk=kista["upcoming"].pk).cancelled_at is None
    page.locator("main").get_by_role("button", name="Ställ in utbildningstillfället").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    main = page.locator("main").inner_text()
    assert "Utbildningstillfället har ställts in." in main
    assert "Inställt" in main
    assert page.locator("main").get_by_role("button", name="Anmäl mig").count() == 0
    assert TrainingActivity.objects.get(pk=kista["upcoming"].pk).cancelled_at is not None
    (message,) = [m for m in mail.outbox if m.to == ["maja@vux.example"]]
    calendar = Calendar.from_ical(message.attachments[0][1])
    assert str(calendar["METHOD"]) == "CANCEL"

    # From his training log he downloads the certificate of the session he attended.
    portal.goto("/kompetens/logg/")
    link = page.locator("main").get_by_role(
        "link", name=re.compile("Ladda ned intyg om deltagande för Vux 2.0")
    )
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "intyg.pdf"
    download.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Intyg om deltagande" in text
    assert "Lars Lind" in text
    assert "Vux 2.0: Digital bedömning" in text
    assert settings.ORGANISATION_NAME in text
