"""The demo data for working groups, routines, support and scanning."""

import pytest
from django.core.management import call_command

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

MODELS = (
    WorkingGroup,
    Meeting,
    Decision,
    Routine,
    SupportRequest,
    SupportReply,
    HelpArticle,
    ScanningNote,
)


@pytest.mark.django_db
def test_demo_covers_every_part_and_a_second_run_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = {m.__name__: m.objects.count() for m in MODELS}
    assert set(WorkingGroup.objects.values_list("area", flat=True)) >= {
        "teaching",
        "leadership",
        "systems",
    }
    schools = WorkingGroup.objects.get(area="teaching").members.values_list(
        "memberships__school", flat=True
    )
    assert len(set(schools)) > 1
    assert set(SupportRequest.objects.values_list("status", flat=True)) == set(
        SupportRequest.Status.values
    )
    assert Routine.objects.due().exists()
    assert Routine.objects.exclude(pk__in=Routine.objects.due()).exists()
    assert Decision.objects.filter(responsible__isnull=False).exists()
    assert all(counts.values()), counts
    call_command("seed_demo", stdout=None)
    assert {m.__name__: m.objects.count() for m in MODELS} == counts
