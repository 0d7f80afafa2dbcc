import pytest

from tests.matrix import Case, api, expect

CASES = [
    Case("home", expect("all")),
    Case("organisation:school_list", expect(["administrator"])),
    Case("organisation:school_create", expect(["administrator"])),
    Case("organisation:school_detail", expect(["administrator"]), args=("school_a",)),
    Case("organisation:school_update", expect(["administrator"]), args=("school_b",)),
    Case("organisation:person_list", expect(["administrator", "school_leader"])),
    Case("organisation:person_invite", expect(["administrator"])),
    Case("organisation:staff_import", expect(["administrator"])),
    Case(
        "organisation:person_detail",
        expect(["administrator", "school_leader"]),
        args=("teacher",),
    ),
    Case(
        "organisation:person_detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("teacher_b",),
    ),
    Case("organisation:person_update", expect(["administrator"]), args=("teacher_b",)),
    Case(
        "organisation:person_deactivate",
        expect(["administrator"], status=302),
        args=("teacher_b",),
        method="post",
    ),
    Case(
        "organisation:membership_add",
        expect(["administrator"], status=302),
        args=("teacher_b",),
        method="post",
        data={"role": "staff"},
    ),
    Case(
        "organisation:membership_end",
        expect(["administrator"], status=302),
        args=("teacher_b", "teacher_b_membership"),
        method="post",
    ),
    api("school-list", expect("all")),
    api(
        "school-detail",
        expect(["administrator"], not_found=("teacher", "staff", "school_leader", "it_staff")),
        args=("school_b",),
    ),
    api("person-list", expect(["administrator", "school_leader"])),
    api(
        "person-detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("teacher_b",),
    ),
    api("membership-list", expect(["administrator", "school_leader"])),
    api(
        "membership-detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("teacher_b_membership",),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, run_matrix):
    run_matrix(case)
