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

from vuxportal.models import TimeStampedModel, TrackedModel
from vuxportal.roles import Role
from vuxportal.scoping import Access, ScopedQuerySet, access_of


class SchoolQuerySet(ScopedQuerySet):
    school_path = "pk"

    def active(self):
        return self.filter(is_active=True)


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


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Administrators see everyone; school leaders their schools' staff; others themselves."""
        access = access_of(user)
        if not access.roles and not access.superuser:
            return self.none() if not user.is_authenticated else self.filter(pk=user.pk)
        ids = access.school_ids(Role.ADMINISTRATOR, Role.SCHOOL_LEADER)
        if ids is None:
            return self
        if not ids:
            return self.filter(pk=user.pk)
        in_schools = Membership.objects.current().filter(school__in=ids).values("user_id")
        return self.filter(Q(pk__in=in_schools) | Q(pk=user.pk))

    def editable_by(self, user):
        return self if access_of(user).is_administrator else self.none()

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


class WorkingGroupQuerySet(ScopedQuerySet):
    """Working groups span schools; everyone with a role sees them, administrators and the
    convener change them."""

    def visible_q(self, access):
        return None if access.roles or access.superuser else Q(pk__in=[])

    def editable_q(self, access):
        if access.is_administrator:
            return None
        return Q(convener_id=access.user_id)


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

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name
