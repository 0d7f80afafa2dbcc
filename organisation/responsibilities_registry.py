"""The organisation app's own kinds in the responsibility registry: working groups (their
convener), routines (their owner) and meeting decisions (their responsible person)."""

from django.utils.translation import gettext_lazy as _

from .models import Decision, Routine, WorkingGroup
from .responsibilities import responsibilities


def register() -> None:
    if "organisation.working_group" in responsibilities:
        return
    responsibilities.register(
        "organisation.working_group",
        label=_("Working groups (convener)"),
        queryset=lambda: WorkingGroup.objects.filter(is_active=True),
        person_field="convener",
        order=60,
    )
    responsibilities.register(
        "organisation.routine",
        label=_("Routines"),
        queryset=lambda: Routine.objects.filter(is_active=True),
        person_field="owner",
        school_path="school",
        order=70,
    )
    responsibilities.register(
        "organisation.decision",
        label=_("Decisions of working groups"),
        queryset=lambda: Decision.objects.select_related("meeting__group"),
        person_field="responsible",
        order=80,
    )
