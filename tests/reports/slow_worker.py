"""The Celery app for the kill test's worker processes.

A worker started with ``REPORTS_TEST_PDF_DELAY=<seconds>`` waits that long in the PDF
step of every compile (at the boundary, ``reports.rendering.render_pdf``), so the test
can kill it mid-compile. The patch is applied inside the worker process (the test cannot
patch a separate process) just before a task runs.
"""

import os
import time

from celery.signals import task_prerun

from vuxportal.celery import app

__all__ = ["app"]


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
