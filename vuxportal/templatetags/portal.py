"""Template helpers shared by every app."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from vuxportal.registry import registry

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ row|get_item:column }}``: a dict value by a key held in a variable."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def detail_panels(context, obj):
    """``{% detail_panels object %}``: the sections other apps registered for this
    object's model (the one registry's ``detail_panels``), so a lower app's page shows a
    higher app's rows without importing it. Each panel keeps its own query count."""
    request = context["request"]
    label = obj._meta.label
    parts = []
    for panel in registry.detail_panels.for_user(request.user):
        if panel.model != label:
            continue
        panel_context = panel.get_context(request, obj)
        if panel_context is None:
            continue
        parts.append(
            render_to_string(panel.template_name, {"object": obj, **panel_context}, request=request)
        )
    # Each part is a rendered (auto-escaped) template.
    return mark_safe("".join(parts))
