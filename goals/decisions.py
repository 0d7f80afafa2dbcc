"""The meeting page's "make it an action" links (organisation.hooks.decision_links).

organisation cannot import goals, so goals tells the meeting page, per decision, where
its action is or how to create one (registered in plugins.py).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Action


def decision_action_links(request, decisions) -> dict[int, list[tuple[str, str]]]:
    ids = [d.pk for d in decisions]
    if not ids:
        return {}
    # One query for the whole meeting, whatever the number of decisions.
    existing = dict(Action.objects.filter(decision_id__in=ids).values_list("decision_id", "pk"))
    may_create = request.user.has_perm("goals.manage_actions")
    links: dict[int, list[tuple[str, str]]] = {}
    for pk in ids:
        if pk in existing:
            links[pk] = [
                (_("Show the action"), reverse("goals:action_detail", args=[existing[pk]]))
            ]
        elif may_create:
            links[pk] = [(_("Make it an action"), reverse("goals:action_from_decision", args=[pk]))]
    return links
