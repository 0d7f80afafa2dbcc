"""Trigram (GIN) indexes for the header's search (vuxportal/search.py) on people.

Each index is on exactly the expression the search's predicates use, so the
``LIKE ANY`` that picks the candidates is answered from the index instead of reading
the table through: ``UPPER(field)`` for the names and the email (matched as substrings
and by trigram similarity), and for the full-text fields the upper-cased concatenation
that ``vuxportal.search._full_text`` tests before building a row's text vector (first
name, last name, title, as Django's ``Concat`` compiles on PostgreSQL). PostgreSQL only
(pg_trgm comes from vuxportal 0002); a no-op elsewhere (SQLite in development)."""

from django.db import migrations

TABLE = "organisation_user"
# name: indexed expression
INDEXES = {
    "org_user_first_name_trgm": 'UPPER("first_name")',
    "org_user_last_name_trgm": 'UPPER("last_name")',
    "org_user_email_trgm": 'UPPER("email")',
    "org_user_text_trgm": (
        "UPPER((COALESCE(\"first_name\", '') || "
        "COALESCE((COALESCE(\"last_name\", '') || COALESCE(\"title\", '')), '')))"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" '
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0004_projects"),
        ("vuxportal", "0002_search_extensions"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
