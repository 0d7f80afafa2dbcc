"""What a person can be responsible for in the competence app: upcoming training
sessions they organise (handed over when they leave)."""

from django.utils.translation import gettext_lazy as _

from organisation.responsibilities import responsibilities

from .models import TrainingActivity

responsibilities.register(
    "competence.trainingactivity",
    label=_("Upcoming training sessions"),
    queryset=lambda: TrainingActivity.objects.upcoming(),
    person_field="organiser",
    school_path="school",
    order=40,
)
