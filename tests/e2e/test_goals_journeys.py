"""Journeys for goals: rektor reports tertial 2 for her school, the administrator follows
up, and every goals page is visited and checked with axe."""

import re
from datetime import date
from types import SimpleNamespace

import pytest

from goals.models import Action, GoalAssessment, Indicator, Measurement, Submission

PASSWORD = "vuxdemo"


@pytest.fixture
def demo(transactional_db):
    from goals import demo as goals_demo
    from organisation import demo as organisation_demo
    from vuxportal.seeds import steps_left

    # Seeded for 1 July 2026: Tertial 2 2026 is then open and Södermalm has not submitted,
    # whatever day the tests run.
    data = SimpleNamespace(today=date(2026, 7, 1))
    organisation_demo.seed(data)
    goals_demo.seed(data)
    for step in steps_left(data):
        step(data)
    return data


def click(portal, name, role="link"):
    portal.page.get_by_role(role, name=name).first.click()
    portal.page.wait_for_load_state("domcontentloaded")
    portal.check()


def test_rektor_reports_tertial_2_and_admin_sees_it(portal, demo):
    page = portal.page
    sodermalm = demo.schools["sodermalm"]
    period = demo.periods[(2026, "tertial2")]
    school_indicators = list(
        Indicator.objects.filter(goal__plan=demo.plan, per_school=True, kind="manual")
    )
    portal.login("rektor@vux.example", PASSWORD)
    assert "Mål och utveckling" in page.locator("main").inner_text()
    portal.open_menu("goals")
    click(portal, "Rapportering")
    click(portal, "Tertial 2 2026")
    click(portal, re.compile("Öppna rapport.*Södermalm"))
    assert page.locator("h1").inner_text().startswith("Rapport Tertial 2 2026")

    # A percentage of 140 and text in a number field are refused field by field.
    first, second = school_indicators[0], school_indicators[1]
    page.locator(f"[name=value_{first.pk}]").fill("140")
    page.locator(f"[name=value_{second.pk}]").fill("många")
    page.locator(f"[name=analysis_{demo.goals[1].pk}]").fill("Plattformen används brett.")
    click(portal, "Spara utkast", role="button")
    main = page.locator("main").inner_text()
    assert "En procentsats måste vara mellan 0 och 100." in main
    assert "Ange ett tal" in main
    assert page.locator(f"[name=analysis_{demo.goals[1].pk}]").input_value() == (
        "Plattformen används brett."
    )
    assert not Measurement.objects.filter(period=period, school=sodermalm, source="manual").exists()

    # Real values, saved as a draft: the suggestions follow the values.
    values = {"percent": "88", "score": "4,2", "count": "12", "days": "2,5"}
    for indicator in school_indicators:
        page.locator(f"[name=value_{indicator.pk}]").fill(values[indicator.unit])
        page.locator(f"[name=comment_{indicator.pk}]").fill("Enligt vår uppföljning.")
    click(portal, "Spara utkast", role="button")
    assert "Utkastet sparades" in page.locator("main").inner_text()

    # Every goal gets the suggested status, except goal 3, overridden with a reason.
    for number, goal in demo.goals.items():
        suggested = (
            page.locator(f"#goal-{goal.pk}")
            .locator("xpath=..")
            .locator("[data-suggested]")
            .get_attribute("data-suggested")
        )
        page.select_option(f"[name=status_{goal.pk}]", suggested)
        page.locator(f"[name=analysis_{goal.pk}]").fill(f"Analys av mål {number}.")
        page.locator(f"[name=next_steps_{goal.pk}]").fill("Fortsätt enligt plan.")
    goal3 = demo.goals[3]
    suggested3 = page.locator(f"[name=status_{goal3.pk}]").input_value()
    override = "partly_met" if suggested3 != "partly_met" else "not_met"
    page.select_option(f"[name=status_{goal3.pk}]", override)
    click(portal, "Lämna in", role="button")
    assert "Skriv varför" in page.locator("main").inner_text()  # the reason is missing
    page.locator(f"[name=reason_{goal3.pk}]").fill("Få lärare har hunnit gå utbildningen.")
    click(portal, "Lämna in", role="button")
    assert "Rapporten är inlämnad" in page.locator("main").inner_text()
    assert Submission.objects.get(period=period, school=sodermalm).state == "submitted"
    assessment = GoalAssessment.objects.get(period=period, school=sodermalm, goal=goal3)
    assert assessment.status == override and assessment.override_reason

    portal.logout()
    portal.login("admin@vux.example", PASSWORD)
    portal.open_menu("goals")
    click(portal, "Rapportering")
    click(portal, "Tertial 2 2026")
    row = page.locator("section[aria-labelledby=sub-heading] tr", has_text="Vux Södermalm")
    assert "Inlämnad" in row.inner_text()
    click(portal, "Visa perioden i översikten")
    with page.expect_navigation():  # the filter submits itself
        page.select_option("#id_school", str(sodermalm.pk))
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    table = page.locator("table.goal-status-table").inner_text()
    assert assessment.get_status_display() in table
    assert "88" in page.locator("main").inner_text()


