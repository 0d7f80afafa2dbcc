"""Scale data (``manage.py seed_scale``): schools, staff with memberships, support
requests and routines. At 50 schools: 5,000 staff, 10,000 support requests, 500 routines."""

from datetime import timedelta

STAFF = 5_000
SUPPORT_REQUESTS = 10_000
ROUTINES = 500

FIRST = ["Anna", "Erik", "Maria", "Johan", "Sara", "Karl", "Åsa", "Ömer", "Lina", "Ali"]
LAST = ["Andersson", "Berg", "Lindqvist", "Öberg", "Nilsson", "Hassan", "Ek", "Sjöberg"]


def seed(ctx):
    from vuxportal.roles import Role

    from .models import Membership, Routine, School, SupportRequest, User

    rng, today = ctx.rng, ctx.today
    ctx.schools = School.objects.bulk_create(
        School(code=f"skala{i:03d}", name=f"Vux Skalskola {i:03d}", student_places=500)
        for i in range(ctx.schools_count)
    )
    n_staff = ctx.per_school(ctx, STAFF)
    users, roles = [], []
    for s, _school in enumerate(ctx.schools):
        for i in range(n_staff):
            role = (
                Role.SCHOOL_LEADER
                if i < 3
                else Role.IT_STAFF
                if i < 6
                else Role.STAFF
                if i % 10 == 0
                else Role.TEACHER
            )
            users.append(
                User(
                    email=f"skala{s:03d}-{i:03d}@scale.example",
                    password="!",
                    first_name=rng.choice(FIRST),
                    last_name=rng.choice(LAST),
                )
            )
            roles.append(role)
    users = User.objects.bulk_create(users, batch_size=ctx.batch)
    starts = [today - timedelta(days=rng.randrange(30, 3000)) for _ in users]
    Membership.objects.bulk_create(
        (
            Membership(user=u, role=roles[k], school=ctx.schools[k // n_staff], starts_on=starts[k])
            for k, u in enumerate(users)
        ),
        batch_size=ctx.batch,
    )
    ctx.staff = [users[s * n_staff : (s + 1) * n_staff] for s in range(len(ctx.schools))]
    ctx.leaders = [staff[:3] for staff in ctx.staff]
    ctx.it_staff = [staff[3:6] for staff in ctx.staff]
    ctx.teachers = [staff[6:] for staff in ctx.staff]

    categories = [c for c, _ in SupportRequest._meta.get_field("category").choices]
    requests = []
    for s, school in enumerate(ctx.schools):
        for i in range(ctx.per_school(ctx, SUPPORT_REQUESTS)):
            status = rng.choice(["new", "in_progress", "waiting", "resolved", "resolved"])
            requests.append(
                SupportRequest(
                    requester=rng.choice(ctx.staff[s]),
                    school=school,
                    category=rng.choice(categories),
                    subject=f"Fråga {i} om {rng.choice(['dator', 'konto', 'Teams', 'Vklass'])}",
                    description="Syntetisk supportfråga.",
                    status=status,
                    resolved_at=ctx.now - timedelta(days=rng.randrange(0, 700))
                    if status == "resolved"
                    else None,
                )
            )
    SupportRequest.objects.bulk_create(requests, batch_size=ctx.batch)

    areas = [a for a, _ in Routine._meta.get_field("area").choices]
    routines = []
    for s, school in enumerate(ctx.schools):
        for i in range(ctx.per_school(ctx, ROUTINES)):
            reviewed = today - timedelta(days=rng.randrange(0, 800))
            routines.append(
                Routine(
                    title=f"Rutin {i} ({school.code})",
                    area=rng.choice(areas),
                    school=school,
                    owner=rng.choice(ctx.it_staff[s] + ctx.leaders[s]),
                    last_reviewed_on=reviewed,
                    next_review_on=reviewed + timedelta(days=365),
                )
            )
    Routine.objects.bulk_create(routines, batch_size=ctx.batch)
