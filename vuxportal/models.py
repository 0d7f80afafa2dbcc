"""The shared abstract base models."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TimeStampedModel(models.Model):
    """Adds when a row was created and last changed."""

    created = models.DateTimeField(_("created"), auto_now_add=True, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class TrackedModel(TimeStampedModel):
    """A model whose every change is kept (who changed what, when) by django-simple-history.

    Used for the records people report on and audit; high-volume logs use
    ``TimeStampedModel`` only, so bulk imports do not double their writes.
    """

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
