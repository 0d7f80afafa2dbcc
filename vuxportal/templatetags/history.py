"""``{% history object %}``: the "History" section of an object's page.

One line on every page of a tracked object (the shared detail template has it in its
``history`` block). Objects without a page of their own show their history where they
are shown, named by the reverse relations that reach them from the page's object::

    {% history goal "indicators" "assessments" "indicators__measurements" %}

A queryset or list of objects works too (``{% history assessments %}``). The section
shows the latest changes; ``?history=all`` shows every one.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from vuxportal import dataversion
from vuxportal.history import HISTORY_LIMIT, history_of, is_tracked, related_objects

register = template.Library()


@register.simple_tag(takes_context=True)
def history(context, source, *related):
    """The section, kept under the data's version (``vuxportal/dataversion.py``) when its
    source is one object or a list of them: building the history's query is most of what
    it costs, and the history changes only when the data does. A history that names
    personal data is drawn every time, since each showing is logged."""
    request = context["request"]
    key = _key(request, source, related)
    html = cache.get(key) if key else None
    if html is None:
        section = _section(request, source, related)
        html = render_to_string("partials/history.html", section)
        history = section["history"]
        if key and history is not None and not history.personal:
            cache.set(key, html, settings.FRAGMENT_SECONDS)
    return mark_safe(html)


def _key(request, source, related) -> str | None:
    if isinstance(source, models.Model):
        objects = [source]
    elif isinstance(source, list | tuple):
        objects = list(source)
    else:
        return None  # a queryset: which rows it names is known only by running it
    named = [(o._meta.label, o.pk) for o in objects]
    drawn_from = repr(
        (named, related, request.GET.get("history"), request.path, dataversion.state(request))
    )
    return "history:" + hashlib.sha256(drawn_from.encode()).hexdigest()


def _section(request, source, related) -> dict:
    model = source.model if isinstance(source, models.QuerySet) else type(source)
    if isinstance(source, list | tuple):
        model = type(source[0]) if source else None
    # Pages of untracked objects (people, inventory rounds) and empty lists show none.
    if not is_tracked(model):
        return {"history": None}
    sources = [source, *(related_objects(source, path) for path in related)]
    show_all = request.GET.get("history") == "all"
    query = request.GET.copy()
    query["history"] = "all"
    return {
        "history": history_of(
            request.user,
            *sources,
            limit=None if show_all else HISTORY_LIMIT,
            path=request.path,
        ),
        "show_all": show_all,
        "all_url": f"?{query.urlencode()}#history",
    }
