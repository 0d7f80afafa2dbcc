"""Objects at school A (in scope for the school-bound fixtures) and school B (out of scope)."""

import pytest

from tests.infrastructure.factories import (
    DeviceAuditFactory,
    DeviceFactory,
    DeviceModelFactory,
    LoanFactory,
    RepairFactory,
    StudentFactory,
    SystemFactory,
)


@pytest.fixture
def device_model(db):
    return DeviceModelFactory()


@pytest.fixture
def device_a(school_a, device_model):
    return DeviceFactory(school=school_a, model=device_model, asset_tag="A-0001")


@pytest.fixture
def device_b(school_b, device_model):
    return DeviceFactory(school=school_b, model=device_model, asset_tag="B-0001")


@pytest.fixture
def student_a(school_a):
    return StudentFactory(school=school_a, name="Amina Yusuf", reference="A-E1")


@pytest.fixture
def student_b(school_b):
    return StudentFactory(school=school_b, name="Baran Karimi", reference="B-E1")


@pytest.fixture
def loan_a(school_a, device_model, student_a):
    device = DeviceFactory(school=school_a, model=device_model, status="on_loan")
    return LoanFactory(device=device, student=student_a)


@pytest.fixture
def loan_b(school_b, device_model, student_b):
    device = DeviceFactory(school=school_b, model=device_model, status="on_loan")
    return LoanFactory(device=device, student=student_b)


@pytest.fixture
def audit_a(school_a):
    return DeviceAuditFactory(school=school_a)


@pytest.fixture
def audit_b(school_b):
    return DeviceAuditFactory(school=school_b)


@pytest.fixture
def repair_a(school_a, device_model):
    return RepairFactory(
        device=DeviceFactory(school=school_a, model=device_model, status="in_repair")
    )


@pytest.fixture
def repair_b(school_b, device_model):
    return RepairFactory(
        device=DeviceFactory(school=school_b, model=device_model, status="in_repair")
    )


@pytest.fixture
def system(db):
    return SystemFactory(name="Skolplattformen", kind="platform")


@pytest.fixture
def assigned_device_a(school_a, device_model, teacher):
    return DeviceFactory(
        school=school_a, model=device_model, status="assigned", assigned_to=teacher
    )


@pytest.fixture
def assigned_device_b(school_b, device_model, teacher_b):
    return DeviceFactory(
        school=school_b, model=device_model, status="assigned", assigned_to=teacher_b
    )
