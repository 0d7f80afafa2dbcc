from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class VuxportalConfig(AppConfig):
    name = "vuxportal"
    verbose_name = _("Vuxportal")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import schema  # noqa: F401  (registers the schema extensions)
        from .middleware import AbsoluteSessionLifetimeMiddleware

        user_logged_in.connect(
            AbsoluteSessionLifetimeMiddleware.stamp_sign_in, dispatch_uid="vuxportal.sign_in"
        )
        # Every table of the portal's apps keeps the data's version (a trigger each),
        # including the tables of models added later: installed after every migrate.
        post_migrate.connect(_install_data_version, sender=self)

        # The one place plug-ins are loaded: every app's plugins.py fills the one registry
        # (vuxportal/registry.py), the way Django's admin discovers admin.py; this app
        # never imports the part apps. All apps are loaded by now, so a plugins module may
        # import its app's models.
        autodiscover_modules("plugins")


def _install_data_version(sender, using="default", **kwargs):
    from . import dataversion

    dataversion.install(using=using)
