"""The one chart component: server-rendered SVG (pygal) with a text alternative.

Pages, the start page and the board report's PDF all draw charts through ``line_chart``,
``bar_chart`` and, for a value per school, ``school_chart``, so a chart looks the same
everywhere. The SVG is embedded as a
``data:`` image with an ``alt`` text (no inline script, so the CSP holds, and WeasyPrint
renders it as it is), and ``partials/chart.html`` shows the same numbers as a table for
screen readers and for readers of a black-and-white print.

A chart is cheap to build and dear to show (the SVG, the table of every school), so both
are kept in the cache under hashes of what they are made from: ``Drawing.key`` for the
SVG, ``Chart.key`` (with the language) for the partial's figure. Changed numbers are
another key, so nobody sees an older chart than the data.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from xml.sax.saxutils import escape

import pygal
from django.core.cache import cache
from django.utils.translation import gettext, ngettext
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


# Drawing an SVG costs milliseconds per bar or point (50 ms for a page of per-school charts
# at 50 schools), while the numbers behind most charts change rarely. The drawing is cached
# under a hash of everything it is drawn from, so changed numbers always draw afresh.
SVG_CACHE_SECONDS = 24 * 60 * 60


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
    unit: str = ""
    rows: list[list] = field(default_factory=list)
    # What the chart draws of the rows (a selection, the order). With ``full_table`` the
    # table below the chart is open: it is the only place every row is read.
    note: str = ""
    label_heading: str = ""
    full_table: bool = False
    drawing: Drawing | None = field(default=None, repr=False)

    # ``partials/chart.html`` keeps a chart's figure this long under ``key``.
    cache_seconds = SVG_CACHE_SECONDS

    @cached_property
    def svg(self) -> bytes:
        # Drawn (or fetched) when first read: a page whose figure is cached needs neither.
        return self.drawing.svg() if self.drawing else b""

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")

    @property
    def alt(self) -> str:
        names = ", ".join(s.name for s in self.series)
        if self.note:
            return f"{self.title}: {names}. {self.note}"
        return f"{self.title}: {names} ({', '.join(self.labels)})"

    @property
    def dom_id(self) -> str:
        """An id for the page (the table's caption), the same for the same chart."""
        drawn_from = repr((self.title, [row[0] for row in self.rows]))
        return "chart-" + hashlib.sha256(drawn_from.encode()).hexdigest()[:10]

    @property
    def is_empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values)

    @cached_property
    def key(self) -> str:
        """A hash of everything the figure shows: a changed number, title or drawing is
        another key, so a cached figure is never older than its numbers. The language is
        not in it (the partial adds it)."""
        # Texts as str: a lazy translation's repr would be another key every time.
        shown = repr(
            (
                self.drawing.key if self.drawing else None,
                str(self.title),
                [str(label) for label in self.labels],
                [(str(s.name), list(s.values), s.dashed) for s in self.series],
                str(self.unit),
                [[str(row[0]), *row[1:]] for row in self.rows],
                str(self.note),
                str(self.label_heading),
                self.full_table,
            )
        )
        return hashlib.sha256(shown.encode()).hexdigest()


def _number(value):
    return None if value is None else float(value)


@dataclass
class Drawing:
    """How a chart's SVG is drawn: the pygal class, the labels, the series and options."""

    chart_class: type
    title: str
    labels: list[str]
    series: list[Series]
    height: int
    desc: str
    options: dict

    @cached_property
    def key(self) -> str:
        drawn_from = repr(
            (
                self.chart_class.__name__,
                str(self.title),
                [str(label) for label in self.labels],
                [(str(s.name), [_number(v) for v in s.values], s.dashed) for s in self.series],
                self.height,
                self.desc,
                sorted(self.options.items()),
            )
        )
        return "chart:svg:" + hashlib.sha256(drawn_from.encode()).hexdigest()

    def svg(self) -> bytes:
        svg = cache.get(self.key)
        if svg is None:
            svg = _draw(
                self.chart_class,
                title=self.title,
                labels=self.labels,
                series=self.series,
                height=self.height,
                **self.options,
            )
            if self.desc:
                # The SVG's own description, for whoever opens the image on its own.
                desc = f"</title><desc>{escape(self.desc)}</desc>"
                svg = svg.replace(b"</title>", desc.encode(), 1)
            cache.set(self.key, svg, SVG_CACHE_SECONDS)
        return svg


