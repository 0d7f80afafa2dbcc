"""Board and school reports: queued, compiled by a Celery worker, stored with the frozen
snapshot of every number and text they show (DESIGN.md, "Processes")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from goals.models import PlanPart, ReportingPeriod
from vuxportal.models import TrackedModel
from vuxportal.roles import Role
from vuxportal.scoping import ScopedQuerySet


class ReportKind(models.TextChoices):
    TERTIAL1 = "tertial1", _("Tertial report 1")
    TERTIAL2 = "tertial2", _("Tertial report 2")
    ANNUAL = "annual", _("Annual report")
    COMPETENCE = "competence", _("Competence summary")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure summary")
    PROJECT = "project", _("Project report")


# The period kind a goal report needs; the summaries can be made for any period.
PERIOD_KIND_OF = {
    ReportKind.TERTIAL1: ReportingPeriod.Kind.TERTIAL1,
    ReportKind.TERTIAL2: ReportingPeriod.Kind.TERTIAL2,
    ReportKind.ANNUAL: ReportingPeriod.Kind.ANNUAL,
}
# The plan parts a summary covers (goal reports cover every part).
PARTS_OF = {
    ReportKind.COMPETENCE: (PlanPart.COMPETENCE,),
    ReportKind.INFRASTRUCTURE: (PlanPart.INFRASTRUCTURE,),
    # The projects' own section (organisation's) comes with the part the projects serve:
    # their training sessions and participants are the digital competence part's.
    ReportKind.PROJECT: (PlanPart.COMPETENCE,),
}
# Kinds made only for the whole organisation (a project spans every school).
ORGANISATION_ONLY = {ReportKind.PROJECT}


class ReportQuerySet(ScopedQuerySet):
    """School leaders see and compile their schools' reports; administrators all, including
    the organisation-wide ones (no school), which no school-bound role reaches."""

    view_roles = (Role.SCHOOL_LEADER, Role.ADMINISTRATOR)
    edit_roles = (Role.SCHOOL_LEADER, Role.ADMINISTRATOR)

    def with_list_columns(self):
        return self.select_related("period", "school", "requested_by")


class Report(TrackedModel):
    """One compiled (or queued) report for a period and a school or the whole organisation.

    The row is the source of truth for the job: a worker claims it (queued → running),
    keeps a heartbeat while it works and finishes it (done/failed). ``key`` makes a
    request idempotent: asking again for the same report returns the same row. Its
    history says who asked for it, when it was compiled again and what came of it; the
    worker's progress and heartbeat are written with ``update()``, so they add no versions.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Compiling")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("idempotency key"), max_length=100, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports"
    )
    school = models.ForeignKey(
        "organisation.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        help_text=_("Empty for the whole organisation."),
    )
    is_draft = models.BooleanField(
        _("draft"), default=False, help_text=_("Compiled while the period was still open.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True)
    excel = models.FileField(_("Excel workbook"), upload_to="reports/", blank=True)
    checksum = models.CharField(_("checksum (SHA-256 of the PDF)"), max_length=64, blank=True)
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True)

    objects = ReportQuerySet.as_manager()

    # The worker's bookkeeping and the frozen figures are no change anyone made.
    history_hidden_fields = ("progress", "attempts", "started_at", "heartbeat_at", "snapshot")

    class Meta:
        ordering = ["-created"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.period} – {self.scope_label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def scope_label(self) -> str:
        return str(self.school) if self.school_id else str(_("Whole organisation"))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @staticmethod
    def make_key(*, kind: str, period_id: int, school_id: int | None, draft: bool) -> str:
        return f"{kind}:{period_id}:{school_id or 'org'}:{'draft' if draft else 'final'}"

    def file_stem(self) -> str:
        scope = self.school.code if self.school_id else "organisation"
        return f"{self.kind}-{self.period.year}-{scope}{'-utkast' if self.is_draft else ''}"
