"""Start-page panels: my training for staff, the school's training for leaders."""

from django.db.models import Sum
from django.utils import timezone

from vuxportal.roles import Role
from vuxportal.scoping import ALL, schools_for
from vuxportal.startpage import Panel

from . import selectors, services
from .models import Enrolment, SelfAssessment, TrainingRecord


def my_training(request):
    user = request.user
    year = timezone.localdate().year
    period = services.current_period()
    assessed = (
        set(
            SelfAssessment.objects.filter(person=user, period=period).values_list(
                "framework_id", flat=True
            )
        )
        if period
        else set()
    )
    return {
        "enrolments": list(
            Enrolment.objects.filter(
                person=user,
                status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITING],
                activity__ends_at__gte=timezone.now(),
            )
            .select_related("activity")
            .order_by("activity__starts_at")[:5]
        ),
        "hours": TrainingRecord.objects.filter(person=user, date__year=year).aggregate(
            h=Sum("hours")
        )["h"]
        or 0,
        "year": year,
        "period": period,
        "due": [f for f in selectors.frameworks_for(user) if f.pk not in assessed]
        if period
        else [],
    }


def school_training(request):
    year = timezone.localdate().year
    records = TrainingRecord.objects.visible_to(request.user).filter(date__year=year)
    return {
        "year": year,
        "hours": records.aggregate(h=Sum("hours"))["h"] or 0,
        "unconfirmed": records.filter(confirmed_at__isnull=True)
        .exclude(person=request.user)
        .count(),
        "all_schools": schools_for(request.user, TrainingRecord, "view") is ALL,
    }


# Registered in plugins.py.
MY_TRAINING = Panel(
    "competence/partials/panel_my_training.html",
    roles=(Role.TEACHER, Role.STAFF),
    get_context=my_training,
)
SCHOOL_TRAINING = Panel(
    "competence/partials/panel_school_training.html",
    roles=(Role.SCHOOL_LEADER, Role.ADMINISTRATOR),
    get_context=school_training,
)
