from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Board reports")

    def ready(self):
        # Registers the report tasks with the Celery app in every process (the worker
        # would find them itself, the web process would not), so services send them by
        # name without importing the tasks module, which imports services.
        from . import schedules, tasks  # noqa: F401

        # The Celery beat schedules exist on every installation, created once.
        post_migrate.connect(schedules.setup_after_migrate, sender=self)
