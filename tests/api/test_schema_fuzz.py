"""Schemathesis fuzzes every operation of the OpenAPI schema with a real token of an
administrator (who reaches every endpoint): no server errors, and every documented
response matches the schema. The number of examples per operation is bounded
(``API_FUZZ_EXAMPLES``, default 15) so ``make test`` stays quick."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import SchoolFactory, person
from vuxportal.roles import Role

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "15"))


@pytest.fixture
def api_schema(db):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from vuxportal.wsgi import application

    # Schemathesis calls the WSGI app directly. Like Django's test client, keep the
    # end of each request from closing the connection that holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    # The coverage phase adds hundreds of boundary cases per operation; the bounded
    # fuzzing (and the schema's own examples) keep make test within minutes.
    schema.config.phases.update(phases=["examples", "fuzzing"])
    yield schema
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(db):
    from vuxportal.tokens import token_create

    school = SchoolFactory(code="fuzz", name="Fuzz")
    person(Role.TEACHER, school)
    admin = person(Role.ADMINISTRATOR, None, email="fuzz-admin@vux.test")
    return token_create(user=admin, name="fuzz")[1]


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same examples every run: CI failures reproduce locally
)
def test_api_operation_conforms_to_schema(case, admin_token):
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {admin_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
    # The token must really be accepted, or the run would only test the 401 page.
    assert response.status_code not in (401, 403), response.text


def test_schema_documents_every_router_endpoint(client, db):
    """Every /api/v1/ route is in the schema (so the fuzzing above reaches it)."""
    from vuxportal.api_urls import router

    paths = client.get("/api/schema/?format=json").json()["paths"]
    for prefix, _viewset, _basename in router.registry:
        assert f"/api/v1/{prefix}/" in paths


def test_api_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "cdn" not in body.lower() and "unpkg" not in body.lower()
    assert "/static/drf_spectacular_sidecar/" in body
