"""Template helpers for goals' status words and changes.

The dashboard draws a status for every goal and school (300 cells at 50 schools) and the
goal page one per school: as tags they cost a function call each, where a template
included per cell cost most of the page. Every page draws the badge with
``status_badge``, so it is written in one place.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..models import AssessmentStatus

register = template.Library()


@register.simple_tag
def status_badge(status, label=None):
    """``{% status_badge status [label] %}``: the word carries the status, the colour only
    helps. Without a label, the assessment status's own."""
    if label is None:
        label = AssessmentStatus(status).label
    return format_html('<span class="status-badge status-{}">{}</span>', status, label)


@register.simple_tag
def school_status_cells(statuses):
    """``{% school_status_cells row.schools %}``: a ``<td>`` per school with its status,
    marked when it changed since the previous period."""
    changed = format_html('<span class="d-block small">{}</span>', gettext("changed"))
    badges = {}  # a handful of statuses, each drawn once
    cells = []
    for s in statuses:
        badge = badges.get(s.status)
        if badge is None:
            badge = badges[s.status] = status_badge(s.status, s.status_label)
        cells.append(f"<td>{badge}{changed if s.changed else ''}</td>")
    # Every piece is escaped above; joined, 300 cells cost no escaping of their own.
    return mark_safe("".join(cells))


@register.simple_tag
def change(value):
    """``{% change value %}``: a value's change since the previous period, the arrow and
    the sign saying what the colour says."""
    if value is None:
        return mark_safe('<span class="text-muted">–</span>')
    if value > 0:
        return format_html('<span class="change-up">▲ +{}</span>', localize(value))
    if value < 0:
        return format_html('<span class="change-down">▼ {}</span>', localize(value))
    return format_html('<span class="change-none">{}</span>', gettext("unchanged"))


@register.simple_tag
def school_measurement_rows(row):
    """``{% school_measurement_rows row %}``: the goal page's ``<tr>`` per school for an
    indicator: its value in the period (empty without a measurement, a dash for one
    without a value), the target and the comment."""
    target = escape("–" if row.target is None else localize(row.target))
    rows = []
    for school, m in row.cells:
        value = "" if m is None else "–" if m.value is None else localize(m.value)
        comment = "" if m is None else m.comment
        rows.append(
            f'<tr><th scope="row">{escape(school.name)}</th><td>{escape(value)}</td>'
            f"<td>{target}</td><td>{escape(comment)}</td></tr>"
        )
    # Every piece is escaped above.
    return mark_safe("".join(rows))


@register.simple_tag
def assessment_rows(assessments):
    """``{% assessment_rows assessments %}``: the goal page's ``<tr>`` per assessment: the
    school, the status (and the suggested one it overrides, with the reason), the analysis,
    the next steps and the author."""
    whole_organisation = gettext("Whole organisation")
    badges = {}  # a handful of statuses, each drawn once
    rows = []
    for a in assessments:
        badge = badges.get(a.status)
        if badge is None:
            badge = badges[a.status] = status_badge(a.status)
        override = ""
        if a.is_override:
            suggested = gettext("Suggested: %(suggested)s") % {
                "suggested": escape(a.get_suggested_status_display())
            }
            reason = escape(a.override_reason)
            override = f'<span class="d-block small">{suggested}. {reason}</span>'
        rows.append(
            f'<tr><th scope="row">{escape(a.school or whole_organisation)}</th>'
            f"<td>{badge}{override}</td>"
            f"<td>{_lines(a.analysis)}</td><td>{_lines(a.next_steps)}</td>"
            f"<td>{escape(a.author or '–')}</td></tr>"
        )
    # Every piece is escaped above (the translations are the catalogue's own).
    return mark_safe("".join(rows))


def _lines(text: str) -> str:
    """``{{ text|linebreaksbr }}``."""
    return linebreaksbr(text, autoescape=True) if text else ""
