from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = _("Vision and goals")

    def ready(self):
        from . import decisions  # noqa: F401  (the meeting page's "make it an action" links)
