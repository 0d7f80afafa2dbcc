"""Every tracked object's history on its page (issue 17, part 3): who changed which field
from what to what, with the field's Swedish label and values shown as the page shows
them; scoped like the object; students' history for IT staff and administrators only,
and logged; a constant number of queries however long the history grows."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from competence.models import DevelopmentPlan
from goals.models import Action, Prerequisite, PrerequisiteFollowUp, Submission
from infrastructure.models import StudentDataAccess
from organisation.models import Project
from reports.models import Report
from tests.competence.factories import (
    ActivityFactory,
    ExampleFactory,
    FrameworkFactory,
    RecordFactory,
    assess,
)
from tests.factories import (
    ActionPlanFactory,
    GoalFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
    SchoolFactory,
    today,
)
from tests.goals.factories import ActionFactory, AssessmentFactory, MeasurementFactory
from tests.infrastructure.factories import (
    DeviceFactory,
    LoanFactory,
    RepairFactory,
    StudentFactory,
    SystemFactory,
)
from tests.organisation.factories import (
    HelpArticleFactory,
    MeetingFactory,
    RoutineFactory,
    ScanningNoteFactory,
    SupportRequestFactory,
    WorkingGroupFactory,
)
from tests.reports.factories import ReportFactory
from vuxportal.history import HISTORY_LIMIT, FieldChange, history_of

CHANGE = re.compile(
    r'<li><span class="fw-semibold">(.*?)</span>: (.*?) <span aria-hidden="true">→</span>'
    r'<span class="visually-hidden">.*?</span> (.*?)</li>'
)


def history_section(response) -> str:
    body = response.content.decode()
    assert 'id="history"' in body, "the page has no history section"
    return body.split('id="history"', 1)[1].split("</section>", 1)[0]


def shown_changes(response) -> set[tuple[str, str, str]]:
    """(label, old, new) of every change the page's history shows."""
    return {
        tuple(html.unescape(part) for part in match)
        for match in CHANGE.findall(history_section(response))
    }


def label(model, name: str) -> str:
    with translation.override("sv"):
        return capfirst(str(model._meta.get_field(name).verbose_name))


def sv(text) -> str:
    with translation.override("sv"):
        return translation.gettext(text) if isinstance(text, str) else str(text)


def short(day: date) -> str:
    return day.strftime("%Y-%m-%d")  # Swedish SHORT_DATE_FORMAT


@pytest.fixture
def env(school_a, school_b, administrator, it_staff, teacher, leader, teacher_b):
    return SimpleNamespace(
        school_a=school_a,
        school_b=school_b,
        administrator=administrator,
        it_staff=it_staff,
        teacher=teacher,
        leader=leader,
        teacher_b=teacher_b,
    )


@dataclass(frozen=True)
class Kind:
    """One kind of tracked object: how to make one, where its history shows, who sees
    it, and a change (``change(obj, env, n)`` sets the n-th value and returns the
    expected (label, old, new) of the first change)."""

    name: str
    build: Callable
    page: Callable
    change: Callable
    viewer: str = "administrator"
    editor: str = "administrator"


def setter(field: str, values: Callable, shown: Callable = str):
    """Sets ``field`` to ``values(env, n)`` (the next one when that is the value it has)."""

    def change(obj, env, n):
        old, new = getattr(obj, field), values(env, n)
        if new == old:
            new = values(env, n + 1)
        setattr(obj, field, new)
        return label(type(obj), field), "–" if old in (None, "") else shown(old), shown(new)

    return change


def texts(prefix):
    return setter("title", lambda env, n: f"{prefix} {n}")


def choice(field, model_choices):
    values = list(model_choices.values)
    return setter(
        field, lambda env, n: values[n % len(values)], lambda v: sv(model_choices(v).label)
    )


def person_change(field):
    people = ("leader", "administrator", "teacher")
    return setter(field, lambda env, n: getattr(env, people[n % 3]), lambda user: user.display_name)


def _plan(env):
    return ActionPlanFactory()


def _goal(env):
    return GoalFactory(plan=_plan(env), responsible=env.leader)


def _prerequisite(env):
    return Prerequisite.objects.create(plan=_plan(env), number=1, text="Nätverk i alla salar")


def _period(env):
    return ReportingPeriodFactory(year=2026, kind="tertial1")


def _project(env):
    return Project.objects.create(
        name="Vux 2.0", starts_on=date(2026, 1, 1), ends_on=date(2027, 12, 31), budget=100000
    )


def _report(env):
    return ReportFactory(period=_period(env), requested_by=env.administrator)


def _follow_up(env):
    return PrerequisiteFollowUp.objects.create(
        prerequisite=_prerequisite(env), period=_period(env), status="not_started"
    )


def _self_assessment(env):
    return assess(env.teacher, FrameworkFactory(), _period(env), school=env.school_a)


