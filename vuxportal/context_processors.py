from django.conf import settings

from .navigation import menu


def portal(request):
    # Table cells drawn from templates (django-tables2's TemplateColumn) render with the
    # request again, so this runs once per cell: 50 times a page on a list. The menu is
    # the same for the whole request, so it is worked out once.
    context = getattr(request, "_portal_context", None)
    if context is None:
        context = request._portal_context = _portal(request)
    return context


def _portal(request):
    user = getattr(request, "user", None)
    items = menu.for_user(user) if user is not None and user.is_authenticated else []
    path = request.path
    current = max(
        (item for item in items if path.startswith(item.url) and item.url != "/"),
        key=lambda item: len(item.url),
        default=None,
    )
    return {
        "menu_items": items,
        "current_menu_item": current,
        "SITE_NAME": settings.SITE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
    }
