"""factory_boy factories for the infrastructure app."""

from datetime import timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from infrastructure.models import (
    AccessCount,
    Device,
    DeviceAudit,
    DeviceModel,
    Loan,
    Repair,
    Student,
    System,
)
from tests.factories import SchoolFactory, today


class DeviceModelFactory(DjangoModelFactory):
    class Meta:
        model = DeviceModel
        django_get_or_create = ["manufacturer", "name"]

    manufacturer = "Lenovo"
    name = factory.Sequence(lambda n: f"ThinkPad {n}")
    kind = DeviceModel.Kind.LAPTOP
    expected_lifetime_years = 4
    replacement_price = Decimal("10000")


class DeviceFactory(DjangoModelFactory):
    class Meta:
        model = Device

    asset_tag = factory.Sequence(lambda n: f"TAG-{n:05d}")
    serial_number = factory.Sequence(lambda n: f"SN{n:08d}")
    model = factory.SubFactory(DeviceModelFactory)
    school = factory.SubFactory(SchoolFactory)
    location = "A101"
    purchased_on = factory.LazyFunction(lambda: today() - timedelta(days=365))
    price = Decimal("9000")
    warranty_ends_on = factory.LazyFunction(lambda: today() + timedelta(days=700))


class StudentFactory(DjangoModelFactory):
    class Meta:
        model = Student

    school = factory.SubFactory(SchoolFactory)
    reference = factory.Sequence(lambda n: f"E{n:05d}")
    name = factory.Faker("name", locale="sv_SE")
    email = factory.Sequence(lambda n: f"elev{n}@elev.test")
    phone = "070-123 45 67"


class LoanFactory(DjangoModelFactory):
    """A loan made directly (no service): for tests of data, not of the lending rules."""

    class Meta:
        model = Loan

    device = factory.SubFactory(DeviceFactory, status=Device.Status.ON_LOAN)
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..device.school"))
    school = factory.SelfAttribute("device.school")
    lent_on = factory.LazyFunction(lambda: today() - timedelta(days=10))
    due_on = factory.LazyFunction(lambda: today() + timedelta(days=60))
    agreement_accepted_on = factory.SelfAttribute("lent_on")


class DeviceAuditFactory(DjangoModelFactory):
    class Meta:
        model = DeviceAudit

    school = factory.SubFactory(SchoolFactory)
    location = ""


class RepairFactory(DjangoModelFactory):
    class Meta:
        model = Repair

    device = factory.SubFactory(DeviceFactory, status=Device.Status.IN_REPAIR)
    problem = "Trasig skärm"


class SystemFactory(DjangoModelFactory):
    class Meta:
        model = System
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"System {n}")
    kind = System.Kind.LMS
    purpose = "Kursrum"


class AccessCountFactory(DjangoModelFactory):
    class Meta:
        model = AccessCount

    system = factory.SubFactory(SystemFactory)
    school = factory.SubFactory(SchoolFactory)
    with_access = 8
    should_have_access = 10
