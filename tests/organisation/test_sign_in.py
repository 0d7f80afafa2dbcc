"""Sign-in: email login, no open sign-up, the failed-attempt limit, Swedish messages."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN_URL = "/accounts/login/"


@pytest.mark.django_db
def test_teacher_signs_in_with_email_and_lands_on_start_page(client, teacher):
    response = client.post(LOGIN_URL, {"login": teacher.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_sixth_sign_in_after_five_failures_is_refused_in_swedish(client, teacher):
    for _ in range(5):
        response = client.post(LOGIN_URL, {"login": teacher.email, "password": "wrong"})
        assert response.status_code == 200
        assert "felaktig" in response.content.decode()
    # Even the right password is refused now: the account is locked for a while.
    response = client.post(LOGIN_URL, {"login": teacher.email, "password": PASSWORD})
    body = response.content.decode()
    assert response.status_code in (200, 429)
    assert "För många misslyckade inloggningsförsök" in body
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failures_for_one_account_do_not_lock_another(client, teacher, leader):
    for _ in range(5):
        client.post(LOGIN_URL, {"login": teacher.email, "password": "wrong"})
    response = client.post(LOGIN_URL, {"login": leader.email, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_there_is_no_open_sign_up(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert "inloggning" in response.content.decode().lower() or "stängd" in (
        response.content.decode().lower()
    )
    client.post("/accounts/signup/", {"email": "new@vux.test", "password1": "Xy!93kdkdk"})
    from organisation.models import User

    assert not User.objects.filter(email="new@vux.test").exists()


@pytest.mark.django_db
def test_english_user_gets_english_messages(client, teacher):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(LOGIN_URL, {"login": teacher.email, "password": "wrong"})
    assert "are not correct" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("organisation:person_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.django_db
def test_administrator_without_totp_is_sent_to_set_it_up_when_required(
    client, settings, administrator, teacher
):
    settings.MFA_REQUIRED_FOR_ADMINISTRATORS = True
    client.force_login(administrator)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    client.force_login(teacher)
    assert client.get(reverse("home")).status_code == 200
