"""Personal API tokens: creation, revocation, and DRF authentication and throttling.

A token looks like ``vux_<prefix>_<secret>``. The prefix finds the row; the secret is
compared with a stored SHA-256 hash (the secret is 32 random bytes, so a fast hash is
enough — there is nothing to brute-force, unlike a password).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, throttling

from .models import ApiToken

TOKEN_PREFIX = "vux"
# Writing last_used_at on every request would turn reads into writes; a minute is precise
# enough for "last used".
LAST_USED_PRECISION = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Creates a token and returns it with its raw value, which is never stored."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=prefix, key_hash=_hash(secret)
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_lookup(raw: str) -> ApiToken | None:
    """The active token ``raw`` stands for, or ``None``."""
    try:
        kind, prefix, secret = raw.split("_", 2)
    except ValueError:
        return None
    if kind != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.key_hash, _hash(secret)):
        return None
    if token.revoked_at is not None or not token.user.is_active:
        return None
    return token


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer vux_…`` (``Token vux_…`` works too)."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        token = token_lookup(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to requests without valid credentials.
        return 'Bearer realm="api"'


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """A rate limit per token (``API_TOKEN_RATE``); browser sessions are not limited here."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
