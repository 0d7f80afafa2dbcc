"""/api/v1/: every app's viewsets on one router.

Each app registers its routes, ``(prefix, viewset, basename)``, in its ``plugins.py``
into the one registry's ``api_routes`` store; one router keeps one URL namespace.
"""

from rest_framework.routers import DefaultRouter

from .registry import registry

# Ids match up to the next slash (``<str:pk>``), so /api/v1/schools/1.5/ reaches the API and
# gets its JSON 404; no ".json" suffix routes, which the schema does not document.
router = DefaultRouter(use_regex_path=False)
router.include_format_suffixes = False
for prefix, viewset, basename in registry.api_routes.all():
    router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls
