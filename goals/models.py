"""Part 1 of the plan: the vision, goals, prerequisites, actions, indicators and the
reporting periods in which school leaders report measurements and assessments."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vuxportal.metrics import metrics
from vuxportal.models import TimeStampedModel, TrackedModel
from vuxportal.roles import Role
from vuxportal.scoping import OrganisationWideQuerySet, ParentScopedQuerySet, ScopedQuerySet


class PlanPart(models.IntegerChoices):
    VISION = 1, _("Vision and goals")
    COMPETENCE = 2, _("Digital competence")
    ORGANISATION = 3, _("Organisation and responsibility")
    INFRASTRUCTURE = 4, _("Infrastructure and digital tools")


# --- Withdrawal ---------------------------------------------------------------------------


class WithdrawableQuerySet:
    """For goals, indicators and actions: which rows are still in use.

    Items of an active plan are withdrawn rather than deleted: kept with their history,
    left out of new reporting, and still shown in the periods that closed before they
    were withdrawn. Every place that lists them for reporting asks here."""

    def in_use(self, at: datetime | date | None = None):
        """The rows not withdrawn; with ``at``, the rows not yet withdrawn then (a date
        counts until the end of that day)."""
        return self.filter(in_use_q(at))

    def withdrawn(self):
        return self.exclude(in_use_q())

    def active_for(self, period: ReportingPeriod | None):
        """The rows ``period`` reports on: those in use, and for a closed period also
        those withdrawn after it closed, so it keeps showing them as they were."""
        return self.in_use(at=period.frozen_at if period is not None else None)


def in_use_q(at: datetime | date | None = None, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}withdrawn_at__isnull": True})
    if at is None:
        return q
    if not isinstance(at, datetime):
        at = timezone.make_aware(datetime.combine(at + timedelta(days=1), time.min))
    return q | Q(**{f"{prefix}withdrawn_at__gte": at})


class Withdrawable(models.Model):
    """When, by whom and why an item of the plan was withdrawn (``services.item_withdraw``)."""

    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


# --- Plan, goals, prerequisites -----------------------------------------------------------


class ActionPlanQuerySet(OrganisationWideQuerySet):
    def active(self):
        return self.filter(status=ActionPlan.Status.ACTIVE)


class ActionPlan(TrackedModel):
    """A digitalisation plan (handlingsplan) with its vision; one is active at a time."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    starts_year = models.PositiveSmallIntegerField(_("first year"))
    ends_year = models.PositiveSmallIntegerField(_("last year"))
    vision = models.TextField(_("vision"))
    model_basis = models.CharField(
        _("model it rests on"), max_length=100, blank=True, help_text=_("For example TPACK.")
    )
    summary = models.TextField(_("summary"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_year"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="active"),
                name="%(app_label)s_%(class)s_one_active",
            ),
            models.CheckConstraint(
                condition=Q(ends_year__gte=models.F("starts_year")),
                name="%(app_label)s_%(class)s_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read_only(self) -> bool:
        return self.status == self.Status.ARCHIVED


class GoalQuerySet(WithdrawableQuerySet, OrganisationWideQuerySet):
    """Every role reads the plan's goals; administrators change them."""


class Goal(Withdrawable, TrackedModel):
    """One of the plan's goals (målsättningar)."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    part = models.PositiveSmallIntegerField(
        _("part of the plan"), choices=PlanPart.choices, default=PlanPart.VISION
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_goals",
    )
    projects = models.ManyToManyField(
        "organisation.Project",
        verbose_name=_("projects"),
        blank=True,
        related_name="goals",
        help_text=_("Development projects that serve this goal."),
    )

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("goals:goal_detail", args=[self.pk])


class PrerequisiteQuerySet(OrganisationWideQuerySet):
    """Every role reads the prerequisites; administrators change them."""


class Prerequisite(TrackedModel):
    """What the organisation needs to reach the goals ("för att uppnå detta behöver…")."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="prerequisites"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    part = models.PositiveSmallIntegerField(
        _("part of the plan"), choices=PlanPart.choices, default=PlanPart.VISION
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_prerequisites",
    )

    objects = PrerequisiteQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    def get_absolute_url(self) -> str:
        return reverse("goals:plan_detail", args=[self.plan_id]) + "#prerequisites"

    @property
    def latest_follow_up(self) -> PrerequisiteFollowUp | None:
        """The follow-up of the latest period (no query when ``follow_ups`` is prefetched)."""
        follow_ups = self.follow_ups.all()
        if "follow_ups" in getattr(self, "_prefetched_objects_cache", {}):
            return max(follow_ups, key=lambda f: f.period.sort_key, default=None)
        return follow_ups.select_related("period").order_by("-period__sort_key").first()


# --- Actions ----------------------------------------------------------------------------------


class ActionQuerySet(WithdrawableQuerySet, ScopedQuerySet):
    """Everyone sees the plan's actions; administrators and the responsible person edit."""

    view_roles = None
    # The responsible person (any role) picks schools and people among their own schools.
    act_roles = tuple(Role.values)

    def visible_q(self, access):
        return None if access.roles or access.superuser else Q(pk__in=[])

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(responsible_id=access.user_id)

    def overdue(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(due_on__lt=on).exclude(
            status__in=[Action.Status.DONE, Action.Status.CANCELLED]
        )

    def due_soon(self, days: int = 30, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(due_on__gte=on, due_on__lte=on + timezone.timedelta(days=days)).exclude(
            status__in=[Action.Status.DONE, Action.Status.CANCELLED]
        )


class Action(Withdrawable, TrackedModel):
    """An action (insats) that moves one or more goals forward."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(Goal, verbose_name=_("goals"), related_name="actions")
    prerequisite = models.ForeignKey(
        Prerequisite,
        verbose_name=_("prerequisite"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    schools = models.ManyToManyField(
        "organisation.School",
        verbose_name=_("schools"),
        blank=True,
        related_name="actions",
        help_text=_("Leave empty when the action covers the whole organisation."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_actions",
    )
    responsible_group = models.ForeignKey(
        "organisation.WorkingGroup",
        verbose_name=_("responsible working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    decision = models.OneToOneField(
        "organisation.Decision",
        verbose_name=_("from decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action",
        help_text=_("The working group decision this action carries out."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "title"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_max_100"
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(due_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_due_after_start",
            ),
        ]
        # In the default order: overviews read the first rows without sorting them all.
        indexes = [models.Index(fields=["due_on", "title"], name="goals_action_due_title")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goals:action_detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return (
            self.due_on is not None
            and self.due_on < timezone.localdate()
            and self.status not in (self.Status.DONE, self.Status.CANCELLED)
        )


class ActionUpdateQuerySet(ParentScopedQuerySet):
    parent_path = "action"


class ActionUpdate(TimeStampedModel):
    """A dated progress note on an action."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("text"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = ActionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created"]
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")

    def __str__(self) -> str:
        return f"{self.action}: {self.date}"


# --- Indicators -------------------------------------------------------------------------------


class IndicatorQuerySet(WithdrawableQuerySet, OrganisationWideQuerySet):
    """Every role reads the indicators; administrators change them."""


class Indicator(Withdrawable, TrackedModel):
    """A measurable sign of a goal's progress, entered by hand or computed from live data."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("Percent")
        COUNT = "count", _("Count")
        HOURS = "hours", _("Hours")
        DAYS = "days", _("Days")
        SCORE = "score", _("Score")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Kind(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        AUTOMATIC = "automatic", _("Computed from live data")

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MANUAL)
    metric_key = models.CharField(
        _("metric"),
        max_length=100,
        blank=True,
        help_text=_("For automatic indicators: the metric computed from live data."),
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    per_school = models.BooleanField(
        _("reported per school"),
        default=True,
        help_text=_("Otherwise the indicator is only measured for the whole organisation."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["goal__number", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="manual", metric_key="") | Q(kind="automatic") & ~Q(metric_key=""),
                name="%(app_label)s_%(class)s_metric_iff_automatic",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # An indicator is read on its goal's page, with its chart and values.
        return reverse("goals:goal_detail", args=[self.goal_id]) + f"#indicator-{self.pk}"

    def clean(self):
        if self.kind == self.Kind.AUTOMATIC and self.metric_key not in metrics:
            raise ValidationError({"metric_key": _("Choose a metric for an automatic indicator.")})
        if self.kind == self.Kind.MANUAL and self.metric_key:
            raise ValidationError({"metric_key": _("A manual indicator has no metric.")})

    @property
    def is_automatic(self) -> bool:
        return self.kind == self.Kind.AUTOMATIC

    @property
    def metric(self):
        return metrics.get(self.metric_key) if self.metric_key in metrics else None

    def max_value(self) -> Decimal | None:
        return Decimal(100) if self.unit == self.Unit.PERCENT else None


class IndicatorTargetQuerySet(ParentScopedQuerySet):
    parent_path = "indicator"


class IndicatorTarget(TimeStampedModel):
    """The value an indicator should reach in a year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    objects = IndicatorTargetQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="%(app_label)s_%(class)s_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.year})"


# --- Reporting periods ------------------------------------------------------------------------


class ReportingPeriodQuerySet(OrganisationWideQuerySet):
    def open(self):
        return self.filter(status=ReportingPeriod.Status.OPEN)

    def closed(self):
        return self.filter(status=ReportingPeriod.Status.CLOSED)

    def containing(self, day: date):
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def current(self, on: date | None = None) -> ReportingPeriod | None:
        """The one meaning of "the current period", for reporting and self-assessment
        alike (one query; see ``current_of``)."""
        return self.current_of(list(self.order_by("sort_key")), on=on)

    @staticmethod
    def current_of(periods, on: date | None = None) -> ReportingPeriod | None:
        """The current period among ``periods`` already loaded (no query):

        1. the earliest open period that has started: a period stays open until its
           reports are in, so a late tertial still waiting for reports comes before the
           next one, and a tertial comes before the annual report of its year (which
           starts on the same 1 January but sorts last), so self-assessments go into
           tertials while one is open;
        2. else the latest period that has started: everything so far is closed, so
           show the most recent, frozen numbers;
        3. else the earliest period: nothing has started yet, show the first to come.
        """
        on = on or timezone.localdate()
        ordered = sorted(periods, key=lambda p: p.sort_key)
        started = [p for p in ordered if p.starts_on <= on]
        open_started = [p for p in started if not p.is_closed]
        if open_started:
            return open_started[0]
        if started:
            return started[-1]
        return ordered[0] if ordered else None


class ReportingPeriod(TrackedModel):
    """A tertial or the annual report (verksamhetsberättelse) of one year.

    A closed period is frozen: its measurements and assessments no longer change.
    """

    class Kind(models.TextChoices):
        TERTIAL1 = "tertial1", _("Tertial 1")
        TERTIAL2 = "tertial2", _("Tertial 2")
        ANNUAL = "annual", _("Annual report")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    KIND_ORDER = {Kind.TERTIAL1: 1, Kind.TERTIAL2: 2, Kind.ANNUAL: 3}

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    sort_key = models.PositiveIntegerField(editable=False, db_index=True, default=0)

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind"], name="%(app_label)s_%(class)s_unique_year_kind"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    def save(self, *args, **kwargs):
        # A sortable key (year, then T1 < T2 < annual) so "the previous period" is one query.
        self.sort_key = self.year * 10 + self.KIND_ORDER[self.kind]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("goals:period_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def frozen_at(self) -> datetime | None:
        """When the period was frozen (``None`` while open): what was withdrawn after
        that still shows in it. A period closed before closing was recorded counts as
        frozen the day after its deadline."""
        if not self.is_closed:
            return None
        if self.closed_at is not None:
            return self.closed_at
        return timezone.make_aware(datetime.combine(self.deadline + timedelta(days=1), time.min))

    @property
    def is_late(self) -> bool:
        return not self.is_closed and timezone.localdate() > self.deadline

    def previous(self) -> ReportingPeriod | None:
        return (
            ReportingPeriod.objects.filter(sort_key__lt=self.sort_key).order_by("-sort_key").first()
        )

    @staticmethod
    def default_dates(year: int, kind: str) -> tuple[date, date, date]:
        """The city's rhythm: T1 Jan–Apr, T2 May–Aug (interim accounts), annual the year."""
        if kind == ReportingPeriod.Kind.TERTIAL1:
            return date(year, 1, 1), date(year, 4, 30), date(year, 5, 15)
        if kind == ReportingPeriod.Kind.TERTIAL2:
            return date(year, 5, 1), date(year, 8, 31), date(year, 9, 15)
        return date(year, 1, 1), date(year, 12, 31), date(year + 1, 1, 31)


class ReportScopedQuerySet(ScopedQuerySet):
    """Everyone with a role reads the reported results of their schools; leaders and
    administrators write them (administrators for the whole organisation)."""

    view_roles = None
    edit_roles = (Role.SCHOOL_LEADER, Role.ADMINISTRATOR)

    def visible_q(self, access):
        q = super().visible_q(access)
        if q is None or not access.roles:
            return q
        # The organisation-wide results are everyone's: the dashboard shows them to all.
        return q | Q(school__isnull=True)

    def editable_q(self, access):
        q = super().editable_q(access)
        if q is None:
            return None
        # Organisation-wide rows (no school) are written by administrators only.
        return q & Q(school__isnull=False)


class ReportingSchoolQuerySet(ScopedQuerySet):
    """Which schools a user may report for: used as ``ReportingSchoolQuerySet(model=School)``
    so the reporting page is scoped by the same mechanism as every other page."""

    school_path = "pk"
    view_roles = None
    edit_roles = (Role.SCHOOL_LEADER, Role.ADMINISTRATOR)


class Submission(TrackedModel):
    """A school's (or, with no school, the organisation's) report for a period."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    school = models.ForeignKey(
        "organisation.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submissions",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    objects = ReportScopedQuerySet.as_manager()

    class Meta:
        ordering = ["period", "school__name"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "school"],
                condition=Q(school__isnull=False),
                name="%(app_label)s_%(class)s_unique_school",
            ),
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(school__isnull=True),
                name="%(app_label)s_%(class)s_unique_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} – {self.school or _('whole organisation')}"


class Measurement(TrackedModel):
    """An indicator's value for one school (or the organisation) in one period."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        SNAPSHOT = "snapshot", _("Snapshot of live data")

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    school = models.ForeignKey(
        "organisation.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measurements",
    )
    value = models.DecimalField(
        _("value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportScopedQuerySet.as_manager()

    class Meta:
        ordering = ["period__sort_key", "indicator"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "school"],
                condition=Q(school__isnull=False),
                name="%(app_label)s_%(class)s_unique_school",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(school__isnull=True),
                name="%(app_label)s_%(class)s_unique_org",
            ),
        ]
        indexes = [models.Index(fields=["period", "school"], name="goals_meas_period_school")]

    def __str__(self) -> str:
        return f"{self.indicator} – {self.period}: {self.value}"


class AssessmentStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class GoalAssessment(TrackedModel):
    """A leader's assessment of one goal for one school (or the organisation) and period."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="assessments"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    school = models.ForeignKey(
        "organisation.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.NOT_ASSESSED,
    )
    suggested_status = models.CharField(
        _("suggested status"),
        max_length=15,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.NOT_ASSESSED,
    )
    override_reason = models.TextField(
        _("reason for another status than the suggested"), blank=True
    )
    analysis = models.TextField(_("analysis"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportScopedQuerySet.as_manager()

    class Meta:
        ordering = ["period__sort_key", "goal__number"]
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "period", "school"],
                condition=Q(school__isnull=False),
                name="%(app_label)s_%(class)s_unique_school",
            ),
            models.UniqueConstraint(
                fields=["goal", "period"],
                condition=Q(school__isnull=True),
                name="%(app_label)s_%(class)s_unique_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.period}: {self.get_status_display()}"

    @property
    def is_override(self) -> bool:
        return self.status != self.suggested_status


# --- Following up the prerequisites -----------------------------------------------------------


class PrerequisiteFollowUpQuerySet(ParentScopedQuerySet):
    parent_path = "prerequisite"


class PrerequisiteFollowUp(TrackedModel):
    """How a prerequisite stands in one reporting period: a status and a comment."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", pgettext_lazy("prerequisite status", "Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("prerequisite status", "In progress")
        MET = "met", pgettext_lazy("prerequisite status", "In place")
        AT_RISK = "at_risk", pgettext_lazy("prerequisite status", "At risk")

    prerequisite = models.ForeignKey(
        Prerequisite,
        verbose_name=_("prerequisite"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="prerequisite_follow_ups",
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PrerequisiteFollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["prerequisite", "period__sort_key"]
        verbose_name = _("follow-up of a prerequisite")
        verbose_name_plural = _("follow-ups of prerequisites")
        constraints = [
            models.UniqueConstraint(
                fields=["prerequisite", "period"], name="%(app_label)s_%(class)s_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prerequisite.number} – {self.period}: {self.get_status_display()}"
