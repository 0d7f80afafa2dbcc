from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation and responsibility")

    def ready(self):
        # The organisation's own kinds of responsibility; the part apps register theirs
        # from their responsibilities.py modules.
        from .responsibilities_registry import register

        register()
