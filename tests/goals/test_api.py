import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_measurements_are_scoped_and_filtered(
    login, leader, school_a_measurement, school_b_measurement, period, school_a
):
    client = login(leader)
    data = client.get(reverse("measurement-list")).json()
    ids = {row["id"] for row in data["results"]}
    assert ids == {school_a_measurement.pk}
    data = client.get(reverse("measurement-list"), {"school": school_a.pk}).json()
    assert data["count"] == 1 and data["results"][0]["value"] == "50.00"


def test_indicator_api_lists_targets(login, teacher, indicator):
    row = login(teacher).get(reverse("indicator-detail", args=[indicator.pk])).json()
    assert row["targets"] == {"2026": "80.00"}


def test_api_is_read_only(login, administrator, goal):
    response = login(administrator).post(
        reverse("goal-list"), {"number": 5}, content_type="application/json"
    )
    assert response.status_code == 405


def test_overdue_filter(login, teacher, action, overdue_action):
    data = login(teacher).get(reverse("action-list"), {"overdue": "true"}).json()
    assert [row["id"] for row in data["results"]] == [overdue_action.pk]
