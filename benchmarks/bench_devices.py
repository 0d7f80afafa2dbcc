"""Device import and the device list at the scale of DESIGN.md (50,000 devices).

Runs in a throwaway PostgreSQL database of its own (created and dropped here): writes a
50,000-row CSV to a temp dir, times the dry run (the preview, with all validation) and
the real import through the same resource the import page uses, then counts the SQL
queries of the device list page over the 50,000 devices.
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
import uuid

ROWS = 50_000
TARGET_ROWS_PER_S = 3_000
MAX_LIST_QUERIES = 12


def _throwaway_database():
    """Points Django at a new, empty database and returns a function that drops it."""
    from django.db import connection, connections

    name = f"vux_bench_devices_{uuid.uuid4().hex[:8]}"
    settings = connections.databases["default"]
    if settings["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("bench_devices needs PostgreSQL: set DATABASE_URL")
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    original = settings["NAME"]
    connection.close()
    settings["NAME"] = name
    connection.settings_dict["NAME"] = name

    def drop():
        connection.close()
        settings["NAME"] = original
        connection.settings_dict["NAME"] = original
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.close()

    return drop


def _write_csv(path, schools, models, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "asset_tag",
                "serial_number",
                "manufacturer",
                "model",
                "school",
                "location",
                "status",
                "purchased_on",
                "price",
                "warranty_ends_on",
                "notes",
            ]
        )
        for i in range(rows):
            maker, name = models[i % len(models)]
            year = 2019 + i % 6
            writer.writerow(
                [
                    f"BEN-{i:06d}",
                    f"SN{i:09d}",
                    maker,
                    name,
                    schools[i % len(schools)],
                    f"R{i % 40}",
                    "i lager" if i % 7 else "in_stock",
                    f"{year}-0{1 + i % 9}-1{i % 9}",
                    f"{8000 + i % 4000},50",
                    f"{year + 3}-06-30",
                    "",
                ]
            )


def run(options):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from benchmarks.__main__ import Row
    from infrastructure.models import Device, DeviceModel
    from infrastructure.resources import DeviceResource
    from organisation.models import Membership, School, User
    from vuxportal.imports import read_dataset
    from vuxportal.roles import Role

    drop = _throwaway_database()
    rows: list[Row] = []
    try:
        call_command("migrate", verbosity=0, interactive=False)
        school_count = max(1, getattr(options, "schools", 50))
        schools = [
            School.objects.create(code=f"bench{i:02d}", name=f"Bench {i}", student_places=500)
            for i in range(school_count)
        ]
        makers = [("Lenovo", f"L{i}") for i in range(10)] + [("Acer", f"C{i}") for i in range(10)]
        for maker, name in makers:
            DeviceModel.objects.create(
                manufacturer=maker, name=name, kind="laptop", expected_lifetime_years=4
            )
        admin = User.objects.create_user(email="bench-admin@vux.example", password=None)
        Membership.objects.create(user=admin, role=Role.ADMINISTRATOR, school=None)

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "devices.csv")
            _write_csv(path, [s.code for s in schools], makers, ROWS)
            with open(path, "rb") as fh:
                data = fh.read()

            start = time.perf_counter()
            dataset = read_dataset(data, ".csv")
            result = DeviceResource(user=admin).import_data(
                dataset,
                dry_run=True,
                raise_errors=False,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            dry = time.perf_counter() - start
            assert not result.has_errors() and not result.has_validation_errors(), (
                result.invalid_rows[:3]
            )

            start = time.perf_counter()
            dataset = read_dataset(data, ".csv")
            result = DeviceResource(user=admin).import_data(
                dataset,
                dry_run=False,
                raise_errors=False,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            real = time.perf_counter() - start
        assert Device.objects.count() == ROWS
        for label, seconds in (("dry run (preview)", dry), ("import", real)):
            rate = ROWS / seconds
            rows.append(
                Row(
                    "devices",
                    f"{label}: {ROWS:,} CSV rows",
                    f"{seconds:.1f} s = {rate:,.0f} rows/s",
                    f">= {TARGET_ROWS_PER_S:,} rows/s",
                    rate >= TARGET_ROWS_PER_S,
                )
            )

        client = Client(HTTP_HOST="localhost")
        client.force_login(admin)
        url = reverse("infrastructure:device_list")
        for label, query in (
            ("device list", ""),
            ("device list, page 1000, sorted by model", "?page=1000&sort=model"),
            ("device list, search", "?q=BEN-0499&status=in_stock"),
        ):
            client.get(url + query)
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url + query)
                elapsed = time.perf_counter() - start
            assert response.status_code == 200, response.status_code
            n = len(ctx.captured_queries)
            rows.append(
                Row(
                    "devices",
                    f"{label} over {ROWS:,} devices",
                    f"{n} queries, {elapsed * 1000:.0f} ms",
                    f"<= {MAX_LIST_QUERIES} queries",
                    n <= MAX_LIST_QUERIES,
                )
            )
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(reverse("infrastructure:coverage"))
            elapsed = time.perf_counter() - start
        rows.append(
            Row(
                "devices",
                f"coverage page, {school_count} schools",
                f"{len(ctx.captured_queries)} queries, {elapsed * 1000:.0f} ms",
            )
        )
    finally:
        drop()
    return rows
