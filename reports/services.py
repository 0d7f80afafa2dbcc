"""Requesting, compiling, retrying and sweeping reports.

The ``Report`` row is the source of truth for a job. A worker *claims* a report with one
conditional UPDATE (queued → running, or running with a stale heartbeat → running), so
two deliveries of the same message never compile it twice at the same time, and a done
report is never compiled again. Every later write of the compile is conditional on that
claim (its attempt number), so a worker that lost its claim cannot overwrite the result
of the worker that took the report over.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from datetime import timedelta

from celery.exceptions import Retry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from goals.models import ReportingPeriod
from organisation.models import School
from vuxportal.celery import app as celery_app
from vuxportal.scoping import may_act_for_school

from . import rendering
from .models import ORGANISATION_ONLY, PERIOD_KIND_OF, Report, ReportKind
from .snapshot import build_snapshot

logger = logging.getLogger(__name__)

# How a lost worker is noticed (README, "Board reports"): a worker beats a report's
# heart this often for the whole compile, from a thread, because the PDF step is one long
# call into WeasyPrint.
HEARTBEAT_EVERY = timedelta(seconds=10)
# A running report whose heartbeat is older than this lost its worker. Several missed
# beats, so a busy machine is not taken for a dead worker (and if it is, the conditional
# writes keep the result single). With the sweep every 20 s (reports/plugins.py), a
# report is re-queued at most about 65 s after its worker died and done well within two
# minutes when a worker is free.
STALE_AFTER = timedelta(seconds=45)
# A report that lost this many workers is failed instead of sent again: a compile that
# kills its worker (memory, the hard time limit) would otherwise take one down a minute.
MAX_ATTEMPTS = 5
# Queued reports older than this are sent to the broker again (it may have been down).
RESEND_AFTER = timedelta(minutes=10)


class TransientError(Exception):
    """A passing failure (database or storage hiccup): the task retries with backoff."""


class DispatchError(Exception):
    pass


# --- Requesting -----------------------------------------------------------------------------


def validate_request(*, kind: str, period: ReportingPeriod) -> None:
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choose a kind of report.")})
    needed = PERIOD_KIND_OF.get(kind)
    if needed and period.kind != needed:
        raise ValidationError(
            {
                "period": _("A %(kind)s needs a period of the kind %(period_kind)s.")
                % {
                    "kind": ReportKind(kind).label.lower(),
                    "period_kind": ReportingPeriod.Kind(needed).label,
                }
            }
        )


def report_request(
    *,
    kind: str,
    period: ReportingPeriod,
    school: School | None,
    requested_by=None,
    send: bool = True,
) -> Report:
    """The report for (kind, period, school): the existing one, or a new queued one that is
    sent to a worker once the transaction commits (unless ``send`` is false: the caller
    compiles it itself). Idempotent."""
    validate_request(kind=kind, period=period)
    if kind in ORGANISATION_ONLY and school is not None:
        raise ValidationError(
            {
                "school": _("A %(kind)s covers the whole organisation.")
                % {"kind": ReportKind(kind).label.lower()}
            }
        )
    # The same rule as ``editable_by``, applied to a report not yet created; scheduled
    # compiles (no person) act for the organisation.
    if requested_by is not None and not may_act_for_school(
        requested_by, Report, school.pk if school else None
    ):
        raise ValidationError(
            {"school": _("Only administrators compile reports for the whole organisation.")}
            if school is None
            else {"school": _("Choose one of your schools.")}
        )
    draft = not period.is_closed
    key = Report.make_key(
        kind=kind, period_id=period.pk, school_id=school.pk if school else None, draft=draft
    )
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "period": period,
                "school": school,
                "is_draft": draft,
                "requested_by": requested_by,
            },
        )
        if created and send:
            transaction.on_commit(lambda: dispatch(report_id=report.pk))
    return report


@transaction.atomic
def report_retry(*, report: Report, requested_by=None, send: bool = True) -> Report:
    """Queues a failed report again (same row); a draft can also be compiled again with
    the latest figures."""
    if report.status not in (Report.Status.FAILED, Report.Status.DONE):
        raise ValidationError(_("The report is already queued or being compiled."))
    if report.status == Report.Status.DONE and not report.is_draft:
        raise ValidationError(_("A final report of a closed period is not compiled again."))
    report.status = Report.Status.QUEUED
    report.progress = 0
    report.error = ""
    if requested_by is not None:
        report.requested_by = requested_by
    report.save(update_fields=["status", "progress", "error", "requested_by", "updated"])
    if send:
        transaction.on_commit(lambda: dispatch(report_id=report.pk))
    return report


def _task(name: str):
    """A task by its registered name. The tasks module imports this one (a task calls a
    service), so services reach tasks through Celery's registry instead of importing them;
    the task object still runs eagerly where Celery is set to. The project's app, not
    ``current_app``: that is per thread, and a request's thread may not have it."""
    return celery_app.tasks[name]


def dispatch(*, report_id: int) -> bool:
    """Sends the compile task. When the broker cannot be reached the report stays queued
    with a note, and the sweep sends it again later: nothing is lost."""
    compile_report = _task("reports.tasks.compile_report")
    options = {}
    queue = getattr(settings, "REPORTS_QUEUE", None)
    if queue:
        options["queue"] = queue
    try:
        compile_report.apply_async(args=[report_id], **options)
    except Retry:
        # Run eagerly (no broker), a passing failure was already retried in-process and
        # the report's row says how it ended.
        return True
    except Exception as error:  # kombu/redis raise many kinds; any of them means "not sent"
        if compile_report.app.conf.task_always_eager:
            raise
        logger.warning("Could not queue report %s: %s", report_id, error)
        Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
            error=_(
                "The job queue could not be reached. The report stays queued and is sent "
                "again automatically within a few minutes."
            )
        )
        return False
    return True


# --- Compiling ------------------------------------------------------------------------------


class _ClaimLost(Exception):
    """The report is no longer this worker's (the sweep re-queued it, another took it)."""


def _claim(report_id: int) -> int | None:
    """Takes the report for this worker. Returns the claim's attempt number, on which every
    later write of this compile is conditional, or ``None`` when it is not claimable."""
    now = timezone.now()
    claimable = Q(status=Report.Status.QUEUED) | Q(
        status=Report.Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER
    )
    with transaction.atomic():
        claimed = Report.objects.filter(claimable, pk=report_id).update(
            status=Report.Status.RUNNING,
            progress=5,
            error="",
            started_at=now,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
        )
        if not claimed:
            return None
        # The UPDATE holds the row lock until commit, so this reads this claim's number.
        return Report.objects.filter(pk=report_id).values_list("attempts", flat=True).get()


def _claimed(report_id: int, attempt: int):
    return Report.objects.filter(pk=report_id, status=Report.Status.RUNNING, attempts=attempt)


def _progress(report_id: int, attempt: int, percent: int) -> None:
    if not _claimed(report_id, attempt).update(progress=percent, heartbeat_at=timezone.now()):
        raise _ClaimLost


