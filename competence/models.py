"""Digital competence (plan part 2): frameworks, self-assessment, training and sharing."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goals.models import ReportingPeriod
from organisation.models import Membership, School
from vuxportal import uploads
from vuxportal.models import TimeStampedModel, TrackedModel
from vuxportal.roles import Role
from vuxportal.scoping import OrganisationWideQuerySet, ParentScopedQuerySet, ScopedQuerySet

# --- Frameworks -------------------------------------------------------------------------------


class FrameworkQuerySet(OrganisationWideQuerySet):
    """Every role reads frameworks; administrators change them."""


class Framework(TrackedModel):
    """A competence framework (DigCompEdu, TPACK, a school-leader framework) with its own
    level scale. Frameworks are shared by the whole organisation."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active frameworks can be self-assessed.")
    )
    audience_roles = models.JSONField(
        _("audience"),
        default=list,
        blank=True,
        help_text=_("Roles asked to self-assess this framework; empty means everyone."),
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"),
        null=True,
        blank=True,
        help_text=_("The level (its number on the scale) everyone should reach, e.g. B1."),
    )

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("competence:framework_detail", args=[self.pk])


class LevelQuerySet(ParentScopedQuerySet):
    parent_path = "framework"


class Level(models.Model):
    """One step of a framework's scale; ``value`` orders the steps (1 = lowest)."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="levels"
    )
    value = models.PositiveSmallIntegerField(_("value"))
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    objects = LevelQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "value"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "value"], name="%(app_label)s_%(class)s_unique_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class AreaQuerySet(ParentScopedQuerySet):
    parent_path = "framework"


class Area(models.Model):
    """An area (or knowledge domain) of a framework."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="areas"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CompetenceQuerySet(ParentScopedQuerySet):
    parent_path = "area"


