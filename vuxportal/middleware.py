"""The portal's own middleware: the language, and the absolute lifetime of a session.

Language: the portal is Swedish unless the person chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many staff
browsers are set to English; the portal's pages follow only the choice made with the
language switch (a cookie). The API keeps Django's negotiation, so integrations can ask
for English errors with an Accept-Language header.
"""

import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect


class PortalLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class AbsoluteSessionLifetimeMiddleware:
    """Ends a signed-in session ``SESSION_ABSOLUTE_HOURS`` after sign-in, however active,
    and renews its idle timeout.

    The idle timeout (``SESSION_COOKIE_AGE``) alone would keep a session that is used now
    and then alive for ever. The sign-in time is stored in the session on the response to
    the sign-in (or, for a session signed in some other way, on its first request); once it
    is older, the person is signed out and sent to sign in again with a message. The API
    answers as it does to anyone signed out.

    Renewal: a session is saved again (its expiry moved ``SESSION_COOKIE_AGE`` ahead) when
    a request comes ``SESSION_RENEW_SECONDS`` or more after the last renewal, not on every
    request as ``SESSION_SAVE_EVERY_REQUEST`` would, which wrote to the database on every
    page view. A session thus ends between ``SESSION_COOKIE_AGE`` minus a minute and
    ``SESSION_COOKIE_AGE`` after its last request.
    """

    SESSION_KEY = "_vuxportal_signed_in_at"
    RENEWED_KEY = "_vuxportal_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The health check must not touch the session (it answers while the DB is down).
        if request.path.startswith(("/healthz", settings.STATIC_URL)):
            return self.get_response(request)
        if self._expired(request.session):
            auth.logout(request)
            if not request.path.startswith("/api/"):
                return self._to_sign_in(request)
        response = self.get_response(request)
        # The session's own sign-in, not request.user: an API token also sets request.user,
        # and must not create a session.
        session = request.session
        if auth.SESSION_KEY in session:
            now = int(time.time())
            if self.SESSION_KEY not in session:
                session[self.SESSION_KEY] = now
            if now - session.get(self.RENEWED_KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[self.RENEWED_KEY] = now  # marks the session modified: saved
        return response

    @classmethod
    def stamp_sign_in(cls, sender, request, user, **kwargs):
        """``user_logged_in``: the sign-in's own save stores its time, so the first page
        after it has nothing to write."""
        session = getattr(request, "session", None)
        if session is not None:
            session[cls.SESSION_KEY] = session[cls.RENEWED_KEY] = int(time.time())

    def _expired(self, session) -> bool:
        signed_in_at = session.get(self.SESSION_KEY)
        if signed_in_at is None or auth.SESSION_KEY not in session:
            return False
        return time.time() - signed_in_at > settings.SESSION_ABSOLUTE_HOURS * 60 * 60

    def _to_sign_in(self, request):
        hours = settings.SESSION_ABSOLUTE_HOURS
        message = ngettext(
            "You have been signed out because you signed in more than %(hours)d hour ago. "
            "Please sign in again.",
            "You have been signed out because you signed in more than %(hours)d hours ago. "
            "Please sign in again.",
            hours,
        )
        messages.info(request, message % {"hours": hours})
        next_url = request.get_full_path() if request.method == "GET" else "/"
        if getattr(request, "htmx", False):
            # A redirect would swap the sign-in page into a part of the page.
            return HttpResponseClientRedirect(redirect_to_login(next_url).url)
        return redirect_to_login(next_url)
