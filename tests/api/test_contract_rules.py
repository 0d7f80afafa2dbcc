"""The rules that make the API's contract exact, one by one (the schemathesis run in
test_schema_fuzz.py finds what breaks them; these say what they are).

Query strings: a filter, a page or an ordering the schema does not allow is a 400 in the
shared error format, on every endpoint, while the same FilterSet on a page shows a form
error. Bodies: values of the JSON type the schema gives, and the model's constraints
checked before saving. The schema documents each status code an operation can answer.
"""

import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from organisation.models import Membership
from tests.factories import SchoolFactory
from vuxportal.roles import Role

pytestmark = pytest.mark.django_db

SCHOOLS = "/api/v1/schools/"


def _error(response, field):
    """The shared error body of a 400, with a message for ``field``."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid" and body["detail"]
    assert body["errors"][field] and all(isinstance(m, str) and m for m in body["errors"][field])
    return body["errors"][field][0]


@pytest.fixture
def admin_client(login, administrator):
    SchoolFactory(code="sodermalm", name="Vux Södermalm")
    return login(administrator)


@pytest.mark.parametrize(
    "query, field",
    [
        ({"is_active": "null"}, "is_active"),  # issue 18: a boolean that is none
        ({"is_active": "-1"}, "is_active"),
        ({"is_active": "yes"}, "is_active"),
        ({"page": "abc"}, "page"),  # issue 18
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "501"}, "page_size"),
        ({"page_size": "false"}, "page_size"),
        ({"ordering": "secret"}, "ordering"),
        ({"ordering": "name,"}, "ordering"),
    ],
)
def test_a_query_the_schema_refuses_is_a_400(admin_client, query, field):
    _error(admin_client.get(SCHOOLS, query), field)


def test_due_minus_one_and_other_filters_are_refused_on_every_endpoint(admin_client):
    _error(admin_client.get("/api/v1/routines/", {"due": "-1"}), "due")  # issue 18
    _error(admin_client.get("/api/v1/devices/", {"status": "broken-ish"}), "status")
    _error(admin_client.get("/api/v1/devices/", {"school": "abc"}), "school")
    _error(admin_client.get("/api/v1/memberships/", {"user": "1.5"}), "user")
    _error(admin_client.get("/api/v1/periods/", {"year": "565"}), "year")
    _error(admin_client.get("/api/v1/needs/", {"school": "null"}), "school")


def test_what_the_schema_allows_is_answered(admin_client, administrator):
    assert (
        admin_client.get(SCHOOLS, {"is_active": "true", "ordering": "-name,code"}).status_code
        == 200
    )
    assert admin_client.get(SCHOOLS, {"is_active": "0", "page_size": "500"}).status_code == 200
    # An empty value is no filter, as a page's form sends its blank fields.
    assert admin_client.get(SCHOOLS, {"is_active": "", "page": "", "q": ""}).json()["count"] == 1
    # An id that names no row you can see filters to nothing; it is no error.
    for url, query in [
        ("/api/v1/memberships/", {"user": "999999"}),
        ("/api/v1/devices/", {"school": "999999"}),
        ("/api/v1/needs/", {"school": "999999"}),
    ]:
        response = admin_client.get(url, query)
        assert response.status_code == 200 and response.json()["count"] == 0, url
    # A page past the last is a 404 (as documented), a page that cannot be one a 400.
    assert admin_client.get(SCHOOLS, {"page": "2"}).status_code == 404


def test_a_sessions_format_filter_is_a_filter_not_a_renderer(admin_client):
    response = admin_client.get("/api/v1/competence/sessions/", {"format": "course"})
    assert response.status_code == 200, response.content
    _error(admin_client.get("/api/v1/competence/sessions/", {"format": "opera"}), "format")


def test_a_page_shows_an_invalid_filter_as_a_form_error(admin_client):
    response = admin_client.get(reverse("organisation:school_list"), {"is_active": "null"})
    assert response.status_code == 200
    assert response.context["filter"].errors["is_active"]
    assert 'id="id_is_active_error"' in response.content.decode()
    # The form's blank choice sends an empty value, which the API takes too.
    assert 'option value="" selected' in admin_client.get(
        reverse("organisation:school_list")
    ).content.decode().replace("selected>", "selected")


def test_an_id_in_a_detail_path_that_is_no_id_is_the_apis_json_404(admin_client):
    for path in ("1.5", "abc", "-1", "99999999999999999999999"):
        response = admin_client.get(f"{SCHOOLS}{path}/")
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"


# --- Bodies ------------------------------------------------------------------------------


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"code": "k", "name": "Kista", "is_active": 0}, "is_active"),
        ({"code": "k", "name": "Kista", "is_active": "true"}, "is_active"),
        ({"code": 5, "name": "Kista"}, "code"),
        ({"code": "k", "name": "Kista", "student_places": "50"}, "student_places"),
        ({"code": "k", "name": "Kista", "student_places": True}, "student_places"),
    ],
)
def test_a_body_value_of_the_wrong_json_type_is_refused(admin_client, body, field):
    _error(_post(admin_client, SCHOOLS, body), field)


def test_only_json_bodies_are_read(admin_client):
    response = admin_client.post(SCHOOLS, {"code": "k", "name": "Kista"})  # multipart
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_the_models_constraints_are_a_400_not_a_server_error(admin_client, teacher, school_a):
    url = "/api/v1/memberships/"
    body = {"user": teacher.pk, "role": Role.TEACHER, "school": school_a.pk}
    ends_first = _post(
        admin_client, url, {**body, "starts_on": "2026-01-02", "ends_on": "2026-01-01"}
    )
    assert ends_first.status_code == 400, ends_first.content
    # The same open role twice (a unique constraint that holds only for open memberships).
    assert _post(admin_client, url, body).status_code == 400
    assert Membership.objects.filter(user=teacher).count() == 1


def test_a_subject_with_line_breaks_is_mailed_on_one_line(
    login, teacher, it_staff, school_a, mailoutbox, django_capture_on_commit_callbacks
):
    # The contract run found it: a header holds one line, and send_mail refused the message.
    body = {"school": school_a.pk, "category": "device", "subject": "Skärm\r\ntrasig"}
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(login(teacher), "/api/v1/support-requests/", {**body, "description": "-"})
    assert response.status_code == 201, response.content
    assert mailoutbox and mailoutbox[0].subject.endswith("Skärm trasig")


def test_times_are_rfc_3339_even_before_time_zones_were_whole_minutes(login, administrator):
    from competence.models import TrainingActivity
    from tests.competence.factories import ActivityFactory

    activity = ActivityFactory(
        starts_at=datetime(1850, 1, 1, 12, tzinfo=UTC), ends_at=datetime(1850, 1, 1, 14, tzinfo=UTC)
    )
    body = login(administrator).get(f"/api/v1/competence/sessions/{activity.pk}/").json()
    assert body["starts_at"] == "1850-01-01T12:00:00Z"
    assert TrainingActivity.objects.get(pk=activity.pk).starts_at.year == 1850


# --- The schema --------------------------------------------------------------------------


@pytest.fixture
def schema(client):
    return client.get("/api/schema/?format=json").json()


def test_every_operation_documents_the_errors_it_can_answer(schema):
    responses = schema["components"]["responses"]
    assert {"BadRequest", "Unauthorized", "Forbidden", "NotFound", "TooManyRequests"} <= set(
        responses
    )
    error = responses["BadRequest"]["content"]["application/json"]["schema"]["$ref"]
    assert error == "#/components/schemas/Error"
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            where = f"{method.upper()} {path}"
            assert {"401", "403", "429"} <= codes, where
            takes_input = "requestBody" in operation or any(
                p["in"] == "query" for p in operation.get("parameters", [])
            )
            assert ("400" in codes) == takes_input, where
            if "{" in path:
                assert "404" in codes, where


def test_query_parameters_say_what_the_api_takes(schema):
    parameters = {p["name"]: p for p in schema["paths"][SCHOOLS]["get"]["parameters"]}
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert parameters["page_size"]["schema"]["maximum"] == 500
    assert parameters["is_active"]["schema"]["type"] == "boolean"
    assert all(p["allowEmptyValue"] for p in parameters.values())
    devices = {p["name"]: p for p in schema["paths"]["/api/v1/devices/"]["get"]["parameters"]}
    assert devices["school"]["schema"]["type"] == "integer"
    assert devices["school"]["schema"]["minimum"] == 1


def test_email_addresses_may_hold_swedish_letters(schema, login, administrator):
    from tests.factories import person

    person(Role.TEACHER, None, email="åsa.öberg@vux.test")
    component = schema["components"]["schemas"]["Person"]["properties"]["email"]
    assert component["format"] == "idn-email"
    people = login(administrator).get("/api/v1/people/", {"q": "öberg"}).json()["results"]
    assert people[0]["email"] == "åsa.öberg@vux.test"
    # A new address is checked by Django's validator: ASCII before the @.
    request = schema["components"]["schemas"]["PersonRequest"]["properties"]["email"]
    assert request["pattern"].startswith("^[\\u0021-\\u007e]+@")


def test_every_apps_filterset_builds_on_the_strict_base():
    import importlib
    import inspect

    import django_filters

    from vuxportal.filters import FilterSet

    for app in ("organisation", "goals", "competence", "infrastructure", "reports"):
        module = importlib.import_module(f"{app}.filters")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, django_filters.FilterSet) and cls.__module__ == module.__name__:
                assert issubclass(cls, FilterSet), f"{app}.filters.{name}"


# --- Swedish messages --------------------------------------------------------------------


def test_the_errors_are_in_swedish(admin_client):
    assert _error(admin_client.get(SCHOOLS, {"is_active": "null"}), "is_active") == (
        "Ange true eller false."
    )
    assert _error(admin_client.get(SCHOOLS, {"page": "abc"}), "page").startswith("Ange ett heltal")
