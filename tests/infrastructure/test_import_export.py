"""Device import (preview, per-row errors, all or nothing) and the export of the list."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from infrastructure.models import Device
from infrastructure.resources import neutralise
from tests.infrastructure.factories import DeviceFactory

pytestmark = pytest.mark.django_db

URL = reverse("infrastructure:device_import")
HEADER = "asset_tag,serial_number,manufacturer,model,school,location,purchased_on,price\n"


def upload(client, text, name="enheter.csv"):
    return client.post(URL, {"import_file": SimpleUploadedFile(name, text.encode("utf-8"))})


@pytest.fixture
def existing(device_a):
    return device_a


def test_preview_lists_every_error_and_writes_nothing(login, it_staff, existing, device_model):
    model = f"{device_model.manufacturer},{device_model.name}"
    text = HEADER + "\n".join(
        [
            f"N-1,S-1,{model},skola-a,A1,2024-08-15,9000",
            f"N-1,S-2,{model},skola-a,A1,2024-08-15,9000",  # tag twice in the file
            f"{existing.asset_tag},S-3,{model},skola-a,A1,2024-08-15,9000",  # tag in the DB
            f"N-4,{existing.serial_number},{model},skola-a,A1,2024-08-15,9000",  # serial in DB
            "N-5,S-5,Okänd,Modell,skola-a,A1,2024-08-15,9000",  # unknown model
            f"N-6,S-6,{model},okand-skola,A1,2024-08-15,9000",  # unknown school
            f"N-7,S-7,{model},skola-b,A1,2024-08-15,9000",  # another school's: not reachable
            f"N-8,S-8,{model},skola-a,A1,15/08/2024,9000",  # bad date
            f"N-9,S-1,{model},skola-a,A1,2024-08-15,9000",  # serial twice in the file
        ]
    )
    client = login(it_staff)
    response = upload(client, text)
    assert response.status_code == 200
    body = response.content.decode()
    assert "finns på mer än en rad" in body
    rows = {row.line: row for row in response.context["preview"]}
    assert not rows[2].errors
    for line in range(3, 11):
        assert rows[line].errors, line
    assert "N-1" in rows[3].errors[0]
    assert Device.objects.count() == 1
    # Only a valid file can be confirmed.
    assert 'name="confirm"' not in body
    response = client.post(URL, {"confirm": "1"})
    assert Device.objects.count() == 1


def test_fixed_file_is_imported_on_confirmation(login, it_staff, device_model, school_a):
    maker, name = device_model.manufacturer, device_model.name
    text = HEADER + (
        f'N-1,S-1,{maker},{name},skola-a,A1,2024-08-15,"9 000,50"\n'
        f"N-2,S-2,{maker.upper()},{name},SKOLA-A,,,\n"
    )
    client = login(it_staff)
    response = upload(client, text)
    assert response.context["has_errors"] is False
    assert Device.objects.count() == 0  # a preview writes nothing
    response = client.post(URL, {"confirm": "1"})
    assert response.status_code == 302
    devices = {d.asset_tag: d for d in Device.objects.all()}
    assert set(devices) == {"N-1", "N-2"}
    assert str(devices["N-1"].price) == "9000.50"
    assert devices["N-1"].school == school_a
    assert devices["N-2"].status == Device.Status.IN_STOCK


def test_swedish_headers_semicolons_and_excel(login, it_staff, device_model):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["Inventarienummer", "Serienummer", "Tillverkare", "Modell", "Skola", "Inköpsdatum"]
    )
    import datetime

    sheet.append(
        [
            "X-1",
            "XS-1",
            device_model.manufacturer,
            device_model.name,
            "skola-a",
            datetime.datetime(2023, 1, 9),
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = login(it_staff)
    response = client.post(
        URL, {"import_file": SimpleUploadedFile("enheter.xlsx", buffer.getvalue())}
    )
    assert response.context["has_errors"] is False, response.context["preview"][0].errors
    client.post(URL, {"confirm": "1"})
    assert Device.objects.get().purchased_on == datetime.date(2023, 1, 9)


def test_export_uses_the_list_filters_and_neutralises_formulas(
    login, it_staff, school_a, device_model, device_b
):
    DeviceFactory(school=school_a, model=device_model, asset_tag="E-1", notes='=HYPERLINK("x")')
    DeviceFactory(
        school=school_a, model=device_model, asset_tag="E-2", location="+46 rum", notes="@SUM(1)"
    )
    DeviceFactory(
        school=school_a, model=device_model, asset_tag="E-3", notes="-2+3", status="retired"
    )
    DeviceFactory(school=school_a, model=device_model, asset_tag="E-4", notes="\tTab")
    client = login(it_staff)
    url = reverse("infrastructure:device_export")
    response = client.get(url, {"status": "in_stock", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # Filtered like the page (no retired E-3), and scoped (no school B device).
    assert [r["asset_tag"] for r in rows] == ["E-1", "E-2", "E-4"]
    assert rows[0]["notes"] == '\'=HYPERLINK("x")'
    assert rows[1]["location"] == "'+46 rum" and rows[1]["notes"] == "'@SUM(1)"
    assert rows[2]["notes"] == "'\tTab"
    response = client.get(url, {"q": "E-3", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "E-3" and values[1][-1] == "'-2+3"
    assert all(not str(v).startswith("=") for row in values for v in row if v)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("ok", "ok"),
        (12, 12),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected
