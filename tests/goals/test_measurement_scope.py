"""Issue 14, reproduction 1: who may write a value for which school is the service's rule
(``measurement_record``), so the page, the API (with or without a ``school`` key) and the
bulk write refuse the same things with the same words."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from goals import services
from goals.models import Measurement

pytestmark = pytest.mark.django_db

JSON = {"content_type": "application/json"}
ORG_WIDE = "Endast administratörer rapporterar för hela organisationen."


def test_leader_without_a_school_key_does_not_write_the_organisation_row(
    login, leader, indicator, period
):
    response = login(leader).post(
        reverse("measurement-list"),
        {"indicator": indicator.pk, "period": period.pk, "value": "50"},
        **JSON,
    )
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"] == {"school": [ORG_WIDE]}
    assert not Measurement.objects.exists()


def test_administrator_without_a_school_key_writes_the_organisation_row(
    login, administrator, indicator, period
):
    response = login(administrator).post(
        reverse("measurement-list"),
        {"indicator": indicator.pk, "period": period.pk, "value": "50"},
        **JSON,
    )
    assert response.status_code == 201, response.json()
    assert Measurement.objects.get().school is None


def test_service_refuses_the_organisation_and_other_schools_to_a_leader(
    leader, indicator, period, school_a, school_b
):
    with pytest.raises(ValidationError) as error:
        services.measurement_record(
            indicator=indicator, period=period, school=None, value=1, user=leader
        )
    assert error.value.message_dict == {"school": [ORG_WIDE]}
    with pytest.raises(ValidationError) as error:
        services.measurement_record(
            indicator=indicator, period=period, school=school_b, value=1, user=leader
        )
    # Another school's answer is the answer for a school that does not exist.
    assert error.value.message_dict == {"school": ["Okänd skola."]}
    assert not Measurement.objects.exists()
    stored = services.measurement_record(
        indicator=indicator, period=period, school=school_a, value=1, user=leader
    )
    assert stored.school == school_a and stored.recorded_by == leader


def test_service_refuses_people_who_do_not_report(teacher, indicator, period, school_a):
    with pytest.raises(ValidationError) as error:
        services.measurement_record(
            indicator=indicator, period=period, school=school_a, value=1, user=teacher
        )
    assert error.value.message_dict == {"school": ["Okänd skola."]}


def test_report_page_goes_through_the_same_rule(leader, indicator, period, school_b):
    with pytest.raises(ValidationError):
        services.report_save(
            period=period,
            school=school_b,
            user=leader,
            measurements=[services.MeasurementInput(indicator=indicator, value=1)],
            assessments=[],
        )
    assert not Measurement.objects.exists()


def test_bulk_uses_the_same_words(login, leader, indicator, period, school_b):
    row = {"indicator": indicator.pk, "period": period.pk, "value": "1"}
    response = login(leader).post(
        reverse("measurement-bulk"), [row, {**row, "school": school_b.pk}], **JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "0": {"school": [ORG_WIDE]},
        "1": {"school": ["Okänd skola."]},
    }
