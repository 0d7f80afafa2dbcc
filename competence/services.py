"""Writes with rules for competence: self-assessments, enrolments, attendance, evaluations,
the training log and practice examples (keyword-only, atomic, side effects on commit)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from goals.models import ReportingPeriod
from organisation.models import Membership, School, User
from vuxportal.roles import STAFF_ROLES

from .ics import activity_ics
from .models import (
    ActivityEvaluation,
    Competence,
    Enrolment,
    Framework,
    PracticeExample,
    PracticeUse,
    Rating,
    SelfAssessment,
    TrainingActivity,
    TrainingRecord,
)

# A read, kept importable from here for the start page that knows it as a service.
from .selectors import current_period as current_period
from .selectors import frameworks_for


def school_of(user: User) -> School | None:
    """The person's school for aggregates: their first current staff membership's school."""
    membership = (
        Membership.objects.current()
        .filter(user=user, role__in=STAFF_ROLES, school__isnull=False)
        .select_related("school")
        .order_by("starts_on", "pk")
        .first()
    )
    return membership.school if membership else None


# --- Self-assessment --------------------------------------------------------------------------


@transaction.atomic
def self_assessment_save(
    *,
    person: User,
    framework: Framework,
    period: ReportingPeriod | None,
    levels: dict[int, int],
    reflection: str = "",
) -> SelfAssessment:
    """Creates or updates the person's self-assessment for the period (one per person,
    framework and period). ``levels`` maps competence id → level value. ``period`` is
    ``selectors.current_period()``: None when no period is open for self-assessment."""
    if period is None:
        raise ValidationError(_("There is no open reporting period."))
    if period.is_closed:
        raise ValidationError(_("The reporting period is closed; the self-assessment is frozen."))
    if not framework.is_active:
        raise ValidationError(_("This framework is no longer in use."))
    if not frameworks_for(person).filter(pk=framework.pk).exists():
        raise ValidationError(_("This framework is not meant for your role."))
    competence_ids = set(
        Competence.objects.filter(area__framework=framework).values_list("pk", flat=True)
    )
    scale = set(framework.levels.values_list("value", flat=True))
    if set(levels) != competence_ids:
        raise ValidationError(_("Rate every competence of the framework."))
    if any(value not in scale for value in levels.values()):
        raise ValidationError(_("Choose a level on the framework's scale."))
    assessment, _created = SelfAssessment.objects.select_for_update().get_or_create(
        person=person,
        framework=framework,
        period=period,
        defaults={"school": school_of(person), "reflection": reflection},
    )
    if not _created:
        assessment.reflection = reflection
        assessment.save(update_fields=["reflection", "updated"])
        assessment.ratings.all().delete()
    Rating.objects.bulk_create(
        Rating(assessment=assessment, competence_id=cid, level=value)
        for cid, value in levels.items()
    )
    return assessment


# --- Enrolment --------------------------------------------------------------------------------


def _send(*, user: User, subject: str, template: str, context: dict, ics: bytes | None = None):
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {**context, "user": user, "site_url": settings.SITE_URL}
        message = EmailMessage(
            subject=str(subject),
            body=render_to_string(template, context),
            to=[user.email],
        )
        if ics is not None:
            message.attach("utbildning.ics", ics, "text/calendar")
        message.send()


def enrolment_confirmation_send(*, enrolment_id: int) -> None:
    enrolment = Enrolment.objects.select_related("activity", "person").get(pk=enrolment_id)
    with translation.override(enrolment.person.language or settings.LANGUAGE_CODE):
        if enrolment.status == Enrolment.Status.ENROLLED:
            subject = _("You are enrolled: %(title)s") % {"title": enrolment.activity.title}
        else:
            subject = _("You are on the waiting list: %(title)s") % {
                "title": enrolment.activity.title
            }
    _send(
        user=enrolment.person,
        subject=subject,
        template="competence/email/enrolment.txt",
        context={"enrolment": enrolment, "activity": enrolment.activity},
        ics=activity_ics(enrolment.activity)
        if enrolment.status == Enrolment.Status.ENROLLED
        else None,
    )


def promotion_send(*, enrolment_id: int) -> None:
    enrolment = Enrolment.objects.select_related("activity", "person").get(pk=enrolment_id)
    with translation.override(enrolment.person.language or settings.LANGUAGE_CODE):
        subject = _("A place opened up: %(title)s") % {"title": enrolment.activity.title}
    _send(
        user=enrolment.person,
        subject=subject,
        template="competence/email/promoted.txt",
        context={"enrolment": enrolment, "activity": enrolment.activity},
        ics=activity_ics(enrolment.activity),
    )


def _lock(activity: TrainingActivity) -> TrainingActivity:
    # One enrolment change per session at a time, so two people cannot take the last place.
    return TrainingActivity.objects.select_for_update().get(pk=activity.pk)


def _has_place(activity: TrainingActivity) -> bool:
    if activity.capacity is None:
        return True
    return activity.enrolments.active().count() < activity.capacity


@transaction.atomic
def enrol(*, activity: TrainingActivity, person: User) -> Enrolment:
    """Enrols the person, or puts them on the waiting list when the session is full, and
    emails a confirmation (with the session's calendar file)."""
    activity = _lock(activity)
    if activity.has_ended:
        raise ValidationError(_("The session has already taken place."))
    if activity.cancelled_at:
        raise ValidationError(_("The session is cancelled."))
    enrolment = Enrolment.objects.filter(activity=activity, person=person).first()
    if enrolment and enrolment.status != Enrolment.Status.CANCELLED:
        raise ValidationError(_("You are already enrolled in this session."))
    status = Enrolment.Status.ENROLLED if _has_place(activity) else Enrolment.Status.WAITING
    if enrolment is None:
        enrolment = Enrolment(activity=activity, person=person)
    enrolment.status = status
    enrolment.enrolled_at = timezone.now()
    enrolment.save()
    transaction.on_commit(lambda: enrolment_confirmation_send(enrolment_id=enrolment.pk))
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment) -> Enrolment | None:
    """Cancels; when a place frees up, the first on the waiting list moves up and is
    emailed. Returns the promoted enrolment, if any."""
    activity = _lock(enrolment.activity)
    enrolment.refresh_from_db()
    if enrolment.status == Enrolment.Status.CANCELLED:
        raise ValidationError(_("The enrolment is already cancelled."))
    was_enrolled = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.save(update_fields=["status", "updated"])
    # Nobody moves up on a cancelled session: there is no place to offer.
    if not was_enrolled or activity.cancelled_at or not _has_place(activity):
        return None
    promoted = activity.enrolments.waiting().first()
    if promoted is None:
        return None
    promoted.status = Enrolment.Status.ENROLLED
    promoted.save(update_fields=["status", "updated"])
    transaction.on_commit(lambda: promotion_send(enrolment_id=promoted.pk))
    return promoted