def _development_plan(env):
    return DevelopmentPlan.objects.create(person=env.teacher, period=_period(env), note="")


def _page(url_name, attr=None):
    return lambda obj: reverse(url_name, args=[getattr(obj, attr) if attr else obj.pk])


KINDS = [
    Kind(
        "action",
        lambda env: ActionFactory(plan=_plan(env), responsible=env.leader),
        lambda obj: obj.get_absolute_url(),
        person_change("responsible"),
    ),
    Kind(
        "action_status",
        lambda env: ActionFactory(plan=_plan(env)),
        lambda obj: obj.get_absolute_url(),
        choice("status", Action.Status),
    ),
    Kind("goal", _goal, lambda obj: obj.get_absolute_url(), texts("Mål")),
    Kind(
        "indicator",
        lambda env: IndicatorFactory(goal=_goal(env)),
        lambda obj: obj.goal.get_absolute_url(),
        setter("name", lambda env, n: f"Indikator {n}"),
    ),
    Kind(
        "assessment",
        lambda env: AssessmentFactory(goal=_goal(env), period=_period(env), school=env.school_a),
        lambda obj: obj.goal.get_absolute_url(),
        setter("analysis", lambda env, n: f"Analys {n}"),
    ),
    Kind(
        "measurement",
        lambda env: MeasurementFactory(
            indicator=IndicatorFactory(goal=_goal(env)), period=_period(env), value=50
        ),
        lambda obj: obj.indicator.goal.get_absolute_url(),
        setter(
            "value",
            lambda env, n: Decimal(f"{50 + 5 * n}.50"),
            lambda v: str(v).replace(".", ","),
        ),
    ),
    Kind("plan", _plan, _page("goals:plan_detail"), texts("Handlingsplan")),
    Kind(
        "prerequisite",
        _prerequisite,
        _page("goals:plan_detail", "plan_id"),
        setter("text", lambda env, n: f"Förutsättning {n}"),
    ),
    Kind(
        "prerequisite_follow_up",
        _follow_up,
        lambda obj: reverse("goals:plan_detail", args=[obj.prerequisite.plan_id]),
        choice("status", PrerequisiteFollowUp.Status),
    ),
    Kind(
        "period",
        _period,
        lambda obj: obj.get_absolute_url(),
        setter("deadline", lambda env, n: date(2026, 5, 10) + timedelta(days=n), short),
    ),
    Kind(
        "submission",
        lambda env: Submission.objects.create(period=_period(env), school=env.school_a),
        lambda obj: obj.period.get_absolute_url(),
        choice("state", Submission.State),
    ),
    Kind(
        "device",
        lambda env: DeviceFactory(school=env.school_a),
        lambda obj: obj.get_absolute_url(),
        setter("location", lambda env, n: f"Sal {n}"),
        viewer="it_staff",
    ),
    Kind(
        "repair",
        lambda env: RepairFactory(device=DeviceFactory(school=env.school_a)),
        lambda obj: obj.device.get_absolute_url(),
        setter("under_warranty", lambda env, n: n % 2 == 1, lambda v: "Ja" if v else "Nej"),
        viewer="it_staff",
    ),
    Kind(
        "student",
        lambda env: StudentFactory(school=env.school_a),
        lambda obj: obj.get_absolute_url(),
        setter("phone", lambda env, n: f"070-000 00 {n:02d}"),
        viewer="it_staff",
        editor="it_staff",
    ),
    Kind(
        "loan",
        lambda env: LoanFactory(device=DeviceFactory(school=env.school_a)),
        lambda obj: obj.get_absolute_url(),
        setter("due_on", lambda env, n: today() + timedelta(days=90 + n), short),
        viewer="it_staff",
        editor="it_staff",
    ),
    Kind(
        "system",
        lambda env: SystemFactory(),
        lambda obj: obj.get_absolute_url(),
        setter("name", lambda env, n: f"System {n}"),
    ),
    Kind(
        "school",
        lambda env: SchoolFactory(code="skola-c", name="Vux Skola C"),
        lambda obj: obj.get_absolute_url(),
        setter("student_places", lambda env, n: 500 + n),
    ),
    Kind(
        "project",
        _project,
        lambda obj: obj.get_absolute_url(),
        setter("description", lambda env, n: f"Beskrivning {n}"),
    ),
    Kind(
        "working_group",
        lambda env: WorkingGroupFactory(convener=env.leader),
        lambda obj: obj.get_absolute_url(),
        person_change("convener"),
    ),
    Kind(
        "meeting",
        lambda env: MeetingFactory(group=WorkingGroupFactory(convener=env.leader)),
        lambda obj: obj.get_absolute_url(),
        setter("agenda", lambda env, n: f"Dagordning {n}"),
    ),
    Kind(
        "routine",
        lambda env: RoutineFactory(owner=env.leader, school=env.school_a),
        lambda obj: obj.get_absolute_url(),
        texts("Rutin"),
    ),
    Kind(
        "support_request",
        lambda env: SupportRequestFactory(requester=env.teacher, school=env.school_a),
        lambda obj: obj.get_absolute_url(),
        setter("subject", lambda env, n: f"Fråga {n}"),
        viewer="it_staff",
        editor="it_staff",
    ),
    Kind(
        "help_article",
        lambda env: HelpArticleFactory(author=env.administrator),
        lambda obj: obj.get_absolute_url(),
        texts("Hur gör jag"),
    ),
    Kind(
        "scanning_note",
        lambda env: ScanningNoteFactory(author=env.administrator),
        lambda obj: obj.get_absolute_url(),
        texts("Omvärld"),
    ),
    Kind(
        "framework",
        lambda env: FrameworkFactory(),
        lambda obj: obj.get_absolute_url(),
        setter("name", lambda env, n: f"Ramverk {n}"),
    ),
    Kind(
        "self_assessment",
        _self_assessment,
        lambda obj: reverse("competence:self_assessment_list"),
        setter("reflection", lambda env, n: f"Reflektion {n}"),
        viewer="teacher",
        editor="teacher",
    ),
    Kind(
        "training_activity",
        lambda env: ActivityFactory(organiser=env.leader, school=env.school_a),
        lambda obj: obj.get_absolute_url(),
        setter("place", lambda env, n: f"Sal {n}"),
    ),
    Kind(
        "training_record",
        lambda env: RecordFactory(person=env.teacher, school=env.school_a),
        lambda obj: obj.get_absolute_url(),
        texts("Kurs"),
        viewer="teacher",
        editor="teacher",
    ),
    Kind(
        "practice_example",
        lambda env: ExampleFactory(author=env.teacher, is_published=True),
        lambda obj: obj.get_absolute_url(),
        texts("Exempel"),
    ),
    Kind(
        "development_plan",
        _development_plan,
        lambda obj: obj.get_absolute_url(),
        setter("note", lambda env, n: f"Anteckning {n}"),
        viewer="teacher",
        editor="teacher",
    ),
    Kind("report", _report, lambda obj: obj.get_absolute_url(), choice("status", Report.Status)),
]


