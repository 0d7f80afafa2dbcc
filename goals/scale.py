"""Scale data (``manage.py seed_scale``): five years of reporting periods (the earlier ones
closed) with every school's measurements, goal assessments and submissions, and actions
(1,000 at 50 schools)."""

from datetime import timedelta

YEARS = 5
ACTIONS = 1_000


def seed(ctx):
    from .models import (
        Action,
        ActionPlan,
        AssessmentStatus,
        Goal,
        GoalAssessment,
        Indicator,
        Measurement,
        ReportingPeriod,
        Submission,
    )

    rng, today = ctx.rng, ctx.today
    plan = ActionPlan.objects.get(status=ActionPlan.Status.ACTIVE)
    periods = []
    for year in range(today.year - YEARS + 1, today.year + 1):
        for kind in ("tertial1", "tertial2", "annual"):
            starts_on, ends_on, deadline = ReportingPeriod.default_dates(year, kind)
            period, _ = ReportingPeriod.objects.get_or_create(
                year=year,
                kind=kind,
                defaults={"starts_on": starts_on, "ends_on": ends_on, "deadline": deadline},
            )
            periods.append(period)
    ctx.periods = periods
    reported = [p for p in periods if p.starts_on <= today]
    goals = list(Goal.objects.filter(plan=plan))
    manual = list(
        Indicator.objects.filter(goal__plan=plan, kind=Indicator.Kind.MANUAL, per_school=True)
    )
    statuses = [s for s, _ in AssessmentStatus.choices]
    measurements, assessments, submissions = [], [], []
    for s, school in enumerate(ctx.schools):
        leader = ctx.leaders[s][0]
        for period in reported:
            for indicator in manual:
                measurements.append(
                    Measurement(
                        indicator=indicator,
                        period=period,
                        school=school,
                        value=round(rng.uniform(10, 95), 1),
                        recorded_by=leader,
                    )
                )
            for goal in goals:
                status = rng.choice(statuses)
                assessments.append(
                    GoalAssessment(
                        goal=goal,
                        period=period,
                        school=school,
                        status=status,
                        suggested_status=status,
                        analysis="Syntetisk analys.",
                        next_steps="Fortsätta arbetet.",
                        author=leader,
                    )
                )
            submitted = period.deadline < today or rng.random() < 0.5
            submissions.append(
                Submission(
                    period=period,
                    school=school,
                    state="submitted" if submitted else "draft",
                    submitted_at=ctx.now - timedelta(days=(today - period.deadline).days)
                    if submitted
                    else None,
                    submitted_by=leader if submitted else None,
                )
            )
    Measurement.objects.bulk_create(measurements, batch_size=ctx.batch)
    GoalAssessment.objects.bulk_create(assessments, batch_size=ctx.batch)
    Submission.objects.bulk_create(submissions, batch_size=ctx.batch)

    actions = []
    per_school = ctx.per_school(ctx, ACTIONS)
    for s in range(len(ctx.schools)):
        for i in range(per_school):
            starts = today - timedelta(days=rng.randrange(0, 900))
            status = rng.choice(["planned", "ongoing", "ongoing", "done", "postponed"])
            actions.append(
                Action(
                    plan=plan,
                    title=f"Insats {ctx.schools[s].code}-{i}",
                    description="Syntetisk insats.",
                    responsible=rng.choice(ctx.leaders[s]),
                    starts_on=starts,
                    due_on=starts + timedelta(days=rng.randrange(30, 400)),
                    status=status,
                    progress=100 if status == "done" else rng.randrange(0, 90, 10),
                    completed_on=starts + timedelta(days=30) if status == "done" else None,
                )
            )
    Action.objects.bulk_create(actions, batch_size=ctx.batch)
