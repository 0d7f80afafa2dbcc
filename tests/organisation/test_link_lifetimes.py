"""Password-reset and invitation links have lifetimes of their own (issue 14, hardening):
a reset lasts PASSWORD_RESET_HOURS (3), an invitation INVITATION_DAYS (7). Both end on
allauth's "choose a password" page; time is moved forward on the token generator's clock."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse

from organisation import services


@pytest.fixture
def later(monkeypatch):
    """``later(hours=4)``: the token generators' clock runs that far ahead from now on."""

    def move(**delta):
        moved = datetime.now() + timedelta(**delta)
        monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: moved)

    return move


@pytest.fixture
def invited(db):
    return services.person_invite(
        email="ny.larare@vux.test", first_name="Ny", last_name="Lärare", send_invitation=False
    )


def _reset_link(client, user) -> str:
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": user.email})
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def _invitation_link(user) -> str:
    return re.sub(r"^https?://[^/]+", "", services.password_set_url(user))


def _link_works(client, path: str) -> bool:
    """The link leads to the form for choosing a password (not to "invalid link")."""
    response = client.get(path, follow=True)
    assert response.status_code == 200
    return not response.context.get("token_fail", False)


@pytest.mark.django_db
def test_a_reset_link_expires_after_three_hours_while_an_invitation_still_works(
    client, later, teacher, invited
):
    reset, invitation = _reset_link(client, teacher), _invitation_link(invited)
    later(hours=2, minutes=50)
    assert _link_works(client, reset)
    later(hours=3, minutes=10)
    assert not _link_works(client, reset)
    assert _link_works(client, invitation)

    # The invitation still chooses the password, once.
    response = client.get(invitation, follow=True)
    new_password = "Ett-nytt-lösenord-93"
    client.post(
        response.redirect_chain[-1][0], {"password1": new_password, "password2": new_password}
    )
    invited.refresh_from_db()
    assert invited.check_password(new_password)
    assert not _link_works(client, invitation)


@pytest.mark.django_db
def test_an_invitation_expires_after_its_own_lifetime(client, settings, later, invited):
    settings.INVITATION_DAYS = 2
    invitation = _invitation_link(invited)
    later(days=1, hours=23)
    assert _link_works(client, invitation)
    later(days=2, hours=1)
    assert not _link_works(client, invitation)
