"""Writes with rules for people, schools and memberships (keyword-only, atomic)."""

from __future__ import annotations

from datetime import date

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vuxportal.roles import Role
from vuxportal.scoping import may_act_for_school

from .models import (
    Decision,
    HelpArticle,
    HourlyCost,
    Meeting,
    Membership,
    Routine,
    School,
    SupportReply,
    SupportRequest,
    User,
    WorkingGroup,
)
from .responsibilities import responsibilities

MAX_DESCRIPTION_CHARS = 10_000


def password_set_url(user: User) -> str:
    """An absolute link where ``user`` chooses a password (allauth's reset-by-key page)."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return settings.SITE_URL + path.replace("UID-KEY", key)


def invitation_send(*, user: User) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "url": password_set_url(user),
            "site_url": settings.SITE_URL,
            "invitation_days": settings.INVITATION_DAYS,
        }
        send_mail(
            subject=_("Welcome to Vuxportal – choose your password"),
            message=render_to_string("organisation/email/invitation.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )


@transaction.atomic
def person_invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    title: str = "",
    role: str | None = None,
    school: School | None = None,
    send_invitation: bool = True,
) -> User:
    """Creates a person without a password and emails them a link to choose one."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A person with this email address already exists.")})
    user = User.objects.create_user(
        email=email, first_name=first_name.strip(), last_name=last_name.strip(), title=title
    )
    if role:
        membership_add(user=user, role=role, school=school)
    if send_invitation:
        transaction.on_commit(lambda: invitation_send(user=user))
    return user


@transaction.atomic
def membership_add(
    *, user: User, role: str, school: School | None, starts_on: date | None = None
) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    duplicate = Membership.objects.filter(user=user, role=role, school=school, ends_on__isnull=True)
    if duplicate.exists():
        raise ValidationError(_("The person already has this role at this school."))
    membership = Membership(
        user=user, role=role, school=school, starts_on=starts_on or timezone.localdate()
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, ends_on: date | None = None) -> Membership:
    ends_on = ends_on or timezone.localdate()
    if ends_on < membership.starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on", "updated"])
    return membership


@transaction.atomic
def person_deactivate(*, user: User) -> User:
    """The person leaves: they can no longer sign in and their memberships end today."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    today = timezone.localdate()
    for membership in Membership.objects.filter(user=user, ends_on__isnull=True):
        membership.ends_on = max(today, membership.starts_on)
        membership.save(update_fields=["ends_on", "updated"])
    return user


# --- Emails ---------------------------------------------------------------------------------


def _email(*, recipients, subject, template: str, context: dict) -> None:
    """Sends one email per recipient, each rendered in the recipient's own language."""
    for user in recipients:
        if not user.email or not user.is_active:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            send_mail(
                # A header holds one line; a subject typed with line breaks (the API takes
                # any text) would make send_mail refuse the whole message.
                subject=" ".join((str(subject) % context.get("subject_args", {})).split()),
                message=render_to_string(
                    template, {**context, "user": user, "site_url": settings.SITE_URL}
                ),
                from_email=None,
                recipient_list=[user.email],
            )


# --- Support requests -----------------------------------------------------------------------

# Which working group area handles which category. Categories not listed (device,
# account, other) go to the IT staff of the requester's school. System questions go to
# the systems and technology group; teaching with digital tools to the teachers' group,
# where the IT-pedagogues sit. Without an active group of that area, IT staff handle it.
SUPPORT_ROUTES = {
    SupportRequest.Category.SYSTEM: WorkingGroup.Area.SYSTEMS,
    SupportRequest.Category.TEACHING: WorkingGroup.Area.TEACHING,
}


def support_route(*, category: str) -> WorkingGroup | None:
    """The working group that handles ``category``, or ``None`` for the school's IT staff."""
    area = SUPPORT_ROUTES.get(category)
    if area is None:
        return None
    return WorkingGroup.objects.filter(area=area, is_active=True).order_by("pk").first()


def support_handlers(*, request: SupportRequest) -> list[User]:
    """The people who handle ``request``: the group's convener and members, or the IT
    staff of the school (and organisation-wide IT staff)."""
    if request.handling_group_id:
        group = request.handling_group
        ids = set(group.members.values_list("pk", flat=True))
        if group.convener_id:
            ids.add(group.convener_id)
        return list(User.objects.active().filter(pk__in=ids))
    it_staff = (
        Membership.objects.current()
        .filter(role=Role.IT_STAFF)
        .filter(models_q_school(request.school))
        .values("user_id")
    )
    return list(User.objects.active().filter(pk__in=it_staff))


def models_q_school(school):
    from django.db.models import Q

    return Q(school=school) | Q(school__isnull=True)


