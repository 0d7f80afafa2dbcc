"""Bulk upsert of devices through the API: the file import's rules, all or nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from infrastructure.models import Device

from .factories import DeviceFactory

pytestmark = pytest.mark.django_db

URL = "device-bulk"
JSON = {"content_type": "application/json"}


def _row(tag, serial, model, school, **extra):
    return {
        "asset_tag": tag,
        "serial_number": serial,
        "model": model.pk,
        "school": school.pk,
        **extra,
    }


def _post(client, rows):
    return client.post(reverse(URL), rows, **JSON)


def test_it_staff_create_and_update_devices(login, it_staff, device_a, device_model, school_a):
    response = _post(
        login(it_staff),
        [
            _row("A-0001", device_a.serial_number, device_model, school_a, location="C301"),
            _row("A-0002", "SN-NEW-2", device_model, school_a, price="7990", notes="Ny"),
        ],
    )
    assert response.status_code == 200, response.json()
    assert response.json()["count"] == 2
    device_a.refresh_from_db()
    assert device_a.location == "C301"
    new = Device.objects.get(asset_tag="A-0002")
    assert new.status == Device.Status.IN_STOCK and str(new.price) == "7990.00"
    assert new.school == school_a and new.notes == "Ny"
    assert new.history.count() == 1 and device_a.history.count() == 2


def test_update_keeps_status_and_assignment(login, it_staff, assigned_device_a, school_a):
    device = assigned_device_a
    response = _post(
        login(it_staff),
        [_row(device.asset_tag, device.serial_number, device.model, school_a, location="D1")],
    )
    assert response.status_code == 200, response.json()
    device.refresh_from_db()
    assert device.status == Device.Status.ASSIGNED and device.assigned_to is not None
    assert device.location == "D1"


def test_bulk_is_all_or_nothing_with_errors_per_row(
    login, it_staff, device_a, device_b, device_model, school_a, school_b
):
    before = Device.objects.count()
    response = _post(
        login(it_staff),
        [
            _row("A-0100", "SN-OK", device_model, school_a),  # fine
            _row("A-0101", device_a.serial_number, device_model, school_a),  # serial taken
            _row("A-0102", "SN-X", device_model, school_b),  # school not hers
            {**_row("A-0103", "SN-Y", device_model, school_a), "model": 999999},  # model
            _row("B-0001", "SN-Z", device_model, school_a),  # another school's device
            _row("A-0100", "SN-W", device_model, school_a),  # tag twice
        ],
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["detail"] == "Begäran innehåller fel."
    errors = body["errors"]
    assert set(errors) == {"1", "2", "3", "4", "5"}
    assert errors["1"] == {
        "serial_number": [f"Serienummer ”{device_a.serial_number}” finns redan."]
    }
    assert errors["2"] == {"school": [f"Okänd skola ”{school_b.pk}”."]}
    assert errors["3"] == {"model": ["Okänd enhetsmodell ”999999”."]}
    assert errors["4"] == {"asset_tag": ["Inventarienummer ”B-0001” finns redan."]}
    # The same words as the file import, and nothing about a file the client never sent.
    assert errors["5"] == {"asset_tag": ["Inventarienummer ”A-0100” finns på mer än en rad."]}
    assert Device.objects.count() == before
    device_a.refresh_from_db()


def test_malformed_rows_are_reported_by_index(login, it_staff, device_model, school_a):
    response = _post(
        login(it_staff),
        [_row("A-1", "S-1", device_model, school_a), {"asset_tag": "A-2", "price": "x"}],
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"1"}
    assert {"serial_number", "model", "school", "price"} <= set(errors["1"])
    assert not Device.objects.filter(asset_tag="A-1").exists()


def test_administrator_writes_every_school(login, administrator, device_b, device_model, school_b):
    response = _post(
        login(administrator),
        [_row("B-0001", device_b.serial_number, device_model, school_b, location="Förråd")],
    )
    assert response.status_code == 200
    device_b.refresh_from_db()
    assert device_b.location == "Förråd"


@pytest.mark.parametrize("who", ["teacher", "leader"])
def test_others_may_not(request, login, who, device_model, school_a):
    user = request.getfixturevalue(who)
    response = _post(login(user), [_row("A-9", "S-9", device_model, school_a)])
    assert response.status_code == 403
    assert not Device.objects.exists()


def _queries(client, rows):
    with CaptureQueriesContext(connection) as ctx:
        response = _post(client, rows)
    assert response.status_code == 200, response.json()
    return len(ctx.captured_queries)


def test_bulk_runs_the_same_queries_for_2_and_50_rows(login, it_staff, device_model, school_a):
    client = login(it_staff)
    rows = [_row(f"A-{n:04d}", f"SN-{n}", device_model, school_a) for n in range(50)]
    DeviceFactory.create_batch(5, school=school_a, model=device_model)
    small_new, big_new = _queries(client, rows[:2]), _queries(client, rows[2:])
    assert small_new == big_new
    small_update, big_update = _queries(client, rows[:2]), _queries(client, rows)
    assert small_update == big_update
    print(f"bulk devices: {small_new} queries (create), {small_update} (update)")
