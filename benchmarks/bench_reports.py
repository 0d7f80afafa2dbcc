"""Report compile time and memory at scale: the full organisation's tertial report and
per-school reports, on ``--schools`` schools in a throwaway PostgreSQL database.

Targets (DESIGN.md / issue 7): full organisation ≤ 20 s, one school ≤ 3 s on 2 cores.
"""

from __future__ import annotations

import os
import resource
import time
import uuid

from benchmarks.__main__ import Row

FULL_TARGET = 20.0
SCHOOL_TARGET = 3.0
STAFF_PER_SCHOOL = 100


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _throwaway_database():
    """Creates an empty database beside the configured one and points Django at it."""
    import psycopg
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    original = settings_dict["NAME"]
    name = f"{original}_bench_reports_{uuid.uuid4().hex[:6]}"
    dsn = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**dsn) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    connections["default"].close()
    settings_dict["NAME"] = name

    def drop():
        connections["default"].close()
        settings_dict["NAME"] = original
        with psycopg.connect(**dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return drop


def _generate(schools: int):
    from django.core.management import call_command

    from organisation.models import Membership, School, User
    from tests.reports.factories import build_report_data
    from vuxportal.roles import Role

    call_command("migrate", verbosity=0)
    school_rows = School.objects.bulk_create(
        [School(code=f"skola{n:02d}", name=f"Vux Skola {n:02d}") for n in range(schools)]
    )
    users = User.objects.bulk_create(
        [
            User(email=f"p{s.pk}-{n}@bench.test", password="!", first_name="Åsa", last_name="Öst")
            for s in school_rows
            for n in range(STAFF_PER_SCHOOL)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(user=u, school=school_rows[i // STAFF_PER_SCHOOL], role=Role.TEACHER)
            for i, u in enumerate(users)
        ]
    )
    return school_rows, build_report_data(schools=school_rows, indicators_per_goal=3)


def _compile(*, period, school) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one compile. The machine is shared, so CPU time
    is shown beside the wall time: under load the wall time says more about neighbours."""
    from reports import services
    from reports.models import Report

    started, cpu = time.perf_counter(), time.process_time()
    report = services.report_request(kind="tertial2", period=period, school=school, send=False)
    services.report_compile(report_id=report.pk)
    elapsed = (time.perf_counter() - started, time.process_time() - cpu)
    report.refresh_from_db()
    if report.status != Report.Status.DONE:
        raise RuntimeError(f"report failed: {report.error}")
    return elapsed


def run(options) -> list[Row]:
    import tempfile

    from django.conf import settings

    drop = _throwaway_database()
    media = settings.MEDIA_ROOT
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings.MEDIA_ROOT = tmp
            schools, data = _generate(options.schools)
            rss_before = _peak_rss_mb()
            full = _compile(period=data.t2, school=None)
            rss_full = _peak_rss_mb()
            per_school = [_compile(period=data.t2, school=s) for s in schools[:3]]
    finally:
        settings.MEDIA_ROOT = media
        drop()
    worst = max(per_school)
    load = os.getloadavg()[0]
    return [
        Row(
            "reports",
            f"full organisation T2 report ({options.schools} schools), wall",
            f"{full[0]:.1f} s (load {load:.1f})",
            f"≤ {FULL_TARGET:.0f} s",
            full[0] <= FULL_TARGET,
        ),
        Row("reports", "full organisation T2 report, CPU", f"{full[1]:.1f} s"),
        Row(
            "reports",
            "one school's T2 report (worst of 3), wall",
            f"{worst[0]:.1f} s",
            f"≤ {SCHOOL_TARGET:.0f} s",
            worst[0] <= SCHOOL_TARGET,
        ),
        Row("reports", "one school's T2 report (worst of 3), CPU", f"{worst[1]:.1f} s"),
        Row(
            "reports",
            "peak memory (RSS) of the full compile",
            f"{rss_full:.0f} MB (+{rss_full - rss_before:.0f} MB)",
        ),
    ]
