"""People, schools and memberships: who works where, in which role (plan part 3)."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vuxportal import uploads
from vuxportal.models import TimeStampedModel, TrackedModel
from vuxportal.roles import Role
from vuxportal.scoping import (
    ALL,
    ANONYMOUS_ACCESS,
    Access,
    OrganisationWideQuerySet,
    ParentScopedQuerySet,
    ScopedQuerySet,
    access_of,
    schools_for,
)


class SchoolQuerySet(ScopedQuerySet):
    school_path = "pk"

    def active(self):
        return self.filter(is_active=True)

    def choosable_by(self, user, for_model=None):
        """The schools ``user`` may pick for a ``for_model`` row: those they act for."""
        if for_model is None:
            return self.visible_to(user)
        ids = schools_for(user, for_model)
        return self if ids is ALL else self.filter(pk__in=ids)


class School(TrackedModel):
    """A school (skola/enhet) of the adult education's own administration (egen regi)."""

    code = models.SlugField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Short unique code, used in imports and report file names."),
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    student_places = models.PositiveIntegerField(
        _("student places"),
        default=0,
        help_text=_("Number of full-time student places; used for devices per student place."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:school_detail", args=[self.pk])


class UserQuerySet(ScopedQuerySet):
    """Administrators see everyone; school leaders their schools' staff; others themselves.
    Only administrators change people."""

    def _in_schools(self, ids) -> Q:
        return Q(pk__in=Membership.objects.current().filter(school__in=ids).values("user_id"))

    def visible_q(self, access):
        if not access.roles and not access.superuser:
            return Q(pk=access.user_id)
        ids = access.school_ids(Role.ADMINISTRATOR, Role.SCHOOL_LEADER)
        if ids is ALL:
            return None
        return self._in_schools(ids) | Q(pk=access.user_id)

    def editable_q(self, access):
        return None if access.is_administrator else Q(pk__in=[])

    def choosable_by(self, user, for_model=None):
        """The people ``user`` may pick for a ``for_model`` row (an owner, a member, a
        borrower of staff devices): active staff of the schools they act for."""
        if for_model is None:
            return self.visible_to(user).active()
        ids = schools_for(user, for_model)
        people = self.active()
        return people if ids is ALL else people.filter(self._in_schools(ids))

    def active(self):
        return self.filter(is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("The email address must be set")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in to the portal, with the email address as login.

    Students who borrow devices are not users: they never sign in.
    """

    # Every sign-in writes last_login; no cached page shows it, so it leaves the data's
    # version as it is (vuxportal/dataversion.py).
    data_version_ignores = ("last_login",)

    username = None
    email = models.EmailField(_("email address"), unique=True)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("sv", _("Swedish")), ("en", _("English"))],
        default="sv",
        help_text=_("Language of emails sent to this person."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="%(app_label)s_%(class)s_unique_email_ci"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("organisation:person_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @cached_property
    def access(self) -> Access:
        """Roles and schools from the active memberships, read once per request."""
        pairs = (
            Membership.objects.current().filter(user_id=self.pk).values_list("role", "school_id")
        )
        return Access.from_memberships(
            user_id=self.pk, pairs=list(pairs), superuser=self.is_superuser
        )


class MembershipQuerySet(ScopedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on), starts_on__lte=on)

    def visible_q(self, access):
        # Leaders see the memberships at their schools; org-wide ones only administrators.
        ids = access.school_ids(Role.ADMINISTRATOR, Role.SCHOOL_LEADER)
        if ids is None:
            return None
        return Q(school__in=ids) | Q(user_id=access.user_id)


class Membership(TimeStampedModel):
    """A person's role at one school, or organisation-wide when no school is given."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("Leave empty for an organisation-wide role."),
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(ends_on__isnull=True, school__isnull=False),
                name="%(app_label)s_%(class)s_unique_open_role_school",
            ),
            # NULL schools are distinct in SQL, so organisation-wide roles need their own.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(ends_on__isnull=True, school__isnull=True),
                name="%(app_label)s_%(class)s_unique_open_org_role",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["school", "role"], name="org_membership_school_role")]

    def __str__(self) -> str:
        where = self.school or _("whole organisation")
        return f"{self.user} – {self.get_role_display()} ({where})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on > today)


class ProjectQuerySet(OrganisationWideQuerySet):
    """Projects belong to the whole organisation: everyone with a role reads them (their
    sessions and groups are open to all); administrators keep them."""