def test_administrator_visits_every_goals_page(portal, demo):
    page = portal.page
    page.on("dialog", lambda dialog: dialog.accept())
    portal.login("admin@vux.example", PASSWORD)
    portal.open_menu("goals")
    page.locator("#menu-goals a[href='/mal/']").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert "Vision" in page.locator("main").inner_text()
    assert page.locator(".status-badge").count() > 0
    click(portal, re.compile(r"^1\. Digitala verktyg"))
    assert "Historik" in page.locator("main").inner_text()
    click(portal, "Ny indikator")
    page.get_by_label("Namn").fill("Andel lektioner med digitala verktyg")
    page.get_by_label("Enhet").select_option("percent")
    page.get_by_label("Målvärde 2025").fill("101")
    click(portal, "Spara", role="button")
    assert "mellan 0 och 100" in page.locator("main").inner_text()
    page.get_by_label("Målvärde 2025").fill("60")
    click(portal, "Spara", role="button")
    new = Indicator.objects.get(name="Andel lektioner med digitala verktyg")
    assert dict(new.targets.values_list("year", "value")) == {2025: 60}
    portal.goto(f"/mal/indikatorer/{new.pk}/andra/")
    click(portal, "Avbryt")
    click(portal, "Ändra mål")
    click(portal, "Spara", role="button")
    # Drill-down behind an automatic indicator.
    auto = Indicator.objects.get(metric_key="organisation.active_staff", goal__plan=demo.plan)
    portal.goto(f"/mal/mal/{auto.goal_id}/")
    click(portal, re.compile("Aktuellt värde och underlaget"))
    assert "poster bakom värdet" in page.locator("main").inner_text()

    # Plans: view, edit, copy to the next plan.
    portal.goto("/mal/planer/")
    click(portal, demo.plan.title)
    click(portal, "Ändra plan")
    click(portal, "Spara", role="button")
    click(portal, "Nytt mål")
    page.get_by_label("Titel").fill("Hållbar digital arbetsmiljö")
    click(portal, "Spara", role="button")
    assert "7. Hållbar digital arbetsmiljö" in page.locator("main").inner_text()
    portal.goto("/mal/planer/")
    click(portal, demo.plan.title)
    click(portal, "Starta nästa plan utifrån den här")
    page.get_by_label("Den nya planens titel").fill("Handlingsplan för digitalisering 2027–2030")
    click(portal, "Spara", role="button")
    assert "utkast" in page.locator("main").inner_text()

    # Actions: list (overdue stand out), new, detail, update, edit.
    portal.goto("/mal/insatser/")
    assert page.locator(".badge-overdue").count() > 0
    click(portal, "Ny insats")
    page.get_by_label("Titel").fill("Digital introduktion för nyanställda")
    page.get_by_label(
        "1. Digitala verktyg används av alla inom vuxenutbildningen i egen regi"
    ).check()
    page.get_by_label("Klar senast").fill("2027-03-31")
    click(portal, "Spara", role="button")
    action = Action.objects.get(title="Digital introduktion för nyanställda")
    portal.goto(f"/mal/insatser/{action.pk}/")
    page.get_by_label("Vad har hänt?").fill("Upplägget är klart.")
    page.get_by_label("Framsteg (%)").fill("25")
    click(portal, "Lägg till uppdatering", role="button")
    assert "Upplägget är klart." in page.locator("main").inner_text()
    click(portal, "Ändra insats")
    click(portal, "Spara", role="button")

    # Periods: new period, the organisation-wide assessment, reminders, closing.
    portal.goto("/mal/perioder/")
    click(portal, "Ny period")
    page.get_by_label("År").fill("2027")
    page.get_by_label("Typ").select_option("tertial1")
    click(portal, "Spara", role="button")
    portal.goto(f"/mal/perioder/{demo.periods[(2026, 'tertial2')].pk}/")
    click(portal, "Påminn alla skolor som inte har lämnat in", role="button")
    assert "påminnelse" in page.locator("main").inner_text().lower()
    click(portal, "Bedömning för hela organisationen")
    click(portal, "Spara utkast", role="button")
    portal.goto(f"/mal/perioder/{demo.periods[(2026, 'tertial2')].pk}/")
    click(portal, "Stäng perioden", role="button")
    assert "är stängd" in page.locator("main").inner_text()
    click(portal, re.compile("Visa rapport.*Södermalm"))
    assert page.locator("form.report-form").count() == 0  # frozen: no editable form
