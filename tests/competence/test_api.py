"""The API uses the same FilterSets, scoping and rules as the pages."""

import pytest
from django.urls import reverse

from competence.models import TrainingRecord

from .factories import ExampleFactory


@pytest.mark.django_db
def test_api_refuses_negative_hours(login, teacher):
    response = login(teacher).post(
        reverse("training-record-list"),
        {"date": "2026-02-02", "title": "Kurs", "hours": "-1", "kind": "course"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "hours" in response.json()["errors"]
    assert not TrainingRecord.objects.exists()


@pytest.mark.django_db
def test_api_filters_examples_with_the_page_filterset(login, teacher):
    ExampleFactory(author=teacher, title="Exit tickets", tools="Forms")
    ExampleFactory(author=teacher, title="Ljudfiler", tools="Röstmemo")
    client = login(teacher)
    titles = [
        r["title"]
        for r in client.get(reverse("practice-example-list"), {"tool": "forms"}).json()["results"]
    ]
    assert titles == ["Exit tickets"]


@pytest.mark.django_db
def test_leader_reads_her_staffs_log_through_the_api(login, leader, record_a, record_b):
    titles = {
        r["title"] for r in login(leader).get(reverse("training-record-list")).json()["results"]
    }
    assert titles == {"Kurs A"}
