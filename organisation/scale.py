"""Scale data (``manage.py seed_scale``): schools, staff with memberships, support
requests and routines. At 50 schools: 5,000 staff, 10,000 support requests, 500 routines.

The steps draw from ``ctx.rng`` in a fixed order (staff, support, routines), so the data
stays a function of the seed."""

from datetime import timedelta

from vuxportal.roles import Role

from .models import Membership, Routine, School, SupportRequest, User

STAFF = 5_000
SUPPORT_REQUESTS = 10_000
ROUTINES = 500

FIRST = ["Anna", "Erik", "Maria", "Johan", "Sara", "Karl", "Åsa", "Ömer", "Lina", "Ali"]
LAST = ["Andersson", "Berg", "Lindqvist", "Öberg", "Nilsson", "Hassan", "Ek", "Sjöberg"]

# Per school: the first three staff lead it, the next three are IT staff, every tenth of
# the rest is other staff, and the others teach.
LEADERS, IT_STAFF = slice(0, 3), slice(3, 6)
SUPPORT_STATUSES = ["new", "in_progress", "waiting", "resolved", "resolved"]
SUPPORT_TOPICS = ["dator", "konto", "Teams", "Vklass"]


def _role(i: int) -> str:
    if i < LEADERS.stop:
        return Role.SCHOOL_LEADER
    if i < IT_STAFF.stop:
        return Role.IT_STAFF
    return Role.STAFF if i % 10 == 0 else Role.TEACHER


def seed(ctx):
    ctx.schools = School.objects.bulk_create(
        School(code=f"skala{i:03d}", name=f"Vux Skalskola {i:03d}", student_places=500)
        for i in range(ctx.schools_count)
    )
    _seed_staff(ctx)
    _seed_support_requests(ctx)
    _seed_routines(ctx)


def _seed_staff(ctx):
    rng, n_staff = ctx.rng, ctx.per_school(ctx, STAFF)
    users = User.objects.bulk_create(
        (
            User(
                email=f"skala{s:03d}-{i:03d}@scale.example",
                password="!",
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
            )
            for s in range(len(ctx.schools))
            for i in range(n_staff)
        ),
        batch_size=ctx.batch,
    )
    starts = [ctx.today - timedelta(days=rng.randrange(30, 3000)) for _ in users]
    Membership.objects.bulk_create(
        (
            Membership(
                user=u,
                role=_role(k % n_staff),
                school=ctx.schools[k // n_staff],
                starts_on=starts[k],
            )
            for k, u in enumerate(users)
        ),
        batch_size=ctx.batch,
    )
    ctx.staff = [users[s * n_staff : (s + 1) * n_staff] for s in range(len(ctx.schools))]
    ctx.leaders = [staff[LEADERS] for staff in ctx.staff]
    ctx.it_staff = [staff[IT_STAFF] for staff in ctx.staff]
    ctx.teachers = [staff[IT_STAFF.stop :] for staff in ctx.staff]


def _seed_support_requests(ctx):
    rng = ctx.rng
    categories = [c for c, _ in SupportRequest._meta.get_field("category").choices]
    requests = []
    for s, school in enumerate(ctx.schools):
        for i in range(ctx.per_school(ctx, SUPPORT_REQUESTS)):
            status = rng.choice(SUPPORT_STATUSES)
            requests.append(
                SupportRequest(
                    requester=rng.choice(ctx.staff[s]),
                    school=school,
                    category=rng.choice(categories),
                    subject=f"Fråga {i} om {rng.choice(SUPPORT_TOPICS)}",
                    description="Syntetisk supportfråga.",
                    status=status,
                    resolved_at=ctx.now - timedelta(days=rng.randrange(0, 700))
                    if status == "resolved"
                    else None,
                )
            )
    SupportRequest.objects.bulk_create(requests, batch_size=ctx.batch)


def _seed_routines(ctx):
    rng = ctx.rng
    areas = [a for a, _ in Routine._meta.get_field("area").choices]
    routines = []
    for s, school in enumerate(ctx.schools):
        for i in range(ctx.per_school(ctx, ROUTINES)):
            reviewed = ctx.today - timedelta(days=rng.randrange(0, 800))
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
