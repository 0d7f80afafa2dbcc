from datetime import date

import pytest

from tests.matrix import Case, api, expect

SCHOOL_ROLES = ("teacher", "staff", "school_leader", "it_staff")

CASES = [
    # The part's start page: everyone has pages in Organisation.
    Case("organisation:start", expect("all")),
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
    # Working groups: everyone reads; the convener and administrators edit; members too
    # record meetings. Others get 404 on edit pages (the group is outside what they edit).
    Case("organisation:working_group_list", expect("all"), setup=("working_group",)),
    Case("organisation:working_group_create", expect(["administrator"])),
    Case("organisation:working_group_detail", expect("all"), args=("working_group",)),
    Case(
        "organisation:working_group_update",
        expect(["administrator", "school_leader"], not_found=("teacher", "staff", "it_staff")),
        args=("working_group",),
    ),
    Case(
        "organisation:meeting_create",
        expect(["administrator", "school_leader", "teacher"], not_found=("staff", "it_staff")),
        args=("working_group",),
    ),
    Case("organisation:meeting_detail", expect("all"), args=("meeting",), setup=("decision",)),
    Case(
        "organisation:meeting_update",
        expect(["administrator", "school_leader", "teacher"], not_found=("staff", "it_staff")),
        args=("meeting",),
    ),
    # Routines: everyone reads; leaders, IT staff and administrators add; the owner edits.
    Case("organisation:routine_list", expect("all"), setup=("routine",)),
    Case(
        "organisation:routine_create",
        expect(["administrator", "school_leader", "it_staff"]),
    ),
    Case("organisation:routine_detail", expect("all"), args=("routine",)),
    Case(
        "organisation:routine_update",
        expect(["administrator", "it_staff"], not_found=("teacher", "staff", "school_leader")),
        args=("routine",),
    ),
    Case(
        "organisation:routine_review",
        expect(
            ["administrator", "it_staff"],
            status=302,
            not_found=("teacher", "staff", "school_leader"),
        ),
        args=("routine",),
        method="post",
    ),
    # Support: the requester, the handlers (school A's IT staff) and school A's leader.
    Case("organisation:support_list", expect("all"), setup=("support_request",)),
    Case("organisation:support_create", expect("all")),
    Case(
        "organisation:support_detail",
        expect(["teacher", "school_leader", "it_staff"], not_found=("staff", "administrator")),
        args=("support_request",),
    ),
    Case(
        "organisation:support_detail",
        expect(not_found=("administrator", *SCHOOL_ROLES)),
        args=("support_request_b",),
    ),
    Case(
        "organisation:support_handle",
        expect(
            ["it_staff"],
            status=302,
            not_found=("teacher", "staff", "school_leader", "administrator"),
        ),
        args=("support_request",),
        method="post",
        data={"handle-status": "in_progress"},
    ),
    Case(
        "organisation:support_attachment",
        expect(["teacher", "school_leader", "it_staff"], not_found=("staff", "administrator")),
        args=("request_with_attachment",),
    ),
    Case(
        "organisation:support_publish",
        expect(["it_staff"], not_found=("teacher", "staff", "school_leader", "administrator")),
        args=("resolved_request",),
    ),
    Case("organisation:help_list", expect("all"), setup=("help_article",)),
    Case("organisation:help_create", expect(["administrator", "it_staff"])),
    Case("organisation:help_detail", expect("all"), args=("help_article",)),
    Case(
        "organisation:help_update",
        expect(["administrator", "it_staff"], not_found=("teacher", "staff", "school_leader")),
        args=("help_article",),
    ),
    # Environmental scanning: everyone reads and writes notes; the author edits.
    Case("organisation:scanning_list", expect("all"), setup=("scanning_note",)),
    Case("organisation:scanning_create", expect("all")),
    Case("organisation:scanning_digest", expect("all"), setup=("scanning_note",)),
    Case("organisation:scanning_detail", expect("all"), args=("scanning_note",)),
    Case(
        "organisation:scanning_update",
        expect(["administrator", "teacher"], not_found=("staff", "school_leader", "it_staff")),
        args=("scanning_note",),
    ),
    # Who is responsible for what: everyone reads; administrators hand over.
    Case(
        "organisation:responsibilities",
        expect("all"),
        setup=("routine", "working_group", "decision"),
    ),
    Case("organisation:hand_over", expect(["administrator"]), args=("leader",)),
    Case("organisation:hand_over", expect(["administrator"]), args=("teacher_b",)),
    # Projects: everyone reads them; administrators keep them and set the hourly costs.
    Case("organisation:project_list", expect("all"), setup=("project",)),
    Case("organisation:project_create", expect(["administrator"])),
    Case("organisation:hourly_costs", expect(["administrator"])),
    Case("organisation:project_detail", expect("all"), args=("project",)),
    Case("organisation:project_update", expect(["administrator"]), args=("project",)),
    Case("organisation:project_excel", expect("all"), args=("project",)),
    # API
    api("workinggroup-list", expect("all"), setup=("working_group",)),
    api(
        "workinggroup-list",
        expect(["administrator"], status=400),
        method="post",
        data={"name": ""},
    ),
    api("workinggroup-detail", expect("all"), args=("working_group",)),
    api(
        "workinggroup-detail",
        expect(["administrator", "school_leader"], not_found=("teacher", "staff", "it_staff")),
        args=("working_group",),
        method="patch",
        data={"purpose": "Ändrat syfte"},
    ),
    api("project-list", expect("all"), setup=("project",)),
    api("project-detail", expect("all"), args=("project",)),
    api("routine-list", expect("all"), setup=("routine",)),
    api("routine-detail", expect("all"), args=("routine",)),
    api("supportrequest-list", expect("all"), setup=("support_request",)),
    api(
        "supportrequest-list",
        expect("all", status=400),
        method="post",
        data={"subject": "", "description": ""},
    ),
    api(
        "supportrequest-detail",
        expect(["teacher", "school_leader", "it_staff"], not_found=("staff", "administrator")),
        args=("support_request",),
    ),
    api(
        "supportrequest-detail",
        expect(not_found=("administrator", *SCHOOL_ROLES)),
        args=("support_request_b",),
    ),
    api("scanningnote-list", expect("all"), setup=("scanning_note",)),
    api("scanningnote-list", expect("all", status=400), method="post", data={"title": ""}),
    api("scanningnote-detail", expect("all"), args=("scanning_note",)),
    api(
        "scanningnote-detail",
        expect(["administrator", "teacher"], not_found=("staff", "school_leader", "it_staff")),
        args=("scanning_note",),
        method="patch",
        data={"summary": "Ny sammanfattning"},
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
    api("school-detail", expect("all"), args=("school_a",)),
    # Schools, people and memberships are written by administrators only.
    api(
        "school-list",
        expect(["administrator"], status=201),
        method="post",
        data={"code": "nyskola", "name": "Nya skolan"},
    ),
    api(
        "school-detail",
        expect(["administrator"]),
        args=("school_a",),
        method="patch",
        data={"address": "Ny gata 1"},
    ),
    api(
        "school-detail",
        expect(["administrator"]),
        args=("school_b",),
        method="patch",
        data={"address": "Ny gata 2"},
    ),
    api("person-detail", expect(["administrator", "school_leader"]), args=("teacher",)),
    api(
        "person-list",
        expect(["administrator"], status=201),
        method="post",
        data={"email": "ny.person@vux.test", "first_name": "Ny", "last_name": "Person"},
    ),
    api(
        "person-detail",
        expect(["administrator"]),
        args=("teacher",),
        method="patch",
        data={"title": "Lärare i svenska"},
    ),
    api(
        "person-detail",
        expect(["administrator"]),
        args=("teacher_b",),
        method="patch",
        data={"title": "Lärare i engelska"},
    ),
    api("membership-list", expect(["administrator", "school_leader"])),
    api(
        "membership-list",
        expect(["administrator"], status=201),
        method="post",
        data=lambda fixture: {
            "user": fixture("teacher").pk,
            "role": "staff",
            "school": fixture("school_b").pk,
            "starts_on": "2026-01-01",
        },
    ),
    api(
        "membership-detail",
        expect(["administrator"]),
        args=("teacher_b_membership",),
        method="patch",
        data={"ends_on": "2030-06-30"},
    ),
    api(
        "membership-detail",
        expect(["administrator"], not_found=("school_leader",)),
        args=("teacher_b_membership",),
    ),
]


@pytest.fixture
def project(db):
    from organisation.models import Project

    return Project.objects.create(
        name="Vux 2.0", starts_on=date(2017, 12, 15), ends_on=date(2022, 6, 30), budget=1000
    )


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, run_matrix):
    run_matrix(case)
