"""Language: the portal is Swedish unless the person chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many staff
browsers are set to English; the portal's pages follow only the choice made with the
language switch (a cookie). The API keeps Django's negotiation, so integrations can ask
for English errors with an Accept-Language header.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
