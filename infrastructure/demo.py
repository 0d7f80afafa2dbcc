"""Demo inventory: models, a few hundred devices at the four demo schools, staff
assignments, students with loans (some overdue, some due soon, some returned long ago), a
waiting list, inventory rounds, repairs, and systems with access counts, all dated around
the day the demo lives in (``vuxportal.seeds.demo_today``).

Devices and students are created in bulk the first time; a second run finds them by
their asset tags and student references and changes nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from vuxportal.roles import Role
from vuxportal.seeds import demo_today

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
DEVICES_PER_SCHOOL = {"sodermalm": 110, "kista": 90, "farsta": 75, "vallingby": 60}
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

# Per school: students with a device out, then students who returned theirs long ago, then
# students on the waiting list (the rest have neither).
OPEN_LOANS = 10
RETURNED_LOANS = 6
WAITING = 5
WAITING_NOTE = "Behöver en dator för distanskurser."
# Days between one waiting student's request and the next: some have waited since an
# earlier period, so its snapshot of the waiting list is not empty.
WAITING_APART = 40

REPAIRS = [
    # opened (days ago), problem, closed: (days ago, cost, outcome) or None for still open
    (30, "Trasig skärm", None),
    (25, "Startar inte", None),
    (20, "Tangentbordet fungerar inte", (2, "1450", "Tangentbord utbytt")),
]

AUDIT_ROOM = "B201"
AUDIT_DAYS_AGO = 40

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
    today = demo_today(demo)
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
    devices = _seed_devices(rng, today, code, school, models, it_user)
    _assign_laptops(demo, today, code, devices, it_user)
    free = [d for d in devices if d.status == Device.Status.IN_STOCK]
    # Chromebooks are lent first, then laptops no member of staff holds.
    lendable = [d for d in free if d.model.kind == DeviceModel.Kind.CHROMEBOOK] + [
        d for d in free if d.model.kind == DeviceModel.Kind.LAPTOP
    ]
    on_loan = lendable[:OPEN_LOANS]
    returned = lendable[OPEN_LOANS : OPEN_LOANS + RETURNED_LOANS]
    students = _seed_students(rng, code, school, it_user)
    _seed_loans(today, school, students, on_loan, returned, it_user)
    _seed_waiting_list(today, students[OPEN_LOANS + RETURNED_LOANS :][:WAITING])
    # Repaired devices are taken from the end of the stock, away from the lent ones.
    in_stock = [d for d in devices if d.status == Device.Status.IN_STOCK and d not in returned]
    _seed_repairs(today, in_stock[-len(REPAIRS) :], it_user)
    _seed_audit(today, school, it_user)


def _seed_devices(rng, today, code, school, models, it_user) -> list[Device]:
    """The school's devices, bought over the last seven years; every third a ThinkPad,
    most of the rest laptops, Chromebooks and iPads."""
    prefix = PREFIX[code]
    devices = []
    for n in range(1, DEVICES_PER_SCHOOL[code] + 1):
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
    bulk_create_with_history(devices, Device, default_user=it_user)
    return list(Device.objects.filter(school=school).order_by("asset_tag"))


def _assign_laptops(demo, today, code, devices, it_user) -> None:
    """Most of the school's staff get a laptop (the demo teacher does not: she can be
    given one in the demo)."""
    laptops = [d for d in devices if d.model.kind == DeviceModel.Kind.LAPTOP]
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


def _seed_students(rng, code, school, it_user) -> list[Student]:
    prefix = PREFIX[code]
    students = [
        Student(
            school=school,
            reference=f"{prefix}-E{1000 + i}",
            name=name,
            email=f"{name.split()[0].lower()}.{i}@elev.example",
            phone=f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        )
        for i, name in enumerate(STUDENT_NAMES)
    ]
    bulk_create_with_history(students, Student, default_user=it_user)
    return list(Student.objects.filter(school=school).order_by("reference"))


def _seed_loans(today, school, students, on_loan, returned, it_user) -> None:
    """Open loans (every fourth past its due date, so overdue loans stand out in the
    lists, and every fourth due within a week), then loans returned long ago."""
    loans = []
    for i, (student, device) in enumerate(zip(students, on_loan, strict=False)):
        lent_on = today - timedelta(days=20 + 15 * i)
        due_on = today + timedelta(days={1: -5 - i, 2: 1 + i // 2}.get(i % 4, 60 + i))
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
    for i, (student, device) in enumerate(zip(students[len(on_loan) :], returned, strict=False)):
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


def _seed_waiting_list(today, students) -> None:
    for i, student in enumerate(students):
        student.waiting_since = today - timedelta(days=3 + WAITING_APART * i)
        student.waiting_note = WAITING_NOTE
    Student.objects.bulk_update(students, ["waiting_since", "waiting_note"])


def _seed_repairs(today, devices, it_user) -> None:
    for device, (days_ago, problem, closed) in zip(devices, REPAIRS, strict=False):
        Repair.objects.create(
            device=device,
            opened_on=today - timedelta(days=days_ago),
            problem=problem,
            vendor="Atea Service",
            under_warranty=device.warranty_ends_on and device.warranty_ends_on > today,
            closed_on=today - timedelta(days=closed[0]) if closed else None,
            cost=Decimal(closed[1]) if closed else None,
            outcome=closed[2] if closed else "",
            reported_by=it_user,
        )
        if not closed:
            Device.objects.filter(pk=device.pk).update(status=Device.Status.IN_REPAIR)


def _seed_audit(today, school, it_user) -> None:
    """An inventory round of one room, completed, with one device missing."""
    started_on = today - timedelta(days=AUDIT_DAYS_AGO)
    audit = DeviceAudit.objects.create(
        school=school,
        location=AUDIT_ROOM,
        started_on=started_on,
        completed_on=started_on,
        performed_by=it_user,
    )
    expected = list(
        Device.objects.filter(
            school=school,
            location=AUDIT_ROOM,
            status__in=(Device.Status.IN_STOCK, Device.Status.ASSIGNED),
        )
    )
    Result = DeviceAuditItem.Result
    DeviceAuditItem.objects.bulk_create(
        DeviceAuditItem(
            audit=audit,
            device=d,
            asset_tag=d.asset_tag,
            result=Result.MISSING if i == 0 else Result.FOUND,
        )
        for i, d in enumerate(expected)
    )
    Device.objects.filter(pk__in=[d.pk for d in expected[1:]]).update(last_audited_on=started_on)


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
