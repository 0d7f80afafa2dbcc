"""Loads the demo: the real plan from ../shared/seeds/ plus demo schools, people and data.

Every app contributes through its own ``demo.py`` with ``seed(demo)``, registered in its
``plugins.py`` in the one registry's ``demo_seeders`` store and called in the store's
order (organisation first, so people exist for the part apps). A seeder may leave a step
for when every part has seeded (``vuxportal.seeds.afterwards``): goals closes the periods
the calendar has passed then, because closing snapshots the other parts' live data.

The demo lives in a day, today unless ``--today`` says otherwise: periods, sessions,
loans, meetings and the rest are placed around it. Each step looks rows up by natural
keys before creating them, so running twice (for the same day) changes nothing.
"""

from argparse import ArgumentTypeError
from datetime import date
from time import monotonic
from types import SimpleNamespace

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from vuxportal.registry import registry
from vuxportal.seeds import steps_left


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


class Command(BaseCommand):
    help = "Load the demo data (the real plan, demo schools, people and records)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. Demo accounts share a known password.",
        )
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="The day the demo lives in (YYYY-MM-DD; default: today). Periods are open "
            "or closed, sessions upcoming or held and loans due as seen from that day.",
        )

    def handle(self, *args, force=False, today=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password and refuses to run with "
                "DEBUG off. Use --force if this really is a demo installation."
            )
        demo = SimpleNamespace(
            stdout=self.stdout, style=self.style, today=today or timezone.localdate()
        )
        started = step_started = monotonic()

        def done(name):
            nonlocal step_started
            self.stdout.write(f"  {name}: ok ({monotonic() - step_started:.1f} s)")
            step_started = monotonic()

        with transaction.atomic():
            for app, seeder in registry.demo_seeders.items():
                seeder.seed(demo)
                done(app)
            for step in steps_left(demo):
                step(demo)
                done(f"{step.__module__}.{step.__name__}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data for {demo.today:%Y-%m-%d} loaded in {monotonic() - started:.1f} s. "
                "Password for every demo account: vuxdemo"
            )
        )
