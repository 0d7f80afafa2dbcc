"""The real plan: vision, six goals and seven prerequisites from ../shared/seeds/."""

from datetime import date

from vuxportal.seeds import read_plan

from .models import ActionPlan, Goal, PlanPart, Prerequisite

# Which part of the plan each goal and prerequisite belongs to (by its number).
GOAL_PARTS = {
    1: PlanPart.INFRASTRUCTURE,
    2: PlanPart.COMPETENCE,
    3: PlanPart.COMPETENCE,
    4: PlanPart.ORGANISATION,
    5: PlanPart.COMPETENCE,
    6: PlanPart.ORGANISATION,
}
PREREQUISITE_PARTS = {
    1: PlanPart.INFRASTRUCTURE,
    2: PlanPart.COMPETENCE,
    3: PlanPart.COMPETENCE,
    4: PlanPart.INFRASTRUCTURE,
    5: PlanPart.ORGANISATION,
    6: PlanPart.ORGANISATION,
    7: PlanPart.ORGANISATION,
}


def seed(demo):
    text = read_plan()
    plan, _ = ActionPlan.objects.get_or_create(
        title="Handlingsplan för digitalisering 2021–2024",
        defaults={
            "starts_year": 2021,
            "ends_year": 2024,
            "vision": text.vision,
            "model_basis": "TPACK",
            "summary": text.summary,
            "decided_on": date(2021, 10, 7),
            "decided_by": "Avdelningschef för Vuxenutbildning Stockholm; anmäld till "
            "arbetsmarknadsnämnden 19 oktober 2021 (ärende 8)",
            "status": ActionPlan.Status.ACTIVE,
        },
    )
    demo.plan = plan
    admin = demo.accounts["admin@vux.example"]
    demo.goals = {}
    for number, title in enumerate(text.goals, start=1):
        demo.goals[number], _ = Goal.objects.get_or_create(
            plan=plan,
            number=number,
            defaults={"title": title, "part": GOAL_PARTS[number], "responsible": admin},
        )
    demo.prerequisites = {}
    for number, item in enumerate(text.prerequisites, start=1):
        demo.prerequisites[number], _ = Prerequisite.objects.get_or_create(
            plan=plan, number=number, defaults={"text": item, "part": PREREQUISITE_PARTS[number]}
        )
