"""The one scoping mechanism (DESIGN.md, "Who uses it").

Every model that holds data gets its manager from ``ScopedQuerySet`` (or one of the
subclasses here), organisation-wide models included, so ``visible_to(user)`` and
``editable_by(user)`` exist everywhere (a test walks every model). On top of it:

- ``schools_for(user, model)`` answers "for which schools may this user act on ``model``";
- ``choosable_by(user, for_model)`` on a queryset answers "which of these rows may this user
  pick in a relation field of ``for_model``" (schools and people narrow it with
  ``schools_for``);
- ``scoped_choices`` is what the base form and serializer call for every relation field.

Views and API viewsets never filter by school themselves: ``ScopedViewMixin`` (views) and
``ScopedViewSetMixin`` (API) call ``visible_to(user)`` or ``editable_by(user)``, so an
object outside the user's scope is simply not found (404).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
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
    # The roles through which a user acts *for a school* on these rows: writes them for the
    # school and picks the school's people in them (``schools_for``). ``None`` follows
    # ``edit_roles``; models whose rows are created by more roles than may edit every row
    # (a teacher's own support request) say so here.
    act_roles: tuple[str, ...] | None = None

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

    # Which (scope, user id) this queryset is already restricted to, so the views' total
    # scoping does not add the same filter twice. Kept through ``_clone``.
    _scoped: tuple[str, int] | None = None

    def _clone(self):
        clone = super()._clone()
        clone._scoped = self._scoped
        return clone

    # Combined with other rows, a queryset is no longer known to be restricted.
    def __or__(self, other):
        combined = super().__or__(other)
        if getattr(other, "_scoped", None) != self._scoped:
            combined._scoped = None
        return combined

    def _combinator_query(self, *args, **kwargs):
        combined = super()._combinator_query(*args, **kwargs)
        combined._scoped = None
        return combined

    def _restrict(self, q: Q | None, scope: str, access: Access):
        queryset = self._chain() if q is None else self.filter(q)
        queryset._scoped = (scope, access.user_id)
        return queryset

    def visible_to(self, user):
        access = access_of(user)
        if access is ANONYMOUS_ACCESS:
            return self.none()
        return self._restrict(self.visible_q(access), "view", access)

    def editable_by(self, user):
        access = access_of(user)
        if access is ANONYMOUS_ACCESS:
            return self.none()
        return self._restrict(self.editable_q(access), "edit", access)

    def scoped_for(self, user, scope: str):
        """``visible_to`` (``scope="view"``) or ``editable_by`` (``"edit"``), unless this
        queryset is already restricted that way for ``user``."""
        if self._scoped == (scope, access_of(user).user_id) and access_of(user).user_id:
            return self
        return self.visible_to(user) if scope == "view" else self.editable_by(user)

    def choosable_by(self, user, for_model=None):
        """The rows ``user`` may pick in a relation field of ``for_model``: by default the
        rows they may see. Schools and people narrow this to ``schools_for``."""
        return self.visible_to(user)

    @classmethod
    def acting_roles(cls) -> tuple[str, ...]:
        roles = cls.act_roles if cls.act_roles is not None else cls.edit_roles
        return tuple(roles) if roles is not None else tuple(Role.values)


class OrganisationWideQuerySet(ScopedQuerySet):
    """Rows that belong to no school (plans, goals, indicators, periods, frameworks, device
    models, systems): every user with one of ``view_roles`` reads all of them, and the
    ``edit_roles`` change all of them."""

    def _school_q(self, access: Access, roles: tuple[str, ...] | None) -> Q | None:
        roles = tuple(roles) if roles is not None else tuple(Role.values)
        return None if access.has_role(*roles) else Q(pk__in=[])


class ParentScopedQuerySet(ScopedQuerySet):
    """Rows that exist only as part of another row (an action's updates, an assessment's
    ratings, an audit's items): a user sees and changes them exactly where they see and
    change the parent, named by ``parent_path``."""

    parent_path: str = ""

    def _parent_rows(self, access: Access, scope: str):
        parent = self.model._meta.get_field(self.parent_path).related_model
        parents = parent._default_manager.all()
        q = parents.visible_q(access) if scope == "view" else parents.editable_q(access)
        return None if q is None else parents.filter(q).values("pk")

    def visible_q(self, access):
        rows = self._parent_rows(access, "view")
        return None if rows is None else Q(**{f"{self.parent_path}__in": rows})

    def editable_q(self, access):
        rows = self._parent_rows(access, "edit")
        return None if rows is None else Q(**{f"{self.parent_path}__in": rows})


def schools_for(user, model, scope: str = "act") -> set[int] | None:
    """For which schools ``user`` may act on ``model`` (``scope="act"``: write its rows for
    the school, pick the school's people) or see its rows (``scope="view"``).

    ``None`` (``ALL``) means every school. The roles come from the model's own scoping, so
    a form, a serializer, an import and a service all get the same answer.
    """
    access = access_of(user)
    queryset = model._default_manager.all()
    if not isinstance(queryset, ScopedQuerySet):
        raise ImproperlyConfigured(f"{model.__name__} has no scoped manager")
    if scope == "view":
        roles = queryset.view_roles if queryset.view_roles is not None else tuple(Role.values)
    elif scope == "act":
        roles = queryset.acting_roles()
    else:
        raise ImproperlyConfigured(f"Unknown scope {scope!r}")
    if access is ANONYMOUS_ACCESS or not access.has_role(*roles):
        return set()
    return access.school_ids(*roles)


def may_act_for_school(user, model, school_id: int | None) -> bool:
    """Whether ``user`` may write ``model`` rows for ``school_id`` (``None``: the whole
    organisation, which only organisation-wide roles may)."""
    ids = schools_for(user, model)
    if ids is ALL:
        return True
    return school_id is not None and school_id in ids


def scoped_choices(queryset, user, for_model):
    """The choices of a relation field of ``for_model`` for ``user``: what the field's own
    queryset allows, narrowed to what the user may pick. A queryset that cannot be scoped
    is a programming error, so the mechanism fails closed instead of listing everything."""
    if isinstance(queryset, models.Manager):  # DRF hands model fields' managers
        queryset = queryset.all()
    if not isinstance(queryset, ScopedQuerySet):
        raise ImproperlyConfigured(
            f"The choices of {queryset.model.__name__} are not scoped: give the model a "
            "manager from vuxportal.scoping."
        )
    if user is None:
        return queryset.none()
    return queryset.choosable_by(user, for_model)


def is_editable_by(obj, user) -> bool:
    """Whether ``user`` may change ``obj``: the object's own ``editable_by`` scoping, asked
    for this one row (so detail pages show edit buttons exactly where edits are allowed)."""
    return type(obj)._default_manager.editable_by(user).filter(pk=obj.pk).exists()
