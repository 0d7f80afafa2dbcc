from django.utils.translation import gettext_lazy as _

from organisation.responsibilities import responsibilities

from .models import Action, Goal, Prerequisite

responsibilities.register(
    "goals.goal",
    label=_("Goals"),
    queryset=lambda: Goal.objects.select_related("plan"),
    person_field="responsible",
    order=10,
)
responsibilities.register(
    "goals.prerequisite",
    label=_("Prerequisites"),
    queryset=lambda: Prerequisite.objects.select_related("plan"),
    person_field="responsible",
    order=11,
)
responsibilities.register(
    "goals.action",
    label=_("Actions"),
    queryset=lambda: Action.objects.select_related("plan"),
    person_field="responsible",
    group_field="responsible_group",
    school_path="schools",
    order=12,
)
