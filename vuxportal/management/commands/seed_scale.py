"""Builds the large synthetic dataset of DESIGN.md ("Scale we design for").

``--schools 50`` gives 50 schools, 5,000 staff, 50,000 devices, 20,000 loans, 500,000
training records, 40,000 self-assessments and 5 years of reporting periods; everything
scales linearly with ``--schools``. The demo (the real plan, frameworks, demo accounts)
is loaded first with ``seed_demo``; then every app adds its share through
``<app>/scale.py`` with ``seed(ctx)``, registered in its ``plugins.py`` in the one
registry's ``scale_seeders`` store and called in the store's order. The data is a function
of ``--seed`` (and today's date): each app draws from its own ``random.Random``.
Rows are bulk inserted (``bulk_create`` or ``COPY``) without history records.
"""

import random
import time
from io import StringIO
from types import SimpleNamespace

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from vuxportal.registry import registry

BATCH = 5000


def copy_rows(model, columns: list[str], rows) -> int:
    """Inserts ``rows`` (tuples in the order of ``columns``, field names) with COPY."""
    fields = [model._meta.get_field(name) for name in columns]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def per_school(ctx, total_at_50: int) -> int:
    """``total_at_50`` is the DESIGN.md number for 50 schools; this is one school's share."""
    return total_at_50 // 50


class Command(BaseCommand):
    help = "Build the large synthetic dataset (DESIGN.md) on top of the demo."

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=50)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the database first (manage.py flush) if it already holds schools.",
        )

    def handle(self, *args, schools=50, seed=1, force=False, reset=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_scale fills the database with synthetic people and refuses to run "
                "with DEBUG off. Use --force on a throwaway installation."
            )
        if schools < 1:
            raise CommandError("--schools must be at least 1.")
        # The apps say whether the database holds data (the organisation: any school).
        if any(s.holds_data() for s in registry.scale_seeders.all() if s.holds_data):
            if not reset:
                raise CommandError(
                    "The database already holds data. seed_scale needs an empty database; "
                    "--reset empties it first (everything in it is deleted)."
                )
            call_command("flush", interactive=False, verbosity=0)

        started = time.perf_counter()
        call_command("seed_demo", force=True, stdout=StringIO())
        ctx = SimpleNamespace(
            schools_count=schools,
            seed=seed,
            today=timezone.localdate(),
            now=timezone.now(),
            stdout=self.stdout,
            batch=BATCH,
            copy_rows=copy_rows,
            per_school=per_school,
        )
        with transaction.atomic():
            for app, seeder in registry.scale_seeders.items():
                ctx.rng = random.Random(f"{seed}:{app}")
                app_started = time.perf_counter()
                seeder.seed(ctx)
                self.stdout.write(f"  {app}: {time.perf_counter() - app_started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data for {schools} schools (seed {seed}) in "
                f"{time.perf_counter() - started:.0f} s."
            )
        )
