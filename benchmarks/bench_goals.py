"""Goals: the dashboard selector (the same numbers the board report uses) against the
data in ``DATABASE_URL`` (the demo, or the ``seed_scale`` dataset): time and queries."""

from __future__ import annotations

import time

from benchmarks.__main__ import Row

TARGET_MS = 500
MAX_QUERIES = 20


def run(options) -> list[Row]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goals import selectors
    from goals.models import Measurement, ReportingPeriod
    from organisation.models import School

    period = selectors.current_period()
    if period is None:
        return [Row("goals", "dashboard", "no periods – run seed_demo or seed_scale")]
    size = f"{School.objects.count()} schools, {Measurement.objects.count()} measurements"
    rows = []
    for label, school in (("organisation", None), ("one school", School.objects.first())):
        timings = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                data = selectors.dashboard(period=period, school=school)
                for goal in data.goals:
                    for row in goal.indicators:
                        row.series.chart()
                timings.append((time.perf_counter() - start) * 1000)
        best = min(timings)
        queries = len(ctx.captured_queries)
        rows.append(
            Row(
                "goals",
                f"dashboard + charts, {label} ({size})",
                f"{best:.0f} ms, {queries} queries",
                f"< {TARGET_MS} ms, <= {MAX_QUERIES} queries",
                best < TARGET_MS and queries <= MAX_QUERIES,
            )
        )
    periods = ReportingPeriod.objects.count()
    rows.append(Row("goals", "reporting periods", str(periods)))
    return rows
