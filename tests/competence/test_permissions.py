import pytest

from competence.models import DevelopmentPlan
from tests.matrix import Case, api, expect

ALL_BUT_ADMIN = ("teacher", "staff", "school_leader", "it_staff")
LEADERS = ["administrator", "school_leader"]


@pytest.fixture
def plan_a(teacher, period, framework):
    plan = DevelopmentPlan.objects.create(person=teacher, period=period, note="Min plan")
    plan.focus.set(framework.areas.first().competences.all()[:1])
    return plan


@pytest.fixture
def plan_b(teacher_b, period):
    return DevelopmentPlan.objects.create(person=teacher_b, period=period)


CASES = [
    # The part's start page: everyone has pages in Competence.
    Case("competence:start", expect("all")),
    # Frameworks
    Case("competence:framework_list", expect("all")),
    Case("competence:framework_create", expect(["administrator"])),
    Case("competence:framework_detail", expect("all"), args=("framework",)),
    Case("competence:framework_update", expect(["administrator"]), args=("framework",)),
    Case(
        "competence:area_update",
        expect(["administrator"]),
        args=("framework", "framework_area"),
    ),
    # Self-assessment
    Case("competence:self_assessment_list", expect("all"), setup=("period",)),
    Case("competence:self_assessment_edit", expect("all"), args=("framework",), setup=("period",)),
    Case("competence:aggregate", expect(LEADERS), setup=("framework", "period")),
    # Needs and development plans (issue 16): a plan is its owner's and their leader's only,
    # administrators included among those who may not see it.
    Case("competence:needs", expect(LEADERS), setup=("framework", "period")),
    Case("competence:plan_mine", expect("all"), setup=("period",)),
    Case("competence:plan_list", expect(LEADERS), setup=("plan_a", "plan_b")),
    Case(
        "competence:plan_detail",
        expect(["teacher", "school_leader"], not_found=("administrator", "staff", "it_staff")),
        args=("plan_a",),
    ),
    Case(
        "competence:plan_detail",
        expect((), not_found=("administrator", *ALL_BUT_ADMIN)),
        args=("plan_b",),
    ),
    Case(
        "competence:plan_comment",
        expect(
            ["teacher", "school_leader"],
            status=302,
            not_found=("administrator", "staff", "it_staff"),
        ),
        args=("plan_a",),
        method="post",
        data={"text": "Bra plan."},
    ),
    # Sessions
    Case("competence:activity_list", expect("all")),
    Case("competence:activity_create", expect(LEADERS)),
    Case("competence:evaluation_results", expect(LEADERS), setup=("past_activity_b",)),
    Case("competence:activity_detail", expect("all"), args=("activity_b",)),
    Case(
        "competence:activity_update",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("activity_b",),
    ),
    Case(
        "competence:activity_update",
        expect(["administrator", "school_leader", "teacher"], not_found=("staff", "it_staff")),
        args=("activity_a",),
    ),
    Case(
        "competence:activity_enrol", expect("all", status=302), args=("activity_b",), method="post"
    ),
    Case(
        "competence:activity_cancel",
        expect("all", status=302),
        args=("enrolled_everyone_b",),
        method="post",
    ),
    Case("competence:activity_ics", expect("all"), args=("activity_b",)),
    Case(
        "competence:activity_attendance",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("activity_b",),
    ),
    Case(
        "competence:activity_attendance",
        expect(["administrator", "school_leader", "teacher"], not_found=("staff", "it_staff")),
        args=("activity_a",),
    ),
    Case("competence:activity_evaluate", expect("all"), args=("enrolled_everyone_b",)),
    Case(
        "competence:activity_cancel_session",
        expect(["administrator"], status=302, not_found=ALL_BUT_ADMIN),
        args=("activity_b",),
        method="post",
    ),
    Case(
        "competence:activity_cancel_session",
        expect(
            ["administrator", "school_leader", "teacher"],
            status=302,
            not_found=("staff", "it_staff"),
        ),
        args=("activity_a",),
        method="post",
    ),
    # The cancellation's confirmation page: for whoever may cancel.
    Case(
        "competence:activity_cancel_session",
        expect(["administrator", "school_leader", "teacher"], not_found=("staff", "it_staff")),
        args=("activity_a",),
    ),
    # Training log
    Case("competence:record_list", expect("all")),
    Case(
        "competence:record_attendance_certificate",
        expect(["administrator", "teacher"], not_found=("staff", "school_leader", "it_staff")),
        args=("attended_record_a",),
    ),
    Case("competence:record_create", expect("all")),
    Case("competence:staff_records", expect(LEADERS), setup=("record_a", "record_b")),
    Case(
        "competence:record_detail",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("record_b",),
    ),
    Case(
        "competence:record_detail",
        expect(["administrator", "school_leader", "teacher"], not_found=("staff", "it_staff")),
        args=("record_a",),
    ),
    Case(
        "competence:record_update",
        expect((), not_found=("administrator", *ALL_BUT_ADMIN)),
        args=("record_b",),
    ),
    Case(
        "competence:record_update",
        expect(["teacher"], not_found=("administrator", "staff", "school_leader", "it_staff")),
        args=("record_a",),
    ),
    Case(
        "competence:record_confirm",
        expect(["administrator"], status=302, not_found=("school_leader",)),
        args=("record_b",),
        method="post",
    ),
    Case(
        "competence:record_certificate",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("record_b_with_certificate",),
    ),
    # Practice sharing
    Case("competence:example_list", expect("all"), setup=("example_b", "draft_b")),
    Case("competence:example_create", expect("all")),
    Case("competence:example_detail", expect("all"), args=("example_b",)),
    Case(
        "competence:example_detail",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("draft_b",),
    ),
    Case(
        "competence:example_update",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("example_b",),
    ),
    Case("competence:example_use", expect("all", status=302), args=("example_b",), method="post"),
    Case("competence:example_attachment", expect("all"), args=("example_b_with_attachment",)),
    # API
    api("need-list", expect(LEADERS), setup=("framework", "period")),
    api("development-plan-list", expect("all"), setup=("plan_a", "plan_b")),
    api(
        "development-plan-detail",
        expect(["teacher"], not_found=("administrator", "staff", "school_leader", "it_staff")),
        args=("plan_a",),
    ),
    api("competence-framework-list", expect("all"), setup=("framework",)),
    api("competence-framework-detail", expect("all"), args=("framework",)),
    api("training-session-list", expect("all"), setup=("activity_a", "activity_b")),
    api(
        "training-session-list",
        expect(LEADERS, status=201),
        method="post",
        data={
            "title": "API-tillfälle",
            "format": "webinar",
            "starts_at": "2030-01-10T13:00:00Z",
            "ends_at": "2030-01-10T15:00:00Z",
            "hours": "2.0",
        },
    ),
    api("training-session-detail", expect("all"), args=("activity_b",)),
    api(
        "training-session-detail",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("activity_b",),
        method="patch",
        data={"title": "Nytt namn"},
    ),
    api("enrolment-list", expect("all"), setup=("enrolment_b",)),
    api(
        "enrolment-detail",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("enrolment_b",),
    ),
    api("training-record-list", expect("all"), setup=("record_a", "record_b")),
    api(
        "training-record-list",
        expect("all", status=201),
        method="post",
        data={"date": "2026-02-02", "title": "Kurs", "hours": "3", "kind": "course"},
    ),
    api(
        "training-record-detail",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("record_b",),
    ),
    api(
        "training-record-detail",
        expect(["teacher"], not_found=("administrator", "staff", "school_leader", "it_staff")),
        args=("record_a",),
        method="patch",
        data={"title": "Ändrad kurs"},
    ),
    api("practice-example-list", expect("all"), setup=("example_b", "draft_b")),
    api(
        "practice-example-list",
        expect("all", status=201),
        method="post",
        data={"title": "API-exempel", "summary": "Kort", "body": "Text"},
    ),
    api("practice-example-detail", expect("all"), args=("example_b",)),
    api(
        "practice-example-detail",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("draft_b",),
    ),
    api(
        "practice-example-detail",
        expect(["administrator"], not_found=ALL_BUT_ADMIN),
        args=("example_b",),
        method="patch",
        data={"summary": "Ny sammanfattning"},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, run_matrix):
    run_matrix(case)


@pytest.fixture
def attended_record_a(enrolled_everyone_b, teacher):
    """The school A teacher attended a past session: the portal logged it (a certificate)."""
    from competence import services

    enrolment = enrolled_everyone_b.enrolments.get(person=teacher)
    services.attendance_mark(activity=enrolled_everyone_b, attended_ids={enrolment.pk})
    return enrolled_everyone_b.records.get(person=teacher)
