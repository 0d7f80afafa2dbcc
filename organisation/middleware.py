from django.conf import settings
from django.shortcuts import redirect

from vuxportal.scoping import access_of


class RequireAdministratorMFAMiddleware:
    """With ``MFA_REQUIRED_FOR_ADMINISTRATORS`` on, administrators without TOTP are sent
    to set it up before they can use any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MFA_REQUIRED_FOR_ADMINISTRATORS and self._must_enrol(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        # Sign-in, sign-out and the MFA set-up pages themselves must stay reachable, and
        # the health check must not touch the session (it answers while the DB is down).
        if request.path.startswith(("/accounts/", "/i18n/", "/healthz", settings.STATIC_URL)):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if not access_of(user).is_administrator:
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
