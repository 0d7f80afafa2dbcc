"""The view side of scoping: one mixin every portal view inherits.

Anonymous users are sent to sign-in, users without ``permission_required`` get 403, and
the queryset is always ``visible_to`` (reads) or ``editable_by`` (writes) the user, so an
out-of-scope object is a 404. No view filters by school itself, and form views hand the
user to scoped forms, so no view scopes a form's choices either.
"""

from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from .forms import ScopedFormMixin


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

    def get_form_kwargs(self):
        # Scoped forms get the signed-in user: their relation fields offer and accept only
        # what that user may pick. Only form views reach this.
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), ScopedFormMixin):
            kwargs["user"] = self.request.user
        return kwargs


class ScopedViewMixin(PortalAccessMixin):
    """Restricts the queryset to what the user may see, or change when ``scope = "edit"``.

    Total by construction: a subclass that writes its own ``get_queryset`` (to order, join
    or narrow) gets its result scoped too, whether or not it calls ``super()``, so no view
    can hand out rows the user may not reach. A queryset already scoped the same way for
    the same user is not filtered twice.
    """

    scope = "view"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("get_queryset")
        if own is not None and not getattr(own, "scoped", False):

            @wraps(own)
            def get_queryset(self):
                return self.scope_queryset(own(self))

            get_queryset.scoped = True
            cls.get_queryset = get_queryset

    def scope_queryset(self, queryset):
        if self.scope not in ("view", "edit"):
            raise ImproperlyConfigured(f"Unknown scope {self.scope!r}")
        return queryset.scoped_for(self.request.user, self.scope)

    def get_queryset(self):
        return self.scope_queryset(super().get_queryset())

    get_queryset.scoped = True