KIND = {kind.name: kind for kind in KINDS}


def change(kind, obj, env, n):
    obj.refresh_from_db()  # the values as stored (and shown), not as the factory gave them
    expected = kind.change(obj, env, n)
    obj._history_user = getattr(env, kind.editor)
    obj.save()
    return expected


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_change_shows_on_the_objects_page(kind, env, login):
    obj = kind.build(env)
    expected = change(kind, obj, env, 1)
    response = login(getattr(env, kind.viewer)).get(kind.page(obj))
    assert response.status_code == 200
    assert expected in shown_changes(response)
    assert getattr(env, kind.editor).display_name in history_section(response)


def queries(client, url) -> list[str]:
    # Cold: kept fragments are drawn afresh, so the count is what drawing the page costs.
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # Savepoint and cursor names differ between requests; the statements do not.
    return [
        re.sub(r"_django_curs_\w+", "cursor", q["sql"])[:120]
        for q in ctx.captured_queries
        if "SAVEPOINT" not in q["sql"]
    ]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_the_page_keeps_its_query_count_as_the_history_grows(kind, env, login):
    obj = kind.build(env)
    change(kind, obj, env, 1)
    client, url = login(getattr(env, kind.viewer)), kind.page(obj)
    client.get(url)  # warm the session and the caches
    one = queries(client, url)
    for n in range(2, 11):
        change(kind, obj, env, n)
    assert queries(client, url) == one
    # Past the page's limit, the latest changes may all be of one object: the names of
    # the others are then not read at all.
    for n in range(11, HISTORY_LIMIT + 5):
        change(kind, obj, env, n)
    assert len(queries(client, url)) <= len(one)
    assert len(queries(client, url + "?history=all")) == len(one)


def test_the_latest_changes_show_and_a_link_shows_them_all(env, login):
    action = ActionFactory(plan=_plan(env))
    for n in range(1, HISTORY_LIMIT + 5):
        change(KIND["action_status"], action, env, n)
    client = login(env.administrator)
    latest = client.get(action.get_absolute_url())
    assert len(latest.context["history"].entries) == HISTORY_LIMIT
    assert "?history=all#history" in history_section(latest)
    everything = client.get(action.get_absolute_url(), {"history": "all"})
    # Every change and the creation.
    assert len(everything.context["history"].entries) == HISTORY_LIMIT + 5
    assert '<details class="history" open>' in everything.content.decode()


