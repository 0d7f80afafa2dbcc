"""Environmental scanning notes: writing, browsing, tags and the monthly digest."""

from datetime import date

import pytest
from django.urls import reverse

from organisation.models import ScanningNote

from .factories import ScanningNoteFactory

pytestmark = pytest.mark.django_db


def test_anyone_writes_a_note_and_is_its_author(login, teacher):
    response = login(teacher).post(
        reverse("organisation:scanning_create"),
        {
            "title": "AI i vuxenutbildningen",
            "source": "Skolverket",
            "link": "skolverket.se/ai",
            "summary": "Rapport om AI.",
            "plan_part": "2",
            "tags": "AI, Prov, ai ,",
            "noted_on": "2026-03-04",
        },
    )
    note = ScanningNote.objects.get()
    assert response["Location"] == note.get_absolute_url()
    assert note.author == teacher
    assert note.tags == "ai, prov"
    assert note.link == "https://skolverket.se/ai"


def test_note_needs_title_summary_and_part(login, teacher):
    response = login(teacher).post(reverse("organisation:scanning_create"), {"title": ""})
    assert response.status_code == 200
    assert response.content.decode().count("Det här fältet är obligatoriskt.") >= 3
    assert not ScanningNote.objects.exists()


def test_search_part_and_whole_tag_filters(login, teacher):
    ScanningNoteFactory(title="Prov digitalt", tags="prov, enheter", plan_part=4)
    ScanningNoteFactory(title="Provokation", tags="provokation", plan_part=1)
    ScanningNoteFactory(title="AI-stöd", tags="ai", plan_part=2, summary="Om prov med AI")
    client = login(teacher)
    url = reverse("organisation:scanning_list")
    by_tag = client.get(url, {"tag": "prov"}).content.decode()
    assert "Prov digitalt" in by_tag and "Provokation" not in by_tag
    by_part = client.get(url, {"plan_part": "4"}).content.decode()
    assert "Prov digitalt" in by_part and "AI-stöd" not in by_part
    search = client.get(url, {"q": "AI"}).content.decode()
    assert "AI-stöd" in search and "Provokation" not in search


def test_monthly_digest_groups_the_month_by_part(login, teacher):
    ScanningNoteFactory(title="Mars kompetens", plan_part=2, noted_on=date(2026, 3, 2))
    ScanningNoteFactory(title="Mars infrastruktur", plan_part=4, noted_on=date(2026, 3, 31))
    ScanningNoteFactory(title="April", plan_part=2, noted_on=date(2026, 4, 1))
    url = reverse("organisation:scanning_digest")
    content = login(teacher).get(url, {"month": "2026-03"}).content.decode()
    assert "Mars kompetens" in content and "Mars infrastruktur" in content
    assert "April" not in content.split("Andra månader")[0]
    assert content.index("Digital kompetens") < content.index("Mars kompetens")
    assert content.index("Mars kompetens") < content.index("Infrastruktur och digitala verktyg")
    assert "2 anteckningar den här månaden." in content
    assert "?month=2026-04" in content and "?month=2026-02" in content


def test_digest_with_a_broken_month_shows_this_month(login, teacher):
    response = login(teacher).get(reverse("organisation:scanning_digest"), {"month": "x-13"})
    assert response.status_code == 200


def test_only_the_author_or_an_administrator_edits(login, scanning_note, staff_member, teacher):
    url = reverse("organisation:scanning_update", args=[scanning_note.pk])
    assert login(staff_member).get(url).status_code == 404
    assert login(teacher).get(url).status_code == 200
