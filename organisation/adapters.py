"""django-allauth adapters: no open sign-up; people are invited or imported.

Also the token generator behind allauth's "choose a password" page, which serves both the
"forgot password" links and the invitation links (``organisation.services.password_set_url``):
each kind of link has a lifetime of its own.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        # Single sign-on signs in people the portal already knows (matched by email);
        # it never creates accounts, so access still follows memberships.
        return False


# The generators subclass Django's, not allauth's EmailAwarePasswordResetTokenGenerator:
# allauth.account.forms imports the configured generator while it is itself being imported,
# so importing it from here would be circular. Django's hash covers the user's email too.
class LifetimeTokenGenerator(PasswordResetTokenGenerator):
    """A password token generator whose tokens live ``lifetime()`` seconds.

    Django's ``check_token`` compares a token's age with ``settings.PASSWORD_RESET_TIMEOUT``
    whatever the generator; this one asks the generator, so that kinds of links can differ.
    Like Django's, a token stops working once the password or the last sign-in changes.
    """

    def lifetime(self) -> int:
        return settings.PASSWORD_RESET_TIMEOUT

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        if self._num_seconds(self._now()) - timestamp > self.lifetime():
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


class InvitationTokenGenerator(LifetimeTokenGenerator):
    """Invitation links: valid for ``INVITATION_DAYS``."""

    key_salt = "vuxportal.organisation.InvitationTokenGenerator"

    def lifetime(self) -> int:
        return settings.INVITATION_DAYS * 24 * 60 * 60


class PasswordTokenGenerator(LifetimeTokenGenerator):
    """allauth's generator (``ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR``) for every link to its
    "choose a password" page.

    A person who has never had a password (invited or imported, not yet started) gets an
    invitation token, valid for ``INVITATION_DAYS``; anyone else a reset token, valid for
    ``PASSWORD_RESET_TIMEOUT`` (``PASSWORD_RESET_HOURS``). A token of one kind never passes
    as the other: they are signed with different salts.
    """

    key_salt = "vuxportal.organisation.PasswordTokenGenerator"
    invitations = InvitationTokenGenerator()

    def make_token(self, user) -> str:
        if not user.has_usable_password():
            return self.invitations.make_token(user)
        return super().make_token(user)

    def check_token(self, user, token) -> bool:
        return super().check_token(user, token) or self.invitations.check_token(user, token)