class _Heartbeat:
    """Beats a claimed report's heart from a thread while the compile runs, so a long step
    is never taken for a lost worker. Stops at the first beat that finds the claim gone."""

    def __init__(self, report_id: int, attempt: int):
        self.report_id, self.attempt = report_id, attempt
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        # Inside a caller's transaction (an eager run in a test) the claim is not committed:
        # no other worker can see or take the report, and the thread's own connection would
        # not see the claim either.
        if not transaction.get_connection().in_atomic_block:
            self._thread = threading.Thread(
                target=self._run, name=f"report-{self.report_id}-heartbeat", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        try:
            while not self._stop.wait(HEARTBEAT_EVERY.total_seconds()):
                try:
                    beat = _claimed(self.report_id, self.attempt).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError as error:
                    # Try again at the next beat; an outage longer than STALE_AFTER lets the
                    # sweep hand the report on, and the conditional writes stop this compile.
                    logger.warning("Heartbeat of report %s failed: %s", self.report_id, error)
                    continue
                if not beat:
                    if not self._stop.is_set():  # set: the compile has just finished
                        logger.warning(
                            "Report %s attempt %s is no longer this worker's",
                            self.report_id,
                            self.attempt,
                        )
                    return
        finally:
            connection.close()  # this thread's own connection


def report_compile(*, report_id: int, final_attempt: bool = True) -> Report | None:
    """Compiles a queued report: snapshot, PDF, Excel, then stores all in one transaction.

    Does nothing for a report that is done, failed, or being compiled by a live worker,
    and stops without writing when the report stops being this claim's (the sweep took it
    from a worker it believed lost). A passing failure puts the report back in the queue
    and raises ``TransientError`` (the task retries) unless this is the final attempt;
    anything else fails the report with the reason shown to the user.
    """
    attempt = _claim(report_id)
    if attempt is None:
        logger.info("Report %s is not claimable; nothing to do", report_id)
        return None
    report = Report.objects.select_related("period", "school", "requested_by").get(pk=report_id)
    try:
        with _Heartbeat(report_id, attempt):
            snapshot = build_snapshot(kind=report.kind, period=report.period, school=report.school)
            _progress(report_id, attempt, 35)
            pdf = rendering.render_pdf(snapshot)
            _progress(report_id, attempt, 75)
            excel = rendering.render_excel(snapshot)
            _progress(report_id, attempt, 90)
            return _store(report, attempt, snapshot=snapshot, pdf=pdf, excel=excel)
    except _ClaimLost:
        logger.warning(
            "Report %s attempt %s was taken over; its result is left", report_id, attempt
        )
        return None
    except (DatabaseError, OSError) as error:
        if final_attempt:
            _fail(report_id, attempt, error)
            return None
        if not _claimed(report_id, attempt).update(
            status=Report.Status.QUEUED, progress=0, error=str(error)[:2000]
        ):
            return None
        raise TransientError(str(error)) from error
    except Exception as error:
        logger.exception("Report %s failed", report_id)
        _fail(report_id, attempt, error)
        return None


def _fail(report_id: int, attempt: int, error: Exception) -> None:
    _claimed(report_id, attempt).update(
        status=Report.Status.FAILED,
        finished_at=timezone.now(),
        error=f"{type(error).__name__}: {error}"[:2000],
    )


def _save_file(field, name: str, content: bytes) -> None:
    # Stable names: a second attempt replaces the first's file instead of adding one.
    storage = field.storage
    path = field.field.generate_filename(field.instance, name)
    if storage.exists(path):
        storage.delete(path)
    field.save(name, ContentFile(content), save=False)


def _store(report: Report, attempt: int, *, snapshot: dict, pdf: bytes, excel: bytes):
    with transaction.atomic():
        locked = _claimed(report.pk, attempt).select_for_update().first()
        if locked is None:
            raise _ClaimLost
        # Not guessable from the report (DESIGN.md: no file by a predictable path), yet the
        # same for every attempt, so a retry replaces the first attempt's file.
        stem = salted_hmac("vuxportal.reports.file", str(locked.pk)).hexdigest()[:32]
        _save_file(locked.pdf, f"{stem}.pdf", pdf)
        _save_file(locked.excel, f"{stem}.xlsx", excel)
        locked.snapshot = snapshot
        locked.checksum = hashlib.sha256(pdf).hexdigest()
        locked.status = Report.Status.DONE
        locked.progress = 100
        locked.error = ""
        locked.finished_at = timezone.now()
        locked.save()
        if locked.requested_by_id:
            transaction.on_commit(lambda: _send_ready_notice(locked.pk))
    return locked


def _send_ready_notice(report_id: int) -> None:
    """Queues the "your report is ready" email as a task of its own. The report is done
    whatever becomes of the email: a mail server that is down must not turn a finished
    report into a failed one (the task retries the email by itself)."""
    try:
        _task("reports.tasks.notify_report_ready").delay(report_id)
    except Exception:  # run eagerly, the email's own failure lands here: log, go on
        logger.exception("Could not send the ready notice of report %s", report_id)


def notify_ready(*, report_id: int) -> None:
    report = Report.objects.select_related("requested_by", "period", "school").get(pk=report_id)
    user = report.requested_by
    if user is None or not user.email:
        return
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = _("Your report is ready: %(report)s") % {"report": report}
        body = render_to_string(
            "reports/email/report_ready.txt",
            {"report": report, "user": user, "url": settings.SITE_URL + report.get_absolute_url()},
        )
    send_mail(subject, body, None, [user.email])


# --- Sweeping and schedules ---------------------------------------------------------------------


def reports_requeue_stuck(
    *, stale_after: timedelta = STALE_AFTER, resend_after: timedelta = RESEND_AFTER
) -> list[int]:
    """Re-queues reports whose worker was lost (running, no heartbeat for ``stale_after``),
    fails those that lost ``MAX_ATTEMPTS`` workers, and sends again the queued ones that
    waited longer than ``resend_after``. Each change is conditional, so sweeps that run at
    the same time (beat's and a starting worker's) send a report once."""
    now = timezone.now()
    stale = Q(status=Report.Status.RUNNING, heartbeat_at__lt=now - stale_after)
    sent = []
    for report_id, attempts in Report.objects.filter(stale).values_list("pk", "attempts"):
        lost = Report.objects.filter(stale, pk=report_id, attempts=attempts)
        if attempts >= MAX_ATTEMPTS:
            lost.update(
                status=Report.Status.FAILED,
                finished_at=now,
                error=_(
                    "Compiling stopped after %(count)s attempts because the worker was lost. "
                    "Try again, and if it stops again, ask an administrator to check the "
                    "workers."
                )
                % {"count": attempts},
            )
        elif lost.update(status=Report.Status.QUEUED, progress=0, updated=now):
            sent.append(report_id)
    waiting = Q(status=Report.Status.QUEUED, updated__lt=now - resend_after)
    for report_id in Report.objects.filter(waiting).values_list("pk", flat=True):
        if Report.objects.filter(waiting, pk=report_id).update(updated=now):
            sent.append(report_id)
    for report_id in sent:
        dispatch(report_id=report_id)
    return sent


def reports_draft_after_deadline(*, on=None) -> list[Report]:
    """The day after a period's deadline (or the first run after it, within a week), a
    draft of the organisation's report for that period."""
    on = on or timezone.localdate()
    periods = ReportingPeriod.objects.filter(deadline__lt=on, deadline__gte=on - timedelta(days=7))
    kinds = {v: k for k, v in PERIOD_KIND_OF.items()}
    return [
        report_request(kind=kinds[period.kind], period=period, school=None) for period in periods
    ]


@transaction.atomic
def schedule_update(*, task, enabled: bool, minute: str, hour: str, day_of_week: str):
    """Points a periodic task at the crontab with the given times (shared crontab rows are
    never changed in place) and switches it on or off."""
    from django_celery_beat.models import CrontabSchedule
    from django_celery_beat.validators import (
        day_of_week_validator,
        hour_validator,
        minute_validator,
    )

    errors = {}
    for name, value, validator in (
        ("minute", minute, minute_validator),
        ("hour", hour, hour_validator),
        ("day_of_week", day_of_week, day_of_week_validator),
    ):
        try:
            validator(value.strip())
        except ValidationError:
            errors[name] = _("Not a valid value: %(value)s") % {"value": value}
    if errors:
        raise ValidationError(errors)
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute=minute.strip(),
        hour=hour.strip(),
        day_of_week=day_of_week.strip(),
        day_of_month="*",
        month_of_year="*",
        timezone=settings.TIME_ZONE,
    )
    task.crontab = crontab
    task.interval = None
    task.enabled = enabled
    task.save()
    return task
