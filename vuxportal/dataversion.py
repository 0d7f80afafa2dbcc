"""The version of the portal's data: a number the database raises on every committed
change, whoever made it.

A cached fragment (a start-page panel, the dashboard, a goal's history) is kept under the
version it was drawn from, and a change anywhere draws it again. The version is kept by
the database itself, with a trigger on every table of the portal's apps, so no write can
miss it: not a service, not ``QuerySet.update()`` or ``bulk_create()``, not the Django
admin, an import, a migration or raw SQL. Reading it is one small query.

How it is kept (PostgreSQL): after every statement that inserts, updates, deletes or
truncates rows, the table's counter for the current database connection is raised:
one row per (table, connection) in ``vuxportal_dataversion``. The version of a set of
tables is the sum of their counters. The counter is part of the writer's transaction, so
it becomes visible exactly when the change does, and a reader that reads the version
before the data can never keep old data under a new version. Each connection raises only
its own row, so concurrent writers never wait for each other and cannot deadlock on it.
``compact()`` (daily) folds the rows of connections that have ended into one row per
table, leaving the sums as they were. SQLite (``make run``) has one writer at a time: one
row per table, raised by row triggers.

A model whose rows are written by reading pages (the log of who opened students' data)
says ``changes_data_version = False``: reading would otherwise change the version and
drop every cached fragment. No cached fragment may show such a model
(``tests/vuxportal/test_dataversion.py`` checks the fragments' queries).
"""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.conf import settings
from django.db import connections, models
from django.middleware.csrf import get_token
from django.utils import timezone, translation

TABLE = "vuxportal_dataversion"
TRIGGER = "vuxportal_data_changed"


def _models():
    for app_label in (name.rsplit(".", 1)[-1] for name in settings.LOCAL_APPS):
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                yield model


def versioned_tables() -> dict[str, list[str]]:
    """Every table of the portal's own apps (their many-to-many and history tables
    included), but for models that say ``changes_data_version = False``: ``{table: the
    columns whose updates change the version}``, an empty list meaning every column.

    A model lists in ``data_version_ignores`` the columns that only bookkeeping writes
    (the user's ``last_login``, written at every sign-in); updating only those leaves
    the version as it is."""
    tables = {}
    for model in _models():
        if not getattr(model, "changes_data_version", True):
            continue
        ignored = set(getattr(model, "data_version_ignores", ()))
        columns = [f.column for f in model._meta.concrete_fields if f.name not in ignored]
        tables[model._meta.db_table] = columns if ignored else []
    return dict(sorted(tables.items()))


def unversioned_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in _models()
        if not getattr(model, "changes_data_version", True)
    )


def current(*tables: type[models.Model] | str, using: str = "default") -> int:
    """The version of the given models' (or tables') data, or of all the portal's data.

    One query. The number only grows, and grows with every committed change."""
    names = [t if isinstance(t, str) else t._meta.db_table for t in tables]
    with connections[using].cursor() as cursor:
        if names:
            placeholders = ", ".join(["%s"] * len(names))
            cursor.execute(
                f"SELECT COALESCE(SUM(n), 0) FROM {TABLE} WHERE table_name IN ({placeholders})",
                names,
            )
        else:
            cursor.execute(f"SELECT COALESCE(SUM(n), 0) FROM {TABLE}")
        return int(cursor.fetchone()[0])


