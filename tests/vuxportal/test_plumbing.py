"""The shared plumbing: health check, charts, registries, demo data, settings."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from organisation.models import Membership, School, User
from organisation.responsibilities import ResponsibilityRegistry
from vuxportal.charts import Series, bar_chart, line_chart
from vuxportal.metrics import MetricRegistry, metrics


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_healthz_fails_when_redis_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error")


def test_line_chart_is_an_svg_image_with_a_text_alternative():
    chart = line_chart(
        title="Andel lärare",
        labels=["T1 2025", "T2 2025"],
        series=[Series("Värde", [40, 55]), Series("Mål", [50, 60], dashed=True)],
        unit="%",
    )
    assert chart.svg.startswith(b"<?xml")
    assert chart.data_uri.startswith("data:image/svg+xml;base64,")
    assert "Andel lärare" in chart.alt and "Mål" in chart.alt
    assert chart.rows == [["T1 2025", 40, 50], ["T2 2025", 55, 60]]
    assert not chart.is_empty


def test_a_chart_is_drawn_once_per_set_of_numbers(monkeypatch):
    from vuxportal import charts

    drawn = []
    draw = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda *a, **kw: drawn.append(1) or draw(*a, **kw))

    def chart(values):
        return bar_chart(title="Enheter", labels=["A", "B"], series=[Series("Antal", values)])

    first = chart([1, 2])
    assert chart([1, 2]).svg == first.svg and len(drawn) == 1
    # Any change in what the chart shows draws it again.
    changed = chart([1, 3])
    assert changed.svg != first.svg and len(drawn) == 2
    assert changed.rows == [["A", 1], ["B", 3]]


def test_empty_chart_says_so():
    chart = bar_chart(title="Tom", labels=["A"], series=[Series("X", [None])])
    assert chart.is_empty


@pytest.mark.django_db
def test_metric_registry_computes_per_school_and_for_the_organisation(teacher, teacher_b):
    metric = metrics.get("organisation.active_staff")
    span = {"start": date(2020, 1, 1), "end": date(2100, 1, 1)}
    assert metric.compute(school=teacher.memberships.get().school, **span) == 1
    assert metric.compute(school=None, **span) == 2
    assert set(metric.records(school=None, **span)) == {teacher, teacher_b}


def test_a_metric_key_registers_once():
    registry = MetricRegistry()
    registry.register("x.y", label="X", unit="count")(lambda **kw: 1)
    with pytest.raises(ValueError):
        registry.register("x.y", label="X", unit="count")(lambda **kw: 2)
    assert "x.y" in registry
    registry.unregister("x.y")
    assert "x.y" not in registry


@pytest.mark.django_db
def test_responsibility_registry_lists_and_hands_over(teacher, leader):
    from organisation.models import WorkingGroup

    registry = ResponsibilityRegistry()
    registry.register(
        "organisation.group",
        label="Groups",
        queryset=WorkingGroup.objects.all,
        person_field="convener",
    )
    group = WorkingGroup.objects.create(name="Systemgruppen", area="systems", convener=leader)
    assert [(kind.key, list(items)) for kind, items in registry.for_person(leader)] == [
        ("organisation.group", [group])
    ]
    assert registry.hand_over(from_person=leader, to_person=teacher) == {"organisation.group": 1}
    group.refresh_from_db()
    assert group.convener == teacher
    assert registry.for_person(leader) == []


@pytest.mark.django_db
def test_seed_demo_loads_the_real_plan_and_is_idempotent(settings):
    settings.DEBUG = True  # pytest-django runs with DEBUG off; the demo needs it on
    call_command("seed_demo")
    counts = (User.objects.count(), School.objects.count(), Membership.objects.count())
    from goals.models import ActionPlan, Goal, Prerequisite

    # The plan as decided (its copy, the active plan, is tests/vuxportal/test_demo_dates.py's).
    plan = ActionPlan.objects.get(starts_year=2021)
    assert plan.vision.startswith("Personal")
    assert Goal.objects.filter(plan=plan).count() == 6
    assert Prerequisite.objects.filter(plan=plan).count() == 7
    for email in ("admin@", "rektor@", "larare@", "it@"):
        assert User.objects.get(email=f"{email}vux.example").check_password("vuxdemo")
    call_command("seed_demo")
    assert (User.objects.count(), School.objects.count(), Membership.objects.count()) == counts


def test_seed_demo_refuses_to_run_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production
        # never has it (check --deploy rightly flags it).
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
            },
            **env,
        },
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0", ALLOWED_HOSTS="vux.example.se")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_migrations_are_checked_without_production_secrets():
    # A fresh checkout compares its models with its migrations as it is; the refusal
    # above still holds for everything that serves or signs.
    result = _manage("makemigrations", "--check", "--dry-run", DEBUG="0", ALLOWED_HOSTS="")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k" * 60 + "-deploy-test-!x9",
        ALLOWED_HOSTS="vux.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_are_swedish_whatever_the_browser_asks_until_english_is_chosen(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv">' in response.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_the_api_follows_accept_language(client):
    response = client.get("/api/v1/schools/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Authentication credentials were not provided."
    response = client.get("/api/v1/schools/")
    assert response.json()["detail"] != "Authentication credentials were not provided."


@pytest.mark.django_db
def test_the_menu_is_worked_out_once_per_request_even_on_tables(login, administrator, monkeypatch):
    from tests.factories import ActionPlanFactory
    from tests.goals.factories import ActionFactory
    from vuxportal import context_processors

    ActionFactory.create_batch(3, plan=ActionPlanFactory(), responsible=administrator)

    calls = []
    portal = context_processors._portal
    monkeypatch.setattr(
        context_processors, "_portal", lambda request: calls.append(1) or portal(request)
    )
    # A list whose cells render from templates, each with the request's context.
    response = login(administrator).get(reverse("goals:action_list"))
    assert response.status_code == 200 and len(calls) == 1
