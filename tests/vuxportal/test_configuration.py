"""Settings that follow DEBUG (issue 14, "Configuration"): DEBUG is off unless set, and
with it off administrators need two-factor authentication unless configured otherwise.

The settings are read in a fresh process with the environment a server would have (the
tests themselves run with DEBUG=1, set by tests/environment.py).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
NAMES = [
    "DEBUG",
    "MFA_REQUIRED_FOR_ADMINISTRATORS",
    "SESSION_ABSOLUTE_HOURS",
    "PASSWORD_RESET_TIMEOUT",
    "INVITATION_DAYS",
]


def _settings(**env: str) -> dict:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DEBUG", "MFA_REQUIRED_FOR_ADMINISTRATORS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="vuxportal.settings",
        SECRET_KEY="s" * 60 + "-configuration-test",
        ALLOWED_HOSTS="vux.example.se",
        **env,
    )
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_unless_set_and_then_administrators_need_mfa():
    values = _settings()
    assert values["DEBUG"] is False
    assert values["MFA_REQUIRED_FOR_ADMINISTRATORS"] is True
    # Configured otherwise in production; and the demo (make run, DEBUG=1) does not ask.
    values = _settings(MFA_REQUIRED_FOR_ADMINISTRATORS="0")
    assert (values["DEBUG"], values["MFA_REQUIRED_FOR_ADMINISTRATORS"]) == (False, False)
    values = _settings(DEBUG="1")
    assert (values["DEBUG"], values["MFA_REQUIRED_FOR_ADMINISTRATORS"]) == (True, False)


def test_sessions_and_links_have_lifetimes_of_their_own():
    values = _settings()
    assert values["SESSION_ABSOLUTE_HOURS"] == 12
    assert values["PASSWORD_RESET_TIMEOUT"] == 3 * 60 * 60
    assert values["INVITATION_DAYS"] == 7
    values = _settings(SESSION_ABSOLUTE_HOURS="8", PASSWORD_RESET_HOURS="1", INVITATION_DAYS="14")
    assert values["SESSION_ABSOLUTE_HOURS"] == 8
    assert values["PASSWORD_RESET_TIMEOUT"] == 60 * 60
    assert values["INVITATION_DAYS"] == 14