@transaction.atomic
def support_request_file(
    *,
    requester: User,
    school: School,
    category: str,
    subject: str,
    description: str,
    attachment=None,
) -> SupportRequest:
    """Files a request, routes it to its handlers and tells them by email."""
    errors = {}
    subject, description = (subject or "").strip(), (description or "").strip()
    if not subject:
        errors["subject"] = _("Write a short subject.")
    if not description:
        errors["description"] = _("Describe what you need help with.")
    elif len(description) > MAX_DESCRIPTION_CHARS:
        errors["description"] = _(
            "The description is too long (%(count)d characters, at most %(max)d)."
        ) % {"count": len(description), "max": MAX_DESCRIPTION_CHARS}
    if category not in SupportRequest.Category.values:
        errors["category"] = _("Choose a category.")
    if not school.is_active or not may_act_for_school(requester, SupportRequest, school.pk):
        errors["school"] = _("Choose one of your own schools.")
    if attachment:
        try:
            SupportRequest._meta.get_field("attachment").run_validators(attachment)
        except ValidationError as error:
            errors["attachment"] = error.messages
    if errors:
        raise ValidationError(errors)
    request = SupportRequest(
        requester=requester,
        school=school,
        category=category,
        subject=subject,
        description=description,
        handling_group=support_route(category=category),
    )
    if attachment:
        request.attachment = attachment
    request.save()
    handlers = [h for h in support_handlers(request=request) if h.pk != requester.pk]
    transaction.on_commit(
        lambda: _email(
            recipients=handlers,
            subject=gettext_lazy("New support request: %(subject)s"),
            template="organisation/email/support_new.txt",
            context={"request": request, "subject_args": {"subject": request.subject}},
        )
    )
    return request


def support_is_handler(*, request: SupportRequest, user: User) -> bool:
    return SupportRequest.objects.editable_by(user).filter(pk=request.pk).exists()


def _set_status(request: SupportRequest, status: str) -> None:
    request.status = status
    if status == SupportRequest.Status.RESOLVED:
        request.resolved_at = request.resolved_at or timezone.now()
    else:
        request.resolved_at = None


