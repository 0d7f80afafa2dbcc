from django.utils.translation import gettext_lazy as _

from vuxportal.navigation import MenuItem, menu

menu.add(
    MenuItem(
        _("Training"),
        "competence:activity_list",
        "competence.view_activities",
        order=30,
    ),
    MenuItem(
        _("Self-assessment"),
        "competence:self_assessment_list",
        "competence.self_assess",
        order=31,
    ),
    MenuItem(
        _("Training log"),
        "competence:record_list",
        "competence.log_training",
        order=32,
    ),
    MenuItem(
        _("Practice examples"),
        "competence:example_list",
        "competence.share_practice",
        order=33,
    ),
    MenuItem(
        _("Competence overview"),
        "competence:aggregate",
        "competence.view_aggregates",
        order=34,
    ),
)
