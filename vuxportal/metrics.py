"""The metric registry behind automatic indicators (DESIGN.md, "The heart").

Each app registers metrics in its own ``metrics.py``; they are discovered at start-up.
A metric is computed for one school or, with ``school=None``, for the whole
organisation, over a date range, in a few SQL aggregates. It may also list the records
behind its value (drill-down). The registry knows nothing of the apps that fill it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

Number = Decimal | int | float

ComputeFn = Callable[..., Number | None]
RecordsFn = Callable[..., Any]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str | Promise
    unit: str  # one of goals.Indicator's units: percent, count, hours, days, score
    compute_fn: ComputeFn
    records_fn: RecordsFn | None = None
    description: str | Promise = ""
    app_label: str = ""

    def compute(self, *, school=None, start: date, end: date) -> Decimal | None:
        value = self.compute_fn(school=school, start=start, end=end)
        if value is None:
            return None
        return Decimal(value).quantize(Decimal("0.01"))

    def records(self, *, school=None, start: date, end: date):
        """The queryset behind the value, or ``None`` when the metric has no drill-down."""
        if self.records_fn is None:
            return None
        return self.records_fn(school=school, start=start, end=end)


class MetricRegistry:
    def __init__(self) -> None:
        self._metrics: dict[str, Metric] = {}

    def register(
        self,
        key: str,
        *,
        label,
        unit: str,
        description="",
        records: RecordsFn | None = None,
    ) -> Callable[[ComputeFn], ComputeFn]:
        """Decorator: ``@metrics.register("org.active_staff", label=..., unit="count")``."""

        def decorator(fn: ComputeFn) -> ComputeFn:
            if key in self._metrics:
                raise ValueError(f"Metric {key!r} is already registered")
            self._metrics[key] = Metric(
                key=key,
                label=label,
                unit=unit,
                compute_fn=fn,
                records_fn=records,
                description=description,
                app_label=fn.__module__.split(".")[0],
            )
            return fn

        return decorator

    def unregister(self, key: str) -> None:
        self._metrics.pop(key, None)

    def get(self, key: str) -> Metric:
        return self._metrics[key]

    def __contains__(self, key: str) -> bool:
        return key in self._metrics

    def __iter__(self):
        return iter(sorted(self._metrics.values(), key=lambda m: m.key))

    def choices(self) -> list[tuple[str, str]]:
        return [(m.key, str(m.label)) for m in self]


metrics = MetricRegistry()
register = metrics.register
