"""Reminders to the borrower of a loan device: before the due date and once it is overdue.

Each loan gets at most one reminder per stage and due date. The stage is claimed (its
timestamp written) in the same transaction that queues the email, so a retried task, a
second worker or a second beat finds nothing left to send. A due date changed afterwards
re-arms both stages, whoever changed it: a stage counts as sent only while
``Loan.reminded_for_due_on`` is the loan's current due date.

Students never sign in, so the email holds what they need and nothing the school keeps
about them: the device, the due date, where to return it and whom to ask. It is written
in Swedish, the language the school speaks with its students.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Case, F, Q, When
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from organisation.models import Membership, User
from vuxportal.roles import Role

from .models import Loan

BEFORE_DUE = "before_due"
OVERDUE = "overdue"

TEMPLATES = {
    BEFORE_DUE: "infrastructure/email/loan_due_soon.txt",
    OVERDUE: "infrastructure/email/loan_overdue.txt",
}


def _reachable(loans):
    return loans.open().exclude(student__email="").filter(student__pseudonymised_at__isnull=True)


def _not_sent(stage_field: str) -> Q:
    # Sent for an earlier due date counts as not sent.
    return (
        Q(**{f"{stage_field}__isnull": True})
        | Q(reminded_for_due_on__isnull=True)
        | ~Q(reminded_for_due_on=F("due_on"))
    )


def loans_to_remind_before_due(*, on: date, days_before: int):
    """Open loans due within ``days_before`` days from ``on`` whose borrower has not been
    reminded of this due date. A window rather than one day, so a day the task did not
    run is caught up; a loan lent for fewer days than that is reminded at once."""
    return _reachable(Loan.objects).filter(
        _not_sent("reminded_due_at"), due_on__gte=on, due_on__lte=on + timedelta(days=days_before)
    )


def loans_to_remind_overdue(*, on: date):
    """Overdue loans whose borrower has not been told since the due date passed."""
    return _reachable(Loan.objects).filter(_not_sent("reminded_overdue_at"), due_on__lt=on)


def _kept_for_same_due_date(field: str):
    # The other stage's timestamp stays only if it was about the current due date.
    return Case(When(reminded_for_due_on=F("due_on"), then=F(field)), default=None)


def _claim(loans, stage: str) -> list[int]:
    ids = list(loans.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True))
    now = timezone.now()
    if stage == BEFORE_DUE:
        stamps = {
            "reminded_due_at": now,
            "reminded_overdue_at": _kept_for_same_due_date("reminded_overdue_at"),
        }
    else:
        stamps = {
            "reminded_overdue_at": now,
            "reminded_due_at": _kept_for_same_due_date("reminded_due_at"),
        }
    # One statement, so both stamps are read against the old reminded_for_due_on.
    Loan.objects.filter(pk__in=ids).update(**stamps, reminded_for_due_on=F("due_on"))
    return ids


@transaction.atomic
def loan_reminders_send(*, on: date | None = None, days_before: int | None = None) -> int:
    """Claims every reminder due on ``on`` and emails each borrower once the claim is
    committed. Returns how many reminders were queued."""
    on = on or timezone.localdate()
    if days_before is None:
        days_before = settings.LOAN_REMINDER_DAYS_BEFORE
    queued = 0
    for stage, loans in (
        (BEFORE_DUE, loans_to_remind_before_due(on=on, days_before=days_before)),
        (OVERDUE, loans_to_remind_overdue(on=on)),
    ):
        for pk in _claim(loans, stage):
            # robust: one refused address does not stop the other borrowers' emails.
            transaction.on_commit(
                lambda pk=pk, stage=stage: loan_reminder_send(loan_id=pk, stage=stage),
                robust=True,
            )
            queued += 1
    return queued


def _contact(loan: Loan) -> User | None:
    """Whom the borrower asks: who lent the device, else one of the school's IT staff."""
    if loan.lent_by is not None and loan.lent_by.is_active and loan.lent_by.email:
        return loan.lent_by
    return (
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.current()
            .filter(school_id=loan.school_id, role=Role.IT_STAFF)
            .values("user_id"),
        )
        .exclude(email="")
        .order_by("last_name", "first_name", "pk")
        .first()
    )


def loan_reminder_send(*, loan_id: int, stage: str) -> bool:
    """Emails the borrower one reminder; False when the loan no longer needs it (returned,
    or the address removed, between the claim and the sending)."""
    loan = Loan.objects.select_related("device__model", "school", "student", "lent_by").get(
        pk=loan_id
    )
    if not loan.is_open or not loan.student.email:
        return False
    contact = _contact(loan)
    context = {
        "device": loan.device,
        "due_on": loan.due_on,
        "school": loan.school,
        "contact": contact,
        "organisation": settings.ORGANISATION_NAME,
    }
    with translation.override("sv"):
        if stage == BEFORE_DUE:
            subject = _("Reminder: return your loan device by %(date)s") % {
                "date": loan.due_on.isoformat()
            }
        else:
            subject = _("Your loan device should have been returned")
        body = render_to_string(TEMPLATES[stage], context)
    EmailMessage(
        subject=subject,
        body=body,
        to=[loan.student.email],
        # Replies reach a person at the school, not the portal's unattended address.
        reply_to=[contact.email] if contact else [],
    ).send()
    return True