@transaction.atomic
def support_reply_add(
    *, request: SupportRequest, author: User, body: str, status: str | None = None
) -> SupportReply:
    """Adds a message to the thread. A handler may change the status at the same time;
    the requester is emailed about a handler's reply, the handlers about the requester's."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > MAX_DESCRIPTION_CHARS:
        raise ValidationError({"body": _("The message is too long.")})
    is_handler = support_is_handler(request=request, user=author)
    if not is_handler and author.pk != request.requester_id:
        raise ValidationError(_("Only the requester and the handlers can reply."))
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    reply = SupportReply.objects.create(
        request=request, author=author, body=body, by_handler=is_handler
    )
    if is_handler:
        if status:
            if status not in SupportRequest.Status.values:
                raise ValidationError({"status": _("Unknown status.")})
            _set_status(request, status)
        elif request.status == SupportRequest.Status.NEW:
            _set_status(request, SupportRequest.Status.IN_PROGRESS)
        recipients = [request.requester] if request.requester_id != author.pk else []
    else:
        # The requester answered: the ball is back with the handlers.
        if request.status in (SupportRequest.Status.WAITING, SupportRequest.Status.RESOLVED):
            _set_status(request, SupportRequest.Status.IN_PROGRESS)
        recipients = [h for h in support_handlers(request=request) if h.pk != author.pk]
    request.save(update_fields=["status", "resolved_at", "updated"])
    transaction.on_commit(
        lambda: _email(
            recipients=recipients,
            subject=gettext_lazy("New reply to your support request: %(subject)s"),
            template="organisation/email/support_reply.txt",
            context={
                "request": request,
                "reply": reply,
                "subject_args": {"subject": request.subject},
            },
        )
    )
    return reply


@transaction.atomic
def support_request_handle(
    *, request: SupportRequest, by: User, status: str, handling_group: WorkingGroup | None
) -> SupportRequest:
    """A handler changes the status or hands the request to another group (or back to the
    school's IT staff). The requester is told when the request is resolved."""
    if not support_is_handler(request=request, user=by):
        raise ValidationError(_("Only the handlers of this request can change it."))
    if status not in SupportRequest.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    was_resolved = request.status == SupportRequest.Status.RESOLVED
    _set_status(request, status)
    request.handling_group = handling_group
    request.save(update_fields=["status", "resolved_at", "handling_group", "updated"])
    if status == SupportRequest.Status.RESOLVED and not was_resolved:
        transaction.on_commit(
            lambda: _email(
                recipients=[request.requester] if request.requester_id != by.pk else [],
                subject=gettext_lazy("Your support request is resolved: %(subject)s"),
                template="organisation/email/support_resolved.txt",
                context={"request": request, "subject_args": {"subject": request.subject}},
            )
        )
    return request


@transaction.atomic
def help_article_publish(
    *, request: SupportRequest, by: User, title: str, body: str
) -> HelpArticle:
    """Publishes a resolved request as a help article that everyone signed in can read."""
    if request.status != SupportRequest.Status.RESOLVED:
        raise ValidationError(_("Only resolved requests can be published."))
    if HelpArticle.objects.filter(source_request=request).exists():
        raise ValidationError(_("This request is already published as a help article."))
    if not support_is_handler(request=request, user=by):
        raise ValidationError(_("Only the handlers of this request can publish it."))
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Write the question.")
    if not (body or "").strip():
        errors["body"] = _("Write the answer.")
    if errors:
        raise ValidationError(errors)
    return HelpArticle.objects.create(
        title=title.strip(),
        body=body.strip(),
        category=request.category,
        source_request=request,
        author=by,
    )


# --- Working groups -------------------------------------------------------------------------


@transaction.atomic
def meeting_record(
    *,
    group: WorkingGroup,
    held_on: date,
    agenda: str = "",
    minutes: str = "",
    decisions: list[dict] | None = None,
) -> Meeting:
    """Records a meeting with its decisions (each: text, responsible, due_on)."""
    meeting = Meeting(group=group, held_on=held_on, agenda=agenda, minutes=minutes)
    meeting.full_clean()
    meeting.save()
    for decision in decisions or []:
        decision_add(meeting=meeting, **decision)
    return meeting


@transaction.atomic
def decision_add(
    *, meeting: Meeting, text: str, responsible: User | None = None, due_on: date | None = None
) -> Decision:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    if due_on and due_on < meeting.held_on:
        raise ValidationError({"due_on": _("The due date cannot be before the meeting.")})
    return Decision.objects.create(
        meeting=meeting, text=text, responsible=responsible, due_on=due_on
    )


# --- Routines -------------------------------------------------------------------------------

REMINDER_EVERY_DAYS = 7


@transaction.atomic
def routine_mark_reviewed(*, routine: Routine, reviewed_on: date | None = None) -> Routine:
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ValidationError({"last_reviewed_on": _("The review date cannot be in the future.")})
    routine.last_reviewed_on = reviewed_on
    routine.last_reminded_on = None
    routine.save(update_fields=["last_reviewed_on", "last_reminded_on", "updated"])
    return routine


@transaction.atomic
def routine_reminders_send(*, on: date | None = None) -> int:
    """Emails each owner of routines due for review one list of them, at most once a week
    per routine. Returns the number of emails sent."""
    on = on or timezone.localdate()
    due = (
        Routine.objects.due(on)
        .filter(owner__is_active=True)
        .exclude(last_reminded_on__gt=on - timezone.timedelta(days=REMINDER_EVERY_DAYS))
        .select_related("owner")
        .order_by("owner_id", "title")
    )
    by_owner: dict[int, list[Routine]] = {}
    for routine in due:
        by_owner.setdefault(routine.owner_id, []).append(routine)
    ids = [r.pk for routines in by_owner.values() for r in routines]
    Routine.objects.filter(pk__in=ids).update(last_reminded_on=on)
    for routines in by_owner.values():
        owner = routines[0].owner
        transaction.on_commit(
            lambda owner=owner, routines=routines: _email(
                recipients=[owner],
                subject=gettext_lazy("Routines due for review"),
                template="organisation/email/routine_reminder.txt",
                context={"routines": routines},
            )
        )
    return len(by_owner)


# --- Responsibilities -----------------------------------------------------------------------


@transaction.atomic
def responsibilities_hand_over(*, from_person: User, to_person: User) -> dict[str, int]:
    """Moves everything ``from_person`` was responsible for to ``to_person``, in every part
    of the plan at once (all or nothing)."""
    if to_person.pk == from_person.pk:
        raise ValidationError({"to_person": _("Choose someone else than the person leaving.")})
    if not to_person.is_active:
        raise ValidationError({"to_person": _("The new person must be able to sign in.")})
    return responsibilities.hand_over(from_person=from_person, to_person=to_person)


# --- Projects -------------------------------------------------------------------------------


@transaction.atomic
def hourly_costs_set(*, amounts: dict, by: User) -> dict:
    """Sets what an hour of each role is worth (kr); an empty amount removes the role's
    cost, so its hours count as no co-financing. Administrators only: the costs value every
    project's hours."""
    # The rule of ``HourlyCost.objects.editable_by``, also for a role with no cost yet.
    if not may_act_for_school(by, HourlyCost, None):
        raise ValidationError(_("Only administrators set hourly costs."))
    for role, amount in amounts.items():
        if role not in Role.values:
            raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
        if amount is None:
            HourlyCost.objects.filter(role=role).delete()
            continue
        if amount < 0:
            raise ValidationError({role: _("An hourly cost cannot be negative.")})
        HourlyCost.objects.update_or_create(role=role, defaults={"amount": amount})
    return {c.role: c.amount for c in HourlyCost.objects.all()}
