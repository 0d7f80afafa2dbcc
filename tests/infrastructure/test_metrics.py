"""The metrics behind automatic indicators move with the inventory's data."""

from datetime import timedelta
from decimal import Decimal

import pytest

from infrastructure import services
from tests.factories import today
from tests.infrastructure.factories import (
    AccessCountFactory,
    DeviceAuditFactory,
    DeviceFactory,
    DeviceModelFactory,
    StudentFactory,
    SystemFactory,
)
from vuxportal.metrics import metrics

pytestmark = pytest.mark.django_db


def value(key, school=None):
    return metrics.get(key).compute(school=school, start=today() - timedelta(days=30), end=today())


def test_all_metrics_are_registered():
    keys = {m.key for m in metrics if m.app_label == "infrastructure"}
    assert {
        "infrastructure.staff_with_device",
        "infrastructure.students_waiting",
        "infrastructure.devices_past_lifetime",
        "infrastructure.devices_audited",
        "infrastructure.system_access",
        "infrastructure.system_access.lms",
    } <= keys


def test_share_of_staff_with_a_device(school_a, teacher, leader, it_staff, device_a, device_b):
    # Three staff at school A, none with a device.
    assert value("infrastructure.staff_with_device", school_a) == Decimal("0.00")
    services.device_assign(device=device_a, user=teacher, by=it_staff)
    assert value("infrastructure.staff_with_device", school_a) == Decimal("33.33")
    records = metrics.get("infrastructure.staff_with_device").records(
        school=school_a, start=today(), end=today()
    )
    assert list(records) == [teacher]


def test_students_waiting(school_a, school_b, student_a):
    StudentFactory(school=school_b, waiting_since=today())
    assert value("infrastructure.students_waiting", school_a) == 0
    services.student_add_to_waiting_list(student=student_a)
    assert value("infrastructure.students_waiting", school_a) == 1
    assert value("infrastructure.students_waiting") == 2


def test_share_of_devices_past_lifetime(school_a):
    model = DeviceModelFactory(expected_lifetime_years=3)
    DeviceFactory(school=school_a, model=model, purchased_on=today() - timedelta(days=365 * 5))
    DeviceFactory(school=school_a, model=model, purchased_on=today() - timedelta(days=200))
    DeviceFactory(school=school_a, model=model, purchased_on=today(), status="retired")
    assert value("infrastructure.devices_past_lifetime", school_a) == Decimal("50.00")


def test_share_of_devices_audited(school_a, device_a):
    DeviceFactory(school=school_a, model=device_a.model)
    assert value("infrastructure.devices_audited", school_a) == Decimal("0.00")
    audit = DeviceAuditFactory(school=school_a)
    services.audit_scan(audit=audit, tags=[device_a.asset_tag])
    services.audit_complete(audit=audit)
    assert value("infrastructure.devices_audited", school_a) == Decimal("50.00")


def test_system_access_uses_the_latest_count(school_a, school_b):
    lms = SystemFactory(name="LMS", kind="lms")
    AccessCountFactory(
        system=lms,
        school=school_a,
        counted_on=today() - timedelta(days=100),
        with_access=1,
        should_have_access=10,
    )
    AccessCountFactory(
        system=lms, school=school_a, counted_on=today(), with_access=9, should_have_access=10
    )
    AccessCountFactory(
        system=lms, school=school_b, counted_on=today(), with_access=5, should_have_access=10
    )
    assert value("infrastructure.system_access.lms", school_a) == Decimal("90.00")
    assert value("infrastructure.system_access") == Decimal("70.00")
    assert value("infrastructure.system_access.office") is None
