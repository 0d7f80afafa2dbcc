"""/api/v1/: every app's viewsets on one router.

Each app registers its routes, ``(prefix, viewset, basename)``, in its ``plugins.py``
into the one registry's ``api_routes`` store; one router keeps one URL namespace.
"""

from rest_framework.routers import DefaultRouter

from .registry import registry

router = DefaultRouter()
for prefix, viewset, basename in registry.api_routes.all():
    router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls
