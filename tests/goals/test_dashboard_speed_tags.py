"""The dashboard and the goal page draw their many cells with tags, not a template per
cell, and list only the most urgent actions: the HTML stays what the templates drew, and
the queries stay as many whatever the number of due actions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from goals.templatetags.goals_tags import change, status_badge

from .factories import ActionFactory, AssessmentFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def test_a_school_cell_says_when_its_status_changed(
    login, administrator, goal, period, previous_period, school_a, school_b
):
    AssessmentFactory(goal=goal, period=previous_period, school=school_a, status="met")
    AssessmentFactory(goal=goal, period=period, school=school_a, status="partly_met")
    AssessmentFactory(goal=goal, period=previous_period, school=school_b, status="met")
    AssessmentFactory(goal=goal, period=period, school=school_b, status="met")
    html = login(administrator).get(reverse("goals:dashboard")).content.decode()
    assert (
        '<td><span class="status-badge status-partly_met">Delvis uppfyllt</span>'
        '<span class="d-block small">ändrad</span></td>'
        '<td><span class="status-badge status-met">Uppfyllt</span></td>'
    ) in html


def test_tags_escape_what_they_are_given():
    assert status_badge("met", "<b>") == '<span class="status-badge status-met">&lt;b&gt;</span>'
    assert 'status-not_assessed">Ej bedömt<' in status_badge("not_assessed")


@pytest.mark.parametrize(
    ("value", "html"),
    [
        (Decimal("2.5"), '<span class="change-up">▲ +2,5</span>'),
        (Decimal("-1"), '<span class="change-down">▼ -1</span>'),
        (Decimal("0"), '<span class="change-none">oförändrad</span>'),
        (None, '<span class="text-muted">–</span>'),
    ],
)
def test_a_change_reads_in_words_and_signs(value, html):
    from django.utils import translation

    with translation.override("sv"):
        assert change(value) == html


def test_the_goal_page_shows_each_school_s_measurement(
    login, administrator, goal, indicator, period, school_a, school_b
):
    MeasurementFactory(
        indicator=indicator, period=period, school=school_a, value=Decimal("48.70"), comment="<ok>"
    )
    MeasurementFactory(indicator=indicator, period=period, school=None, value=None)
    url = reverse("goals:goal_detail", args=[goal.pk]) + f"?period={period.pk}"
    html = login(administrator).get(url).content.decode()
    # A value in the locale's format, the comment escaped; a school without a
    # measurement has empty cells; the target beside each.
    assert (
        '<tr><th scope="row">Vux Skola A</th><td>48,70</td><td>80,00</td><td>&lt;ok&gt;</td></tr>'
        '<tr><th scope="row">Vux Skola B</th><td></td><td>80,00</td><td></td></tr>'
    ) in html


def due(plan, days, title, **kwargs):
    return ActionFactory(
        plan=plan, title=title, due_on=timezone.localdate() + timedelta(days=days), **kwargs
    )


def test_the_dashboard_lists_the_ten_most_urgent_due_soon_and_counts_the_rest(
    login, teacher, plan, period
):
    for days in range(1, 14):
        due(plan, days, f"Snart {days:02d}")
    due(plan, 5, "Klar", status="done")
    due(plan, 40, "Senare")
    html = login(teacher).get(reverse("goals:dashboard")).content.decode()
    assert "Ska vara klara inom 30 dagar (13)" in html
    assert "Snart 10" in html and "Snart 11" not in html
    assert "och 3 till" in html
    assert "Klar" not in html and "Senare" not in html


def test_a_school_sees_its_own_and_everyone_s_actions(
    login, administrator, plan, period, school_a, school_b
):
    due(plan, -2, "Alla skolors")
    due(plan, -3, "Skola A:s").schools.set([school_a])
    due(plan, -4, "Skola B:s").schools.set([school_b])
    url = reverse("goals:dashboard") + f"?school={school_a.pk}"
    html = login(administrator).get(url).content.decode()
    assert "Försenade insatser (2)" in html
    assert "Alla skolors" in html and "Skola A:s" in html and "Skola B:s" not in html


def test_the_start_page_counts_every_overdue_action(login, administrator, plan, period):
    for days in range(1, 13):
        due(plan, -days, f"Sen {days:02d}")
    html = login(administrator).get("/").content.decode()
    assert "12 försenade insatser" in html


def test_due_actions_cost_the_same_queries_however_many(login, administrator, plan, period):
    client = login(administrator)
    url = reverse("goals:dashboard")

    def count():
        cache.clear()  # cold: what drawing the page costs, not the kept fragments
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    due(plan, -1, "Sen")
    due(plan, 1, "Snart")
    client.get(url)
    few = count()
    for days in range(2, 30):
        due(plan, -days, f"Sen {days}")
        due(plan, days, f"Snart {days}")
    assert count() == few


def test_the_goal_page_shows_each_assessment(login, administrator, goal, period, school_a, leader):
    AssessmentFactory(
        goal=goal,
        period=period,
        school=school_a,
        status="met",
        suggested_status="partly_met",
        override_reason="Mer än <siffrorna>",
        analysis="Rad ett\nrad <två>",
        next_steps="",
        author=leader,
    )
    AssessmentFactory(
        goal=goal, period=period, school=None, status="not_met", suggested_status="not_met"
    )
    url = reverse("goals:goal_detail", args=[goal.pk]) + f"?period={period.pk}"
    html = login(administrator).get(url).content.decode()
    assert (
        f'<tr><th scope="row">Vux Skola A</th><td><span class="status-badge status-met">'
        "Uppfyllt</span><span "
        'class="d-block small">Föreslagen: Delvis uppfyllt. Mer än &lt;siffrorna&gt;</span></td>'
        "<td>Rad ett<br>rad &lt;två&gt;</td><td></td>"
        f"<td>{leader}</td></tr>"
    ) in html
    assert (
        '<tr><th scope="row">Hela organisationen</th><td><span class="status-badge '
        'status-not_met">Ej uppfyllt</span></td><td></td><td></td><td>–</td></tr>'
    ) in html


def test_the_goal_page_reads_its_assessments_and_measurements_in_fixed_queries(
    login, administrator, goal, indicator, period, school_a
):
    from tests.factories import SchoolFactory, person
    from vuxportal.roles import Role

    client = login(administrator)
    url = reverse("goals:goal_detail", args=[goal.pk]) + f"?period={period.pk}"

    def add_school():
        school = SchoolFactory()
        author = person(Role.SCHOOL_LEADER, school)
        AssessmentFactory(goal=goal, period=period, school=school, author=author)
        MeasurementFactory(indicator=indicator, period=period, school=school, comment="Bra")

    def count():
        cache.clear()  # cold: what drawing the page costs, not the kept fragments
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add_school()
    client.get(url)
    few = count()
    for _ in range(4):
        add_school()
    assert count() == few


def test_the_dashboard_s_indicator_sections_are_never_older_than_their_data(
    login, administrator, goal, indicator, auto_indicator, period, school_a
):
    client = login(administrator)
    url = reverse("goals:dashboard")
    measurement = MeasurementFactory(
        indicator=indicator, period=period, school=None, value=Decimal("61")
    )
    assert "<td>61,00</td>" in client.get(url).content.decode()
    measurement.value = Decimal("62")
    measurement.save()
    assert "<td>62,00</td>" in client.get(url).content.decode()
    indicator.name = "Andel som använder plattformen varje vecka"
    indicator.save()
    html = client.get(url).content.decode()
    assert "Andel som använder plattformen varje vecka" in html
    # A school's view has its own sections: the live value's link names the school.
    html = client.get(url, {"school": school_a.pk}).content.decode()
    records = reverse("goals:indicator_records", args=[auto_indicator.pk])
    assert f"{records}?period={period.pk}&amp;school={school_a.pk}" in html
