"""Support requests: filing, routing, the thread, status, emails, visibility, FAQ."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisation import services
from organisation.models import HelpArticle, SupportRequest, WorkingGroup
from tests.factories import person
from vuxportal.roles import Role
from vuxportal.uploads import MAX_UPLOAD_BYTES

from .conftest import PDF
from .factories import SupportRequestFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    # A real image: the content must open as one, not only start like one.
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def file_request(user, school, **kwargs):
    data = {
        "requester": user,
        "school": school,
        "category": SupportRequest.Category.ACCOUNT,
        "subject": "Låst konto",
        "description": "Jag kommer inte in.",
    }
    data.update(kwargs)
    return services.support_request_file(**data)


# --- Routing and emails ---------------------------------------------------------------------


def test_account_question_goes_to_the_school_it_staff_who_are_emailed(
    teacher, it_staff, school_a, django_capture_on_commit_callbacks
):
    person(Role.IT_STAFF, None, email="it.central@vux.test")  # organisation-wide IT
    person(Role.IT_STAFF, None, email="it.b@vux.test").memberships.update(school=None)
    with django_capture_on_commit_callbacks(execute=True):
        request = file_request(teacher, school_a)
    assert request.handling_group is None
    assert request.status == SupportRequest.Status.NEW
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert "it.a@vux.test" in recipients
    assert "it.central@vux.test" in recipients
    assert "larare.a@vux.test" not in recipients
    assert "Låst konto" in mail.outbox[0].subject


def test_system_and_teaching_questions_go_to_their_working_groups(teacher, school_a, leader):
    systems = WorkingGroupFactory(area=WorkingGroup.Area.SYSTEMS, convener=leader)
    teaching = WorkingGroupFactory(area=WorkingGroup.Area.TEACHING, convener=leader)
    WorkingGroupFactory(area=WorkingGroup.Area.SYSTEMS, is_active=False)
    system = file_request(teacher, school_a, category=SupportRequest.Category.SYSTEM)
    pedagogy = file_request(teacher, school_a, category=SupportRequest.Category.TEACHING)
    device = file_request(teacher, school_a, category=SupportRequest.Category.DEVICE)
    assert system.handling_group == systems
    assert pedagogy.handling_group == teaching
    assert device.handling_group is None


def test_without_a_group_of_the_area_the_it_staff_handle_it(teacher, school_a):
    request = file_request(teacher, school_a, category=SupportRequest.Category.SYSTEM)
    assert request.handling_group is None


def test_a_teacher_files_only_for_their_own_school(teacher, school_b):
    with pytest.raises(ValidationError) as error:
        file_request(teacher, school_b)
    assert "school" in error.value.message_dict


# --- Refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("description", "   "), ("subject", ""), ("description", "x" * 10_001)],
)
def test_service_refuses_empty_or_oversized_text(teacher, school_a, field, value):
    with pytest.raises(ValidationError) as error:
        file_request(teacher, school_a, **{field: value})
    assert field in error.value.message_dict
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.pdf", b"MZ\x90\x00" + b"\x00" * 100),  # a Windows program renamed .pdf
        ("arkiv.zip", b"PK\x03\x04" + b"\x00" * 100),
        ("anteckning.txt", b"text\x00with a NUL byte"),
        ("dokument.docx", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_attachments_of_the_wrong_type_are_refused(teacher, school_a, name, content):
    with pytest.raises(ValidationError) as error:
        file_request(teacher, school_a, attachment=upload(name, content))
    assert "attachment" in error.value.message_dict
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("fel.pdf", PDF), ("skarm.png", PNG), ("logg.txt", "Fel på rad 3: åäö".encode())],
)
def test_pdf_images_and_plain_text_are_accepted(teacher, school_a, name, content):
    request = file_request(teacher, school_a, attachment=upload(name, content))
    assert request.attachment.name.startswith("support/")
    with request.attachment.open("rb") as stored:
        assert stored.read() == content


def test_the_form_refuses_empty_request_in_swedish_and_keeps_what_was_typed(
    login, teacher, school_a
):
    client = login(teacher)
    response = client.post(
        reverse("organisation:support_create"),
        {"category": "account", "school": school_a.pk, "subject": "Mitt konto", "description": ""},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Beskriv vad du behöver hjälp med." in content
    assert 'value="Mitt konto"' in content
    assert not SupportRequest.objects.exists()


def test_the_form_refuses_oversized_text_and_attachments_in_swedish(login, teacher, school_a):
    client = login(teacher)
    url = reverse("organisation:support_create")
    base = {"category": "device", "school": school_a.pk, "subject": "Dator"}
    response = client.post(url, {**base, "description": "x" * 10_001})
    assert "Beskrivningen är för lång" in response.content.decode()
    big = upload("stor.pdf", PDF + b"0" * MAX_UPLOAD_BYTES)
    response = client.post(url, {**base, "description": "Se bilaga", "attachment": big})
    assert "Filen är för stor" in response.content.decode()
    wrong = upload("virus.pdf", b"MZ" + b"\x00" * 200)
    response = client.post(url, {**base, "description": "Se bilaga", "attachment": wrong})
    assert "Den här typen av fil kan inte laddas upp" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_filing_through_the_page_with_an_attachment(login, teacher, school_a):
    client = login(teacher)
    response = client.post(
        reverse("organisation:support_create"),
        {
            "category": "account",
            "school": school_a.pk,
            "subject": "Låst konto",
            "description": "Kontot är låst.",
            "attachment": upload("fel.pdf", PDF, "application/pdf"),
        },
    )
    request = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    assert request.requester == teacher
    download = client.get(reverse("organisation:support_attachment", args=[request.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


# --- The thread and status ------------------------------------------------------------------


def test_handler_reply_emails_the_requester_in_their_language(
    support_request, it_staff, teacher, django_capture_on_commit_callbacks
):
    teacher.language = "en"
    teacher.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.support_reply_add(
            request=support_request, author=it_staff, body="Upplåst nu.", status="resolved"
        )
    support_request.refresh_from_db()
    assert support_request.status == SupportRequest.Status.RESOLVED
    assert support_request.resolved_at is not None
    assert [m.to for m in mail.outbox] == [["larare.a@vux.test"]]
    assert mail.outbox[0].subject.startswith("New reply to your support request")
    assert "Upplåst nu." in mail.outbox[0].body


def test_swedish_requester_gets_a_swedish_email(
    support_request, it_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.support_reply_add(request=support_request, author=it_staff, body="Hej")
    assert mail.outbox[0].subject.startswith("Nytt svar på din supportförfrågan")


def test_first_handler_reply_moves_a_new_request_in_progress(support_request, it_staff):
    services.support_reply_add(request=support_request, author=it_staff, body="Jag tittar")
    support_request.refresh_from_db()
    assert support_request.status == SupportRequest.Status.IN_PROGRESS


def test_requester_reply_reopens_and_emails_the_handlers(
    resolved_request, teacher, it_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.support_reply_add(
            request=resolved_request, author=teacher, body="Det är låst igen", status="resolved"
        )
    resolved_request.refresh_from_db()
    assert not reply.by_handler
    # The requester cannot set a status; their answer hands the request back.
    assert resolved_request.status == SupportRequest.Status.IN_PROGRESS
    assert resolved_request.resolved_at is None
    assert [m.to for m in mail.outbox] == [["it.a@vux.test"]]


def test_others_cannot_reply_and_empty_replies_are_refused(support_request, staff_member, teacher):
    with pytest.raises(ValidationError):
        services.support_reply_add(request=support_request, author=staff_member, body="Hej")
    with pytest.raises(ValidationError) as error:
        services.support_reply_add(request=support_request, author=teacher, body="  ")
    assert "body" in error.value.message_dict
    assert not support_request.replies.exists()


def test_handle_changes_status_and_routing_and_tells_the_requester_when_resolved(
    support_request, it_staff, leader, django_capture_on_commit_callbacks
):
    group = WorkingGroupFactory(convener=leader)
    with django_capture_on_commit_callbacks(execute=True):
        services.support_request_handle(
            request=support_request, by=it_staff, status="resolved", handling_group=None
        )
    assert [m.to for m in mail.outbox] == [["larare.a@vux.test"]]
    services.support_request_handle(
        request=support_request, by=it_staff, status="waiting", handling_group=group
    )
    support_request.refresh_from_db()
    assert support_request.status == SupportRequest.Status.WAITING
    assert support_request.resolved_at is None
    assert support_request.handling_group == group
    # Now the group handles it, and the IT staff no longer do.
    with pytest.raises(ValidationError):
        services.support_request_handle(
            request=support_request, by=it_staff, status="new", handling_group=None
        )


def test_reply_page_shows_status_choice_only_to_handlers(login, support_request, teacher, it_staff):
    url = support_request.get_absolute_url()
    assert 'name="status"' not in login(teacher).get(url).content.decode()
    assert 'name="status"' in login(it_staff).get(url).content.decode()


def test_reply_through_the_page_and_an_empty_reply_is_refused(login, support_request, it_staff):
    client = login(it_staff)
    url = support_request.get_absolute_url()
    response = client.post(url, {"body": "", "status": "waiting"})
    assert response.status_code == 400
    assert "Skriv ett meddelande." in response.content.decode()
    response = client.post(url, {"body": "Vilken webbläsare?", "status": "waiting"})
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == SupportRequest.Status.WAITING
    assert support_request.replies.get().by_handler


# --- Help articles --------------------------------------------------------------------------


def test_only_resolved_requests_are_published_once(support_request, it_staff):
    with pytest.raises(ValidationError):
        services.help_article_publish(request=support_request, by=it_staff, title="F", body="S")
    services.support_request_handle(
        request=support_request, by=it_staff, status="resolved", handling_group=None
    )
    article = services.help_article_publish(
        request=support_request, by=it_staff, title="Låst konto?", body="Ring IT."
    )
    assert article.category == support_request.category
    assert article.source_request == support_request
    with pytest.raises(ValidationError):
        services.help_article_publish(request=support_request, by=it_staff, title="F", body="S")


def test_publish_page_prefills_the_last_answer(login, resolved_request, it_staff, teacher):
    services.support_reply_add(request=resolved_request, author=it_staff, body="Starta om.")
    services.support_request_handle(
        request=resolved_request, by=it_staff, status="resolved", handling_group=None
    )
    client = login(it_staff)
    url = reverse("organisation:support_publish", args=[resolved_request.pk])
    assert "Starta om." in client.get(url).content.decode()
    response = client.post(url, {"title": "Hur låser jag upp?", "body": "Starta om."})
    article = HelpArticle.objects.get()
    assert response["Location"] == article.get_absolute_url()
    # Everyone signed in reads the help articles, also the requester.
    page = login(teacher).get(reverse("organisation:help_list"))
    assert "Hur låser jag upp?" in page.content.decode()


# --- Visibility matrix ----------------------------------------------------------------------


def test_visibility_matrix(
    school_a, school_b, teacher, staff_member, leader, it_staff, administrator, teacher_b, leader_b
):
    """Requests are visible to their requester, their handlers and the leaders of the
    requester's school — nobody else, not even an administrator."""
    group_member = person(Role.TEACHER, school_b, email="pedagog.b@vux.test")
    convener = person(Role.STAFF, school_b, email="sammankallande@vux.test")
    central_it = person(Role.IT_STAFF, None, email="it.central@vux.test")
    it_b = person(Role.IT_STAFF, school_b, email="it.b@vux.test")
    group = WorkingGroupFactory(convener=convener, members=[group_member])
    it_a_request = SupportRequestFactory(requester=teacher, school=school_a)
    group_request = SupportRequestFactory(
        requester=staff_member, school=school_a, handling_group=group
    )
    b_request = SupportRequestFactory(requester=teacher_b, school=school_b)
    expected = {
        teacher: {it_a_request},
        staff_member: {group_request},
        leader: {it_a_request, group_request},
        it_staff: {it_a_request},
        administrator: set(),
        teacher_b: {b_request},
        leader_b: {b_request},
        it_b: {b_request},
        central_it: {it_a_request, b_request},
        group_member: {group_request},
        convener: {group_request},
    }
    failures = []
    for user, visible in expected.items():
        seen = set(SupportRequest.objects.visible_to(user))
        if seen != visible:
            failures.append(f"{user.email}: sees {sorted(r.pk for r in seen)}")
    assert not failures, failures
    # Handling is narrower: the requester's leader reads but does not handle.
    assert set(SupportRequest.objects.editable_by(leader)) == set()
    assert set(SupportRequest.objects.editable_by(convener)) == {group_request}
    assert set(SupportRequest.objects.editable_by(it_staff)) == {it_a_request}


