"""The staff import: preview first, per-row Swedish errors, nothing written until confirmed."""

import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisation.models import Membership, User

URL = reverse("organisation:staff_import")


def upload(client, content: str | bytes, name="personal.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(URL, {"import_file": SimpleUploadedFile(name, data)})


@pytest.fixture
def admin_client(login, administrator, school_a, school_b):
    return login(administrator)


GOOD = (
    "e-post;förnamn;efternamn;titel;roll;skola\n"
    "ny.larare@vux.test;Nora;Ny;Lärare;lärare;skola-a\n"
    "ny.rektor@vux.test;Rut;Rask;Rektor;rektor;skola-b\n"
)


@pytest.mark.django_db
def test_bad_rows_are_listed_with_line_numbers_in_swedish_and_nothing_is_saved(admin_client):
    before = User.objects.count()
    csv = (
        "email,first_name,last_name,role,school\n"
        ",Utan,Adress,teacher,skola-a\n"  # line 2: missing email
        "okand.skola@vux.test,Okänd,Skola,teacher,skola-x\n"  # line 3: unknown school
        "dubbel@vux.test,Dubbel,Ett,teacher,skola-a\n"
        "dubbel@vux.test,Dubbel,Två,teacher,skola-a\n"  # line 5: duplicate
        "bra@vux.test,Bra,Rad,teacher,skola-a\n"
    )
    response = upload(admin_client, csv)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Rad 2: E-postadress saknas." in body
    assert "Rad 3: Okänd skola ”skola-x”." in body
    assert "Rad 5: ”dubbel@vux.test” förekommer mer än en gång i filen." in body
    assert "3 rader har fel" in body
    assert "okand.skola@vux.test" in body  # the preview shows what the file says
    # The preview offers no confirm button while the file has errors.
    assert 'name="confirm"' not in body
    assert User.objects.count() == before
    # Confirming anyway (a crafted POST) still writes nothing.
    admin_client.post(URL, {"confirm": "1"})
    assert User.objects.count() == before


@pytest.mark.django_db
def test_preview_then_cancel_imports_nothing(admin_client):
    before = User.objects.count()
    response = upload(admin_client, GOOD)
    body = response.content.decode()
    assert "Filen är giltig: 2 nya" in body
    assert User.objects.count() == before
    response = admin_client.post(URL, {"cancel": "1"}, follow=True)
    assert "Importen avbröts. Ingenting importerades." in response.content.decode()
    assert User.objects.count() == before
    assert not mail.outbox


@pytest.mark.django_db
def test_preview_then_confirm_imports_people_roles_and_sends_invitations(
    admin_client, school_a, school_b, django_capture_on_commit_callbacks
):
    upload(admin_client, GOOD)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {"confirm": "1"}, follow=True)
    assert "Importerat: 2 nya, 0 uppdaterade." in response.content.decode()
    teacher = User.objects.get(email="ny.larare@vux.test")
    assert not teacher.has_usable_password()
    assert Membership.objects.filter(user=teacher, role="teacher", school=school_a).exists()
    assert Membership.objects.filter(
        user__email="ny.rektor@vux.test", role="school_leader", school=school_b
    ).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["ny.larare@vux.test", "ny.rektor@vux.test"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_excel_files_import_too(admin_client):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["E-post", "Förnamn", "Efternamn", "Roll", "Skola"])
    sheet.append(["excel@vux.test", "Ella", "Excel", "IT-personal", "skola-a"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(admin_client, buffer.getvalue(), name="personal.xlsx")
    assert "Filen är giltig: 1 nya" in response.content.decode()
    admin_client.post(URL, {"confirm": "1"})
    assert Membership.objects.filter(user__email="excel@vux.test", role="it_staff").exists()


@pytest.mark.django_db
def test_wrong_file_type_is_refused(admin_client):
    response = upload(admin_client, b"MZ\x90\x00", name="personal.exe")
    assert "Välj en CSV- eller Excel-fil (.xlsx)." in response.content.decode()


@pytest.mark.django_db
def test_reimporting_a_known_person_updates_without_duplicating(admin_client, teacher):
    csv = f"email,first_name,last_name,role,school\n{teacher.email},Nytt,Namn,teacher,skola-a\n"
    upload(admin_client, csv)
    admin_client.post(URL, {"confirm": "1"})
    teacher.refresh_from_db()
    assert teacher.first_name == "Nytt"
    assert teacher.memberships.filter(ends_on__isnull=True).count() == 1
