"""Scale data (``manage.py seed_scale``). At 50 schools: 40,000 DigCompEdu
self-assessments with a rating per competence (880,000 ratings), 500,000 training
records, 500 training sessions with 10,000 enrolments and 500 practice examples.

The steps run in this order and draw from one random generator, so the same seed gives
the same data: a step that changes what it draws changes the steps after it."""

from datetime import timedelta
from decimal import Decimal

from .models import (
    Competence,
    Enrolment,
    Framework,
    PracticeExample,
    Rating,
    SelfAssessment,
    TrainingActivity,
    TrainingRecord,
)

SELF_ASSESSMENTS = 40_000
TRAINING_RECORDS = 500_000
SESSIONS = 500
ENROLMENTS_PER_SESSION = 20
EXAMPLES = 500

TITLES = ["Digitala prov", "AI i undervisningen", "Tillgänglighet", "Canvas", "Källkritik"]

# Every column of a training record, for COPY (COPY applies no model defaults).
RECORD_COLUMNS = [
    "created", "updated", "person", "school", "date", "title", "hours", "kind",
    "reflection", "certificate", "certificate_name",
]  # fmt: skip


def seed(ctx):
    _self_assessments(ctx)
    _training_records(ctx)
    activities = _sessions(ctx)
    _enrolments(ctx, activities)
    _examples(ctx)


def _self_assessments(ctx):
    """DigCompEdu self-assessments: each person in a random set of started periods, with
    a random level for every competence."""
    rng = ctx.rng
    framework = Framework.objects.get(code="digcompedu")
    competences = list(
        Competence.objects.filter(area__framework=framework)
        .order_by("area__number", "order")
        .values_list("pk", flat=True)
    )
    levels = framework.levels.count()
    periods = [p for p in ctx.periods if p.starts_on <= ctx.today]
    per_school = ctx.per_school(ctx, SELF_ASSESSMENTS)
    assessments = []
    for s, school in enumerate(ctx.schools):
        pairs = [(person, period) for person in ctx.staff[s] for period in periods]
        for person, period in rng.sample(pairs, min(per_school, len(pairs))):
            assessments.append(
                SelfAssessment(person=person, framework=framework, period=period, school=school)
            )
    assessments = SelfAssessment.objects.bulk_create(assessments, batch_size=ctx.batch)
    ctx.copy_rows(
        Rating,
        ["assessment", "competence", "level"],
        ((a.pk, c, rng.randint(1, levels)) for a in assessments for c in competences),
    )


def _training_records(ctx):
    """Training records over the last five years, written with COPY."""
    rng, today, now = ctx.rng, ctx.today, ctx.now
    kinds = [k for k, _ in TrainingRecord._meta.get_field("kind").choices]
    per_school = ctx.per_school(ctx, TRAINING_RECORDS)

    def records():
        for s, school in enumerate(ctx.schools):
            staff = ctx.staff[s]
            for _ in range(per_school):
                day = today - timedelta(days=rng.randrange(0, 5 * 365))
                yield (
                    now, now, rng.choice(staff).pk, school.pk, day, rng.choice(TITLES),
                    Decimal(rng.randrange(1, 16)) / 2, rng.choice(kinds), "", "", "",
                )  # fmt: skip

    ctx.copy_rows(TrainingRecord, RECORD_COLUMNS, records())


def _sessions(ctx) -> list:
    """Training sessions per school, past and coming; returns them in school order."""
    rng, now = ctx.rng, ctx.now
    formats = [f for f, _ in TrainingActivity._meta.get_field("format").choices]
    activities = []
    for s, school in enumerate(ctx.schools):
        for i in range(ctx.per_school(ctx, SESSIONS)):
            starts = now + timedelta(days=rng.randrange(-400, 120), hours=rng.randrange(0, 8))
            activities.append(
                TrainingActivity(
                    title=f"{rng.choice(TITLES)} {i}",
                    description="Syntetiskt tillfälle.",
                    organiser=rng.choice(ctx.leaders[s] + ctx.it_staff[s]),
                    school=school,
                    format=rng.choice(formats),
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    hours=Decimal(2),
                    place="Aula",
                    capacity=30,
                )
            )
    return TrainingActivity.objects.bulk_create(activities, batch_size=ctx.batch)


def _enrolments(ctx, activities):
    """Staff of the session's school enrolled; past sessions have their attendance."""
    rng, now = ctx.rng, ctx.now
    per_activity = len(activities) // len(ctx.schools)
    enrolments = []
    for k, activity in enumerate(activities):
        people = rng.sample(ctx.staff[k // per_activity], ENROLMENTS_PER_SESSION)
        for person in people:
            enrolments.append(
                Enrolment(
                    activity=activity,
                    person=person,
                    status="enrolled",
                    attendance=rng.choice(["attended", "absent"]) if activity.ends_at < now else "",
                )
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=ctx.batch)


def _examples(ctx):
    """Published practice examples by each school's teachers."""
    rng, now = ctx.rng, ctx.now
    examples = []
    for s, school in enumerate(ctx.schools):
        for i in range(ctx.per_school(ctx, EXAMPLES)):
            examples.append(
                PracticeExample(
                    author=rng.choice(ctx.teachers[s]),
                    school=school,
                    title=f"{rng.choice(TITLES)}: exempel {i}",
                    summary="Syntetiskt exempel.",
                    body="Så här gjorde vi.",
                    subject=rng.choice(["Svenska", "Matematik", "SFI", "Engelska"]),
                    tools="Canvas",
                    is_published=True,
                    published_at=now - timedelta(days=rng.randrange(0, 900)),
                )
            )
    PracticeExample.objects.bulk_create(examples, batch_size=ctx.batch)
