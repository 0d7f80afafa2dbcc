"""Journeys of the IT technician and the rektor through the inventory (issue 5).

it@vux.example imports a device file with errors, reads the preview, fixes the file and
imports it; lends a device to a student with an agreement PDF and takes it back; runs an
inventory round that reports one missing device. The rektor sees her school's coverage
change, and the metric behind a goal indicator moves. Every page is checked with axe.
"""

import re
from datetime import timedelta

import pytest

from infrastructure.models import Device, Loan
from tests.factories import PASSWORD, SchoolFactory, person, today
from tests.infrastructure.factories import DeviceFactory, DeviceModelFactory, StudentFactory
from vuxportal.metrics import metrics
from vuxportal.roles import Role


@pytest.fixture
def world(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm", student_places=900)
    other = SchoolFactory(code="kista", name="Vux Kista")
    people = {
        "admin": person(Role.ADMINISTRATOR, None, email="admin@vux.example"),
        "rektor": person(Role.SCHOOL_LEADER, school, email="rektor@vux.example"),
        "it": person(Role.IT_STAFF, school, email="it@vux.example", first_name="Ida"),
        "larare": person(
            Role.TEACHER, school, email="larare@vux.example", first_name="Lars", last_name="Lind"
        ),
    }
    model = DeviceModelFactory(manufacturer="Acer", name="Chromebook 314", kind="chromebook")
    devices = [
        DeviceFactory(school=school, model=model, asset_tag=f"SOD-{n:04d}", location="B201")
        for n in range(1, 5)
    ]
    DeviceFactory(school=other, model=model, asset_tag="KIS-0001")
    student = StudentFactory(school=school, name="Amina Yusuf", reference="SOD-E1000")
    return {"school": school, "model": model, "devices": devices, "student": student, **people}


def submit(portal, locator):
    """Clicks a submit button and checks the page it leads to."""
    with portal.page.expect_navigation():
        locator.click()
    portal.check()


def csv_file(rows):
    header = "inventarienummer,serienummer,tillverkare,modell,skola,rum,inköpsdatum\n"
    return {
        "name": "enheter.csv",
        "mimeType": "text/csv",
        "buffer": (header + "\n".join(rows) + "\n").encode("utf-8"),
    }


def test_it_imports_a_device_file_with_errors_then_the_fixed_file(portal, world):
    page = portal.page
    portal.login("it@vux.example", PASSWORD)
    portal.goto("/it/enheter/")
    submit(portal, page.locator("main a[href='/it/enheter/importera/']"))
    bad = csv_file(
        [
            "SOD-0100,SN-100,Acer,Chromebook 314,sodermalm,B201,2024-08-15",
            "SOD-0001,SN-101,Acer,Chromebook 314,sodermalm,B201,2024-08-15",  # tag exists
            "SOD-0102,SN-102,Acer,Okänd modell,sodermalm,B201,2024-08-15",
            "SOD-0103,SN-103,Acer,Chromebook 314,kista,B201,2024-08-15",  # not her school
            "SOD-0104,SN-104,Acer,Chromebook 314,sodermalm,B201,15 aug 2024",
        ]
    )
    page.locator("input[type=file]").set_input_files(files=[bad])
    submit(portal, page.locator("main form button[type=submit]"))
    alert = page.locator("main .alert-danger").inner_text()
    assert "4" in alert
    errors = page.locator("main table tbody").inner_text()
    assert "SOD-0001" in errors and "Okänd modell" in errors and "kista" in errors
    assert page.locator("button[name=confirm]").count() == 0
    assert Device.objects.filter(asset_tag="SOD-0100").count() == 0
    submit(portal, page.locator("button[name=cancel]"))

    fixed = csv_file(
        [
            "SOD-0100,SN-100,Acer,Chromebook 314,sodermalm,B201,2024-08-15",
            "SOD-0101,SN-101,Acer,Chromebook 314,sodermalm,B201,2024-08-15",
            "SOD-0102,SN-102,Acer,Chromebook 314,sodermalm,B201,2024-08-15",
            "SOD-0103,SN-103,Acer,Chromebook 314,sodermalm,B202,2024-08-15",
            "SOD-0104,SN-104,Acer,Chromebook 314,sodermalm,B201,2024-08-15",
        ]
    )
    page.locator("input[type=file]").set_input_files(files=[fixed])
    submit(portal, page.locator("main form button[type=submit]"))
    assert page.locator("main .alert-success").count() == 1
    submit(portal, page.locator("button[name=confirm]"))
    assert page.url.endswith("/it/enheter/")
    assert Device.objects.filter(asset_tag__startswith="SOD-01").count() == 5
    assert (
        "SOD-0104" in page.locator("main").inner_text() or page.locator("main .pagination").count()
    )


def test_it_lends_a_device_with_an_agreement_and_takes_it_back(portal, world):
    page = portal.page
    device = world["devices"][0]
    student = world["student"]
    portal.login("it@vux.example", PASSWORD)
    portal.goto(f"/it/elever/{student.pk}/")
    submit(portal, page.locator(f"main a[href='/it/lan/nytt/?student={student.pk}']"))
    page.locator("select[name=device]").select_option(str(device.pk))
    # Without the agreement the loan is refused, field by field, keeping the choices.
    submit(portal, page.locator("main form button[type=submit]"))
    assert page.locator("#id_agreement_accepted_error, .invalid-feedback").count() >= 1
    assert page.locator("select[name=device]").input_value() == str(device.pk)
    page.locator("input[name=agreement_accepted]").check()
    submit(portal, page.locator("main form button[type=submit]"))
    loan = Loan.objects.get(device=device)
    assert page.url.endswith(f"/it/lan/{loan.pk}/")
    href = page.locator(f"main a[href='/it/lan/{loan.pk}/laneavtal.pdf']").get_attribute("href")
    pdf = page.request.get(portal.base_url + href)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    device.refresh_from_db()
    assert device.status == Device.Status.ON_LOAN

    submit(portal, page.locator(f"main a[href='/it/lan/{loan.pk}/aterlamna/']"))
    page.locator("select[name=condition]").select_option("good")
    submit(portal, page.locator("main form button[type=submit]"))
    loan.refresh_from_db()
    device.refresh_from_db()
    assert loan.returned_on == today() and device.status == Device.Status.IN_STOCK
    portal.goto("/it/lan/")
    portal.goto(f"/it/enheter/{device.pk}/")
    assert "Amina Yusuf" in page.locator("main").inner_text()


def test_it_runs_an_audit_round_that_reports_one_missing_device(portal, world):
    page = portal.page
    portal.login("it@vux.example", PASSWORD)
    portal.goto("/it/inventering/")
    submit(portal, page.locator("main a[href='/it/inventering/ny/']"))
    page.locator("select[name=school]").select_option(str(world["school"].pk))
    page.locator("input[name=location]").fill("B201")
    submit(portal, page.locator("main form button[type=submit]"))
    # Three of the four devices in B201 are scanned, plus one from another school.
    page.locator("textarea[name=tags]").fill("SOD-0001\nSOD-0002\nsod-0003\nKIS-0001")
    submit(portal, page.locator("main form[action$='/skanna/'] button[type=submit]"))
    page.once("dialog", lambda dialog: dialog.accept())
    submit(portal, page.locator("main form[action$='/avsluta/'] button[type=submit]"))
    missing = page.locator("#audit-missing li")
    assert missing.count() == 1
    assert "SOD-0004" in missing.inner_text()
    assert "KIS-0001" in page.locator("#audit-unexpected").inner_text()


def test_rektor_sees_coverage_change_and_the_indicator_metric_moves(portal, world):
    page = portal.page
    metric = metrics.get("infrastructure.staff_with_device")

    def metric_value():
        return metric.compute(
            school=world["school"], start=today() - timedelta(days=30), end=today()
        )

    before = metric_value()
    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/it/tackning/")
    row = page.locator("#coverage-table tr[data-school=sodermalm] .staff-share")
    assert re.search(r"\(0/3\)", row.inner_text())
    assert page.locator("#coverage-table tr[data-school=kista]").count() == 0
    portal.goto("/it/livscykel/")
    portal.logout()

    portal.login("it@vux.example", PASSWORD)
    device = world["devices"][1]
    portal.goto(f"/it/enheter/{device.pk}/")
    page.locator("select[name=user]").select_option(str(world["larare"].pk))
    submit(portal, page.locator("main form[action$='/tilldela/'] button[type=submit]"))
    assert "Lars Lind" in page.locator("main").inner_text()
    portal.logout()

    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/it/tackning/")
    assert re.search(r"\(1/3\)", row.inner_text())
    after = metric_value()
    assert before == 0 and after > before


def test_every_other_inventory_page_is_accessible(portal, world):
    """The remaining pages, visited by the administrator and the IT technician."""
    page = portal.page
    loan = Loan.objects.create(
        device=world["devices"][3],
        student=world["student"],
        school=world["school"],
        due_on=today() - timedelta(days=1),
        lent_on=today() - timedelta(days=30),
        agreement_accepted_on=today() - timedelta(days=30),
    )
    Device.objects.filter(pk=world["devices"][3].pk).update(status="on_loan")
    portal.login("it@vux.example", PASSWORD)
    assert "1" in page.locator("#it-panel-title").locator("..").inner_text()
    for path in (
        "/it/enheter/ny/",
        f"/it/enheter/{world['devices'][0].pk}/andra/",
        "/it/modeller/",
        "/it/modeller/ny/",
        f"/it/modeller/{world['model'].pk}/andra/",
        "/it/elever/",
        "/it/elever/ny/",
        f"/it/elever/{world['student'].pk}/andra/",
        "/it/elever/vantelista/",
        "/it/lan/?state=overdue",
        f"/it/lan/{loan.pk}/",
        "/it/reparationer/",
        "/it/system/",
        "/it/system/nytt/",
    ):
        portal.goto(path)
    # Report a repair, then close it.
    portal.goto(f"/it/reparationer/ny/?device={world['devices'][2].pk}")
    page.locator("textarea[name=problem]").fill("Skärmen är trasig")
    submit(portal, page.locator("main form button[type=submit]"))
    portal.goto("/it/reparationer/")
    submit(portal, page.locator("main a[href*='/avsluta/']").first)
    page.locator("input[name=outcome]").fill("Ny skärm")
    submit(portal, page.locator("main form button[type=submit]"))
    # A system with an access count.
    portal.goto("/it/system/nytt/")
    page.locator("input[name=name]").fill("Skolplattformen")
    page.locator("select[name=kind]").select_option("platform")
    submit(portal, page.locator("main form button[type=submit]"))
    page.locator("input[name=with_access]").fill("40")
    page.locator("input[name=should_have_access]").fill("50")
    submit(portal, page.locator("main form[action$='/behorigheter/'] button[type=submit]"))
    assert "80" in page.locator("main table").first.inner_text()
    system_url = page.url
    portal.goto(system_url.replace(portal.base_url, "") + "andra/")
    portal.logout()
    portal.login("admin@vux.example", PASSWORD)
    portal.goto("/it/elever/visningslogg/")
    assert "Amina Yusuf" in page.locator("main").inner_text()
