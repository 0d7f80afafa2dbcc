"""Portal-wide pages: start page, health check, accessibility statement, errors."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from vuxportal.access import PortalAccessMixin
from vuxportal.scoping import access_of
from vuxportal.startpage import panels_for


class HomeView(PortalAccessMixin, TemplateView):
    """Each role's start page: the panels that apps register for that role."""

    template_name = "home/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = access_of(self.request.user)
        context["primary_role"] = access.primary_role
        context["panels"] = panels_for(self.request)
        return context


class AccessibilityView(TemplateView):
    template_name = "home/accessibility.html"


@never_cache
def healthz(request):
    """200 when the database (and Redis, when configured) answer; 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any driver error means "not healthy"
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # Rendered without the request's context on purpose: the context processors read the
    # user and session from the database, which may be the very thing that failed
    # (PostgreSQL down). The page is static, so it always renders (Django does the same).
    return HttpResponseServerError(loader.render_to_string("errors/500.html"))
