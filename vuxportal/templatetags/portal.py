"""Template helpers shared by every app."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ row|get_item:column }}``: a dict value by a key held in a variable."""
    if mapping is None:
        return None
    return mapping.get(key)
