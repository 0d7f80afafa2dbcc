"""The trigram indexes of infrastructure 0003 and organisation 0005 match the header
search's predicates exactly (vuxportal/search.py): an index on an expression is used
only for that very expression, so a change to how the search compiles its test (or to
Django's ``Concat``) would leave the index silently unused. PostgreSQL only."""

import pytest
from django.db import connection

from tests.factories import person
from vuxportal import search
from vuxportal.registry import registry
from vuxportal.roles import Role

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes"),
]

EXPECTED = {
    # kind: (search, indexes its plan must use)
    "infrastructure.device": ("SOD-0042", {"infra_device_tag_trgm", "infra_device_serial_trgm"}),
    "infrastructure.student": (
        "Lindqvist 4711",
        {"infra_student_name_trgm", "infra_student_ref_trgm"},
    ),
    "organisation.person": (
        "Lindqvist",
        {
            "org_user_first_name_trgm",
            "org_user_last_name_trgm",
            "org_user_email_trgm",
            "org_user_text_trgm",
        },
    ),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_search_uses_the_trigram_indexes(key):
    admin = person(Role.ADMINISTRATOR, None)
    kind = next(k for k in registry.search.for_user(admin) if k.key == key)
    q, indexes = EXPECTED[key]
    # The predicates alone, on the whole table: what may be seen is another index's job.
    rows = search._postgres(kind.model._default_manager.all(), kind, q)
    sql, params = rows[:11].query.sql_with_params()
    with connection.cursor() as cursor:
        # The tables are tiny here: make the planner show whether it can use an index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert {name for name in indexes if name in plan} == indexes, plan