@transaction.atomic
def waiting_list_fill(*, activity: TrainingActivity) -> list[Enrolment]:
    """Moves people up from the waiting list while there are places (e.g. after the
    organiser raised the capacity), emailing each one."""
    activity = _lock(activity)
    promoted = []
    if activity.cancelled_at:
        return promoted
    for enrolment in activity.enrolments.waiting():
        if not _has_place(activity):
            break
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.save(update_fields=["status", "updated"])
        transaction.on_commit(lambda pk=enrolment.pk: promotion_send(enrolment_id=pk))
        promoted.append(enrolment)
    return promoted


@transaction.atomic
def attendance_mark(*, activity: TrainingActivity, attended_ids: set[int]) -> int:
    """Marks the session's enrolled people as attended (the given enrolment ids) or
    absent (the rest). Attending logs the session in the person's training log, once.
    Returns how many attended."""
    enrolments = list(activity.enrolments.active().select_related("person"))
    attended = [e for e in enrolments if e.pk in attended_ids]
    absent = [e for e in enrolments if e.pk not in attended_ids]
    Enrolment.objects.filter(pk__in=[e.pk for e in attended]).update(
        attendance=Enrolment.Attendance.ATTENDED, updated=timezone.now()
    )
    Enrolment.objects.filter(pk__in=[e.pk for e in absent]).update(
        attendance=Enrolment.Attendance.ABSENT, updated=timezone.now()
    )
    already = set(
        TrainingRecord.objects.filter(activity=activity).values_list("person_id", flat=True)
    )
    competence_ids = list(activity.competences.values_list("pk", flat=True))
    for enrolment in attended:
        if enrolment.person_id in already:
            continue
        record = TrainingRecord.objects.create(
            person=enrolment.person,
            school=school_of(enrolment.person),
            activity=activity,
            date=timezone.localdate(activity.starts_at),
            title=activity.title,
            hours=activity.hours,
            kind=TrainingRecord.Kind.SESSION,
        )
        record.competences.set(competence_ids)
    # Marked absent after all: the automatic log entry goes (entries people wrote stay).
    TrainingRecord.objects.filter(
        activity=activity, person_id__in=[e.person_id for e in absent]
    ).delete()
    return len(attended)


