from django.utils.translation import gettext_lazy as _

from organisation.responsibilities import responsibilities

from .models import System

responsibilities.register(
    "infrastructure.system",
    label=_("Systems (system owner)"),
    queryset=lambda: System.objects.all(),
    person_field="owner",
    order=60,
)
