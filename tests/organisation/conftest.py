import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from organisation.models import SupportRequest

from .factories import (
    DecisionFactory,
    HelpArticleFactory,
    MeetingFactory,
    RoutineFactory,
    ScanningNoteFactory,
    SupportRequestFactory,
    WorkingGroupFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def teacher_b_membership(teacher_b):
    return teacher_b.memberships.get()


@pytest.fixture
def working_group(leader, teacher):
    """Convened by school A's leader, with school A's teacher as a member."""
    return WorkingGroupFactory(name="Arbetsgrupp lärare", convener=leader, members=[teacher])


@pytest.fixture
def meeting(working_group):
    return MeetingFactory(group=working_group)


@pytest.fixture
def decision(meeting, leader):
    return DecisionFactory(meeting=meeting, responsible=leader)


@pytest.fixture
def routine(it_staff):
    return RoutineFactory(title="Konton för nyanställda", owner=it_staff)


@pytest.fixture
def support_request(teacher, school_a):
    """An account question at school A: handled by school A's IT staff."""
    return SupportRequestFactory(requester=teacher, school=school_a, subject="Låst konto")


@pytest.fixture
def support_request_b(teacher_b, school_b):
    return SupportRequestFactory(requester=teacher_b, school=school_b)


@pytest.fixture
def request_with_attachment(support_request):
    support_request.attachment.save("fel.pdf", ContentFile(PDF))
    return support_request


@pytest.fixture
def resolved_request(support_request):
    SupportRequest.objects.filter(pk=support_request.pk).update(
        status=SupportRequest.Status.RESOLVED, resolved_at=timezone.now()
    )
    support_request.refresh_from_db()
    return support_request


@pytest.fixture
def help_article(it_staff):
    return HelpArticleFactory(author=it_staff)


@pytest.fixture
def scanning_note(teacher):
    return ScanningNoteFactory(author=teacher)