def test_the_list_page_shows_only_visible_requests(login, teacher, support_request_b, school_a):
    mine = SupportRequestFactory(requester=teacher, school=school_a, subject="Min fråga")
    content = login(teacher).get(reverse("organisation:support_list")).content.decode()
    assert mine.subject in content
    assert support_request_b.subject not in content


def test_the_school_leader_follows_but_does_not_reply(login, support_request, leader):
    client = login(leader)
    page = client.get(support_request.get_absolute_url())
    assert page.status_code == 200
    assert 'name="body"' not in page.content.decode()
    response = client.post(support_request.get_absolute_url(), {"body": "Hej"})
    assert response.status_code == 400
    assert not support_request.replies.exists()


def test_list_filters_own_requests_and_those_to_handle(login, it_staff, teacher, school_a):
    theirs = SupportRequestFactory(requester=teacher, school=school_a, subject="Lärarens fråga")
    own = SupportRequestFactory(
        requester=it_staff,
        school=school_a,
        subject="Teknikerns fråga",
        handling_group=WorkingGroupFactory(),
    )
    client = login(it_staff)
    url = reverse("organisation:support_list")
    handling = client.get(url, {"involvement": "handling"}).content.decode()
    assert theirs.subject in handling and own.subject not in handling
    mine = client.get(url, {"involvement": "mine"}).content.decode()
    assert own.subject in mine and theirs.subject not in mine
    api = client.get(reverse("supportrequest-list"), {"involvement": "mine"}).json()
    assert [r["id"] for r in api["results"]] == [own.pk]
