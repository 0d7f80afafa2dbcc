"""Plan upkeep in the browser (issue 17, part 4): the administrator edits a prerequisite and
follows it up for the period, withdraws an indicator of the active plan after its
confirmation page, and deletes an indicator added by mistake to the draft of the next
plan. Every page is checked with axe.

The new pages' words are not yet translated while this is written, so the journey finds
its way by addresses, names and ids rather than by Swedish text."""

import pytest
from django.utils import timezone

from goals.models import ActionPlan, Indicator, Prerequisite, PrerequisiteFollowUp
from tests.factories import (
    PASSWORD,
    ActionPlanFactory,
    GoalFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
    SchoolFactory,
    person,
)
from tests.goals.factories import IndicatorTargetFactory, MeasurementFactory
from vuxportal.roles import Role


@pytest.fixture
def plans(transactional_db):
    year = timezone.localdate().year
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    person(Role.ADMINISTRATOR, None, email="admin@vux.example", first_name="Ada")
    it = person(Role.IT_STAFF, school, email="it@vux.example", first_name="Ivar", last_name="It")
    period = ReportingPeriodFactory(year=year, kind="annual")
    active = ActionPlanFactory(title="Handlingsplan nu", starts_year=year - 2, ends_year=year)
    goal = GoalFactory(plan=active, number=1, title="Digitala verktyg används av alla")
    kept = IndicatorFactory(goal=goal, name="Andel lärare med lärplattform")
    dropped = IndicatorFactory(goal=goal, name="Antal surfplattor per klass", unit="count")
    IndicatorTargetFactory(indicator=dropped, year=year, value=5)
    MeasurementFactory(indicator=dropped, period=period, school=school, value=3)
    prerequisite = Prerequisite.objects.create(
        plan=active, number=1, text="Stabil infrastruktur i alla lokaler"
    )
    draft = ActionPlanFactory(
        title="Nästa handlingsplan",
        starts_year=year + 1,
        ends_year=year + 4,
        status=ActionPlan.Status.DRAFT,
    )
    draft_goal = GoalFactory(plan=draft, number=1, title="Alla elever når sina mål")
    mistake = IndicatorFactory(goal=draft_goal, name="Felaktigt tillagd indikator")
    return {
        "it": it,
        "period": period,
        "active": active,
        "goal": goal,
        "kept": kept,
        "dropped": dropped,
        "prerequisite": prerequisite,
        "draft_goal": draft_goal,
        "mistake": mistake,
    }


def follow(portal, locator):
    locator.click()
    portal.page.wait_for_load_state("domcontentloaded")
    portal.check()


def test_administrator_keeps_the_plan_up_to_date(portal, plans):
    page = portal.page
    main = page.locator("main")
    portal.login("admin@vux.example", PASSWORD)
    prerequisite, period = plans["prerequisite"], plans["period"]

    # The plan page lists the prerequisite, with nobody responsible and no status yet.
    portal.goto(f"/mal/planer/{plans['active'].pk}/")
    assert main.locator("#prerequisites").get_by_text(prerequisite.text).count() == 1
    follow(portal, main.locator(f"a[href='/mal/forutsattningar/{prerequisite.pk}/andra/']"))

    # Its page: the text, who is responsible, and how it stands this period.
    page.locator("[name=text]").fill("Stabil och säker infrastruktur i alla lokaler")
    page.locator("[name=responsible]").select_option(str(plans["it"].pk))
    assert page.locator("[name=period]").input_value() == str(period.pk)
    page.locator("[name=status]").select_option("at_risk")
    page.locator("[name=comment]").fill("Upphandlingen av nätverket är försenad.")
    follow(portal, main.locator("form.portal-form button[type=submit]"))
    follow_up = PrerequisiteFollowUp.objects.get(prerequisite=prerequisite, period=period)
    assert follow_up.status == "at_risk"
    row = main.locator("#prerequisites tbody tr", has_text="Stabil och säker")
    assert plans["it"].display_name in row.inner_text()
    assert row.locator("[data-follow-up=at_risk]").count() == 1
    # The dashboard shows it for the period too.
    portal.goto("/mal/")
    assert main.locator("#prerequisite-follow-ups [data-follow-up=at_risk]").count() == 1

    # An indicator of the active plan is withdrawn, after a page that says what it keeps.
    dropped = plans["dropped"]
    portal.goto(f"/mal/mal/{plans['goal'].pk}/")
    follow(portal, main.locator(f"a[href='/mal/indikatorer/{dropped.pk}/dra-tillbaka/']"))
    assert main.locator("#impact-kept li").count() == 2  # its target and its measurement
    assert Indicator.objects.get(pk=dropped.pk).withdrawn_at is None  # nothing yet
    page.locator("[name=reason]").fill("Ersätts av enkätfrågan om digitala verktyg.")
    follow(portal, main.locator("#confirm"))
    dropped.refresh_from_db()
    assert dropped.is_withdrawn and dropped.measurements.count() == 1
    card = main.locator(f"#indicator-{dropped.pk}")
    assert card.locator("[data-withdrawn]").count() >= 1
    # Left out of the dashboard's indicators from now on; the other one stays.
    portal.goto("/mal/")
    assert main.get_by_text(dropped.name).count() == 0
    assert main.get_by_text(plans["kept"].name).count() >= 1

    # In the draft of the next plan, an indicator added by mistake is deleted.
    mistake = plans["mistake"]
    portal.goto(f"/mal/mal/{plans['draft_goal'].pk}/")
    assert main.locator(f"a[href='/mal/indikatorer/{mistake.pk}/dra-tillbaka/']").count() == 0
    follow(portal, main.locator(f"a[href='/mal/indikatorer/{mistake.pk}/ta-bort/']"))
    assert main.locator("#refusal").count() == 0
    assert Indicator.objects.filter(pk=mistake.pk).exists()
    follow(portal, main.locator("#confirm"))
    assert not Indicator.objects.filter(pk=mistake.pk).exists()
    assert page.url.endswith(f"/mal/mal/{plans['draft_goal'].pk}/")
