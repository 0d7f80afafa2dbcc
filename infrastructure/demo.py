"""Demo inventory: models, a few hundred devices at the four demo schools, staff
assignments, students with loans (some overdue, some returned long ago), a waiting list,
inventory rounds, repairs, and systems with access counts.

Devices and students are created in bulk the first time; a second run finds them by
their asset tags and student references and changes nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from vuxportal.roles import Role

from .models import (
    AccessCount,
    Assignment,
    Device,
    DeviceAudit,
    DeviceAuditItem,
    DeviceModel,
    Loan,
    Repair,
    Student,
    System,
)

MODELS = [
    # manufacturer, name, kind, lifetime, replacement price
    ("Lenovo", "ThinkPad L14", DeviceModel.Kind.LAPTOP, 4, "11500"),
    ("HP", "ProBook 450", DeviceModel.Kind.LAPTOP, 4, "10900"),
    ("Acer", "Chromebook 314", DeviceModel.Kind.CHROMEBOOK, 3, "4200"),
    ("Apple", "iPad 10.2", DeviceModel.Kind.TABLET, 4, "4900"),
    ("Samsung", "Flip Pro 75", DeviceModel.Kind.DISPLAY, 7, "38000"),
    ("Epson", "EB-L200F", DeviceModel.Kind.PROJECTOR, 6, "14500"),
    ("IPEVO", "V4K", DeviceModel.Kind.DOCUMENT_CAMERA, 5, "1200"),
    ("Jabra", "Evolve2 40", DeviceModel.Kind.HEADSET, 3, "900"),
]

PREFIX = {"sodermalm": "SOD", "kista": "KIS", "farsta": "FAR", "vallingby": "VAL"}
ROOMS = ["A101", "A102", "B201", "B202", "Bibliotek", "IT-förråd"]

STUDENT_NAMES = [
    "Amina Yusuf",
    "Baran Karimi",
    "Cecilia Holm",
    "Dawit Tesfaye",
    "Elif Demir",
    "Farhan Ahmadi",
    "Greta Lund",
    "Hodan Abdi",
    "Ivan Petrov",
    "Jamila Haddad",
    "Kim Nguyen",
    "Layla Mansour",
    "Mehmet Aydin",
    "Nadia Rahimi",
    "Omar Farah",
    "Paula Sánchez",
    "Rania Saleh",
    "Samir Haddou",
    "Tigist Bekele",
    "Viktor Ek",
    "Wafa Nasser",
    "Yasmin Ali",
]

SYSTEMS = [
    (
        "Skolplattformen",
        System.Kind.PLATFORM,
        "Stockholms stads skolplattform: närvaro, schema och kontakt med elever.",
        "Stadens servicedesk, 08-508 000 00",
    ),
    (
        "BER",
        System.Kind.STUDENT_ADMIN,
        "Elevregister för vuxenutbildningen: antagning, kurser och betyg.",
        "Systemförvaltningen BER",
    ),
    (
        "Microsoft 365",
        System.Kind.OFFICE,
        "E-post, Teams, OneDrive och Office för personal och elever.",
        "Stadens servicedesk",
    ),
    (
        "Google Workspace",
        System.Kind.OFFICE,
        "Classroom och Drive för de skolor som arbetar i Google-miljön.",
        "IT-samordnare Vux",
    ),
    (
        "Lärplattformen (LMS)",
        System.Kind.LMS,
        "Kursrum för distans- och flexundervisning.",
        "Förvaltningens lärplattformsstöd",
    ),
    (
        "Konton och inloggning",
        System.Kind.ACCOUNTS,
        "Användarkonton, behörigheter och tvåfaktorsinloggning för personal och elever.",
        "Stadens servicedesk",
    ),
]


def seed(demo):
    today = timezone.localdate()
    rng = random.Random(2021)
    models = []
    for manufacturer, name, kind, lifetime, price in MODELS:
        model, _ = DeviceModel.objects.get_or_create(
            manufacturer=manufacturer,
            name=name,
            defaults={
                "kind": kind,
                "expected_lifetime_years": lifetime,
                "replacement_price": Decimal(price),
            },
        )
        models.append(model)
    it_user = demo.accounts["it@vux.example"]
    for code, school in demo.schools.items():
        if Device.objects.filter(asset_tag__startswith=f"{PREFIX[code]}-").exists():
            continue  # this school's demo inventory is already there
        _seed_school(demo, rng, today, code, school, models, it_user)
    _seed_systems(demo, today)


def _seed_school(demo, rng, today, code, school, models, it_user):
    prefix = PREFIX[code]
    count = {"sodermalm": 110, "kista": 90, "farsta": 75, "vallingby": 60}[code]
    devices = []
    for n in range(1, count + 1):
        model = models[0] if n % 3 == 0 else rng.choice(models[:4]) if n % 5 else rng.choice(models)
        age_days = rng.randint(30, 365 * 7)
        purchased = today - timedelta(days=age_days)
        devices.append(
            Device(
                asset_tag=f"{prefix}-{n:04d}",
                serial_number=f"{prefix}{rng.randint(10**7, 10**8 - 1)}{n:04d}",
                model=model,
                school=school,
                location=rng.choice(ROOMS),
                purchased_on=purchased,
                price=model.replacement_price * Decimal("0.95"),
                warranty_ends_on=purchased + timedelta(days=365 * 3),
            )
        )
    devices = bulk_create_with_history(devices, Device, default_user=it_user)
    devices = list(Device.objects.filter(school=school).order_by("asset_tag"))
    laptops = [d for d in devices if d.model.kind == DeviceModel.Kind.LAPTOP]
    # Staff assignments: most of the school's staff get a laptop.
    staff = [u for u in demo.staff[code] if u.email != "larare@vux.example"]
    assigned = []
    for user, device in zip(staff[: int(len(staff) * 0.75)], laptops, strict=False):
        device.status = Device.Status.ASSIGNED
        device.assigned_to = user
        assigned.append(device)
        Assignment.objects.create(
            device=device,
            user=user,
            assigned_by=it_user,
            assigned_on=device.purchased_on or today,
        )
    Device.objects.bulk_update(assigned, ["status", "assigned_to"])
    free = [d for d in devices if d.status == Device.Status.IN_STOCK]
    chromebooks = [d for d in free if d.model.kind in (DeviceModel.Kind.CHROMEBOOK,)]
    lendable = chromebooks + [d for d in free if d.model.kind == DeviceModel.Kind.LAPTOP]

    # Students: open loans (some overdue), loans returned long ago, a waiting list.
    students = []
    for i, name in enumerate(STUDENT_NAMES):
        students.append(
            Student(
                school=school,
                reference=f"{prefix}-E{1000 + i}",
                name=name,
                email=f"{name.split()[0].lower()}.{i}@elev.example",
                phone=f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            )
        )
    students = bulk_create_with_history(students, Student, default_user=it_user)
    students = list(Student.objects.filter(school=school).order_by("reference"))
    loans = []
    on_loan = []
    for i, student in enumerate(students[:10]):
        device = lendable.pop(0)
        lent_on = today - timedelta(days=20 + 15 * i)
        # Every fourth loan is past its due date: overdue loans stand out in the lists.
        due_on = today - timedelta(days=5 + i) if i % 4 == 1 else today + timedelta(days=60 + i)
        loans.append(
            Loan(
                device=device,
                student=student,
                school=school,
                lent_on=lent_on,
                due_on=due_on,
                lent_by=it_user,
                agreement_accepted_on=lent_on,
            )
        )
        device.status = Device.Status.ON_LOAN
        on_loan.append(device)
    for i, student in enumerate(students[10:16]):
        device = lendable[i]
        lent_on = today - timedelta(days=700 + 10 * i)
        loans.append(
            Loan(
                device=device,
                student=student,
                school=school,
                lent_on=lent_on,
                due_on=lent_on + timedelta(days=150),
                returned_on=lent_on + timedelta(days=140 + i * 20),
                lent_by=it_user,
                received_by=it_user,
                return_condition=Loan.Condition.GOOD,
                agreement_accepted_on=lent_on,
            )
        )
    bulk_create_with_history(loans, Loan, default_user=it_user)
    Device.objects.bulk_update(on_loan, ["status"])
    waiting = students[16:21]
    for i, student in enumerate(waiting):
        student.waiting_since = today - timedelta(days=3 + 7 * i)
        student.waiting_note = "Behöver en dator för distanskurser."
    Student.objects.bulk_update(waiting, ["waiting_since", "waiting_note"])

    # Repairs: two open, one closed.
    in_stock = [d for d in devices if d.status == Device.Status.IN_STOCK and d not in lendable[:6]]
    for i, device in enumerate(in_stock[-3:]):
        closed = i == 2
        Repair.objects.create(
            device=device,
            opened_on=today - timedelta(days=30 - i * 5),
            problem=["Trasig skärm", "Startar inte", "Tangentbordet fungerar inte"][i],
            vendor="Atea Service",
            under_warranty=device.warranty_ends_on and device.warranty_ends_on > today,
            closed_on=today - timedelta(days=2) if closed else None,
            cost=Decimal("1450") if closed else None,
            outcome="Tangentbord utbytt" if closed else "",
            reported_by=it_user,
        )
        if not closed:
            Device.objects.filter(pk=device.pk).update(status=Device.Status.IN_REPAIR)

    # An inventory round of one room, completed, with one device missing.
    room = "B201"
    audit = DeviceAudit.objects.create(
        school=school,
        location=room,
        started_on=today - timedelta(days=40),
        completed_on=today - timedelta(days=40),
        performed_by=it_user,
    )
    expected = list(
        Device.objects.filter(
            school=school,
            location=room,
            status__in=(Device.Status.IN_STOCK, Device.Status.ASSIGNED),
        )
    )
    items = [
        DeviceAuditItem(
            audit=audit,
            device=d,
            asset_tag=d.asset_tag,
            result=DeviceAuditItem.Result.MISSING if i == 0 else DeviceAuditItem.Result.FOUND,
        )
        for i, d in enumerate(expected)
    ]
    DeviceAuditItem.objects.bulk_create(items)
    Device.objects.filter(pk__in=[d.pk for d in expected[1:]]).update(
        last_audited_on=audit.started_on
    )


def _seed_systems(demo, today):
    owner = demo.accounts["admin@vux.example"]
    staff_roles = (Role.TEACHER, Role.STAFF, Role.SCHOOL_LEADER, Role.IT_STAFF)
    for name, kind, purpose, support in SYSTEMS:
        system, _ = System.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "purpose": purpose, "support_contact": support, "owner": owner},
        )
        for s_index, school in enumerate(demo.schools.values()):
            should = school.memberships.filter(role__in=staff_roles).count() * 10
            for months_ago, gap in ((6, 12), (0, 4)):
                counted_on = (today - timedelta(days=30 * months_ago)).replace(day=1)
                AccessCount.objects.get_or_create(
                    system=system,
                    school=school,
                    counted_on=counted_on,
                    defaults={
                        "with_access": max(should - gap - s_index * 3, 0),
                        "should_have_access": should,
                    },
                )
