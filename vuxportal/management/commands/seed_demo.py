"""Loads the demo: the real plan from ../shared/seeds/ plus demo schools, people and data.

Every app contributes through its own ``demo.py`` with ``seed(demo)``, registered in its
``plugins.py`` in the one registry's ``demo_seeders`` store and called in the store's
order (organisation first, so people exist for the part apps). Each step looks rows up
by natural keys before creating them, so running twice changes nothing.
"""

from types import SimpleNamespace

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vuxportal.registry import registry


class Command(BaseCommand):
    help = "Load the demo data (the real plan, demo schools, people and records)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. Demo accounts share a known password.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password and refuses to run with "
                "DEBUG off. Use --force if this really is a demo installation."
            )
        demo = SimpleNamespace(stdout=self.stdout, style=self.style)
        with transaction.atomic():
            for app, seeder in registry.demo_seeders.items():
                seeder.seed(demo)
                self.stdout.write(f"  {app}: ok")
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded. Password for every demo account: vuxdemo")
        )
