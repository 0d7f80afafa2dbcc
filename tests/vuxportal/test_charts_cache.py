"""A chart's figure (the SVG and its table) is kept under what it shows and the language.

Pages of charts (the dashboard's sixteen, coverage's 50-school tables) render only the
charts whose numbers changed; a changed number, title or language is another figure. The
coverage page keeps its table the same way.
"""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from vuxportal import charts
from vuxportal.charts import Series, line_chart, school_chart


@pytest.fixture
def drawn(monkeypatch):
    """How many SVGs were drawn."""
    calls = []
    draw = charts._draw

    def counting(*args, **kwargs):
        calls.append(args)
        return draw(*args, **kwargs)

    monkeypatch.setattr(charts, "_draw", counting)
    return calls


def chart(values=(40, 55)):
    return line_chart(
        title="Andel", labels=["T1 2026", "T2 2026"], series=[Series("Värde", list(values))]
    )


def figure(c, language="sv"):
    with translation.override(language):
        return render_to_string("partials/chart.html", {"chart": c})


def test_a_figure_is_drawn_and_rendered_once(drawn):
    first = figure(chart())
    again = chart()
    assert figure(again) == first and "data:image/svg+xml;base64," in first
    assert len(drawn) == 1
    # The second chart's SVG was neither drawn nor fetched: its figure was kept whole.
    assert "svg" not in again.__dict__


def test_a_changed_number_is_another_figure(drawn):
    before = figure(chart((40, 55)))
    after = figure(chart((40, 56)))
    assert before != after and ">56<" in after and len(drawn) == 2
    assert chart((40, 55)).key != chart((40, 56)).key


def test_each_language_has_its_own_figure(drawn):
    swedish, english = figure(chart(), "sv"), figure(chart(), "en")
    assert "Visa värdena som tabell" in swedish
    assert "Show the values as a table" in english
    assert len(drawn) == 1  # the same image in both


def test_numbers_are_shown_in_the_language_s_format():
    c = line_chart(title="Kvot", labels=["2026"], series=[Series("Kvot", [1.5])])
    assert ">1,5<" in figure(c, "sv") and ">1.5<" in figure(c, "en")


def test_a_school_chart_s_key_covers_its_table():
    names = [f"Skola {n:02d}" for n in range(1, 21)]
    values = list(range(20))
    first = school_chart(title="X", schools=names, series=[Series("V", values)])
    # A school in the middle (not drawn) changes only the table: still another figure.
    values[10] += 0.5
    second = school_chart(title="X", schools=names, series=[Series("V", values)])
    assert first.drawing.key == second.drawing.key and first.key != second.key
    assert "10,5" in figure(second) and "10,5" not in figure(first)


def test_the_coverage_table_is_never_older_than_its_numbers(login, leader, school_a):
    from tests.infrastructure.factories import DeviceFactory

    client = login(leader)
    url = reverse("infrastructure:coverage")

    def devices_in_use():
        html = client.get(url).content.decode()
        row = html.split(f'<tr data-school="{school_a.code}">', 1)[1]
        return row.split("<td>", 2)[1].split("</td>", 1)[0]

    DeviceFactory(school=school_a)
    assert devices_in_use() == "1"
    DeviceFactory(school=school_a)
    assert devices_in_use() == "2"


def test_each_language_has_its_own_coverage_table(login, leader):
    client = login(leader)
    url = reverse("infrastructure:coverage")
    assert "Täckning per skola</caption>" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Coverage per school</caption>" in english


def test_a_lazy_title_gives_the_same_key_each_time():
    from django.utils.translation import gettext_lazy

    def lazy_chart():
        target = Series(gettext_lazy("Target"), [1])
        return line_chart(title=gettext_lazy("Value"), labels=["2026"], series=[target])

    assert lazy_chart().key == lazy_chart().key
