"""The one registry (vuxportal/registry.py): every store is filled by the apps' plugins.py,
and entries are gated by permissions one way, through ``for_user``."""

import pytest

from vuxportal.registry import Registry, Store, registry

# Per store, entries the apps must have registered (a sample, one or more per app).
EXPECTED = {
    "metrics": {"organisation.active_staff", "goals.actions_on_time", "competence.attendance_rate"},
    "shown_loggers": {"infrastructure.Student", "infrastructure.Loan"},
    "menu": {"goals:dashboard", "organisation:support_list", "reports:report_list"},
    "panels": {"goals/startpage_panel.html", "infrastructure/partials/it_panel.html"},
    "responsibilities": {"organisation.routine", "goals.action", "infrastructure.system"},
    "decision_links": {"goals.action"},
    "api_routes": {"school", "goal", "training-session", "device", "report"},
    "schedules": {
        "vuxportal.tasks.delete_stale_import_previews",
        "vuxportal.tasks.compact_data_version",
        "organisation.tasks.remind_routine_reviews",
        "goals.tasks.snapshot_open_periods",
        "infrastructure.tasks.remind_overdue_loans",
        "reports.tasks.requeue_stuck_reports",
    },
    "report_sections": {"goals", "competence", "organisation", "infrastructure", "projects"},
    "detail_panels": {
        "goals.Action:competence/activity_detail_chain.html",
        "goals.Goal:competence/activity_detail_chain.html",
    },
    "project_hours": {"competence"},
    "search": {
        "organisation.person",
        "goals.goal",
        "competence.training_session",
        "infrastructure.device",
        "infrastructure.student",
    },
    "demo_seeders": {"organisation", "goals", "competence", "infrastructure", "reports"},
    "scale_seeders": {"organisation", "goals", "competence", "infrastructure"},
}


@pytest.mark.parametrize("store", sorted(EXPECTED))
def test_each_store_is_filled_by_the_apps(store):
    keys = {key for key, _value in getattr(registry, store).items()}
    assert EXPECTED[store] <= keys


def test_every_store_is_tested_here():
    assert set(Registry.STORES) == set(EXPECTED)


def test_demo_seeders_run_the_organisation_first():
    assert registry.demo_seeders.items()[0][0] == "organisation"


def test_only_the_organisation_tells_whether_the_database_holds_data():
    assert [key for key, s in registry.scale_seeders.items() if s.holds_data] == ["organisation"]


@pytest.mark.django_db
def test_for_user_gives_entries_without_permission_and_those_the_user_has(teacher, administrator):
    store = Store("test")
    store.register("open", key="open")
    store.register("admin", key="admin", permission="organisation.manage_schools")
    assert store.for_user(administrator) == ["open", "admin"]
    assert store.for_user(teacher) == ["open"]
    assert store.all() == ["open", "admin"]


@pytest.mark.django_db
def test_the_menu_is_gated_by_the_entries_permissions(teacher, administrator):
    teachers = {item.url_name for item in registry.menu.for_user(teacher)}
    admins = {item.url_name for item in registry.menu.for_user(administrator)}
    assert "competence:self_assessment_list" in teachers
    assert "organisation:school_list" not in teachers
    assert "organisation:school_list" in admins


def test_entries_come_by_order_then_as_registered_and_keep_their_place_when_replaced():
    store = Store("test")
    store.register("b", key="b", order=20)
    store.register("z", key="z", order=10)
    store.register("a", key="a", order=20)
    assert store.all() == ["z", "b", "a"]
    store.register("B", key="b", order=20)
    assert store.items() == [("z", "z"), ("b", "B"), ("a", "a")]
    store.unregister("b")
    assert "b" not in store and len(store) == 2


def test_a_store_that_does_not_exist_is_refused():
    with pytest.raises(AttributeError):
        registry.widgets  # noqa: B018