def test_timestamps_and_unchanged_saves_are_left_out(env):
    report = _report(env)
    report.progress = 40  # the worker's bookkeeping: hidden
    report.save()
    report.status = Report.Status.DONE
    report.save()
    entries = history_of(env.administrator, report).entries
    assert [e.action for e in entries] == [sv("Changed"), sv("Created")]
    assert [c.label for c in entries[0].changes] == [label(Report, "status")]


def test_a_user_who_cannot_see_the_object_sees_no_history(env, login):
    loan = LoanFactory(device=DeviceFactory(school=env.school_b))
    change(KIND["loan"], loan, env, 1)
    assert login(env.it_staff).get(loan.get_absolute_url()).status_code == 404
    assert history_of(env.it_staff, loan).entries == []
    assert history_of(env.administrator, loan).entries

    request = SupportRequestFactory(requester=env.teacher_b, school=env.school_b)
    change(KIND["support_request"], request, env, 1)
    assert login(env.teacher).get(request.get_absolute_url()).status_code == 404
    assert history_of(env.teacher, request).entries == []

    plan = _development_plan(env)
    assert login(env.teacher_b).get(plan.get_absolute_url()).status_code == 404
    assert history_of(env.teacher_b, plan).entries == []


def test_the_goal_page_shows_only_the_assessments_the_user_may_see(env, login):
    goal = _goal(env)
    period = _period(env)
    own = AssessmentFactory(goal=goal, period=period, school=env.school_a)
    other = AssessmentFactory(goal=goal, period=period, school=env.school_b)
    for assessment, text in ((own, "Egen analys"), (other, "Annan skolas analys")):
        assessment.analysis = text
        assessment.save()
    body = history_section(login(env.leader).get(goal.get_absolute_url()))
    assert "Egen analys" in body
    assert "Annan skolas analys" not in body


@pytest.mark.parametrize("who", ["teacher", "leader", "teacher_b"])
def test_students_history_is_for_it_staff_and_administrators_only(env, login, who):
    student = StudentFactory(school=env.school_a)
    change(KIND["student"], student, env, 1)
    assert login(getattr(env, who)).get(student.get_absolute_url()).status_code in (403, 404)
    assert history_of(getattr(env, who), student).entries == []


@pytest.mark.parametrize("who", ["it_staff", "administrator"])
def test_showing_a_students_history_is_logged(env, login, who):
    student = StudentFactory(school=env.school_a)
    expected = change(KIND["student"], student, env, 1)
    viewer = getattr(env, who)
    response = login(viewer).get(student.get_absolute_url(), {"history": "all"})
    assert expected in shown_changes(response)
    assert StudentDataAccess.objects.filter(user=viewer, student=student).exists()


def test_a_student_named_in_a_loans_history_is_logged(env, login):
    loan = LoanFactory(device=DeviceFactory(school=env.school_a))
    earlier = loan.student
    loan.student = StudentFactory(school=env.school_a)
    loan.save()
    client = login(env.it_staff)
    response = client.get(loan.get_absolute_url())
    assert (label(type(loan), "student"), earlier.name, loan.student.name) in shown_changes(
        response
    )
    logged = StudentDataAccess.objects.filter(user=env.it_staff, student=earlier)
    assert logged.count() == 1
    # A history that names students is never kept (vuxportal/templatetags/history.py):
    # every showing is logged, the second as the first.
    client.get(loan.get_absolute_url())
    assert logged.count() == 2


def test_a_history_without_personal_data_is_kept_until_the_data_changes(env, login):
    kind = KIND["goal"]
    obj = kind.build(env)
    change(kind, obj, env, 1)
    client, url = login(getattr(env, kind.viewer)), kind.page(obj)
    client.get(url)
    with CaptureQueriesContext(connection) as kept:
        client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as drawn:
        client.get(url)
    history_tables = [q for q in drawn if "history_date" in q["sql"]]
    assert history_tables, "drawing the page reads the history"
    assert not [q for q in kept if "history_date" in q["sql"]]
    expected = change(kind, obj, env, 2)
    assert expected in shown_changes(client.get(url))


def test_the_history_speaks_english_too(env, login):
    action = ActionFactory(plan=_plan(env))
    change(KIND["action_status"], action, env, 1)
    client = login(env.administrator)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        response = client.get(action.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert ("Status", "Planned", "Ongoing") in shown_changes(response)


def test_an_uploads_change_shows_the_users_own_file_names(env):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    record = RecordFactory(person=env.teacher, school=env.school_a)
    record.certificate = SimpleUploadedFile("intyg-mars.pdf", pdf)
    record.save()
    record.certificate = SimpleUploadedFile("intyg-april.pdf", pdf)
    record.save()
    latest = history_of(env.teacher, record).entries[0]
    assert latest.changes == [
        FieldChange(label(type(record), "certificate"), "intyg-mars.pdf", "intyg-april.pdf")
    ]
