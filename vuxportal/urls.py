from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import pages, search, tokens

# The Django admin has no sign-in of its own: its login page sends people to allauth's, so
# TOTP and the failed-attempt limits apply there too (allauth's documented recipe). The
# admin's AdminConfig has discovered every admin.py already.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("tillganglighet/", pages.AccessibilityView.as_view(), name="accessibility"),
    path("sok/", search.SearchView.as_view(), name="search"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("organisation/", include("organisation.urls")),
    path("api-nycklar/", tokens.TokenListView.as_view(), name="api_tokens"),
    path(
        "api-nycklar/<int:pk>/aterkalla/", tokens.TokenRevokeView.as_view(), name="api_token_revoke"
    ),
    path("mal/", include("goals.urls")),
    path("it/", include("infrastructure.urls")),
    path("kompetens/", include("competence.urls")),
    path("rapporter/", include("reports.urls")),
    path("api/v1/", include("vuxportal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("django-admin/", admin.site.urls),
]

handler403 = "vuxportal.views.pages.permission_denied"
handler404 = "vuxportal.views.pages.page_not_found"
handler500 = "vuxportal.views.pages.server_error"