class Competence(models.Model):
    """One competence of an area; people rate themselves on it."""

    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="competences"
    )
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CompetenceQuerySet.as_manager()

    class Meta:
        ordering = ["area__framework", "area__number", "order"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# --- Self-assessment --------------------------------------------------------------------------


class OwnRecordQuerySet(ScopedQuerySet):
    """Rows that belong to one person: they see and change their own; leaders see their
    school's rows (named training logs) and administrators everyone's."""

    person_field = "person"
    leaders_see = True
    # The roles that see the rows of others at their schools (``schools_for(..., "view")``).
    view_roles = (Role.ADMINISTRATOR, Role.SCHOOL_LEADER)

    def visible_q(self, access):
        own = Q(**{f"{self.person_field}_id": access.user_id})
        if not self.leaders_see:
            return own
        ids = access.school_ids(*self.view_roles)
        if ids is None:
            return None
        return own | Q(school__in=ids)

    def editable_q(self, access):
        return Q(**{f"{self.person_field}_id": access.user_id})


class SelfAssessmentQuerySet(OwnRecordQuerySet):
    # Privacy (DESIGN.md): nobody sees another person's self-assessment, only aggregates.
    leaders_see = False

    def editable_q(self, access):
        return Q(person_id=access.user_id, period__status=ReportingPeriod.Status.OPEN)


class SelfAssessment(TrackedModel):
    """A person's ratings on one framework for one reporting period, with a reflection.

    Editable until the period closes. ``school`` is the person's school when they
    answered, so aggregates per school stay stable when people move.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="self_assessments",
    )
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="self_assessments",
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="self_assessments",
    )
    reflection = models.TextField(_("reflection"), blank=True)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-period__sort_key", "framework__name"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "framework", "period"],
                name="%(app_label)s_%(class)s_unique_person_period",
            )
        ]
        indexes = [models.Index(fields=["framework", "period", "school"], name="comp_sa_agg")]

    def __str__(self) -> str:
        return f"{self.framework} – {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("competence:self_assessment_list")


class RatingQuerySet(ParentScopedQuerySet):
    parent_path = "assessment"


class Rating(models.Model):
    """The level a person gives themselves on one competence."""

    assessment = models.ForeignKey(
        SelfAssessment,
        verbose_name=_("self-assessment"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1)])

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competence"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1), name="%(app_label)s_%(class)s_level_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence}: {self.level}"


# --- Training sessions ------------------------------------------------------------------------


class TrainingActivityQuerySet(ScopedQuerySet):
    """Sessions are offered to the whole organisation; the organiser, the host school's
    leaders and administrators change them."""

    # The host school gives its leaders rights over the session: leaders host sessions
    # at the schools they lead, administrators anywhere.
    act_roles = (Role.SCHOOL_LEADER, Role.ADMINISTRATOR)

    def visible_q(self, access):
        return None if access.roles or access.superuser else Q(pk__in=[])

    def editable_q(self, access):
        ids = access.school_ids(*self.act_roles)
        if ids is None:
            return None
        return Q(organiser_id=access.user_id) | Q(school__in=ids)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())


class TrainingActivity(TrackedModel):
    """A training session (utbildningstillfälle) people enrol in, e.g. part of Vux 2.0."""

    class Format(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        COURSE = "course", _("Course")
        WEBINAR = "webinar", _("Webinar")
        COLLEGIAL = "collegial", _("Collegial learning")
        SELF_STUDY = "self_study", _("Self-study")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_activities",
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("host school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_activities",
        help_text=_("Leave empty for a session of the whole organisation."),
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    series = models.CharField(
        _("series"), max_length=100, blank=True, help_text=_("For example Vux 2.0.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    audience_roles = models.JSONField(
        _("audience"), default=list, blank=True, help_text=_("Roles the session is meant for.")
    )
    competences = models.ManyToManyField(
        Competence,
        verbose_name=_("competences and TPACK domains"),
        blank=True,
        related_name="activities",
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    action = models.ForeignKey(
        "goals.Action",
        verbose_name=_("action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("The plan's action this session serves."),
    )
    project = models.ForeignKey(
        "organisation.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The calendar event's SEQUENCE: raised on every change sent out, so calendars replace
    # the event instead of adding a second one (RFC 5545).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TrainingActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0), name="%(app_label)s_%(class)s_hours_not_negative"
            ),
        ]
        # In the default order: overviews read the first rows without sorting them all.
        indexes = [models.Index(fields=["starts_at"], name="comp_activity_starts_at")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("competence:activity_detail", args=[self.pk])

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    def audience_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.audience_roles if r in Role.values]


class EnrolmentQuerySet(ScopedQuerySet):
    """A person sees their own enrolments; organisers and administrators a session's."""

    def visible_q(self, access):
        if access.is_administrator:
            return None
        return Q(person_id=access.user_id) | Q(activity__organiser_id=access.user_id)

    def editable_q(self, access):
        return self.visible_q(access)

    def active(self):
        return self.filter(status=Enrolment.Status.ENROLLED)

    def waiting(self):
        return self.filter(status=Enrolment.Status.WAITING).order_by("enrolled_at", "pk")


class Enrolment(TimeStampedModel):
    """A person's place on a session: enrolled, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not marked")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")

    activity = models.ForeignKey(
        TrainingActivity,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )
    # When the person joined the queue: the waiting list moves up in this order.
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], name="%(app_label)s_%(class)s_unique_person"
            )
        ]
        indexes = [models.Index(fields=["activity", "status"], name="comp_enrol_status")]

    def __str__(self) -> str:
        return f"{self.person} – {self.activity}"


class EvaluationQuerySet(ScopedQuerySet):
    def visible_q(self, access):
        if access.is_administrator:
            return None
        return Q(person_id=access.user_id)

    def editable_q(self, access):
        return Q(pk__in=[])


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class ActivityEvaluation(TimeStampedModel):
    """A participant's short evaluation of a session, once each.

    The person is kept only to refuse a second answer; results are shown without names.
    """

    class WillUse(models.IntegerChoices):
        NO = 1, _("No")
        MAYBE = 2, _("Perhaps")
        YES = 3, _("Yes")

    activity = models.ForeignKey(
        TrainingActivity,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    overall = models.PositiveSmallIntegerField(_("overall"), validators=SCORE_VALIDATORS)
    relevance = models.PositiveSmallIntegerField(
        _("relevance to my teaching"), validators=SCORE_VALIDATORS
    )
    will_use = models.PositiveSmallIntegerField(_("will I use it"), choices=WillUse.choices)
    comment = models.TextField(_("free text"), blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], name="%(app_label)s_%(class)s_once_per_person"
            ),
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5, relevance__gte=1, relevance__lte=5),
                name="%(app_label)s_%(class)s_scores_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.overall}"


# --- Training log -----------------------------------------------------------------------------


class TrainingRecordQuerySet(OwnRecordQuerySet):
    def confirmable_by(self, user):
        """Entries a leader may confirm: their school's staff, not their own."""
        from vuxportal.scoping import access_of

        access = access_of(user)
        ids = access.school_ids(*self.view_roles)
        if ids is None:
            return self.exclude(person_id=access.user_id)
        return self.filter(school__in=ids).exclude(person_id=access.user_id)

    def certifiable_by(self, user):
        """Entries ``user`` may get a certificate of attendance for: portal sessions (not
        cancelled) the entry's person attended, their own, or anyone's for administrators.
        A leader who sees a staff member's entry gets no certificate in their name."""
        from vuxportal.scoping import access_of

        # Both conditions in one filter(): the same enrolment is the person's and attended.
        records = self.filter(
            activity__isnull=False,
            activity__cancelled_at__isnull=True,
            activity__enrolments__person_id=models.F("person_id"),
            activity__enrolments__attendance=Enrolment.Attendance.ATTENDED,
        )
        if access_of(user).is_administrator:
            return records
        return records.filter(person_id=access_of(user).user_id)


def certificate_path(instance, filename):
    # Named by migration 0001 only: uploads are named by vuxportal.uploads.UploadField.
    return f"competence/certificates/{instance.person_id}/{filename}"


class TrainingRecord(TrackedModel):
    """An entry in a person's training log: a portal session attended or training
    elsewhere (a course, a conference, self-study)."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Portal training session")
        COURSE = "course", _("Course")
        CONFERENCE = "conference", _("Conference")
        WEBINAR = "webinar", _("Webinar")
        COLLEGIAL = "collegial", _("Collegial learning")
        SELF_STUDY = "self_study", _("Self-study")
        LEADERSHIP = "leadership", _("Leadership training")
        OTHER = "other", _("Other")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_records",
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_records",
    )
    activity = models.ForeignKey(
        TrainingActivity,
        verbose_name=_("training session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), blank=True, related_name="records"
    )
    reflection = models.TextField(_("reflection"), blank=True)
    certificate = uploads.UploadField(
        _("certificate"),
        folder="competence/certificates",
        types=uploads.PDF_AND_IMAGES,
        name_field="certificate_name",
        blank=True,
    )
    certificate_name = models.CharField(
        _("certificate file name"), max_length=255, blank=True, editable=False
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0), name="%(app_label)s_%(class)s_hours_not_negative"
            ),
            # Attending a session logs it once, however often attendance is marked.
            models.UniqueConstraint(
                fields=["person", "activity"],
                condition=Q(activity__isnull=False),
                name="%(app_label)s_%(class)s_once_per_session",
            ),
        ]
        indexes = [models.Index(fields=["school", "date"], name="comp_record_school_date")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def get_absolute_url(self) -> str:
        return reverse("competence:record_detail", args=[self.pk])

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


# --- Practice sharing -------------------------------------------------------------------------


class PracticeExampleQuerySet(ScopedQuerySet):
    """Everyone with a role reads published examples; authors see and change their own."""

    def visible_q(self, access):
        if access.is_administrator:
            return None
        if not (access.roles or access.superuser):
            return Q(pk__in=[])
        return Q(is_published=True) | Q(author_id=access.user_id)

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(author_id=access.user_id)


def attachment_path(instance, filename):
    # Named by migration 0001 only: uploads are named by vuxportal.uploads.UploadField.
    return f"competence/examples/{instance.author_id}/{filename}"


class PracticeExample(TrackedModel):
    """A practice example a teacher shares with colleagues (the plan's culture of sharing)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="practice_examples",
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practice_examples",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    body = models.TextField(_("description"))
    subject = models.CharField(_("subject or course"), max_length=200, blank=True)
    tools = models.CharField(
        _("tools used"), max_length=300, blank=True, help_text=_("Separate with commas.")
    )
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), blank=True, related_name="examples"
    )
    link = models.URLField(_("link"), blank=True)
    attachment = uploads.UploadField(
        _("attachment"),
        folder="competence/examples",
        types=uploads.DOCUMENTS,
        name_field="attachment_name",
        blank=True,
    )
    attachment_name = models.CharField(
        _("attachment file name"), max_length=255, blank=True, editable=False
    )
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    action = models.ForeignKey(
        "goals.Action",
        verbose_name=_("action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_examples",
        help_text=_("The plan's action this example serves."),
    )

    objects = PracticeExampleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("competence:example_detail", args=[self.pk])


class PracticeUseQuerySet(ParentScopedQuerySet):
    parent_path = "example"


class PracticeUse(TimeStampedModel):
    """A colleague's "I used this" mark; counted once per person."""

    example = models.ForeignKey(
        PracticeExample,
        verbose_name=_("practice example"),
        on_delete=models.CASCADE,
        related_name="uses",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, null=True, blank=True
    )

    objects = PracticeUseQuerySet.as_manager()

    class Meta:
        verbose_name = _("use")
        verbose_name_plural = _("uses")
        constraints = [
            models.UniqueConstraint(
                fields=["example", "person"], name="%(app_label)s_%(class)s_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.example}"


# --- Personal development plans -----------------------------------------------------------


class DevelopmentPlanQuerySet(ScopedQuerySet):
    """Privacy: a plan is seen by its owner and the leaders of the owner's schools (as in a
    yearly development talk), nobody else, administrators included. Only the owner
    changes it; leaders comment (``PlanComment``)."""

    view_roles = (Role.SCHOOL_LEADER,)

    def visible_q(self, access):
        own = Q(person_id=access.user_id)
        leads = access.schools_by_role.get(Role.SCHOOL_LEADER, set())
        if Role.SCHOOL_LEADER in access.org_wide_roles:
            return None
        if not leads:
            return own
        staff = Membership.objects.current().filter(school__in=leads).values("user_id")
        return own | Q(person_id__in=staff)

    def editable_q(self, access):
        return Q(person_id=access.user_id)


class DevelopmentPlan(TrackedModel):
    """A person's development plan: up to three focus competences, picked after a
    self-assessment (suggested from the lowest ratings), with a note."""

    MAX_FOCUS = 3

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="development_plans",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="development_plans",
    )
    focus = models.ManyToManyField(
        Competence, verbose_name=_("focus competences"), related_name="development_plans"
    )
    note = models.TextField(_("note"), blank=True)

    objects = DevelopmentPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period__sort_key"]
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "period"], name="%(app_label)s_%(class)s_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("competence:plan_detail", args=[self.pk])


class PlanCommentQuerySet(ParentScopedQuerySet):
    parent_path = "plan"


class PlanComment(TimeStampedModel):
    """A leader's (or the owner's) comment on a development plan."""

    plan = models.ForeignKey(
        DevelopmentPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT
    )
    text = models.TextField(_("comment"))

    objects = PlanCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"
