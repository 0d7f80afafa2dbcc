from django.conf import settings

from .navigation import menu


def portal(request):
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
