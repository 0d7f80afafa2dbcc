"""Personal API tokens: created and shown once, hashed at rest, last use, revocation,
rate limits, and one error format."""

import logging

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from vuxportal.models import ApiToken
from vuxportal.tokens import token_create, token_revoke

SCHOOLS = "/api/v1/schools/"


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.mark.django_db
def test_a_token_acts_as_its_owner_with_the_owners_scope(teacher, school_a, school_b):
    _token, raw = token_create(user=teacher, name="Skript")
    response = bearer(raw).get(SCHOOLS)
    assert response.status_code == 200
    # A teacher's token sees the teacher's school only, as the pages do.
    assert [s["code"] for s in response.json()["results"]] == [school_a.code]


@pytest.mark.django_db
def test_the_secret_is_only_stored_as_a_hash(teacher):
    token, raw = token_create(user=teacher, name="Skript")
    secret = raw.split("_", 2)[2]
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in stored.key_hash and secret not in stored.prefix
    assert len(stored.key_hash) == 64


@pytest.mark.django_db
def test_a_revoked_token_is_refused_at_once(teacher):
    token, raw = token_create(user=teacher, name="Skript")
    client = bearer(raw)
    assert client.get(SCHOOLS).status_code == 200
    token_revoke(token=token)
    response = client.get(SCHOOLS)
    assert response.status_code == 401
    assert response.json() == {
        "status": 401,
        "code": "authentication_failed",
        "detail": "Ogiltig eller återkallad nyckel.",
    }


@pytest.mark.django_db
def test_a_deactivated_owner_makes_the_token_useless(teacher):
    _token, raw = token_create(user=teacher, name="Skript")
    teacher.is_active = False
    teacher.save()
    assert bearer(raw).get(SCHOOLS).status_code == 401


@pytest.mark.django_db
def test_wrong_or_malformed_tokens_are_refused(teacher):
    token, raw = token_create(user=teacher, name="Skript")
    assert bearer(raw[:-2] + "xx").get(SCHOOLS).status_code == 401
    assert bearer("garbage").get(SCHOOLS).status_code == 401
    assert bearer(f"vux_{token.prefix}").get(SCHOOLS).status_code == 401
    # No credentials at all: 401 with a challenge, in the same error format.
    response = APIClient().get(SCHOOLS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert set(response.json()) == {"status", "code", "detail"}


@pytest.mark.django_db
def test_last_use_is_recorded(teacher):
    token, raw = token_create(user=teacher, name="Skript")
    assert token.last_used_at is None
    bearer(raw).get(SCHOOLS)
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_tokens_are_rate_limited_per_token(teacher, monkeypatch):
    from vuxportal.tokens import TokenRateThrottle

    # On the throttle class only, and undone after the test: reloading DRF's settings here
    # would leave the low rate behind for the next tests of this process.
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/minute"})
    _first, raw = token_create(user=teacher, name="Ett")
    _second, other = token_create(user=teacher, name="Två")
    client = bearer(raw)
    assert [client.get(SCHOOLS).status_code for _ in range(4)] == [200, 200, 200, 429]
    # The limit is per token: another token of the same person still works.
    assert bearer(other).get(SCHOOLS).status_code == 200


@pytest.mark.django_db
def test_token_page_shows_a_new_token_once_and_never_again(login, teacher, caplog):
    client = login(teacher)
    url = reverse("api_tokens")
    with caplog.at_level(logging.DEBUG):
        response = client.post(url, {"name": "Mitt skript"})
    body = response.content.decode()
    assert "Kopiera den nu" in body
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    raw = body.split(
        'id="new-token" class="form-control font-monospace" type="text" readonly value="'
    )[1]
    raw = raw.split('"')[0]
    assert bearer(raw).get(SCHOOLS).status_code == 200
    # Not on the list page, not in the session, not in any log record.
    assert raw not in client.get(url).content.decode()
    assert raw not in str(dict(client.session))
    assert all(raw not in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_an_empty_name_is_refused_in_swedish(login, teacher):
    response = login(teacher).post(reverse("api_tokens"), {"name": ""})
    assert "Det här fältet är obligatoriskt." in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_only_the_owner_can_revoke(login, teacher, leader):
    token, raw = token_create(user=teacher, name="Skript")
    response = login(leader).post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 404
    assert bearer(raw).get(SCHOOLS).status_code == 200
    response = login(teacher).post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert bearer(raw).get(SCHOOLS).status_code == 401


@pytest.mark.django_db
def test_validation_errors_share_the_error_format(administrator):
    client = APIClient()
    client.force_authenticate(administrator)
    response = client.post(SCHOOLS, {"code": "", "name": ""}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    assert set(body["errors"]) >= {"code", "name"}
