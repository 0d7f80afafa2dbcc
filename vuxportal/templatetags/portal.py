"""Template helpers shared by every app."""

from django import template
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from vuxportal.navigation import menu_html
from vuxportal.registry import registry

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ row|get_item:column }}``: a dict value by a key held in a variable."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def select_options(optgroups):
    """A select widget's ``<option>``s (and ``<optgroup>``s) in one pass, as Django's own
    templates render them. Django renders a template per option, and with 50 schools and
    hundreds of people to choose from that was most of a filter form's cost
    (templates/django/forms/widgets/select.html overrides Django's template with this)."""
    parts = []
    for group_name, choices, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        # Plain f-strings over escaped values: format_html per option cost as much again.
        parts.extend(
            f'\n  <option value="{conditional_escape(str(o["value"]))}"'
            f"{flatatt(o['attrs']) if o['attrs'] else ''}>{conditional_escape(o['label'])}</option>"
            for o in choices
        )
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """``{% main_menu %}``: the header's menu for the request's user and page
    (``vuxportal.navigation.menu_html``)."""
    return mark_safe(menu_html(context["request"]))  # a rendered (auto-escaped) template


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
