"""Files (issue 14): no URL serves MEDIA_ROOT; uploads are kept under random names with an
extension chosen from their content; downloads are attachments with ``nosniff``; import
previews do not stay behind."""

import importlib
import io
import os
import re
import time
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse, set_urlconf
from PIL import Image

from competence import services as competence_services
from competence.models import PracticeExample, TrainingRecord
from organisation import services as organisation_services
from organisation.models import SupportRequest
from tests.infrastructure.factories import DeviceModelFactory
from vuxportal import imports, uploads

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Starts like a PDF, and is an HTML page for a browser that sniffs it.
PDF_HTML_POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>"
# Starts like a GIF, and is valid JavaScript: GIF89a=1;alert(1)
GIF_JS_POLYGLOT = b"GIF89a/*\x01\x00\x01\x00\x00\xff\x00,*/=1;alert(document.domain);"
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
JS = b"alert(document.cookie);\n"
RANDOM_NAME = re.compile(r"^(?P<folder>[a-z/]+)/[0-9a-f]{32}(?P<ext>\.[a-z]+)?$")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _docx() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        )
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def record_with(user, name, content):
    return competence_services.record_save(
        person=user,
        date=date(2026, 3, 10),
        title="Kurs",
        hours=Decimal("2"),
        kind=TrainingRecord.Kind.COURSE,
        certificate=SimpleUploadedFile(name, content),
    )


def support_with(user, school, name, content):
    return organisation_services.support_request_file(
        requester=user,
        school=school,
        category=SupportRequest.Category.DEVICE,
        subject="Skärmen",
        description="Se bilaga.",
        attachment=SimpleUploadedFile(name, content),
    )


# --- No URL serves MEDIA_ROOT -------------------------------------------------------------


@pytest.fixture
def urlconf_with_debug(settings):
    """Loads the URLconf again as it is built with DEBUG on or off."""

    def load(debug: bool):
        settings.DEBUG = debug
        importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
        clear_url_caches()
        set_urlconf(None)

    yield load
    settings.DEBUG = False
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()
    set_urlconf(None)


@pytest.mark.parametrize("debug", [True, False])
def test_no_url_under_media_answers(client, teacher, urlconf_with_debug, debug, settings):
    record = record_with(teacher, "intyg.pdf", PDF)
    urlconf_with_debug(debug)
    path = f"{settings.MEDIA_URL}{record.certificate.name}"
    assert os.path.exists(record.certificate.path)
    with pytest.raises(Resolver404):
        resolve(path)
    assert client.get(path).status_code == 404
    client.force_login(teacher)
    assert client.get(path).status_code == 404


# --- Uploads: the content decides ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("intyg.html", HTML),
        ("intyg.svg", SVG),
        ("intyg.js", JS),
        ("intyg.pdf.html", HTML),
        ("intyg.pdf", HTML),
        ("x.js", GIF_JS_POLYGLOT),
    ],
)
def test_certificates_that_are_not_pdf_or_images_are_refused(teacher, name, content):
    with pytest.raises(ValidationError) as error:
        record_with(teacher, name, content)
    assert [e.code for e in error.value.error_list] == ["bad_type"]
    assert not TrainingRecord.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("sida.html", HTML), ("bild.svg", SVG), ("x.js", GIF_JS_POLYGLOT), ("a.pdf.html", HTML)],
)
def test_support_refuses_markup_and_broken_images_whatever_their_name(
    teacher, school_a, name, content
):
    with pytest.raises(ValidationError):
        support_with(teacher, school_a, name, content)
    assert not SupportRequest.objects.exists()


def test_javascript_attached_to_support_is_kept_as_plain_text_never_as_js(teacher, school_a):
    request = support_with(teacher, school_a, "skript.js", JS)
    assert request.attachment.name.endswith(".txt")
    assert request.attachment_name == "skript.js"


@pytest.mark.parametrize("name", ["x.html", "x.pdf.html", "x"])
def test_a_pdf_html_polyglot_is_stored_as_a_pdf(teacher, name):
    record = record_with(teacher, name, PDF_HTML_POLYGLOT)
    match = RANDOM_NAME.match(record.certificate.name)
    assert match, record.certificate.name
    assert match["folder"] == "competence/certificates"
    assert match["ext"] == ".pdf"
    assert record.certificate_name == name


