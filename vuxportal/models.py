"""The shared abstract base models."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.manager import HistoricalQuerySet
from simple_history.models import HistoricalRecords

from .scoping import ScopedQuerySet


class TimeStampedModel(models.Model):
    """Adds when a row was created and last changed."""

    created = models.DateTimeField(_("created"), auto_now_add=True, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class ScopedHistoricalQuerySet(HistoricalQuerySet, ScopedQuerySet):
    """A tracked object's history is seen and kept exactly where the object is: the rows of
    ``Model.history.visible_to(user)`` are versions of objects ``visible_to(user)``."""

    def _objects_q(self, access, scope: str) -> Q | None:
        objects = self.model.instance_type._default_manager.all()
        q = objects.visible_q(access) if scope == "view" else objects.editable_q(access)
        return None if q is None else Q(id__in=objects.filter(q).values("pk"))

    def visible_q(self, access):
        return self._objects_q(access, "view")

    def editable_q(self, access):
        return self._objects_q(access, "edit")


class TrackedModel(TimeStampedModel):
    """A model whose every change is kept (who changed what, when) by django-simple-history.

    Used for the records people report on and audit; high-volume logs use
    ``TimeStampedModel`` only, so bulk imports do not double their writes.
    """

    history = HistoricalRecords(inherit=True, historical_queryset=ScopedHistoricalQuerySet)

    class Meta:
        abstract = True


class ApiTokenQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    # Tokens are personal: everyone sees and revokes only their own, administrators too.
    def visible_q(self, access):
        return Q(user_id=access.user_id)

    editable_q = visible_q


class ApiToken(models.Model):
    """A personal API token for scripts and integrations (``Authorization: Bearer …``).

    Only a SHA-256 hash of the secret is stored; the token is shown once, when created.
    A token acts with exactly its owner's roles and schools.
    """

    user = models.ForeignKey(
        "organisation.User",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    # The public part of the token: finds the row without scanning every hash.
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
