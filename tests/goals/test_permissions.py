import pytest

from tests.matrix import Case, api, expect

LEADER_ADMIN = ["school_leader", "administrator"]
NOT_RESPONSIBLE = ("teacher", "staff", "school_leader", "it_staff")

REPORTERS = ("school_leader", "administrator")


def _measurement(school: str, *, bulk: bool = False):
    """The body of a measurement write for ``school`` (a fixture name)."""

    def data(fixture):
        row = {
            "indicator": fixture("indicator").pk,
            "period": fixture("period").pk,
            "school": fixture(school).pk,
            "value": "42",
            "comment": "",
        }
        return [row] if bulk else row

    return data


CASES = [
    Case("goals:dashboard", expect("all"), setup=("reporting_setup", "action")),
    Case("goals:goal_detail", expect("all"), args=("goal",), setup=("reporting_setup",)),
    Case("goals:goal_update", expect(["administrator"]), args=("goal",)),
    Case("goals:goal_create", expect(["administrator"]), args=("plan",)),
    Case("goals:indicator_create", expect(["administrator"]), args=("goal",)),
    Case("goals:indicator_update", expect(["administrator"]), args=("indicator",)),
    Case(
        "goals:indicator_records",
        expect("all"),
        args=("auto_indicator",),
        setup=("period",),
    ),
    Case("goals:period_list", expect(LEADER_ADMIN), setup=("period",)),
    Case("goals:period_create", expect(["administrator"])),
    Case("goals:period_detail", expect(LEADER_ADMIN), args=("period",), setup=("school_b",)),
    Case(
        "goals:period_close",
        expect(["administrator"], status=302),
        args=("period",),
        method="post",
    ),
    Case(
        "goals:period_remind",
        expect(["administrator"], status=302),
        args=("period",),
        method="post",
    ),
    Case(
        "goals:report",
        expect(LEADER_ADMIN),
        args=("period", "school_a"),
        setup=("reporting_setup",),
    ),
    Case(
        "goals:report",
        expect(["administrator"], not_found=("school_leader",)),
        args=("period", "school_b"),
        setup=("reporting_setup",),
    ),
    Case(
        "goals:report",
        expect(["administrator"], not_found=("school_leader",)),
        args=("period", "school_b"),
        method="post",
        data={"draft": "1"},
        setup=("reporting_setup",),
    ),
    Case("goals:org_report", expect(["administrator"]), args=("period",), setup=("goal",)),
    Case("goals:plan_list", expect("all"), setup=("plan",)),
    Case("goals:plan_detail", expect("all"), args=("plan",), setup=("indicator",)),
    Case("goals:plan_update", expect(["administrator"]), args=("plan",)),
    Case(
        "goals:plan_activate",
        expect(["administrator"], status=302),
        args=("plan",),
        method="post",
    ),
    Case("goals:plan_copy", expect(["administrator"]), args=("plan",)),
    Case("goals:action_list", expect("all"), setup=("action", "overdue_action")),
    Case("goals:action_create", expect(LEADER_ADMIN), setup=("plan",)),
    Case(
        "goals:action_from_decision",
        expect(LEADER_ADMIN),
        args=("group_decision",),
        setup=("plan",),
    ),
    Case("goals:action_detail", expect("all"), args=("action",)),
    Case(
        "goals:action_update",
        expect(["administrator"], not_found=NOT_RESPONSIBLE),
        args=("action",),
    ),
    Case(
        "goals:action_update_add",
        expect(["administrator"], not_found=NOT_RESPONSIBLE, status=302),
        args=("action",),
        method="post",
        data={"text": "Klart med steg 1", "progress": "30"},
    ),
    # Plan upkeep: administrators edit and follow up prerequisites, delete items of a draft
    # plan and withdraw those of an active one; each step has its own confirmation page.
    Case("goals:prerequisite_create", expect(["administrator"]), args=("plan",)),
    Case(
        "goals:prerequisite_update",
        expect(["administrator"]),
        args=("prerequisite",),
        setup=("period",),
    ),
    Case(
        "goals:prerequisite_update",
        expect(["administrator"], status=302),
        args=("prerequisite",),
        method="post",
        data=lambda fixture: {
            "number": "1",
            "text": "Stabil infrastruktur",
            "part": "1",
            "period": fixture("period").pk,
            "status": "in_progress",
            "comment": "Upphandling pågår.",
        },
    ),
    Case("goals:prerequisite_delete", expect(["administrator"]), args=("prerequisite",)),
    Case(
        "goals:prerequisite_delete",
        expect(["administrator"], status=302),
        args=("draft_prerequisite",),
        method="post",
    ),
    Case("goals:goal_delete", expect(["administrator"]), args=("goal",)),
    Case(
        "goals:goal_delete",
        expect(["administrator"], status=302),
        args=("draft_goal",),
        method="post",
    ),
    Case("goals:goal_withdraw", expect(["administrator"]), args=("goal",)),
    Case(
        "goals:goal_withdraw",
        expect(["administrator"], status=302),
        args=("goal",),
        method="post",
        data={"reason": "Ersätts av mål 2."},
    ),
    Case("goals:indicator_delete", expect(["administrator"]), args=("indicator",)),
    Case(
        "goals:indicator_delete",
        expect(["administrator"], status=302),
        args=("draft_indicator",),
        method="post",
    ),
    Case("goals:indicator_withdraw", expect(["administrator"]), args=("indicator",)),
    Case(
        "goals:indicator_withdraw",
        expect(["administrator"], status=302),
        args=("indicator",),
        method="post",
        data={"reason": "Mäts inte längre."},
    ),
    Case("goals:action_delete", expect(["administrator"]), args=("action",)),
    Case(
        "goals:action_delete",
        expect(["administrator"], status=302),
        args=("draft_action",),
        method="post",
    ),
    Case("goals:action_withdraw", expect(["administrator"]), args=("action",)),
    Case(
        "goals:action_withdraw",
        expect(["administrator"], status=302),
        args=("action",),
        method="post",
        data={"reason": "Genomförs inom ett annat projekt."},
    ),
    api("goal-list", expect("all"), setup=("goal",)),
    api("goal-detail", expect("all"), args=("goal",)),
    api("indicator-list", expect("all"), setup=("indicator",)),
    api("indicator-detail", expect("all"), args=("indicator",)),
    api("period-list", expect("all"), setup=("period",)),
    api("period-detail", expect("all"), args=("period",)),
    api("measurement-list", expect("all"), setup=("school_b_measurement",)),
    api("measurement-detail", expect("all"), args=("school_a_measurement",)),
    api(
        "measurement-detail",
        expect(["administrator"], not_found=("teacher", "staff", "school_leader", "it_staff")),
        args=("school_b_measurement",),
    ),
    # Writing measurements: leaders for their school, administrators everywhere; an
    # out-of-scope school in the body is invalid (400), an out-of-scope row not found (404).
    api(
        "measurement-list",
        expect(REPORTERS, status=201),
        method="post",
        data=_measurement("school_a"),
    ),
    api(
        "measurement-list",
        {**expect(["administrator"], status=201), "school_leader": 400},
        method="post",
        data=_measurement("school_b"),
    ),
    api(
        "measurement-detail",
        expect(REPORTERS),
        args=("school_a_measurement",),
        method="patch",
        data={"value": "60"},
    ),
    api(
        "measurement-detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("school_b_measurement",),
        method="patch",
        data={"value": "60"},
    ),
    api(
        "measurement-bulk",
        expect(REPORTERS),
        method="post",
        data=_measurement("school_a", bulk=True),
    ),
    api(
        "measurement-bulk",
        {**expect(["administrator"]), "school_leader": 400},
        method="post",
        data=_measurement("school_b", bulk=True),
    ),
    api("assessment-list", expect("all"), setup=("school_b_assessment",)),
    api(
        "assessment-detail",
        expect(["administrator"], not_found=("teacher", "staff", "school_leader", "it_staff")),
        args=("school_b_assessment",),
    ),
    api("action-list", expect("all"), setup=("action",)),
    api("action-detail", expect("all"), args=("action",)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, run_matrix):
    run_matrix(case)
