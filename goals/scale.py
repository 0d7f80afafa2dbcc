"""Scale data (``manage.py seed_scale``): five years of reporting periods (the earlier ones
closed) with every school's measurements, goal assessments and submissions, and actions
(1,000 at 50 schools).

The steps draw from ``ctx.rng`` in a fixed order (reports school by school, then actions),
so the same seed gives the same data.
"""

from datetime import timedelta

YEARS = 5
ACTIONS = 1_000
KINDS = ("tertial1", "tertial2", "annual")
ACTION_STATUSES = ["planned", "ongoing", "ongoing", "done", "postponed"]


def seed(ctx):
    from .models import ActionPlan

    plan = ActionPlan.objects.get(status=ActionPlan.Status.ACTIVE)
    ctx.periods = _periods(ctx)
    _reports(ctx, plan)
    _actions(ctx, plan)


def _periods(ctx) -> list:
    from .models import ReportingPeriod

    periods = []
    for year in range(ctx.today.year - YEARS + 1, ctx.today.year + 1):
        for kind in KINDS:
            starts_on, ends_on, deadline = ReportingPeriod.default_dates(year, kind)
            period, _ = ReportingPeriod.objects.get_or_create(
                year=year,
                kind=kind,
                defaults={"starts_on": starts_on, "ends_on": ends_on, "deadline": deadline},
            )
            periods.append(period)
    return periods


def _reports(ctx, plan) -> None:
    """Every school's values, assessments and submission in each period begun so far."""
    from .models import GoalAssessment, Measurement, Submission

    reported = [p for p in ctx.periods if p.starts_on <= ctx.today]
    measurements, assessments, submissions = [], [], []
    goals, manual = _goals_and_manual_indicators(plan)
    for s, school in enumerate(ctx.schools):
        leader = ctx.leaders[s][0]
        for period in reported:
            measurements += _measurements(ctx, manual, period, school, leader)
            assessments += _assessments(ctx, goals, period, school, leader)
            submissions.append(_submission(ctx, period, school, leader))
    Measurement.objects.bulk_create(measurements, batch_size=ctx.batch)
    GoalAssessment.objects.bulk_create(assessments, batch_size=ctx.batch)
    Submission.objects.bulk_create(submissions, batch_size=ctx.batch)


def _goals_and_manual_indicators(plan):
    from .models import Goal, Indicator

    goals = list(Goal.objects.filter(plan=plan))
    manual = list(
        Indicator.objects.filter(goal__plan=plan, kind=Indicator.Kind.MANUAL, per_school=True)
    )
    return goals, manual


def _measurements(ctx, indicators, period, school, leader) -> list:
    from .models import Measurement

    return [
        Measurement(
            indicator=indicator,
            period=period,
            school=school,
            value=round(ctx.rng.uniform(10, 95), 1),
            recorded_by=leader,
        )
        for indicator in indicators
    ]


def _assessments(ctx, goals, period, school, leader) -> list:
    from .models import AssessmentStatus, GoalAssessment

    statuses = [s for s, _ in AssessmentStatus.choices]
    rows = []
    for goal in goals:
        status = ctx.rng.choice(statuses)
        rows.append(
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
    return rows


def _submission(ctx, period, school, leader):
    from .models import Submission

    submitted = period.deadline < ctx.today or ctx.rng.random() < 0.5
    return Submission(
        period=period,
        school=school,
        state="submitted" if submitted else "draft",
        submitted_at=ctx.now - timedelta(days=(ctx.today - period.deadline).days)
        if submitted
        else None,
        submitted_by=leader if submitted else None,
    )


def _actions(ctx, plan) -> None:
    from .models import Action

    rng, today = ctx.rng, ctx.today
    actions = []
    per_school = ctx.per_school(ctx, ACTIONS)
    for s, school in enumerate(ctx.schools):
        for i in range(per_school):
            starts = today - timedelta(days=rng.randrange(0, 900))
            status = rng.choice(ACTION_STATUSES)
            actions.append(
                Action(
                    plan=plan,
                    title=f"Insats {school.code}-{i}",
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