# --- Evaluations ------------------------------------------------------------------------------


@transaction.atomic
def evaluation_submit(
    *,
    activity: TrainingActivity,
    person: User,
    overall: int,
    relevance: int,
    will_use: int,
    comment: str = "",
) -> ActivityEvaluation:
    """A participant evaluates a session they attended, once, after it has ended."""
    participants = activity.enrolments.filter(
        person=person, status=Enrolment.Status.ENROLLED
    ).exclude(attendance=Enrolment.Attendance.ABSENT)
    if not participants.exists():
        raise ValidationError(_("Only participants of the session can evaluate it."))
    if not activity.has_ended:
        raise ValidationError(_("The session can be evaluated once it has ended."))
    if ActivityEvaluation.objects.filter(activity=activity, person=person).exists():
        raise ValidationError(_("You have already evaluated this session."))
    evaluation = ActivityEvaluation(
        activity=activity,
        person=person,
        overall=overall,
        relevance=relevance,
        will_use=will_use,
        comment=comment,
    )
    evaluation.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as error:  # a double submit racing the check above
        raise ValidationError(_("You have already evaluated this session.")) from error
    return evaluation


# --- Training log -----------------------------------------------------------------------------


@transaction.atomic
def record_save(
    *,
    person: User,
    record: TrainingRecord | None = None,
    date: date,
    title: str,
    hours: Decimal,
    kind: str,
    competences=(),
    reflection: str = "",
    certificate=None,
) -> TrainingRecord:
    """Adds or changes an entry in the person's own training log."""
    if hours is None or hours < 0:
        raise ValidationError({"hours": _("Hours cannot be negative.")})
    if certificate:
        TrainingRecord._meta.get_field("certificate").run_validators(certificate)
    if record is None:
        record = TrainingRecord(person=person, school=school_of(person))
    elif record.person_id != person.pk:
        raise ValidationError(_("You can only change your own training log."))
    elif record.is_confirmed:
        raise ValidationError(_("A confirmed entry can no longer be changed."))
    record.date = date
    record.title = title
    record.hours = hours
    record.kind = kind
    record.reflection = reflection
    if certificate:
        record.certificate = certificate
    record.full_clean()
    record.save()
    record.competences.set(competences)
    return record


@transaction.atomic
def record_confirm(*, record: TrainingRecord, leader: User) -> TrainingRecord:
    if record.person_id == leader.pk:
        raise ValidationError(_("You cannot confirm your own entries."))
    if not TrainingRecord.objects.confirmable_by(leader).filter(pk=record.pk).exists():
        raise ValidationError(_("You can only confirm entries of your own school's staff."))
    record.confirmed_by = leader
    record.confirmed_at = timezone.now()
    record.save(update_fields=["confirmed_by", "confirmed_at", "updated"])
    return record


# --- Practice sharing -------------------------------------------------------------------------


@transaction.atomic
def example_save(
    *, author: User, example: PracticeExample | None = None, competences=(), **fields
) -> PracticeExample:
    attachment = fields.pop("attachment", None)
    if attachment:
        PracticeExample._meta.get_field("attachment").run_validators(attachment)
    if example is None:
        example = PracticeExample(author=author, school=school_of(author))
    for name, value in fields.items():
        setattr(example, name, value)
    if attachment:
        example.attachment = attachment
    if example.is_published and example.published_at is None:
        example.published_at = timezone.now()
    example.full_clean()
    example.save()
    example.competences.set(competences)
    return example


@transaction.atomic
def example_mark_used(*, example: PracticeExample, person: User) -> bool:
    """Marks "I used this"; counted once per person. Returns False when already marked."""
    if example.author_id == person.pk:
        raise ValidationError(_("You cannot mark your own example as used."))
    _use, created = PracticeUse.objects.get_or_create(
        example=example, person=person, defaults={"school": school_of(person)}
    )
    return created


