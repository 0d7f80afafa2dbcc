import pytest

from tests.matrix import Case, api, expect

LEADER_ADMIN = ["administrator", "school_leader"]

CASES = [
    Case("reports:report_list", expect(LEADER_ADMIN), setup=("report_a", "report_b")),
    Case("reports:report_request", expect(LEADER_ADMIN), setup=("period_t2",)),
    Case("reports:report_detail", expect(LEADER_ADMIN), args=("report_a",)),
    Case(
        "reports:report_detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_b",),
    ),
    Case(
        "reports:report_detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_org",),
    ),
    Case("reports:report_status", expect(LEADER_ADMIN), args=("report_a",)),
    Case(
        "reports:report_status",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_b",),
    ),
    Case("reports:report_pdf", expect(LEADER_ADMIN), args=("report_a",)),
    Case(
        "reports:report_pdf",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_b",),
    ),
    Case("reports:report_excel", expect(LEADER_ADMIN), args=("report_a",)),
    Case(
        "reports:report_excel",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_org",),
    ),
    Case(
        "reports:report_retry",
        expect(LEADER_ADMIN, status=302),
        args=("failed_report_a",),
        method="post",
    ),
    Case(
        "reports:report_retry",
        expect(["administrator"], not_found=("school_leader",), status=302),
        args=("failed_report_b",),
        method="post",
    ),
    Case("reports:schedule_list", expect(["administrator"]), setup=("schedule",)),
    Case("reports:schedule_update", expect(["administrator"]), args=("schedule",)),
    Case(
        "reports:schedule_update",
        expect(["administrator"], status=302),
        args=("schedule",),
        method="post",
        data={"enabled": "on", "minute": "*/10", "hour": "*", "day_of_week": "*"},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, run_matrix):
    run_matrix(case)


API_CASES = [
    api("report-list", expect(LEADER_ADMIN), setup=("report_a", "report_b")),
    api("report-detail", expect(LEADER_ADMIN), args=("report_a",)),
    api(
        "report-detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_b",),
    ),
    api(
        "report-detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_org",),
    ),
    api("report-list", expect(LEADER_ADMIN, status=400), method="post", data={"kind": "x"}),
    api("report-pdf", expect(LEADER_ADMIN), args=("report_a",)),
    api(
        "report-pdf",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_b",),
    ),
    api("report-excel", expect(LEADER_ADMIN), args=("report_a",)),
    api(
        "report-excel",
        expect(["administrator"], not_found=("school_leader",)),
        args=("report_org",),
    ),
]
CASES += API_CASES
