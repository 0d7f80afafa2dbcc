"""The training log: uploads checked by content, hours not negative, leaders confirm."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from competence.models import TrainingRecord
from competence.selectors import training_totals
from tests.factories import person
from vuxportal.roles import Role

from .conftest import PDF_BYTES
from .factories import RecordFactory


def _form(**extra):
    return {
        "date": "2026-03-10",
        "title": "Kurs i digital bedömning",
        "hours": "4",
        "kind": TrainingRecord.Kind.COURSE,
        "reflection": "Lärorikt",
        **extra,
    }


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_logging_an_outside_course_with_a_pdf_certificate(login, teacher, school_a):
    client = login(teacher)
    certificate = SimpleUploadedFile("intyg.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(reverse("competence:record_create"), _form(certificate=certificate))
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    assert record.person == teacher and record.school == school_a and record.certificate
    download = client.get(reverse("competence:record_certificate", args=[record.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES


@pytest.mark.django_db
def test_an_image_certificate_is_accepted(login, teacher):
    image = SimpleUploadedFile("intyg.png", _png(), content_type="image/png")
    response = login(teacher).post(reverse("competence:record_create"), _form(certificate=image))
    assert response.status_code == 302


@pytest.mark.django_db
def test_exe_renamed_pdf_is_refused(login, teacher):
    fake = SimpleUploadedFile("intyg.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    response = login(teacher).post(reverse("competence:record_create"), _form(certificate=fake))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Den här typen av fil kan inte laddas upp" in text
    assert "Kurs i digital bedömning" in text  # what the user typed is kept
    assert not TrainingRecord.objects.exists()


@pytest.mark.django_db
def test_20_mb_file_is_refused(login, teacher):
    big = SimpleUploadedFile("intyg.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024), "application/pdf")
    response = login(teacher).post(reverse("competence:record_create"), _form(certificate=big))
    assert response.status_code == 200
    assert "Filen är för stor (20,0\xa0MB). Gränsen är 10,0\xa0MB." in response.content.decode()
    assert not TrainingRecord.objects.exists()


@pytest.mark.django_db
def test_negative_hours_are_refused(login, teacher):
    response = login(teacher).post(reverse("competence:record_create"), _form(hours="-2"))
    assert response.status_code == 200
    assert "Antalet timmar kan inte vara negativt." in response.content.decode()
    assert not TrainingRecord.objects.exists()


@pytest.mark.django_db
def test_leader_sees_named_logs_of_her_school_and_confirms(
    login, leader, teacher, record_a, record_b
):
    client = login(leader)
    page = client.get(reverse("competence:staff_records")).content.decode()
    assert teacher.display_name in page and "Kurs A" in page
    assert "Kurs B" not in page
    response = client.post(reverse("competence:record_confirm", args=[record_a.pk]))
    assert response.status_code == 302
    record_a.refresh_from_db()
    assert record_a.confirmed_by == leader and record_a.is_confirmed
    # A confirmed entry is frozen for its owner.
    owner = login(teacher)
    assert owner.get(reverse("competence:record_update", args=[record_a.pk])).status_code == 404


@pytest.mark.django_db
def test_totals_per_person_school_and_year(school_a, school_b):
    a1 = person(Role.TEACHER, school_a, email="a1@a.test")
    a2 = person(Role.TEACHER, school_a, email="a2@a.test")
    b1 = person(Role.TEACHER, school_b, email="b1@b.test")
    RecordFactory(person=a1, school=school_a, hours=2, date="2025-05-01")
    RecordFactory(person=a1, school=school_a, hours=3, date="2026-02-01")
    RecordFactory(person=a2, school=school_a, hours=1.5, date="2026-02-01")
    RecordFactory(person=b1, school=school_b, hours=4, date="2026-02-01")
    totals = training_totals(TrainingRecord.objects.all())
    per_person = {r["person__email"]: r["hours"] for r in totals["per_person"]}
    assert per_person == {"a1@a.test": 5, "a2@a.test": 1.5, "b1@b.test": 4}
    per_school = {r["school__name"]: (r["hours"], r["people"]) for r in totals["per_school"]}
    assert per_school == {"Vux Skola A": (6.5, 2), "Vux Skola B": (4, 1)}
    assert [(r["year"], r["hours"]) for r in totals["per_year"]] == [(2026, 8.5), (2025, 2)]


@pytest.mark.django_db
def test_confirming_returns_only_to_this_site(login, leader, record_a):
    url = reverse("competence:record_confirm", args=[record_a.pk])
    client = login(leader)
    back = reverse("competence:staff_records") + "?year=2026"
    assert client.post(url, {"next": back})["Location"] == back
    response = client.post(url, {"next": "//elsewhere.example/phish"})
    assert response["Location"] == record_a.get_absolute_url()