# --- Session life: reminders, cancellation, changes sent out ---------------------------------

# A change of these reaches people's calendars; other edits (title, description) send nothing.
CALENDAR_FIELDS = frozenset({"starts_at", "ends_at", "place", "online_url"})


def _session_mail(*, activity_id: int, statuses, template: str, subject: str, method: str) -> int:
    """Emails each person with one of ``statuses`` on the session, in their language, with
    the session's calendar file. ``subject`` is a message id taking %(title)s."""
    activity = TrainingActivity.objects.select_related("organiser").get(pk=activity_id)
    enrolments = activity.enrolments.filter(status__in=statuses).select_related("person")
    for enrolment in enrolments:
        person = enrolment.person
        with translation.override(person.language or settings.LANGUAGE_CODE):
            title = _(subject) % {"title": activity.title}
        _send(
            user=person,
            subject=title,
            template=template,
            context={"enrolment": enrolment, "activity": activity},
            ics=activity_ics(activity, method=method, attendee=person),
        )
    return len(enrolments)


def activity_reminder_send(*, activity_id: int) -> int:
    return _session_mail(
        activity_id=activity_id,
        statuses=[Enrolment.Status.ENROLLED],
        template="competence/email/reminder.txt",
        subject=gettext_noop("Reminder: %(title)s is tomorrow"),
        method="PUBLISH",
    )


@transaction.atomic
def activity_send_reminders(*, on: date) -> list[int]:
    """Reminds everyone enrolled in the sessions that start the day after ``on``, once per
    session: ``reminded_at`` is set in the same transaction that queues the emails, so a
    second run (or a second beat) finds nothing left. Returns the sessions reminded."""
    due = list(
        TrainingActivity.objects.select_for_update(skip_locked=True)
        .filter(
            starts_at__date=on + timedelta(days=1),
            cancelled_at__isnull=True,
            reminded_at__isnull=True,
        )
        .values_list("pk", flat=True)
    )
    TrainingActivity.objects.filter(pk__in=due).update(reminded_at=timezone.now())
    for pk in due:
        transaction.on_commit(lambda pk=pk: activity_reminder_send(activity_id=pk))
    return due


def _may_change(activity: TrainingActivity, user: User) -> None:
    if not TrainingActivity.objects.editable_by(user).filter(pk=activity.pk).exists():
        raise ValidationError(_("You cannot change this session."))


@transaction.atomic
def activity_cancel(*, activity: TrainingActivity, by: User) -> TrainingActivity:
    """Cancels the session: everyone enrolled or waiting gets a calendar file that removes
    the event (METHOD:CANCEL, same UID, a higher SEQUENCE). Enrolments are kept as they
    were, so it stays known who had signed up."""
    _may_change(activity, by)
    activity = _lock(activity)
    if activity.cancelled_at:
        raise ValidationError(_("The session is already cancelled."))
    if activity.has_ended:
        raise ValidationError(_("The session has already taken place."))
    activity.cancelled_at = timezone.now()
    activity.sequence += 1
    activity.save(update_fields=["cancelled_at", "sequence", "updated"])
    transaction.on_commit(
        lambda: _session_mail(
            activity_id=activity.pk,
            statuses=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITING],
            template="competence/email/cancelled.txt",
            subject=gettext_noop("Cancelled: %(title)s"),
            method="CANCEL",
        )
    )
    return activity


@transaction.atomic
def activity_update(*, activity: TrainingActivity, changed_fields, by: User) -> bool:
    """Called after the session's edit is saved: a change of time or place raises the
    calendar SEQUENCE and emails everyone enrolled the updated event (METHOD:REQUEST).
    Returns whether the change was sent out."""
    _may_change(activity, by)
    if not CALENDAR_FIELDS.intersection(changed_fields) or activity.cancelled_at:
        return False
    locked = _lock(activity)
    locked.sequence += 1
    locked.save(update_fields=["sequence", "updated"])
    activity.sequence = locked.sequence
    transaction.on_commit(
        lambda: _session_mail(
            activity_id=activity.pk,
            statuses=[Enrolment.Status.ENROLLED],
            template="competence/email/changed.txt",
            subject=gettext_noop("Changed time or place: %(title)s"),
            method="REQUEST",
        )
    )
    return True
