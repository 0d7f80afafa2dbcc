"""/api/v1/: every app's viewsets on one router."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from rest_framework.routers import DefaultRouter

router = DefaultRouter()

# Each app lists its viewsets as (prefix, viewset, basename) in ``<app>/api/urls.py``
# ROUTES; registering them here keeps one router and one URL namespace.
for app in settings.LOCAL_APPS:
    spec = find_spec(f"{app}.api")
    is_package = spec is not None and spec.submodule_search_locations is not None
    if not is_package or find_spec(f"{app}.api.urls") is None:
        continue
    for prefix, viewset, basename in import_module(f"{app}.api.urls").ROUTES:
        router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls
