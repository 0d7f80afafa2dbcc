"""The one scoping mechanism (DESIGN.md, "Who uses it").

Every school-scoped model gets its manager from ``ScopedQuerySet``. Views and API
viewsets never filter by school themselves: ``ScopedViewMixin`` (views) and
``ScopedViewSetMixin`` (API) call ``visible_to(user)`` or ``editable_by(user)``, so an
object outside the user's scope is simply not found (404).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from .roles import Role

ALL = None  # returned by ``Access.school_ids`` for organisation-wide access


@dataclass
class Access:
    """What one user may reach: their active roles and, per role, their schools.

    Built once per request from the user's active memberships (one query). A role held
    through a membership without a school is organisation-wide.
    """

    user_id: int | None = None
    roles: set[str] = field(default_factory=set)
    org_wide_roles: set[str] = field(default_factory=set)
    schools_by_role: dict[str, set[int]] = field(default_factory=dict)
    superuser: bool = False

    @classmethod
    def from_memberships(
        cls, *, user_id: int, pairs: Iterable[tuple[str, int | None]], superuser: bool = False
    ) -> Access:
        access = cls(user_id=user_id, superuser=superuser)
        for role, school_id in pairs:
            access.roles.add(role)
            if school_id is None:
                access.org_wide_roles.add(role)
            else:
                access.schools_by_role.setdefault(role, set()).add(school_id)
        return access

    def has_role(self, *roles: str) -> bool:
        return self.superuser or bool(self.roles.intersection(roles))

    @property
    def is_administrator(self) -> bool:
        return self.has_role(Role.ADMINISTRATOR)

    def is_org_wide(self, *roles: str) -> bool:
        roles = roles or tuple(Role.values)
        return self.superuser or bool(self.org_wide_roles.intersection(roles))

    def school_ids(self, *roles: str) -> set[int] | None:
        """The schools the user reaches through ``roles`` (all roles when none are given).

        ``None`` (``ALL``) means every school: an organisation-wide membership or an
        administrator.
        """
        roles = roles or tuple(Role.values)
        if self.is_org_wide(*roles) or self.is_administrator:
            return ALL
        ids: set[int] = set()
        for role in roles:
            ids |= self.schools_by_role.get(role, set())
        return ids

    @property
    def primary_role(self) -> str | None:
        """The role whose start page the user sees: the broadest one they hold."""
        for role in (
            Role.ADMINISTRATOR,
            Role.SCHOOL_LEADER,
            Role.IT_STAFF,
            Role.TEACHER,
            Role.STAFF,
        ):
            if role in self.roles:
                return role
        return Role.ADMINISTRATOR if self.superuser else None

    @property
    def primary_role_label(self) -> str:
        role = self.primary_role
        return Role(role).label if role else ""


ANONYMOUS_ACCESS = Access()


def access_of(user) -> Access:
    """The user's ``Access``; anonymous users reach nothing."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS_ACCESS
    return user.access


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which rows a user may see and change.

    Subclasses say where the school is (``school_path``) and which roles see or edit the
    rows (``view_roles``/``edit_roles``; ``None`` means every role). Rows are visible
    through a role when the role is organisation-wide or the row's school is one of the
    user's schools for that role. Models with extra rules (own records, privacy) override
    ``visible_q``/``editable_q`` and keep this entry point.
    """

    school_path: str = "school"
    view_roles: tuple[str, ...] | None = None
    edit_roles: tuple[str, ...] | None = (Role.ADMINISTRATOR,)

    def _school_q(self, access: Access, roles: tuple[str, ...] | None) -> Q | None:
        """``None`` = no restriction; otherwise a Q limiting to the reachable schools."""
        roles = tuple(roles) if roles is not None else tuple(Role.values)
        if not access.has_role(*roles):
            return Q(pk__in=[])
        ids = access.school_ids(*roles)
        if ids is ALL:
            return None
        return Q(**{f"{self.school_path}__in": ids})

    def visible_q(self, access: Access) -> Q | None:
        return self._school_q(access, self.view_roles)

    def editable_q(self, access: Access) -> Q | None:
        return self._school_q(access, self.edit_roles)

    def _restrict(self, q: Q | None):
        return self if q is None else self.filter(q)

    def visible_to(self, user):
        access = access_of(user)
        if access is ANONYMOUS_ACCESS:
            return self.none()
        return self._restrict(self.visible_q(access))

    def editable_by(self, user):
        access = access_of(user)
        if access is ANONYMOUS_ACCESS:
            return self.none()
        return self._restrict(self.editable_q(access))


def is_editable_by(obj, user) -> bool:
    """Whether ``user`` may change ``obj``: the object's own ``editable_by`` scoping, asked
    for this one row (so detail pages show edit buttons exactly where edits are allowed)."""
    return type(obj)._default_manager.editable_by(user).filter(pk=obj.pk).exists()
