"""Factories for the organisation app's working groups, routines, support and scanning."""

import factory
from factory.django import DjangoModelFactory

from organisation.models import (
    Decision,
    HelpArticle,
    Meeting,
    Routine,
    ScanningNote,
    SupportReply,
    SupportRequest,
    WorkingGroup,
)
from tests.factories import SchoolFactory, UserFactory


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Arbetsgrupp {n}")
    area = WorkingGroup.Area.TEACHING
    purpose = "Utveckla undervisningen med digitala verktyg."
    convener = factory.SubFactory(UserFactory)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.add(*extracted)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(WorkingGroupFactory)
    agenda = "1. Uppföljning"
    minutes = "Gruppen följde upp."


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Beslut {n}")


class RoutineFactory(DjangoModelFactory):
    class Meta:
        model = Routine

    title = factory.Sequence(lambda n: f"Rutin {n}")
    area = Routine.Area.SUPPORT
    owner = factory.SubFactory(UserFactory)
    review_interval_months = 12


class SupportRequestFactory(DjangoModelFactory):
    class Meta:
        model = SupportRequest

    requester = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    category = SupportRequest.Category.ACCOUNT
    subject = factory.Sequence(lambda n: f"Fråga {n}")
    description = "Jag kan inte logga in."


class SupportReplyFactory(DjangoModelFactory):
    class Meta:
        model = SupportReply

    request = factory.SubFactory(SupportRequestFactory)
    author = factory.SubFactory(UserFactory)
    body = "Svar"


class HelpArticleFactory(DjangoModelFactory):
    class Meta:
        model = HelpArticle

    title = factory.Sequence(lambda n: f"Hur gör jag {n}?")
    category = SupportRequest.Category.ACCOUNT
    body = "Så här."
    author = factory.SubFactory(UserFactory)


class ScanningNoteFactory(DjangoModelFactory):
    class Meta:
        model = ScanningNote

    title = factory.Sequence(lambda n: f"Omvärldsspaning {n}")
    source = "Skolverket"
    summary = "Sammanfattning."
    plan_part = 2
    tags = "ai, prov"
    author = factory.SubFactory(UserFactory)