class Project(TrackedModel):
    """An externally funded or internal development project (e.g. the ESF project Vux 2.0).

    Training sessions and working groups belong to it; the hours of their participants,
    valued at ``HourlyCost`` per role, are the project's co-financing (an ESF claim)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    funder = models.CharField(
        _("funder"), max_length=200, blank=True, help_text=_("For example Europeiska socialfonden.")
    )
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    number = models.CharField(_("project number"), max_length=50, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    owner = models.ForeignKey(
        "organisation.User",
        verbose_name=_("project owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_projects",
    )
    owner_name = models.CharField(
        _("owner (organisation)"),
        max_length=200,
        blank=True,
        help_text=_("The owning organisation, e.g. Stockholms stad, Utbildningsförvaltningen."),
    )
    budget = models.DecimalField(
        _("budget (kr)"), max_digits=14, decimal_places=0, help_text=_("Co-financing included.")
    )
    co_financing = models.DecimalField(
        _("co-financing (kr)"), max_digits=14, decimal_places=0, default=0
    )
    description = models.TextField(_("description"), blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(co_financing__lte=models.F("budget")),
                name="%(app_label)s_%(class)s_co_financing_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:project_detail", args=[self.pk])


class HourlyCostQuerySet(OrganisationWideQuerySet):
    view_roles = (Role.ADMINISTRATOR, Role.SCHOOL_LEADER)


class HourlyCost(TimeStampedModel):
    """What an hour of a role's time is worth in a project's co-financing (set by
    administrators, e.g. salary with social costs)."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, unique=True)
    amount = models.DecimalField(_("kr per hour"), max_digits=8, decimal_places=2)

    objects = HourlyCostQuerySet.as_manager()

    class Meta:
        ordering = ["role"]
        verbose_name = _("hourly cost")
        verbose_name_plural = _("hourly costs")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="%(app_label)s_%(class)s_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.amount}"


class WorkingGroupQuerySet(ScopedQuerySet):
    """Working groups span schools; everyone with a role sees them, administrators and the
    convener change them."""

    # A convener of any role picks members among the people of their own schools.
    act_roles = tuple(Role.values)

    def visible_q(self, access):
        return None if access.roles or access.superuser else Q(pk__in=[])

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(convener_id=access.user_id)

    def of_member(self, user):
        """Groups where ``user`` is a member or the convener."""
        return self.filter(
            Q(convener_id=user.pk)
            | Q(
                pk__in=WorkingGroup.members.through.objects.filter(user_id=user.pk).values(
                    "workinggroup_id"
                )
            )
        )

    def recordable_by(self, user):
        """Groups whose meetings ``user`` may record: administrators, convener, members."""
        access = access_of(user)
        if access is ANONYMOUS_ACCESS:
            return self.none()
        if access.is_administrator:
            return self
        return self.of_member(user)


class WorkingGroup(TrackedModel):
    """A cross-organisational working group (arbetsgrupp), e.g. for teachers, school
    leadership or systems/technology, as in the Vux 2.0 project."""

    class Area(models.TextChoices):
        TEACHING = "teaching", _("Teachers")
        LEADERSHIP = "leadership", _("School leadership")
        SYSTEMS = "systems", _("Systems and technology")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    purpose = models.TextField(_("purpose"), blank=True)
    convener = models.ForeignKey(
        User,
        verbose_name=_("convener"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="convened_groups",
    )
    members = models.ManyToManyField(
        User, verbose_name=_("members"), blank=True, related_name="working_groups"
    )
    is_active = models.BooleanField(_("active"), default=True)
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_groups",
    )

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:working_group_detail", args=[self.pk])


def _member_groups(access: Access):
    """Ids of the working groups the user convenes or belongs to (a subquery)."""
    return WorkingGroup.objects.filter(
        Q(convener_id=access.user_id)
        | Q(
            pk__in=WorkingGroup.members.through.objects.filter(user_id=access.user_id).values(
                "workinggroup_id"
            )
        )
    ).values("pk")


def _everyone_with_a_role(access: Access) -> Q | None:
    return None if access.roles or access.superuser else Q(pk__in=[])


# --- Meetings and decisions -----------------------------------------------------------------


class MeetingQuerySet(ScopedQuerySet):
    """Meetings are as open as their groups; the group's convener, members and
    administrators record and change them."""

    # Group members of any role record decisions, naming people of their own schools.
    act_roles = tuple(Role.values)

    def visible_q(self, access):
        return _everyone_with_a_role(access)

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(group__in=_member_groups(access))


