"""Metrics from the organisation's own data, for automatic indicators."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vuxportal.metrics import register
from vuxportal.roles import STAFF_ROLES

from .models import Membership, User


def _active_staff(*, school, start, end):
    """People with a staff role that overlaps the date range."""
    memberships = Membership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=start), starts_on__lte=end, role__in=STAFF_ROLES
    )
    if school is not None:
        memberships = memberships.filter(school=school)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


@register(
    "organisation.active_staff",
    label=_("Active staff"),
    unit="count",
    description=_("People with a teacher, staff, school leader or IT role during the period."),
    records=_active_staff,
)
def active_staff(*, school, start, end):
    return _active_staff(school=school, start=start, end=end).count()
