"""Issue 17, part 7: per-school charts stay readable at 50 schools.

Every per-school chart goes through ``charts.school_chart``: sorted, highest first, all
schools drawn when they are few and the highest and lowest when they are many, with every
school in the table below it.
"""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

from vuxportal import charts
from vuxportal.charts import SCHOOL_CHART_ALL_UP_TO, SCHOOL_CHART_ENDS, Series, school_chart


def drawn_labels(chart) -> list[str]:
    """The category labels in the SVG, top to bottom."""
    svg = chart.svg.decode()
    found = re.findall(r'<text[^>]*y="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    labels = {label: float(y) for y, label in found if label in set(chart.labels)}
    return sorted(labels, key=labels.get)


def fifty_schools():
    names = [f"Skola {n:02d}" for n in range(1, 51)]
    # Not in name order: value = a shuffled but fixed permutation of 1..50.
    values = [(n * 37) % 50 + 1 for n in range(50)]
    return names, values


def test_few_schools_are_all_drawn_highest_first():
    chart = school_chart(
        title="Andel personal med enhet",
        schools=["Vux Norr", "Vux Syd", "Vux Öst", "Vux Väst"],
        series=[Series("Andel", [40, 90, None, 65])],
        unit="%",
    )
    # Without a value last; the chart and the table in the same order.
    assert [row[0] for row in chart.rows] == ["Vux Syd", "Vux Väst", "Vux Norr", "Vux Öst"]
    assert chart.rows == [["Vux Syd", 90], ["Vux Väst", 65], ["Vux Norr", 40], ["Vux Öst", None]]
    assert chart.labels == ["Vux Syd", "Vux Väst", "Vux Norr", "Vux Öst"]
    assert drawn_labels(chart) == chart.labels
    assert b"horizontalbar" in chart.svg


def test_ties_are_in_name_order():
    chart = school_chart(
        title="Lån", schools=["B", "c", "A"], series=[Series("Utlånade", [3, 3, 3])]
    )
    assert [row[0] for row in chart.rows] == ["A", "B", "c"]


def test_at_fifty_schools_the_five_highest_and_lowest_are_drawn():
    names, values = fifty_schools()
    chart = school_chart(title="Enheter per lärare", schools=names, series=[Series("Kvot", values)])
    by_value = [name for _v, name in sorted(zip(values, names, strict=True), reverse=True)]
    assert chart.labels == by_value[:SCHOOL_CHART_ENDS] + by_value[-SCHOOL_CHART_ENDS:]
    assert drawn_labels(chart) == chart.labels
    # The middle is not drawn, and the chart says how many schools it leaves out.
    assert by_value[25] not in chart.svg.decode()
    assert "(40 " in chart.svg.decode()
    assert "50" in chart.note and str(SCHOOL_CHART_ENDS) in chart.note
    # The table has every school, sorted.
    assert [row[0] for row in chart.rows] == by_value
    assert [row[1] for row in chart.rows] == sorted(values, reverse=True)


def test_the_threshold_between_all_and_the_ends():
    def chart(count):
        names = [f"Skola {n:02d}" for n in range(count)]
        return school_chart(title="X", schools=names, series=[Series("V", list(range(count)))])

    assert len(chart(SCHOOL_CHART_ALL_UP_TO).labels) == SCHOOL_CHART_ALL_UP_TO
    assert len(chart(SCHOOL_CHART_ALL_UP_TO + 1).labels) == 2 * SCHOOL_CHART_ENDS


def test_many_schools_of_which_few_have_a_value_draw_those():
    names = [f"Skola {n:02d}" for n in range(30)]
    values = [None] * 30
    values[3], values[17], values[29] = 5, 9, 1
    chart = school_chart(title="X", schools=names, series=[Series("V", values)])
    assert chart.labels == ["Skola 17", "Skola 03", "Skola 29"]
    assert len(chart.rows) == 30 and chart.rows[3:] == [
        [n, None] for n in sorted(set(names) - {"Skola 17", "Skola 03", "Skola 29"})
    ]


def test_several_series_are_sorted_by_the_first_and_say_so():
    names, values = fifty_schools()
    waiting = [v % 7 for v in values]
    chart = school_chart(
        title="Lån och väntelista",
        schools=names,
        series=[Series("Utlånade", values), Series("Väntar", waiting)],
    )
    assert [row[1] for row in chart.rows] == sorted(values, reverse=True)
    assert all(row[2] == row[1] % 7 for row in chart.rows)
    assert "Utlånade" in chart.note


def test_the_svg_has_a_title_and_a_description():
    names, values = fifty_schools()
    chart = school_chart(title="Kostnad & behov", schools=names, series=[Series("Kr", values)])
    svg = chart.svg.decode()
    assert "<title>Kostnad &amp; behov</title><desc>" in svg
    assert chart.alt.startswith("Kostnad & behov: Kr.") and chart.note in chart.alt


class Table(HTMLParser):
    """The chart partial's table and the region around it."""

    def __init__(self):
        super().__init__()
        self.region, self.caption_id, self.rows, self._cell = None, None, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("role") == "region":
            self.region = attrs
        if tag == "caption":
            self.caption_id = attrs.get("id")
        if tag == "th" and attrs.get("scope") == "row":
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag == "th" and self._cell is not None:
            self.rows.append(self._cell)
            self._cell = None


def test_the_partial_shows_every_school_in_a_focusable_region():
    names, values = fifty_schools()
    chart = school_chart(title="Enheter", schools=names, series=[Series("Antal", values)])
    html = render_to_string("partials/chart.html", {"chart": chart})
    table = Table()
    table.feed(html)
    assert table.region["tabindex"] == "0"
    assert "table-responsive" in table.region["class"]
    assert table.region["aria-labelledby"] == table.caption_id
    assert table.rows == [row[0] for row in chart.rows] and len(table.rows) == 50
    assert "<details" not in html and chart.note in html


def test_other_charts_keep_their_table_behind_a_disclosure():
    chart = charts.bar_chart(title="Ålder", labels=["0–1", "2–3"], series=[Series("Antal", [4, 2])])
    html = render_to_string("partials/chart.html", {"chart": chart})
    assert "<details" in html and 'role="region"' not in html


@pytest.mark.parametrize("empty", [[None, None], []])
def test_a_school_chart_without_values_says_so(empty):
    chart = school_chart(title="Tom", schools=["A", "B"][: len(empty)], series=[Series("V", empty)])
    assert chart.is_empty
