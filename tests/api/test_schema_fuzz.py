"""The API keeps its OpenAPI contract: schemathesis, with every check (``--checks all``)
and every phase (examples, coverage, fuzzing and stateful sequences that follow the
schema's links), finds nothing for an administrator's token nor a school leader's.

A small, fixed budget keeps ``make test`` quick (``API_FUZZ_EXAMPLES`` cases per operation
and phase, seed ``API_FUZZ_SEED``); ``make bench`` runs the same contract with a larger
one over the demo data (``benchmarks/bench_api_contract.py``). Schemathesis sends its
requests from threads with connections of their own, so the data is committed
(``transaction=True``) and flushed afterwards.
"""

import os

import pytest

from tests.api.contract import run_contract
from tests.factories import (
    GoalFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
    SchoolFactory,
    person,
    today,
)
from vuxportal.roles import Role

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "6"))
SEED = int(os.environ.get("API_FUZZ_SEED", "18"))


def _world():
    """A row or two behind every list, Swedish letters in names and email addresses, and
    a school leader and an administrator with tokens."""
    from tests.competence.factories import ActivityFactory, ExampleFactory, RecordFactory
    from tests.goals.factories import ActionFactory, MeasurementFactory
    from tests.infrastructure.factories import DeviceFactory, LoanFactory, SystemFactory
    from tests.organisation.factories import RoutineFactory, WorkingGroupFactory
    from vuxportal.tokens import token_create

    own = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    other = SchoolFactory(code="kista", name="Vux Kista")
    leader = person(Role.SCHOOL_LEADER, own, email="åsa.öberg@vux.test", first_name="Åsa")
    admin = person(Role.ADMINISTRATOR, None, email="örjan.ängström@vux.test")
    teacher = person(Role.TEACHER, own, email="björn.lärare@vux.test")
    person(Role.TEACHER, other, email="kista.lärare@vux.test")
    period = ReportingPeriodFactory(year=today().year, kind="tertial1")
    indicator = IndicatorFactory(goal=GoalFactory())
    MeasurementFactory(indicator=indicator, period=period, school=own)
    ActionFactory(plan=indicator.goal.plan, responsible=leader)
    ActivityFactory(organiser=admin, school=own)
    RecordFactory(person=teacher)
    ExampleFactory(author=teacher, school=own)
    LoanFactory(device=DeviceFactory(school=own))
    SystemFactory()
    RoutineFactory(school=own)
    WorkingGroupFactory(convener=teacher)
    return {
        "administrator": token_create(user=admin, name="kontrakt")[1],
        "school_leader": token_create(user=leader, name="kontrakt")[1],
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ["administrator", "school_leader"])
def test_api_keeps_its_contract(role):
    tokens = _world()
    result = run_contract(token=tokens[role], max_examples=EXAMPLES, seed=SEED)
    print(result.summary())
    assert result.operations > 0, "schemathesis tested no operation"
    # Stateful sequences ran too (links between operations, in this process).
    assert set(result.phases) == {"examples", "coverage", "fuzzing", "stateful"}, result.phases
    assert result.count == 0, result.report()


def test_schema_documents_every_router_endpoint(client, db):
    """Every /api/v1/ route is in the schema (so the contract run reaches it)."""
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
