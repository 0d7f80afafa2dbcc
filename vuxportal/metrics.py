"""The metric registry behind automatic indicators (DESIGN.md, "The heart").

Each app registers metrics in its own ``metrics.py``; they are discovered at start-up.
A metric is computed for one school or, with ``school=None``, for the whole
organisation, over a date range, in a few SQL aggregates. It may also list the records
behind its value (drill-down). The registry knows nothing of the apps that fill it.

Records can carry personal data (a student's name). The app that owns such a model
registers once how showing its rows is logged (``shown_logger``); a page that lists
drill-down records calls ``records_shown``, so a new metric over students is logged
without any code of its own, and the page needs no import of the app.
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
ShownFn = Callable[..., None]


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
        self._shown_loggers: dict[type, ShownFn] = {}

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

    def shown_logger(self, model: type) -> Callable[[ShownFn], ShownFn]:
        """Decorator: how showing rows of ``model`` (personal data) is logged, called as
        ``fn(user=..., records=[...], path=...)``."""

        def decorator(fn: ShownFn) -> ShownFn:
            self._shown_loggers[model] = fn
            return fn

        return decorator

    def carries_personal_data(self, model: type) -> bool:
        return model in self._shown_loggers

    def records_shown(self, *, user, records, path: str = "") -> None:
        """Logs that ``user`` was shown ``records`` (drill-down rows), for every model whose
        app registered a logger; rows of other models are not personal data."""
        by_model: dict[type, list] = {}
        for record in records:
            by_model.setdefault(type(record), []).append(record)
        for model, rows in by_model.items():
            log = self._shown_loggers.get(model)
            if log is not None:
                log(user=user, records=rows, path=path)

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
