"""The environment the tests run in, set before pytest-django imports the settings.

Loaded as a plugin (``-p tests.environment`` in pyproject.toml) because pytest-django
imports the settings before any conftest.py, and ``DEBUG`` is off unless set. The tests
run with the development defaults (no SECRET_KEY or ALLOWED_HOSTS needed, no HTTPS
redirect); pytest-django still runs each test with ``settings.DEBUG = False``. Tests of
production behaviour start their own process with ``DEBUG=0``.
"""

import os

os.environ.setdefault("DEBUG", "1")
