"""The demo data: loads, holds what the issue lists, and a second run changes nothing."""

import io

import pytest
from django.core.management import call_command

from competence.models import (
    ActivityEvaluation,
    Area,
    Competence,
    Enrolment,
    Framework,
    Level,
    PracticeExample,
    PracticeUse,
    Rating,
    SelfAssessment,
    TrainingActivity,
    TrainingRecord,
)
from goals.models import Indicator

MODELS = [
    Framework,
    Area,
    Competence,
    Level,
    SelfAssessment,
    Rating,
    TrainingActivity,
    Enrolment,
    ActivityEvaluation,
    TrainingRecord,
    PracticeExample,
    PracticeUse,
    Indicator,
]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    digcompedu = Framework.objects.get(code="digcompedu")
    assert digcompedu.areas.count() == 6
    assert Competence.objects.filter(area__framework=digcompedu).count() == 22
    assert [lv.code for lv in digcompedu.levels.all()] == ["A1", "A2", "B1", "B2", "C1", "C2"]
    assert Competence.objects.filter(area__framework__code="tpack").count() == 7
    assert Framework.objects.filter(code="leadership").exists()
    assert SelfAssessment.objects.values("period").distinct().count() == 3
    assert Enrolment.objects.filter(status=Enrolment.Status.WAITING).exists()
    assert TrainingActivity.objects.filter(series="Vux 2.0").count() >= 4
    assert Indicator.objects.filter(metric_key__startswith="competence.").count() >= 2
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
