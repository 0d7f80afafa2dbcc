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

from vuxportal.roles import Role

from .models import Membership, School, User


def password_set_url(user: User) -> str:
    """An absolute link where ``user`` chooses a password (allauth's reset-by-key page)."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return settings.SITE_URL + path.replace("UID-KEY", key)


def invitation_send(*, user: User) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "url": password_set_url(user), "site_url": settings.SITE_URL}
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
