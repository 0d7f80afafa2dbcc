"""The one chart component: server-rendered SVG (pygal) with a text alternative.

Pages, the start page and the board report's PDF all draw charts through ``line_chart``
and ``bar_chart``, so a chart looks the same everywhere. The SVG is embedded as a
``data:`` image with an ``alt`` text (no inline script, so the CSP holds, and WeasyPrint
renders it as it is), and ``partials/chart.html`` shows the same numbers as a table for
screen readers and for readers of a black-and-white print.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pygal
from django.core.cache import cache
from pygal.style import Style

# Colours from the portal's palette, distinguishable in grey scale (light to dark).
PALETTE = ("#00558c", "#b35900", "#2e7d32", "#6a1b9a", "#37474f", "#ad1457")

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=PALETTE,
    font_family="DejaVu Sans, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
    title_font_size=15,
)


@dataclass
class Series:
    name: str
    values: Sequence[float | Decimal | None]
    # A dashed line marks targets, so they read apart from measured values in grey scale.
    dashed: bool = False


@dataclass
class Chart:
    """What a template needs: the image, its alt text and the numbers as a table."""

    title: str
    labels: list[str]
    series: list[Series]
    svg: bytes = b""
    unit: str = ""
    rows: list[list] = field(default_factory=list)

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")

    @property
    def alt(self) -> str:
        names = ", ".join(s.name for s in self.series)
        return f"{self.title}: {names} ({', '.join(self.labels)})"

    @property
    def is_empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values)


def _number(value):
    return None if value is None else float(value)


# Drawing an SVG costs milliseconds per bar or point (50 ms for a page of per-school charts
# at 50 schools), while the numbers behind most charts change rarely. The drawing is cached
# under a hash of everything it is drawn from, so changed numbers always draw afresh.
SVG_CACHE_SECONDS = 24 * 60 * 60


def _render(chart_class, *, title, labels, series, unit="", height=300, **options) -> Chart:
    drawn_from = repr(
        (
            chart_class.__name__,
            title,
            list(labels),
            [(s.name, [_number(v) for v in s.values], s.dashed) for s in series],
            height,
            sorted(options.items()),
        )
    )
    key = "chart:svg:" + hashlib.sha256(drawn_from.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = _draw(
            chart_class, title=title, labels=labels, series=series, height=height, **options
        )
        cache.set(key, svg, SVG_CACHE_SECONDS)
    rows = [[label, *[s.values[i] for s in series]] for i, label in enumerate(labels)]
    return Chart(
        title=title, labels=list(labels), series=list(series), svg=svg, unit=unit, rows=rows
    )


def _draw(chart_class, *, title, labels, series, height, **options) -> bytes:
    graph = chart_class(
        style=STYLE,
        height=height,
        width=720,
        js=[],  # no tooltips script: nothing is loaded from elsewhere
        disable_xml_declaration=False,
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        print_values=False,
        x_label_rotation=0 if len(labels) <= 6 else 30,
        truncate_legend=40,
        **options,
    )
    graph.title = title
    graph.x_labels = labels
    for s in series:
        kwargs = {"stroke_style": {"width": 2, "dasharray": "6, 4"}} if s.dashed else {}
        graph.add(s.name, [_number(v) for v in s.values], **kwargs)
    return graph.render()


def line_chart(*, title: str, labels: Sequence[str], series: list[Series], unit: str = "", **kw):
    """Values over time (periods), e.g. an indicator against its targets."""
    return _render(
        pygal.Line, title=title, labels=labels, series=series, unit=unit, dots_size=4, **kw
    )


def bar_chart(*, title: str, labels: Sequence[str], series: list[Series], unit: str = "", **kw):
    """Values side by side, e.g. per school or per level."""
    return _render(pygal.Bar, title=title, labels=labels, series=series, unit=unit, **kw)