class Meeting(TrackedModel):
    """A meeting of a working group with its agenda, minutes and decisions."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    held_on = models.DateField(_("date"), default=timezone.localdate)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["held_on"], name="org_meeting_held_on")]

    def __str__(self) -> str:
        return f"{self.group} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("organisation:meeting_detail", args=[self.pk])


class DecisionQuerySet(MeetingQuerySet):
    def visible_q(self, access):
        return _everyone_with_a_role(access)

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(meeting__group__in=_member_groups(access))


class Decision(TimeStampedModel):
    """A decision taken at a meeting: what, who carries it out and by when.

    The goals app turns a decision into an action on a goal (its ``Action`` points back
    here), so the organisation app does not need to know about goals.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    responsible = models.ForeignKey(
        "organisation.User",
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_decisions",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + f"#decision-{self.pk}"

    @property
    def group(self) -> WorkingGroup:
        return self.meeting.group


# --- Routines -------------------------------------------------------------------------------


class RoutineQuerySet(ScopedQuerySet):
    """Routines are shared by the whole organisation; the owner and administrators edit."""

    # Leaders, IT staff and administrators add routines for the schools they work with.
    act_roles = (Role.SCHOOL_LEADER, Role.ADMINISTRATOR, Role.IT_STAFF)

    def visible_q(self, access):
        return _everyone_with_a_role(access)

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(owner_id=access.user_id)

    def due(self, on=None):
        """Never reviewed, or the review interval has run out by ``on``."""
        on = on or timezone.localdate()
        return self.filter(is_active=True).filter(
            Q(next_review_on__isnull=True) | Q(next_review_on__lte=on)
        )


class Routine(TrackedModel):
    """A coordinated routine (rutin) for IT support and digital work, reviewed regularly."""

    class Area(models.TextChoices):
        DEVICES = "devices", _("Devices")
        ACCOUNTS = "accounts", _("Accounts and access")
        SYSTEMS = "systems", _("Systems")
        SUPPORT = "support", _("Support")
        SECURITY = "security", _("Information security")
        TEACHING = "teaching", _("Teaching with digital tools")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routines",
        help_text=_("Leave empty when the routine covers the whole organisation."),
    )
    owner = models.ForeignKey(
        "organisation.User",
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_routines",
    )
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), blank=True, help_text=_("Where the routine is written down."))
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=12
    )
    # Kept in step with the two fields above on save, so "due" is a plain indexed filter.
    next_review_on = models.DateField(_("next review"), null=True, blank=True, editable=False)
    last_reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("routine")
        verbose_name_plural = _("routines")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_interval_months__gte=1, review_interval_months__lte=60),
                name="%(app_label)s_%(class)s_interval_1_to_60",
            ),
        ]
        indexes = [
            models.Index(fields=["next_review_on"], name="org_routine_next_review"),
            # In the default order: overviews read the first rows without sorting them all.
            models.Index(fields=["title"], name="org_routine_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organisation:routine_detail", args=[self.pk])

    def compute_next_review(self):
        if self.last_reviewed_on is None:
            return None
        return add_months(self.last_reviewed_on, self.review_interval_months)

    def save(self, *args, **kwargs):
        self.next_review_on = self.compute_next_review()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "next_review_on"}
        super().save(*args, **kwargs)

    @property
    def is_due(self) -> bool:
        return self.is_active and (
            self.next_review_on is None or self.next_review_on <= timezone.localdate()
        )


def add_months(day, months: int):
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# --- Support requests -----------------------------------------------------------------------


class SupportRequestQuerySet(ScopedQuerySet):
    """Only the requester, the handlers and leaders of the requester's school see a request.

    Handlers are the routed working group's convener and members or, when no group is
    set, the IT staff of the request's school (organisation-wide IT staff: every school).
    """

    # Anyone with a role files a request for the schools they belong to.
    act_roles = tuple(Role.values)

    def _handler_q(self, access: Access) -> Q:
        q = Q(handling_group__in=_member_groups(access))
        if Role.IT_STAFF in access.org_wide_roles:
            q |= Q(handling_group__isnull=True)
        elif access.schools_by_role.get(Role.IT_STAFF):
            q |= Q(handling_group__isnull=True, school__in=access.schools_by_role[Role.IT_STAFF])
        return q

    def visible_q(self, access):
        if access.superuser:
            return None
        q = Q(requester_id=access.user_id) | self._handler_q(access)
        if Role.SCHOOL_LEADER in access.org_wide_roles:
            q |= Q(pk__isnull=False)
        elif access.schools_by_role.get(Role.SCHOOL_LEADER):
            q |= Q(school__in=access.schools_by_role[Role.SCHOOL_LEADER])
        return q

    def editable_q(self, access):
        """Handling (status, routing, publishing) is for the handlers only."""
        if access.superuser:
            return None
        return self._handler_q(access)

    def open(self):
        return self.exclude(status=SupportRequest.Status.RESOLVED)


