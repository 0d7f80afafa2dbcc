"""The API for working groups, routines, support requests and scanning notes."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import ScanningNote, SupportRequest, WorkingGroup
from tests.factories import person
from vuxportal.roles import Role

from .factories import SupportRequestFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_filing_a_request_through_the_api_routes_and_emails(
    login, teacher, it_staff, school_a, django_capture_on_commit_callbacks
):
    client = login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("supportrequest-list"),
            {
                "school": school_a.pk,
                "category": "device",
                "subject": "Trasig skärm",
                "description": "Skärmen flimrar.",
                "status": "resolved",  # read-only: ignored
            },
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    request = SupportRequest.objects.get()
    assert request.requester == teacher
    assert request.status == SupportRequest.Status.NEW
    assert [m.to for m in mail.outbox] == [["it.a@vux.test"]]


@pytest.mark.parametrize(
    ("school", "description", "field"),
    [("school_b", "Skärmen flimrar.", "school"), ("school_a", " ", "description")],
)
def test_api_refuses_another_school_and_empty_text(
    request, login, teacher, school_a, school, description, field
):
    response = login(teacher).post(
        reverse("supportrequest-list"),
        {
            "school": request.getfixturevalue(school).pk,
            "category": "device",
            "subject": "X",
            "description": description,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not SupportRequest.objects.exists()


def test_api_lists_only_visible_requests_and_filters(login, teacher, school_a, support_request_b):
    mine = SupportRequestFactory(requester=teacher, school=school_a, category="device")
    SupportRequestFactory(requester=teacher, school=school_a, category="account")
    client = login(teacher)
    ids = [r["id"] for r in client.get(reverse("supportrequest-list")).json()["results"]]
    assert support_request_b.pk not in ids and mine.pk in ids
    only = client.get(reverse("supportrequest-list"), {"category": "device"}).json()["results"]
    assert [r["id"] for r in only] == [mine.pk]


def test_administrator_creates_a_group_and_the_convener_edits_it(
    login, administrator, leader, teacher, teacher_b
):
    response = login(administrator).post(
        reverse("workinggroup-list"),
        {
            "name": "Arbetsgrupp system",
            "area": "systems",
            "convener": leader.pk,
            "members": [teacher.pk, teacher_b.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    group = WorkingGroup.objects.get()
    assert set(group.members.all()) == {teacher, teacher_b}
    response = login(leader).patch(
        reverse("workinggroup-detail", args=[group.pk]),
        {"purpose": "Samordna system"},
        content_type="application/json",
    )
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.purpose == "Samordna system"


def test_scanning_note_author_is_the_caller(login, teacher):
    response = login(teacher).post(
        reverse("scanningnote-list"),
        {"title": "AI", "source": "Skolverket", "summary": "Om AI", "plan_part": 2},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert ScanningNote.objects.get().author == teacher


@pytest.mark.parametrize("url_name", ["supportrequest-list", "workinggroup-list"])
def test_api_lists_keep_a_constant_query_count(login, url_name, leader, teacher, school_a):
    client = login(leader)

    def grow(n):
        for _ in range(n):
            member = person(Role.TEACHER, school_a)
            WorkingGroupFactory(convener=leader, members=[member, teacher])
            SupportRequestFactory(requester=member, school=school_a)

    grow(2)
    client.get(reverse(url_name))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse(url_name))
    grow(10)
    with CaptureQueriesContext(connection) as big:
        assert client.get(reverse(url_name)).status_code == 200
    assert len(small) == len(big)