def test_stored_names_are_random_and_the_original_name_is_data(teacher, school_a):
    first = record_with(teacher, "Intyg kurs.pdf", PDF)
    second = record_with(teacher, "Intyg kurs.pdf", PDF)
    assert first.certificate.name != second.certificate.name
    assert "Intyg" not in first.certificate.name
    assert first.certificate_name == "Intyg kurs.pdf"
    image = support_with(teacher, school_a, "skärm.jpeg", _png())  # a PNG named .jpeg
    assert RANDOM_NAME.match(image.attachment.name)["ext"] == ".png"
    assert image.attachment.name.startswith("support/")
    assert image.attachment_name == "skärm.jpeg"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../x.pdf", "x.pdf"),
        ("/etc/passwd/../x.pdf", "x.pdf"),
        ("C:\\Users\\anna\\Intyg.pdf", "Intyg.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("in\x00tyg\n.pdf", "intyg.pdf"),
        ("..", ""),
    ],
)
def test_a_name_that_is_a_path_keeps_only_its_base_name(teacher, given, kept):
    assert uploads.original_name(given) == kept
    record = TrainingRecord(
        person=teacher, date=date(2026, 3, 10), title="K", hours=1, kind="course"
    )
    record.certificate.save(given, ContentFile(PDF), save=False)
    assert record.certificate_name == kept
    assert ".." not in record.certificate.name
    assert RANDOM_NAME.match(record.certificate.name)["folder"] == "competence/certificates"


def test_office_documents_are_detected_by_their_parts(teacher):
    example = competence_services.example_save(
        author=teacher,
        title="Lektionsplan",
        summary="Kort",
        body="Lång",
        attachment=SimpleUploadedFile("plan.pdf", _docx()),  # the name lies
    )
    assert example.attachment.name.endswith(".docx")
    bare_zip = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(bare_zip, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ValidationError):
        competence_services.example_save(
            author=teacher,
            title="Arkiv",
            summary="Kort",
            body="Lång",
            attachment=SimpleUploadedFile("arkiv.docx", bare_zip.getvalue()),
        )


def test_the_page_refuses_html_in_swedish_and_stores_a_pdf_at_random(login, teacher):
    client = login(teacher)
    form = {"date": "2026-03-10", "title": "Kurs", "hours": "2", "kind": "course"}
    refused = client.post(
        reverse("competence:record_create"),
        {**form, "certificate": SimpleUploadedFile("intyg.html", HTML, "text/html")},
    )
    assert refused.status_code == 200
    assert "Den här typen av fil kan inte laddas upp" in refused.content.decode()
    assert not TrainingRecord.objects.exists()
    client.post(
        reverse("competence:record_create"),
        {**form, "certificate": SimpleUploadedFile("intyg.pdf", PDF, "application/pdf")},
    )
    record = TrainingRecord.objects.get()
    assert RANDOM_NAME.match(record.certificate.name)["ext"] == ".pdf"
    assert record.certificate_name == "intyg.pdf"


# --- Downloads ----------------------------------------------------------------------------


def _assert_safe_download(response, filename):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert filename in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "html" not in response["Content-Type"]
    assert "javascript" not in response["Content-Type"]


