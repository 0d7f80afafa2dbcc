"""The API contract in full: schemathesis with every check and every phase (examples,
coverage, fuzzing, stateful) as the demo's administrator and as its school leader, over
the demo data, with a larger budget than ``make test`` (``API_CONTRACT_EXAMPLES`` cases per
operation and phase, default 25; ``API_CONTRACT_SEED``). With ``API_CONTRACT_MAX_TIME``
seconds, fuzzing and stateful sequences go on drawing new cases until that time per token
is spent. Target: no failure. A failure is printed with the request that reproduces it
(``curl``) and fails the bench.

The run writes (it creates schools, people, devices …), so it works on a copy of the
configured database, dropped afterwards; the page benchmarks measure the demo data as
seed_demo left it.
"""

from __future__ import annotations

import os
import sys
import uuid

from benchmarks.__main__ import Row

TOKENS = {"administrator": "admin@vux.example", "school leader": "rektor@vux.example"}


def _copy_of_database():
    """A copy of the configured database (its template, when nobody else is connected to
    it; else migrated and seeded anew), which Django uses until ``drop()``."""
    import psycopg
    from django.core.management import call_command
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    original = settings_dict["NAME"]
    name = f"{original}_api_contract_{uuid.uuid4().hex[:6]}"
    dsn = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    connections.close_all()
    with psycopg.connect(**dsn) as admin:
        try:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{original}"')
            copied = True
        except psycopg.errors.ObjectInUse:
            admin.execute(f'CREATE DATABASE "{name}"')
            copied = False
    settings_dict["NAME"] = name
    if not copied:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)

    def drop():
        connections.close_all()
        settings_dict["NAME"] = original
        with psycopg.connect(**dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return drop


def run(options) -> list[Row]:
    import tempfile

    from django.conf import settings

    from organisation.models import User
    from tests.api.contract import run_contract
    from vuxportal.tokens import token_create

    examples = int(os.environ.get("API_CONTRACT_EXAMPLES", "25"))
    seed = int(os.environ.get("API_CONTRACT_SEED", "18"))
    max_time = (
        int(os.environ["API_CONTRACT_MAX_TIME"]) if "API_CONTRACT_MAX_TIME" in os.environ else None
    )
    rows = []
    drop = _copy_of_database()
    media, backend = settings.MEDIA_ROOT, settings.EMAIL_BACKEND
    try:
        with tempfile.TemporaryDirectory() as tmp:
            # The run files support requests, which send email: kept in memory, not
            # printed into the bench's table (the development backend writes to stdout).
            settings.MEDIA_ROOT, settings.EMAIL_BACKEND = (
                tmp,
                "django.core.mail.backends.locmem.EmailBackend",
            )
            for who, address in TOKENS.items():
                raw = token_create(user=User.objects.get(email=address), name="api-contract")[1]
                result = run_contract(
                    token=raw, max_examples=examples, seed=seed, max_time=max_time
                )
                print(f"api-contract, {who}: {result.report(limit=100)}", file=sys.stderr)
                rows.append(
                    Row(
                        "api-contract",
                        f"failures, {who}'s token (all checks, all phases)",
                        str(result.count),
                        "0",
                        result.count == 0,
                    )
                )
                rows.append(
                    Row(
                        "api-contract",
                        f"cases, {who}'s token",
                        f"{result.cases} over {result.operations} operations "
                        f"in {result.seconds:.0f} s ({examples} a phase, seed {seed})",
                    )
                )
    finally:
        settings.MEDIA_ROOT, settings.EMAIL_BACKEND = media, backend
        drop()
    return rows
