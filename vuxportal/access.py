"""The view side of scoping: one mixin every portal view inherits.

Anonymous users are sent to sign-in, users without ``permission_required`` get 403, and
the queryset is always ``visible_to`` (reads) or ``editable_by`` (writes) the user, so an
out-of-scope object is a 404. No view filters by school itself.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


class PortalAccessMixin(AccessMixin):
    """Sign-in and a django-rules permission (no object) before anything else runs."""

    permission_required: str | None = None

    def has_permission(self) -> bool:
        if self.permission_required is None:
            return True
        return self.request.user.has_perm(self.permission_required)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_permission():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedViewMixin(PortalAccessMixin):
    """Restricts the queryset to what the user may see, or change when ``scope = "edit"``."""

    scope = "view"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.scope == "view":
            return queryset.visible_to(self.request.user)
        if self.scope == "edit":
            return queryset.editable_by(self.request.user)
        raise ImproperlyConfigured(f"Unknown scope {self.scope!r}")
