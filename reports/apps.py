from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Board reports")

    def ready(self):
        from . import schedules

        # The Celery beat schedules exist on every installation, created once.
        post_migrate.connect(schedules.setup_after_migrate, sender=self)
