"""``manage.py seed_scale``: sizes scale with --schools, data follows --seed."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from competence.models import Rating, SelfAssessment, TrainingRecord
from goals.models import GoalAssessment, Measurement, ReportingPeriod
from infrastructure.models import Device, Loan, Student
from organisation.models import Membership, School, SupportRequest, User

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def _seed(*, seed=1):
    call_command("seed_scale", schools=1, seed=seed, force=True, stdout=io.StringIO())


def _seed_and_measure(seed):
    """Seeds in a savepoint that is rolled back; returns (sizes, fingerprint)."""
    try:
        with transaction.atomic():
            _seed(seed=seed)
            result = _sizes(), _fingerprint()
            raise Rollback
    except Rollback:
        pass
    assert not School.objects.exists()
    return result


def _sizes() -> dict[str, int]:
    scale = {"school__code__startswith": "skala"}
    return {
        "schools": School.objects.filter(code__startswith="skala").count(),
        "staff": User.objects.filter(email__endswith="@scale.example").count(),
        "memberships": Membership.objects.filter(**scale).count(),
        "devices": Device.objects.filter(**scale).count(),
        "students": Student.objects.filter(**scale).count(),
        "loans": Loan.objects.filter(**scale).count(),
        "training records": TrainingRecord.objects.filter(**scale).count(),
        "self-assessments": SelfAssessment.objects.filter(**scale).count(),
        "ratings": Rating.objects.filter(assessment__school__code__startswith="skala").count(),
        "support requests": SupportRequest.objects.filter(**scale).count(),
        "measurements": Measurement.objects.filter(**scale).count(),
        "assessments": GoalAssessment.objects.filter(**scale).count(),
        "years": ReportingPeriod.objects.values("year").distinct().count(),
    }


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for row in Device.objects.order_by("asset_tag").values_list(
        "asset_tag", "serial_number", "status", "purchased_on", "price", "assigned_to__email"
    ):
        digest.update(repr(row).encode())
    for row in (
        TrainingRecord.objects.filter(school__code__startswith="skala")
        .order_by("person__email", "date", "title", "hours", "kind")
        .values_list("person__email", "date", "title", "hours", "kind")
    ):
        digest.update(repr(row).encode())
    for row in (
        Rating.objects.filter(assessment__school__code__startswith="skala")
        .order_by("assessment__person__email", "assessment__period__sort_key", "competence__code")
        .values_list("assessment__person__email", "assessment__period__sort_key", "level")
    ):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def test_one_school_is_a_fiftieth_of_the_large_dataset_and_the_seed_decides_the_data():
    sizes, first = _seed_and_measure(1)
    assert sizes["schools"] == 1
    assert sizes["staff"] == 5_000 // 50
    assert sizes["memberships"] == 5_000 // 50
    assert sizes["devices"] == 50_000 // 50
    assert sizes["students"] == sizes["loans"] == 20_000 // 50
    assert sizes["training records"] == 500_000 // 50
    assert sizes["self-assessments"] == 40_000 // 50
    assert sizes["ratings"] == sizes["self-assessments"] * 22  # DigCompEdu's competences
    assert sizes["support requests"] == 10_000 // 50
    assert sizes["years"] >= 5
    assert sizes["measurements"] > 0 and sizes["assessments"] > 0
    assert _seed_and_measure(1) == (sizes, first)
    again_sizes, other = _seed_and_measure(2)
    assert again_sizes == sizes
    assert other != first


def test_refuses_a_database_with_data_and_debug_off(settings):
    _seed()
    with pytest.raises(CommandError, match="already holds data"):
        _seed()
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_scale", schools=1, reset=True, stdout=io.StringIO())
