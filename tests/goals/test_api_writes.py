"""Writing measurements through the API: one at a time (``measurement_record``) and in
bulk (``measurements_bulk_record``), with the pages' rules and scoping."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.models import Measurement
from tests.factories import IndicatorFactory, SchoolFactory

from .factories import MeasurementFactory

pytestmark = pytest.mark.django_db

JSON = {"content_type": "application/json"}


def _post(client, url, data):
    return client.post(url, data, **JSON)


def _row(indicator, period, school, value="40", comment=""):
    return {
        "indicator": indicator.pk,
        "period": period.pk,
        "school": school.pk if school else None,
        "value": value,
        "comment": comment,
    }


# --- One value ---------------------------------------------------------------------------------


def test_leader_records_a_value_for_her_school(login, leader, indicator, period, school_a):
    response = _post(
        login(leader), reverse("measurement-list"), _row(indicator, period, school_a, "72.5")
    )
    assert response.status_code == 201, response.json()
    stored = Measurement.objects.get(indicator=indicator, period=period, school=school_a)
    assert response.json()["id"] == stored.pk
    assert str(stored.value) == "72.50" and stored.recorded_by == leader
    assert stored.source == Measurement.Source.MANUAL


def test_posting_again_replaces_the_value(login, leader, indicator, period, school_a):
    client = login(leader)
    _post(client, reverse("measurement-list"), _row(indicator, period, school_a, "10"))
    response = _post(client, reverse("measurement-list"), _row(indicator, period, school_a, "20"))
    assert response.status_code == 201
    assert Measurement.objects.filter(indicator=indicator, period=period).count() == 1
    assert response.json()["value"] == "20.00"


def test_leader_cannot_record_for_another_school(login, leader, indicator, period, school_b):
    client = login(leader)
    response = _post(client, reverse("measurement-list"), _row(indicator, period, school_b))
    missing = _post(
        client, reverse("measurement-list"), {**_row(indicator, period, school_b), "school": 999999}
    )
    # Another school's id is refused exactly like an id that does not exist.
    assert response.status_code == missing.status_code == 400
    assert response.json()["errors"]["school"] == [
        missing.json()["errors"]["school"][0].replace("999999", str(school_b.pk))
    ]
    assert not Measurement.objects.exists()


def test_only_administrators_record_for_the_organisation(
    login, leader, administrator, indicator, period
):
    response = _post(login(leader), reverse("measurement-list"), _row(indicator, period, None))
    assert response.status_code == 400
    assert "school" in response.json()["errors"]
    response = _post(
        login(administrator), reverse("measurement-list"), _row(indicator, period, None)
    )
    assert response.status_code == 201
    assert Measurement.objects.get().school is None


def test_teachers_may_not_write(login, teacher, indicator, period, school_a):
    response = _post(login(teacher), reverse("measurement-list"), _row(indicator, period, school_a))
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_closed_period_is_refused_in_swedish(login, leader, indicator, closed_period, school_a):
    response = _post(
        login(leader), reverse("measurement-list"), _row(indicator, closed_period, school_a)
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    assert "är stängd" in body["errors"]["non_field_errors"][0]
    assert not Measurement.objects.exists()


def test_percent_must_be_0_to_100(login, leader, indicator, period, school_a):
    response = _post(
        login(leader), reverse("measurement-list"), _row(indicator, period, school_a, "101")
    )
    assert response.status_code == 400
    assert response.json()["errors"]["value"] == ["En procentsats måste vara mellan 0 och 100."]


def test_automatic_indicator_is_refused(login, administrator, auto_indicator, period, school_a):
    response = _post(
        login(administrator), reverse("measurement-list"), _row(auto_indicator, period, None, "3")
    )
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == [
        "En automatisk indikator beräknas från aktuella data."
    ]


def test_patch_changes_value_and_comment(login, leader, school_a_measurement):
    url = reverse("measurement-detail", args=[school_a_measurement.pk])
    response = login(leader).patch(url, {"value": "75", "comment": "Rättad."}, **JSON)
    assert response.status_code == 200, response.json()
    school_a_measurement.refresh_from_db()
    assert str(school_a_measurement.value) == "75.00"
    assert school_a_measurement.comment == "Rättad."
    assert response.json()["value"] == "75.00"


def test_patch_cannot_move_a_value_elsewhere(login, leader, school_a_measurement, school_b):
    url = reverse("measurement-detail", args=[school_a_measurement.pk])
    login(leader).patch(url, {"school": school_b.pk}, **JSON)
    school_a_measurement.refresh_from_db()
    assert school_a_measurement.school != school_b


def test_patch_of_another_schools_value_is_404(login, leader, school_b_measurement):
    url = reverse("measurement-detail", args=[school_b_measurement.pk])
    assert login(leader).patch(url, {"value": "1"}, **JSON).status_code == 404


def test_patch_in_closed_period_is_refused(login, administrator, indicator, closed_period):
    row = MeasurementFactory(indicator=indicator, period=closed_period, school=None)
    url = reverse("measurement-detail", args=[row.pk])
    response = login(administrator).patch(url, {"value": "1"}, **JSON)
    assert response.status_code == 400
    row.refresh_from_db()
    assert str(row.value) == "50.00"


# --- Bulk --------------------------------------------------------------------------------------

BULK = "measurement-bulk"


def test_bulk_creates_and_replaces(login, leader, indicator, lower_indicator, period, school_a):
    existing = MeasurementFactory(indicator=indicator, period=period, school=school_a)
    response = _post(
        login(leader),
        reverse(BULK),
        [
            _row(indicator, period, school_a, "66", "Enkät"),
            _row(lower_indicator, period, school_a, "4"),
        ],
    )
    assert response.status_code == 200, response.json()
    assert response.json()["count"] == 2
    existing.refresh_from_db()
    assert str(existing.value) == "66.00" and existing.comment == "Enkät"
    assert existing.recorded_by == leader
    new = Measurement.objects.get(indicator=lower_indicator)
    assert str(new.value) == "4.00" and new.source == Measurement.Source.MANUAL
    # History is kept for bulk writes too.
    assert new.history.count() == 1 and existing.history.count() == 2


def test_bulk_is_all_or_nothing(
    login,
    leader,
    indicator,
    lower_indicator,
    auto_indicator,
    period,
    closed_period,
    school_a,
    school_b,
):
    before = Measurement.objects.count()
    response = _post(
        login(leader),
        reverse(BULK),
        [
            _row(indicator, period, school_a, "50"),  # fine
            _row(indicator, period, school_b, "50"),  # another school
            _row(lower_indicator, closed_period, school_a, "3"),  # closed period
            _row(indicator, period, school_a, "150"),  # duplicate and > 100
            _row(auto_indicator, period, school_a, "1"),  # automatic
            {"indicator": 999999, "period": period.pk, "school": school_a.pk, "value": "1"},
        ],
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["detail"] == "Begäran innehåller fel."
    errors = body["errors"]
    assert set(errors) == {"1", "2", "3", "4", "5"}
    assert errors["1"] == {"school": ["Okänd skola."]}
    assert "är stängd" in errors["2"]["period"][0]
    assert errors["3"]["value"] == ["En procentsats måste vara mellan 0 och 100."]
    assert errors["3"]["non_field_errors"] == [
        "Samma indikator, period och skola förekommer mer än en gång."
    ]
    assert errors["4"]["indicator"] == ["En automatisk indikator beräknas från aktuella data."]
    assert errors["5"]["indicator"] == ["Okänd indikator."]
    assert Measurement.objects.count() == before


def test_bulk_reports_malformed_rows_by_index(login, leader, indicator, period, school_a):
    response = _post(
        login(leader),
        reverse(BULK),
        [_row(indicator, period, school_a), {"indicator": "x", "period": period.pk}],
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"1"} and set(errors["1"]) == {"indicator", "value"}
    assert not Measurement.objects.exists()


def test_bulk_refuses_an_empty_list_and_teachers(login, teacher, leader):
    assert _post(login(leader), reverse(BULK), []).status_code == 400
    assert _post(login(teacher), reverse(BULK), []).status_code == 403


def test_bulk_leader_cannot_write_the_organisation_row(login, leader, indicator, period):
    response = _post(login(leader), reverse(BULK), [_row(indicator, period, None)])
    assert response.status_code == 400
    assert response.json()["errors"]["0"] == {
        "school": ["Endast administratörer rapporterar för hela organisationen."]
    }


def test_bulk_administrator_writes_every_school_and_the_organisation(
    login, administrator, indicator, period, school_a, school_b
):
    rows = [_row(indicator, period, s) for s in (school_a, school_b, None)]
    response = _post(login(administrator), reverse(BULK), rows)
    assert response.status_code == 200, response.json()
    assert Measurement.objects.count() == 3


def _bulk_queries(client, rows):
    with CaptureQueriesContext(connection) as ctx:
        response = _post(client, reverse(BULK), rows)
    assert response.status_code == 200, response.json()
    return len(ctx.captured_queries)


def test_bulk_runs_the_same_queries_for_2_and_50_rows(login, administrator, plan, goal, period):
    client = login(administrator)
    schools = SchoolFactory.create_batch(5)
    indicators = [IndicatorFactory(goal=goal, unit="count") for _ in range(10)]
    rows = [_row(i, period, s, "5") for i in indicators for s in schools]
    assert len(rows) == 50
    small_new = _bulk_queries(client, rows[:2])
    big_new = _bulk_queries(client, rows[2:])  # 48 new rows
    assert small_new == big_new
    # All 50 exist now: replacing them costs as much as replacing 2.
    small_update = _bulk_queries(client, rows[:2])
    big_update = _bulk_queries(client, rows)
    assert small_update == big_update
    print(f"bulk measurements: {small_new} queries (create), {small_update} (update)")
