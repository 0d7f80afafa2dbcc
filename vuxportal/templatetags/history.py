"""``{% history object %}``: the "History" section of an object's page.

One line on every page of a tracked object (the shared detail template has it in its
``history`` block). Objects without a page of their own show their history where they
are shown, named by the reverse relations that reach them from the page's object::

    {% history goal "indicators" "assessments" "indicators__measurements" %}

A queryset or list of objects works too (``{% history assessments %}``). The section
shows the latest changes; ``?history=all`` shows every one.
"""

from django import template
from django.db import models

from vuxportal.history import HISTORY_LIMIT, history_of, is_tracked, related_objects

register = template.Library()


@register.inclusion_tag("partials/history.html", takes_context=True)
def history(context, source, *related):
    request = context["request"]
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
