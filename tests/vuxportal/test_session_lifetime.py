"""Sessions end SESSION_ABSOLUTE_HOURS after sign-in however active, on top of the idle
timeout (issue 14, hardening). Time is moved forward by editing the stored sign-in time."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import PASSWORD
from vuxportal.middleware import AbsoluteSessionLifetimeMiddleware
from vuxportal.tokens import token_create

SIGNED_IN_AT = AbsoluteSessionLifetimeMiddleware.SESSION_KEY
HOUR = 60 * 60


def _sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def _signed_in_hours_ago(client, hours: float):
    session = client.session
    session[SIGNED_IN_AT] = int(time.time() - hours * HOUR)
    session.save()


@pytest.mark.django_db
def test_sign_in_time_is_stored_at_sign_in_and_kept(client, teacher):
    before = int(time.time())
    _sign_in(client, teacher)
    signed_in_at = client.session[SIGNED_IN_AT]
    assert before <= signed_in_at <= time.time()
    _signed_in_hours_ago(client, 1)
    client.get(reverse("home"))
    # Later requests renew the idle timer, never the sign-in time.
    assert client.session[SIGNED_IN_AT] < before


@pytest.mark.django_db
def test_an_active_session_ends_twelve_hours_after_sign_in(client, teacher):
    _sign_in(client, teacher)
    _signed_in_hours_ago(client, 11.5)
    assert client.get(reverse("home")).status_code == 200

    _signed_in_hours_ago(client, 12.1)
    response = client.get(reverse("organisation:person_list") + "?q=a")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Du har loggats ut eftersom du loggade in för mer än 12 timmar sedan" in page
    # Signing in again starts a new lifetime.
    _sign_in(client, teacher)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_the_lifetime_is_configurable(client, settings, teacher):
    settings.SESSION_ABSOLUTE_HOURS = 2
    _sign_in(client, teacher)
    _signed_in_hours_ago(client, 2.5)
    assert client.get(reverse("home")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_api_answers_an_expired_session_as_signed_out(client, teacher):
    _sign_in(client, teacher)
    assert client.get("/api/v1/schools/").status_code == 200
    _signed_in_hours_ago(client, 13)
    assert client.get("/api/v1/schools/").status_code in (401, 403)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_api_tokens_create_no_session(teacher):
    _token, raw = token_create(user=teacher, name="Skript")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/schools/").status_code == 200
    assert Session.objects.count() == 0


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.mark.django_db
def test_requests_renew_the_idle_timeout_at_most_once_a_minute(client, teacher, settings):
    _sign_in(client, teacher)
    first = _expiry(client)
    # Within the minute, a page view writes nothing to the session table.
    client.get(reverse("home"))
    assert _expiry(client) == first

    # A minute after the last renewal, the next request moves the expiry ahead.
    session = client.session
    session[AbsoluteSessionLifetimeMiddleware.RENEWED_KEY] = int(time.time()) - 61
    session.save()
    stale = _expiry(client)
    client.get(reverse("home"))
    renewed = _expiry(client)
    assert renewed > stale
    remaining = renewed.timestamp() - time.time()
    assert settings.SESSION_COOKIE_AGE - 5 <= remaining <= settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_an_idle_session_ends(client, teacher):
    _sign_in(client, teacher)
    Session.objects.update(expire_date=Session.objects.get().expire_date.replace(year=2000))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