def test_certificate_downloads_as_an_attachment_under_its_original_name(login, teacher):
    record = record_with(teacher, "Intyg digital bedömning.pdf", PDF)
    response = login(teacher).get(reverse("competence:record_certificate", args=[record.pk]))
    _assert_safe_download(response, "filename*=utf-8''Intyg%20digital%20bed%C3%B6mning.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_a_polyglot_downloads_as_a_pdf_attachment_never_as_html(login, teacher):
    record = record_with(teacher, "x.html", PDF_HTML_POLYGLOT)
    response = login(teacher).get(reverse("competence:record_certificate", args=[record.pk]))
    _assert_safe_download(response, 'filename="x.pdf"')
    assert response["Content-Type"] == "application/pdf"


def test_example_attachment_and_support_attachment_download_safely(login, teacher, school_a):
    example = competence_services.example_save(
        author=teacher,
        title="Exempel",
        summary="Kort",
        body="Lång",
        attachment=SimpleUploadedFile("bild.png", _png()),
    )
    client = login(teacher)
    response = client.get(reverse("competence:example_attachment", args=[example.pk]))
    _assert_safe_download(response, 'filename="bild.png"')
    assert response["Content-Type"] == "image/png"
    request = support_with(teacher, school_a, "logg.js", JS)
    response = client.get(reverse("organisation:support_attachment", args=[request.pk]))
    _assert_safe_download(response, 'filename="logg.txt"')
    assert response["Content-Type"].startswith("text/plain")


def test_files_stored_before_the_change_download_as_octet_stream(login, teacher):
    record = record_with(teacher, "intyg.pdf", PDF)
    old = default_storage.save("competence/certificates/1/sida.html", ContentFile(HTML))
    TrainingRecord.objects.filter(pk=record.pk).update(certificate=old, certificate_name="")
    response = login(teacher).get(reverse("competence:record_certificate", args=[record.pk]))
    _assert_safe_download(response, 'filename="sida.html"')
    assert response["Content-Type"] == "application/octet-stream"


def test_report_downloads_are_attachments_with_nosniff(login, administrator):
    from tests.factories import ReportingPeriodFactory
    from tests.reports.conftest import _stored_report

    report = _stored_report(
        period=ReportingPeriodFactory(year=2025, kind="tertial2"), school=None, key="org"
    )
    client = login(administrator)
    response = client.get(reverse("reports:report_pdf", args=[report.pk]))
    _assert_safe_download(response, ".pdf")
    assert response["Content-Type"] == "application/pdf"


def test_x_accel_redirect_hands_the_bytes_to_the_proxy(login, teacher, settings):
    settings.FILES_X_ACCEL_REDIRECT = "/protected-media/"
    record = record_with(teacher, "intyg.pdf", PDF)
    response = login(teacher).get(reverse("competence:record_certificate", args=[record.pk]))
    assert response["X-Accel-Redirect"] == f"/protected-media/{record.certificate.name}"
    assert response["Content-Disposition"] == 'attachment; filename="intyg.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""


def test_others_cannot_download(login, teacher, teacher_b):
    record = record_with(teacher, "intyg.pdf", PDF)
    response = login(teacher_b).get(reverse("competence:record_certificate", args=[record.pk]))
    assert response.status_code == 404


# --- Import previews ----------------------------------------------------------------------

IMPORT_URL = "infrastructure:device_import"
HEADER = "asset_tag,serial_number,manufacturer,model,school,location,purchased_on,price\n"


def _preview_files() -> list[str]:
    try:
        return default_storage.listdir(imports.PREVIEW_FOLDER)[1]
    except FileNotFoundError:
        return []


@pytest.fixture
def previewing(login, it_staff, school_a):
    model = DeviceModelFactory()
    client = login(it_staff)
    text = HEADER + f"N-1,S-1,{model.manufacturer},{model.name},skola-a,A1,2024-08-15,9000\n"

    def preview():
        response = client.post(
            reverse(IMPORT_URL),
            {"import_file": SimpleUploadedFile("enheter.csv", text.encode())},
        )
        assert response.context["has_errors"] is False
        return client

    return preview


def test_preview_file_is_removed_on_confirmation(previewing):
    client = previewing()
    assert len(_preview_files()) == 1
    client.post(reverse(IMPORT_URL), {"confirm": "1"})
    assert _preview_files() == []


def test_preview_file_is_removed_on_cancel(previewing):
    client = previewing()
    client.post(reverse(IMPORT_URL), {"cancel": "1"})
    assert _preview_files() == []


def test_a_new_preview_replaces_the_file_of_the_last(previewing):
    previewing()
    previewing()
    assert len(_preview_files()) == 1


def test_daily_cleanup_removes_day_old_previews_and_keeps_fresh_ones(settings):
    from vuxportal.tasks import delete_stale_import_previews

    old = default_storage.save("imports/old.csv", ContentFile(b"a,b\n"))
    fresh = default_storage.save("imports/fresh.csv", ContentFile(b"a,b\n"))
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    assert delete_stale_import_previews.delay().get() == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)


def test_the_cleanup_is_scheduled_daily():
    from reports.schedules import SCHEDULES

    (schedule,) = [s for s in SCHEDULES if s.task.endswith("delete_stale_import_previews")]
    assert schedule.hour != "*" and schedule.day_of_week == "*"


def test_cleanup_without_previews_does_nothing():
    assert imports.delete_stale_previews() == 0


def test_uploads_help_text_names_the_allowed_types_in_swedish(login, teacher):
    page = login(teacher).get(reverse("competence:record_create")).content.decode()
    assert "Frivilligt. PDF, PNG, JPEG, GIF eller WebP, högst 10,0" in page
    assert 'accept=".pdf,.png,.jpg,.gif,.webp"' in page
    assert PracticeExample._meta.get_field("attachment").types == uploads.DOCUMENTS
