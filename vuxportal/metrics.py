"""The metric registry behind automatic indicators (DESIGN.md, "The heart").

An app defines its metrics in its own ``metrics.py`` (``METRICS = MetricList()`` and
``@METRICS.define(key, label=..., unit=...)`` on each compute function) and registers
them in its ``plugins.py`` into the one registry's ``metrics`` store. A metric is
computed for one school or, with ``school=None``, for the whole organisation, over a
date range, in a few SQL aggregates. It may also list the records behind its value
(drill-down). The registry knows nothing of the apps that fill it.

Records can carry personal data (a student's name). The app that owns such a model
registers once how showing its rows is logged (the registry's ``shown_loggers`` store,
keyed by the model's label); a page that lists drill-down records calls
``records_shown``, so a new metric over students is logged without any code of its own,
and the page needs no import of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from .registry import Store, registry

Number = Decimal | int | float

ComputeFn = Callable[..., Number | None]
RecordsFn = Callable[..., Any]
ShownFn = Callable[..., None]  # fn(user=..., records=[...], path=...)


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


class MetricList(list):
    """The metrics one module defines, in order; its app's ``plugins.py`` registers them.
    Defining a metric registers nothing, so importing a metrics module has no effect."""

    def define(
        self,
        key: str,
        *,
        label,
        unit: str,
        description="",
        records: RecordsFn | None = None,
    ) -> Callable[[ComputeFn], ComputeFn]:
        """Decorator: ``@METRICS.define("org.active_staff", label=..., unit="count")``."""

        def decorator(fn: ComputeFn) -> ComputeFn:
            self.append(
                Metric(
                    key=key,
                    label=label,
                    unit=unit,
                    compute_fn=fn,
                    records_fn=records,
                    description=description,
                    app_label=fn.__module__.split(".")[0],
                )
            )
            return fn

        return decorator


class MetricRegistry:
    """The metrics API the rest of the code uses, over a registry store (the one
    registry's ``metrics`` by default; a test may build an empty one of its own)."""

    def __init__(self, store: Store | None = None, loggers: Store | None = None) -> None:
        self._metrics = store if store is not None else Store("metrics")
        self._shown_loggers = loggers if loggers is not None else Store("shown_loggers")

    def register(
        self,
        key: str,
        *,
        label,
        unit: str,
        description="",
        records: RecordsFn | None = None,
    ) -> Callable[[ComputeFn], ComputeFn]:
        """Decorator that defines and registers at once (tests use it)."""

        def decorator(fn: ComputeFn) -> ComputeFn:
            if key in self._metrics:
                raise ValueError(f"Metric {key!r} is already registered")
            defined = MetricList()
            defined.define(key, label=label, unit=unit, description=description, records=records)(
                fn
            )
            self._metrics.register(defined[0], key=key)
            return fn

        return decorator

    def carries_personal_data(self, model: type) -> bool:
        return _label(model) in self._shown_loggers

    def records_shown(self, *, user, records, path: str = "") -> None:
        """Logs that ``user`` was shown ``records`` (drill-down rows), for every model whose
        app registered a logger; rows of other models are not personal data."""
        by_model: dict[type, list] = {}
        for record in records:
            by_model.setdefault(type(record), []).append(record)
        for model, rows in by_model.items():
            log = self._shown_loggers.get(_label(model))
            if log is not None:
                log(user=user, records=rows, path=path)

    def unregister(self, key: str) -> None:
        self._metrics.unregister(key)

    def get(self, key: str) -> Metric:
        metric = self._metrics.get(key)
        if metric is None:
            raise KeyError(key)
        return metric

    def __contains__(self, key: str) -> bool:
        return key in self._metrics

    def __iter__(self):
        return iter(sorted(self._metrics.all(), key=lambda m: m.key))

    def choices(self) -> list[tuple[str, str]]:
        return [(m.key, str(m.label)) for m in self]


def _label(model: type) -> str:
    """A model's ``app_label.Model``; drill-down rows that are no model rows have none."""
    meta = getattr(model, "_meta", None)
    return meta.label if meta is not None else ""


metrics = MetricRegistry(registry.metrics, registry.shown_loggers)
