"""The Django admin has no sign-in of its own: /django-admin/login/ sends people to the
portal's sign-in (allauth), where two-factor authentication and the failed-attempt limit
apply (issue 14, reproduction 2)."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ADMIN_LOGIN = "/django-admin/login/"


@pytest.fixture
def superuser_with_totp(db):
    user = UserFactory(email="super@vux.test", is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.totp_secret = secret
    return user


def _current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_admin_login_page_sends_to_the_portal_sign_in(client, superuser_with_totp):
    response = client.get(ADMIN_LOGIN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_admin_login_never_signs_in_with_only_a_password(client, superuser_with_totp):
    response = client.post(
        ADMIN_LOGIN,
        {"username": superuser_with_totp.email, "password": PASSWORD, "next": "/django-admin/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not _signed_in(client)
    assert client.get("/django-admin/").status_code == 302


def test_the_admin_is_reached_only_after_the_totp_code(client, superuser_with_totp):
    login_url = client.get(ADMIN_LOGIN)["Location"]
    response = client.post(login_url, {"login": superuser_with_totp.email, "password": PASSWORD})
    # The password alone leads to the code, not into the portal.
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _signed_in(client)
    assert client.get("/django-admin/").status_code == 302

    response = client.post(
        reverse("mfa_authenticate"), {"code": _current_code(superuser_with_totp.totp_secret)}
    )
    assert response.status_code == 302
    assert _signed_in(client)
    assert client.get(response["Location"], follow=True).status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_ten_wrong_passwords_lock_the_admin_sign_in(client, superuser_with_totp):
    login_url = client.get(ADMIN_LOGIN)["Location"]
    for _attempt in range(10):
        client.post(ADMIN_LOGIN, {"username": superuser_with_totp.email, "password": "wrong"})
        client.post(login_url, {"login": superuser_with_totp.email, "password": "wrong"})
    response = client.post(login_url, {"login": superuser_with_totp.email, "password": PASSWORD})
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    response = client.post(
        ADMIN_LOGIN, {"username": superuser_with_totp.email, "password": PASSWORD}
    )
    assert not _signed_in(client)
    assert client.get("/django-admin/").status_code == 302
