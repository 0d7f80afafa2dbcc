"""The API uses the same FilterSets, scoping and rules as the pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

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
def test_a_service_refusal_is_a_400_in_the_shared_format(login, teacher, leader, record_a):
    # The serializer accepts the change; the service refuses it (a confirmed entry is
    # frozen), and the API's exception handler, not the viewset, answers.
    record_a.confirmed_by = leader
    record_a.confirmed_at = timezone.now()
    record_a.save()
    response = login(teacher).patch(
        reverse("training-record-detail", args=[record_a.pk]),
        {"title": "Ändrad"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    # Swedish: the portal's default language.
    assert body["errors"] == {"non_field_errors": ["En bekräftad post kan inte längre ändras."]}
    record_a.refresh_from_db()
    assert record_a.title == "Kurs A"


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