class SupportRequest(TrackedModel):
    """A question or request for help with digital work ("everyone can get support")."""

    class Category(models.TextChoices):
        DEVICE = "device", _("Device")
        ACCOUNT = "account", _("Account and sign-in")
        SYSTEM = "system", _("System")
        TEACHING = "teaching", _("Teaching with digital tools")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting for the requester")
        RESOLVED = "resolved", _("Resolved")

    requester = models.ForeignKey(
        "organisation.User",
        verbose_name=_("requester"),
        on_delete=models.PROTECT,
        related_name="support_requests",
    )
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="support_requests"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    attachment = uploads.UploadField(
        _("attachment"),
        folder="support",
        types=uploads.DOCUMENTS_AND_TEXT,
        name_field="attachment_name",
        blank=True,
    )
    attachment_name = models.CharField(
        _("attachment file name"), max_length=255, blank=True, editable=False
    )
    handling_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("handled by working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        help_text=_("Empty: the IT staff of the school handle the request."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="resolved", resolved_at__isnull=False)
                | (~Q(status="resolved") & Q(resolved_at__isnull=True)),
                name="%(app_label)s_%(class)s_resolved_at_iff_resolved",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "status"], name="org_support_school_status"),
            models.Index(fields=["resolved_at"], name="org_support_resolved_at"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("organisation:support_detail", args=[self.pk])

    @property
    def handled_by_label(self) -> str:
        if self.handling_group_id:
            return str(self.handling_group)
        return str(_("IT staff at %(school)s") % {"school": self.school})


class SupportReplyQuerySet(ParentScopedQuerySet):
    parent_path = "request"


class SupportReply(TimeStampedModel):
    """One message in a support request's thread, by a handler or the requester."""

    request = models.ForeignKey(
        SupportRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        "organisation.User",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="support_replies",
    )
    body = models.TextField(_("message"))
    by_handler = models.BooleanField(_("by a handler"), default=False)

    objects = SupportReplyQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class HelpArticleQuerySet(ScopedQuerySet):
    """Published help articles are for everyone signed in; authors and administrators edit."""

    def visible_q(self, access):
        return _everyone_with_a_role(access)

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(author_id=access.user_id)


class HelpArticle(TrackedModel):
    """A question and answer (FAQ), usually published from a resolved support request."""

    title = models.CharField(_("question"), max_length=200)
    category = models.CharField(
        _("category"), max_length=20, choices=SupportRequest.Category.choices
    )
    body = models.TextField(_("answer"))
    source_request = models.OneToOneField(
        SupportRequest,
        verbose_name=_("from support request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_article",
    )
    author = models.ForeignKey(
        "organisation.User",
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="help_articles",
    )

    objects = HelpArticleQuerySet.as_manager()

    class Meta:
        ordering = ["category", "title"]
        verbose_name = _("help article")
        verbose_name_plural = _("help articles")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organisation:help_detail", args=[self.pk])


# --- Environmental scanning -----------------------------------------------------------------


class PlanPart(models.IntegerChoices):
    """The plan's four parts (the same numbers as the goals app's ``PlanPart``)."""

    VISION = 1, _("Vision and goals")
    COMPETENCE = 2, _("Digital competence")
    ORGANISATION = 3, _("Organisation and responsibility")
    INFRASTRUCTURE = 4, _("Infrastructure and digital tools")


class ScanningNoteQuerySet(ScopedQuerySet):
    """Notes are for everyone with a role; the author and administrators edit."""

    def visible_q(self, access):
        return _everyone_with_a_role(access)

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(author_id=access.user_id)


class ScanningNote(TrackedModel):
    """An environmental scanning note (omvärldsbevakning): something seen outside that
    matters for a part of the plan."""

    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(
        _("source"), max_length=200, help_text=_("E.g. Skolverket, a report, a conference.")
    )
    link = models.URLField(_("link"), blank=True)
    summary = models.TextField(_("summary"))
    plan_part = models.PositiveSmallIntegerField(
        _("relevant to part of the plan"), choices=PlanPart.choices
    )
    tags = models.CharField(
        _("tags"), max_length=200, blank=True, help_text=_("Separate tags with commas.")
    )
    noted_on = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        "organisation.User",
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="scanning_notes",
    )

    objects = ScanningNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-noted_on", "-pk"]
        verbose_name = _("scanning note")
        verbose_name_plural = _("scanning notes")
        indexes = [models.Index(fields=["noted_on"], name="org_scanning_noted_on")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organisation:scanning_detail", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    def save(self, *args, **kwargs):
        # One spelling per tag: trimmed, lower case, no duplicates, in the order given.
        self.tags = ", ".join(dict.fromkeys(t.lower() for t in self.tag_list))
        super().save(*args, **kwargs)
