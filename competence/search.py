"""What the competence part lets people find in the header's search (vuxportal/search.py):
training sessions and practice examples. Imported by plugins.py."""

from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from vuxportal.search import SearchKind, register

from .models import PracticeExample, TrainingActivity


def _session_context(session) -> str:
    parts = [
        formats.date_format(localtime(session.starts_at), "SHORT_DATETIME_FORMAT"),
        session.school or _("Whole organisation"),
        session.place,
    ]
    if session.cancelled_at:
        parts.append(_("cancelled"))
    return " · ".join(str(part) for part in parts if part)


def _example_context(example) -> str:
    parts = (example.author.display_name, example.school, example.subject)
    return " · ".join(str(part) for part in parts if part)


register(
    SearchKind(
        key="competence.training_session",
        model=TrainingActivity,
        queryset=lambda user: TrainingActivity.objects.visible_to(user).select_related("school"),
        text_fields=("title", "description", "series", "place"),
        trigram_fields=("title",),
        context=_session_context,
        list_url_name="competence:activity_list",
        permission="competence.view_activities",
        order=60,
    ),
    SearchKind(
        key="competence.practice_example",
        model=PracticeExample,
        queryset=lambda user: PracticeExample.objects.visible_to(user).select_related(
            "author", "school"
        ),
        text_fields=("title", "summary", "body", "subject", "tools"),
        trigram_fields=("title",),
        context=_example_context,
        list_url_name="competence:example_list",
        permission="competence.share_practice",
        order=70,
    ),
)
