from datetime import timedelta

import pytest
from django.utils import timezone

from .factories import (
    ActivityFactory,
    EnrolmentFactory,
    ExampleFactory,
    RecordFactory,
    framework_with,
    open_period,
)


@pytest.fixture
def framework(db):
    return framework_with()


@pytest.fixture
def period(db):
    return open_period()


@pytest.fixture
def activity_a(teacher, school_a):
    """A session organised by the school A teacher, hosted by school A."""
    return ActivityFactory(organiser=teacher, school=school_a, title="Session A")


@pytest.fixture
def activity_b(leader_b, school_b):
    return ActivityFactory(organiser=leader_b, school=school_b, title="Session B")


@pytest.fixture
def past_activity_b(leader_b, school_b):
    starts = timezone.now() - timedelta(days=3)
    return ActivityFactory(
        organiser=leader_b,
        school=school_b,
        title="Past session B",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


@pytest.fixture
def enrolled_everyone_b(past_activity_b, teacher, staff_member, leader, it_staff, administrator):
    for person in (teacher, staff_member, leader, it_staff, administrator):
        EnrolmentFactory(activity=past_activity_b, person=person)
    return past_activity_b


@pytest.fixture
def record_a(teacher, school_a):
    return RecordFactory(person=teacher, school=school_a, title="Kurs A")


@pytest.fixture
def record_b(teacher_b, school_b):
    return RecordFactory(person=teacher_b, school=school_b, title="Kurs B")


@pytest.fixture
def example_b(teacher_b, school_b):
    return ExampleFactory(author=teacher_b, school=school_b, title="Exempel B")


@pytest.fixture
def draft_b(teacher_b, school_b):
    return ExampleFactory(author=teacher_b, school=school_b, is_published=False, title="Utkast B")


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def record_b_with_certificate(record_b):
    from django.core.files.base import ContentFile

    record_b.certificate.save("intyg.pdf", ContentFile(PDF_BYTES))
    return record_b


@pytest.fixture
def example_b_with_attachment(example_b):
    from django.core.files.base import ContentFile

    example_b.attachment.save("bilaga.pdf", ContentFile(PDF_BYTES))
    return example_b


@pytest.fixture
def enrolment_b(activity_b, teacher_b):
    return EnrolmentFactory(activity=activity_b, person=teacher_b)


@pytest.fixture
def framework_area(framework):
    return framework.areas.first()