def _render(
    chart_class, *, title, labels, series, unit="", height=300, desc="", **options
) -> Chart:
    drawing = Drawing(chart_class, title, list(labels), list(series), height, desc, options)
    rows = [[label, *[s.values[i] for s in series]] for i, label in enumerate(labels)]
    return Chart(
        title=title,
        labels=list(labels),
        series=list(series),
        unit=unit,
        rows=rows,
        drawing=drawing,
    )


def _draw(chart_class, *, title, labels, series, height, **options) -> bytes:
    settings = {
        "style": STYLE,
        "height": height,
        "width": 720,
        "js": [],  # no tooltips script: nothing is loaded from elsewhere
        "disable_xml_declaration": False,
        "show_legend": len(series) > 1,
        "legend_at_bottom": True,
        "print_values": False,
        "x_label_rotation": 0 if len(labels) <= 6 else 30,
        "truncate_legend": 40,
    }
    graph = chart_class(**{**settings, **options})
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
    """Values side by side, e.g. per level or per year (per school: ``school_chart``)."""
    return _render(pygal.Bar, title=title, labels=labels, series=series, unit=unit, **kw)


# Fifty bars side by side cannot be read, nor their labels. Up to this many schools every
# school is drawn; beyond it, the SCHOOL_CHART_ENDS highest and lowest.
SCHOOL_CHART_ALL_UP_TO = 12
SCHOOL_CHART_ENDS = 5


def school_chart(
    *,
    title: str,
    schools: Sequence[str],
    series: list[Series],
    unit: str = "",
    sort_by: int = 0,
    **kw,
) -> Chart:
    """A value (or a few, one per series) per school: the chart of every per-school page.

    Horizontal bars, highest at the top, sorted by ``series[sort_by]``; schools without a
    value come last. With more than ``SCHOOL_CHART_ALL_UP_TO`` schools the chart draws the
    ``SCHOOL_CHART_ENDS`` highest and lowest with a gap between them, and says so in its
    ``note``. Its table (``rows``) has every school in the same order: the chart's text
    alternative, and where the schools in the middle are read.
    """
    key = series[sort_by].values
    order = sorted(
        range(len(schools)),
        key=lambda i: (key[i] is None, -(_number(key[i]) or 0), str(schools[i]).casefold()),
    )
    valued = [i for i in order if key[i] is not None]
    if len(schools) <= SCHOOL_CHART_ALL_UP_TO:
        top, bottom = order, []
    elif len(valued) <= 2 * SCHOOL_CHART_ENDS:
        top, bottom = valued, []
    else:
        top, bottom = valued[:SCHOOL_CHART_ENDS], valued[-SCHOOL_CHART_ENDS:]
    labels = [str(schools[i]) for i in top]
    columns = [[s.values[i] for i in top] for s in series]
    if bottom:
        between = len(valued) - len(top) - len(bottom)
        labels.append(
            ngettext("(%(count)s school between)", "(%(count)s schools between)", between)
            % {"count": between}
        )
        labels += [str(schools[i]) for i in bottom]
        for column, s in zip(columns, series, strict=True):
            column += [None, *[s.values[i] for i in bottom]]
    note = _school_note(total=len(schools), drawn=len(top) + len(bottom), ends=bool(bottom))
    if len(series) > 1:
        note += " " + gettext("Sorted by %(series)s.") % {"series": series[sort_by].name}
    # pygal draws the first label at the bottom: reversed, the highest is at the top.
    chart = _render(
        pygal.HorizontalBar,
        title=title,
        labels=labels[::-1],
        series=[
            dataclasses.replace(s, values=column[::-1])
            for s, column in zip(series, columns, strict=True)
        ],
        unit=unit,
        height=90 + len(labels) * (12 + 14 * len(series)) + (30 if len(series) > 1 else 0),
        desc=note,
        x_label_rotation=0,
        truncate_label=40,
        **kw,
    )
    return dataclasses.replace(
        chart,
        series=list(series),
        labels=[str(schools[i]) for i in top + bottom],
        rows=[[str(schools[i]), *[s.values[i] for s in series]] for i in order],
        note=note,
        label_heading=gettext("School"),
        full_table=True,
    )


def _school_note(*, total: int, drawn: int, ends: bool) -> str:
    if ends:
        return gettext(
            "The chart shows the %(ends)s highest and the %(ends)s lowest of %(total)s "
            "schools; the table has every school."
        ) % {"ends": SCHOOL_CHART_ENDS, "total": total}
    if drawn < total:
        return gettext(
            "The chart shows the %(drawn)s schools with a value, highest first; the table "
            "has every school."
        ) % {"drawn": drawn}
    return gettext("Every school, highest first.")
