"""The five roles of DESIGN.md. Shared by every app, so it lives in the plumbing package."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    STAFF = "staff", _("Other staff")
    SCHOOL_LEADER = "school_leader", _("School leader")
    IT_STAFF = "it_staff", _("IT staff")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that make up a school's staff: counted in staff metrics and self-assessments.
STAFF_ROLES = (Role.TEACHER, Role.STAFF, Role.SCHOOL_LEADER, Role.IT_STAFF)
