"""The responsibility page's table rows in one pass.

The page shows up to ten rows of every registered kind; rendered cell by cell in the
template, the URL lookups and variable resolution per row were a large part of its cost.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def responsibility_rows(section):
    """``{% responsibility_rows section %}``: the ``<tr>``s of a section's table: what,
    the responsible person (marked when they have left) and, for kinds with one, the
    responsible group."""
    if not section.rows:
        return format_html('<tr><td colspan="3">{}</td></tr>', gettext("Nothing registered."))
    with_group = bool(section.kind.group_field)
    nobody = format_html('<span class="text-muted">{}</span>', gettext("Nobody"))
    has_left = format_html(' <span class="badge text-bg-warning">{}</span>', gettext("has left"))
    return format_html_join(
        "\n",
        "<tr>{}{}{}</tr>",
        (
            (
                format_html("<td>{}</td>", _linked(obj)),
                format_html(
                    "<td>{}</td>",
                    format_html("{}{}", who.display_name, "" if who.is_active else has_left)
                    if who
                    else nobody,
                ),
                format_html("<td>{}</td>", _linked(group) if group else "–") if with_group else "",
            )
            for obj, who, group in section.rows
        ),
    )


def _linked(obj):
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    return format_html('<a href="{}">{}</a>', url, obj) if url else obj
