"""The API side of scoping: a permission class and a viewset mixin.

Anonymous requests get 401/403 from DRF, a missing role permission 403, and querysets
go through the same ``visible_to``/``editable_by`` as the pages (404 out of scope).
"""

from rest_framework import permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.relations import ManyRelatedField, RelatedField

from .scoping import scoped_choices


class ScopedPermission(permissions.BasePermission):
    """Requires sign-in, then the viewset's ``permission_required`` for the request.

    ``permission_required`` is a django-rules permission name, or a dict mapping the
    ``"read"``/``"write"`` kind of request (or a viewset action) to one.
    """

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        required = getattr(view, "permission_required", None)
        if isinstance(required, dict):
            action = getattr(view, "action", None)
            kind = "read" if request.method in permissions.SAFE_METHODS else "write"
            required = required.get(action, required.get(kind))
        if required is None:
            return True
        return request.user.has_perm(required)


class ScopedViewSetMixin:
    """Reads see ``visible_to(user)``, writes only ``editable_by(user)``."""

    # Updates are partial (PATCH) everywhere, and nothing is deleted through the API: the
    # pages end memberships, deactivate people and close records so history stays whole.
    # A viewset that allows less narrows this further.
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method in permissions.SAFE_METHODS:
            return queryset.visible_to(self.request.user)
        return queryset.editable_by(self.request.user)


class ScopedSerializerMixin:
    """Each writable relation field's queryset is narrowed to what the request's user may
    pick for ``scope_model`` (``Meta.model`` by default): the same ``scoped_choices`` as the
    forms, so an id outside the scope answers exactly like a missing one."""

    scope_model = None

    def get_scope_model(self):
        return self.scope_model or getattr(getattr(self, "Meta", None), "model", None)

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        for_model = self.get_scope_model()
        for field in fields.values():
            relation = field.child_relation if isinstance(field, ManyRelatedField) else field
            if isinstance(relation, RelatedField) and relation.queryset is not None:
                relation.queryset = scoped_choices(relation.queryset, user, for_model)
        return fields


class ScopedSerializer(ScopedSerializerMixin, serializers.Serializer):
    """The base of every API serializer that is not a ModelSerializer."""


class ScopedModelSerializer(ScopedSerializerMixin, serializers.ModelSerializer):
    """The base of every API ModelSerializer."""


class PortalPagination(PageNumberPagination):
    """50 rows a page; clients may ask for up to 500 with ``?page_size=``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
