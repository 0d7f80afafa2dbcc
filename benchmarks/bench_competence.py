"""Competence aggregates and metrics on the data in the database (the scale dataset when
``seed_scale`` has filled it): time per call and SQL queries per call."""

from __future__ import annotations

import time
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.__main__ import Row

TARGET_SECONDS = 1.0


def _measure(fn):
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
    return elapsed, len(ctx.captured_queries)


def run(options) -> list[Row]:
    from competence.models import Framework, SelfAssessment, TrainingRecord
    from competence.selectors import self_assessment_aggregate, training_totals
    from goals.models import ReportingPeriod
    from vuxportal.metrics import metrics

    rows: list[Row] = []
    sizes = f"{SelfAssessment.objects.count()} self-assessments, "
    sizes += f"{TrainingRecord.objects.count()} training records"
    framework = Framework.objects.filter(code="digcompedu").first()
    period = ReportingPeriod.objects.order_by("-sort_key").first()

    def add(measure, fn):
        elapsed, queries = _measure(fn)
        rows.append(
            Row(
                "competence",
                measure,
                f"{elapsed:.3f} s, {queries} queries",
                f"< {TARGET_SECONDS} s",
                elapsed < TARGET_SECONDS,
                extra={"data": sizes},
            )
        )

    if framework and period:
        add(
            "self-assessment aggregate, all schools",
            lambda: self_assessment_aggregate(
                framework=framework, period=period, school_ids=None, by_school=True
            ),
        )
    year = date.today().year
    add(
        "training totals, one year",
        lambda: training_totals(TrainingRecord.objects.filter(date__year=year)),
    )
    start, end = date(year, 1, 1), date(year, 12, 31)
    for metric in metrics:
        if metric.app_label == "competence":
            add(
                f"metric {metric.key}",
                lambda m=metric: m.compute(school=None, start=start, end=end),
            )
    rows.append(Row("competence", "data", sizes))
    return rows
