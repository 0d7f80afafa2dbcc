"""Scale data (``manage.py seed_scale``). At 50 schools: 50,000 devices of the demo's
device models, 20,000 students and 20,000 loans (one student each; a tenth still out)."""

from datetime import timedelta
from decimal import Decimal

DEVICES = 50_000
LOANS = 20_000


def seed(ctx):
    from .models import Device, DeviceModel, Loan, Student

    rng, today = ctx.rng, ctx.today
    models = list(DeviceModel.objects.order_by("pk"))
    per_school = ctx.per_school(ctx, DEVICES)
    loans_per_school = ctx.per_school(ctx, LOANS)
    devices = []
    for s, school in enumerate(ctx.schools):
        for i in range(per_school):
            model = rng.choice(models)
            bought = today - timedelta(days=rng.randrange(0, 6 * 365))
            if i < loans_per_school:
                status, assigned = "in_stock", None  # lent below, or back in stock
            else:
                status = rng.choice(["in_stock", "assigned", "assigned", "in_repair", "retired"])
                assigned = rng.choice(ctx.staff[s]) if status == "assigned" else None
            devices.append(
                Device(
                    asset_tag=f"SK{s:03d}-{i:05d}",
                    serial_number=f"SN{s:03d}{i:05d}{rng.randrange(10**4):04d}",
                    model=model,
                    school=school,
                    location=f"Rum {rng.randrange(1, 300)}",
                    status=status,
                    purchased_on=bought,
                    price=Decimal(rng.randrange(3000, 15000)),
                    warranty_ends_on=bought + timedelta(days=3 * 365),
                    assigned_to=assigned,
                )
            )
    devices = Device.objects.bulk_create(devices, batch_size=ctx.batch)

    students = Student.objects.bulk_create(
        (
            Student(
                school=school,
                reference=f"ELEV-{s:03d}-{i:05d}",
                name=f"Elev {s}-{i}",
                email=f"elev{s}-{i}@student.scale.example",
            )
            for s, school in enumerate(ctx.schools)
            for i in range(loans_per_school)
        ),
        batch_size=ctx.batch,
    )
    loans, lent_ids = [], []
    for s, school in enumerate(ctx.schools):
        for i in range(loans_per_school):
            device = devices[s * per_school + i]
            lent = today - timedelta(days=rng.randrange(0, 4 * 365))
            open_loan = rng.random() < 0.1
            if open_loan:
                lent_ids.append(device.pk)
            loans.append(
                Loan(
                    device=device,
                    student=students[s * loans_per_school + i],
                    school=school,
                    lent_on=lent,
                    due_on=lent + timedelta(days=180),
                    returned_on=None
                    if open_loan
                    else lent + timedelta(days=rng.randrange(30, 200)),
                    lent_by=ctx.it_staff[s][0],
                    return_condition="" if open_loan else "good",
                    agreement_accepted_on=lent,
                )
            )
    Loan.objects.bulk_create(loans, batch_size=ctx.batch)
    Device.objects.filter(pk__in=lent_ids).update(status="on_loan")
