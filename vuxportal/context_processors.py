from functools import partial

from django.conf import settings

from . import dataversion
from .navigation import menu_for


def portal(request):
    # Every template rendered with the request runs the context processors again (the
    # detail panels, a table's empty text); the menu is the same for the whole request,
    # so it is worked out once.
    context = getattr(request, "_portal_context", None)
    if context is None:
        context = request._portal_context = _portal(request)
    return context


def _portal(request):
    menu = menu_for(request)
    return {
        "menu_parts": menu.parts,
        "current_part": menu.current_part,
        "SITE_NAME": settings.SITE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        # Cached fragments: {% cache FRAGMENT_SECONDS "name" ... data_state %}. A callable,
        # so a page without one reads no version.
        "data_state": partial(dataversion.state, request),
        "FRAGMENT_SECONDS": settings.FRAGMENT_SECONDS,
    }