def state(request) -> str:
    """What a cached fragment of this request is kept under: the data's version, the day
    (what is due or late changes with it), the person (what they may see, their own
    rows), the language, and the browser's CSRF secret (a form in a kept fragment carries
    a token of it; it changes at every sign-in). Worked out once per request, when a
    fragment first asks.

    A template keeps a fragment with Django's own tag, for ``FRAGMENT_SECONDS`` at most
    (what depends on the time of day, such as a session that has just ended, is then at
    most that late):

        {% cache FRAGMENT_SECONDS "name" what.it.shows data_state %}...{% endcache %}

    Everything the fragment shows must come from the portal's tables, the day, the person
    and the language, and be computed inside the block (lazily, see
    ``vuxportal.startpage``), so that a kept fragment costs no query but this one."""
    found = getattr(request, "_data_state", None)
    if found is None:
        user = getattr(request, "user", None)
        # A browser without a CSRF cookie gets its secret now (the response sets it), so
        # its key is its own and never that of another browser without one.
        get_token(request)
        found = request._data_state = ":".join(
            [
                str(current()),
                timezone.localdate().isoformat(),
                str(getattr(user, "pk", None)),
                translation.get_language() or "",
                hashlib.sha256(request.META.get("CSRF_COOKIE", "").encode()).hexdigest()[:16],
            ]
        )
    return found


# --- Keeping it ----------------------------------------------------------------------------

_POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (table_name, backend, n) VALUES (TG_TABLE_NAME, pg_backend_pid(), 1)
    ON CONFLICT (table_name, backend) DO UPDATE SET n = {TABLE}.n + 1;
    RETURN NULL;
END
$$
"""


def _events(columns: list[str]) -> str:
    """The trigger's update event: any update, or only of ``columns`` when listed."""
    if not columns:
        return "UPDATE"
    return "UPDATE OF " + ", ".join(f'"{column}"' for column in columns)


def install(using: str = "default") -> None:
    """Creates the counters and a trigger on every versioned table that lacks one, and
    drops the trigger of a table that is no longer versioned. Run after every ``migrate``
    (``post_migrate``), so a new model's table is versioned from its first migration."""
    connection = connections[using]
    versioned, unversioned = versioned_tables(), unversioned_tables()
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (table_name varchar(100) NOT NULL, "
            "backend integer NOT NULL, n bigint NOT NULL, PRIMARY KEY (table_name, backend))"
        )
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = %s",
                [TRIGGER],
            )
            triggered = {row[0] for row in cursor.fetchall()}
            # A trigger that lists columns is replaced every time, in case they changed.
            missing = {
                table: columns
                for table, columns in versioned.items()
                if table in existing and (table not in triggered or columns)
            }
            if missing:
                cursor.execute(_POSTGRES_FUNCTION)
            for table, columns in missing.items():
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR {_events(columns)} "
                    f'OR DELETE OR TRUNCATE ON "{table}" FOR EACH STATEMENT '
                    f"EXECUTE FUNCTION {TRIGGER}()"
                )
            for table in unversioned:
                if table in triggered:
                    cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
        elif connection.vendor == "sqlite":
            for table in [*versioned, *unversioned]:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{TRIGGER}_{event}_{table}"')
            for table, columns in versioned.items():
                if table not in existing:
                    continue
                cursor.execute(
                    f"INSERT OR IGNORE INTO {TABLE} (table_name, backend, n) VALUES (%s, 0, 0)",
                    [table],
                )
                for event in ("INSERT", _events(columns), "DELETE"):
                    cursor.execute(
                        f'CREATE TRIGGER "{TRIGGER}_{event.split()[0].lower()}_{table}" '
                        f'AFTER {event} ON "{table}" BEGIN UPDATE {TABLE} SET n = n + 1 '
                        f"WHERE table_name = '{table}' AND backend = 0; END"
                    )


def compact(using: str = "default") -> int:
    """Folds the counters of connections that have ended into one row per table (backend
    0), in one statement, so every sum stays what it was. Returns the rows folded."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH gone AS (
                DELETE FROM {TABLE}
                WHERE backend <> 0 AND backend NOT IN (SELECT pid FROM pg_stat_activity)
                RETURNING table_name, n
            ), folded AS (
                INSERT INTO {TABLE} (table_name, backend, n)
                SELECT table_name, 0, SUM(n) FROM gone GROUP BY table_name
                ON CONFLICT (table_name, backend) DO UPDATE SET n = {TABLE}.n + EXCLUDED.n
            )
            SELECT COUNT(*) FROM gone
            """
        )
        return int(cursor.fetchone()[0])
