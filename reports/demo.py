"""Demo data of the reports: the beat schedules (compiling reports in seed_demo would
make it slow, so the demo's reports are compiled from the portal)."""

from .schedules import setup_schedules


def seed(demo):
    setup_schedules()
