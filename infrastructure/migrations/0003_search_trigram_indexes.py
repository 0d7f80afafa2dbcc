"""Trigram (GIN) indexes for the header's search (vuxportal/search.py) on the large
tables: devices by asset tag and serial number, students by name and reference.

Each index is on exactly the expression the search's predicates use: codes are
upper-cased byte by byte (``UPPER(field COLLATE "C")``), names as Unicode
(``UPPER(field)``), so the ``LIKE ANY`` that picks the candidates is answered from the
index instead of reading the table through. PostgreSQL only (pg_trgm comes from
vuxportal 0002); a no-op elsewhere (SQLite in development)."""

from django.db import migrations

# name: (table, indexed expression)
INDEXES = {
    "infra_device_tag_trgm": ("infrastructure_device", 'UPPER("asset_tag" COLLATE "C")'),
    "infra_device_serial_trgm": ("infrastructure_device", 'UPPER("serial_number" COLLATE "C")'),
    "infra_student_name_trgm": ("infrastructure_student", 'UPPER("name")'),
    "infra_student_ref_trgm": ("infrastructure_student", 'UPPER("reference" COLLATE "C")'),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("infrastructure", "0002_loan_reminders"),
        ("vuxportal", "0002_search_extensions"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
