from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class VuxportalConfig(AppConfig):
    name = "vuxportal"
    verbose_name = _("Vuxportal")

    def ready(self):
        from . import schema  # noqa: F401  (registers the schema extensions)

        # Every app plugs its metrics and menu entries in from its own module, the way
        # Django's admin discovers admin.py; this app never imports the part apps.
        autodiscover_modules("metrics")
        autodiscover_modules("navigation")
        autodiscover_modules("startpage")
        autodiscover_modules("responsibilities")
