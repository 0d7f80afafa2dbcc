"""The Celery app for the kill tests' processes (workers and beat): the portal's own app,
with test hooks switched on by the environment, read in that process (the test cannot
patch a separate process).

- ``REPORTS_TEST_PDF_DELAY=<seconds>``: every compile waits that long in its PDF step (at
  the boundary, ``reports.rendering.render_pdf``), so the test can kill the worker
  mid-PDF. The patch is applied just before a task runs, in the process that runs it.
- ``REPORTS_TEST_QUEUE=<name>``: the default queue, so beat's sweeps and the compiles the
  sweep sends stay within one test on a Redis that other tests share.
- ``REPORTS_TEST_FINISHED=<path>``: each time a report is stored as done, its id is
  appended to this file once the transaction commits, so the test can count finishes.
"""

import os
import time

from celery.signals import task_prerun
from django.db import transaction
from django.db.models.signals import post_save

from vuxportal.celery import app

__all__ = ["app"]

if os.environ.get("REPORTS_TEST_QUEUE"):
    app.conf.task_default_queue = os.environ["REPORTS_TEST_QUEUE"]


@task_prerun.connect
def _slow_pdf_step(**kwargs):
    delay = float(os.environ.get("REPORTS_TEST_PDF_DELAY", "0"))
    if not delay:
        return
    from reports import rendering

    if getattr(rendering.render_pdf, "slowed", False):
        return
    original = rendering.render_pdf

    def slowed(snapshot):
        time.sleep(delay)
        return original(snapshot)

    slowed.slowed = True
    rendering.render_pdf = slowed


def _count_finishes(sender, instance, **kwargs):
    path = os.environ.get("REPORTS_TEST_FINISHED")
    if not path or instance.status != "done":
        return

    def append():
        with open(path, "a") as log:
            log.write(f"{instance.pk}\n")

    transaction.on_commit(append)


post_save.connect(_count_finishes, sender="reports.Report", weak=False)
