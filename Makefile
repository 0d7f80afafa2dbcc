# Vuxportal — the two commands: `make run` and `make test`. Both do all set-up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers: the machine (and CI) has two cores.
PYTEST_ARGS ?= -n 2

.PHONY: help run test install sysdeps messages makemessages lint format migrate demo up bench soak clean

help:
	@echo "make run    install, migrate, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test   install, lint and run every test (unit, views, API, browser, a11y)"
	@echo "make up     the full stack: gunicorn, Celery worker and beat on PostgreSQL + Redis"
	@echo "make bench  performance benchmarks at scale"
	@echo "make soak   load test (locust, 50 users) and fault/backup tests on real processes"

# System packages (gettext, WeasyPrint's HarfBuzz, poppler, Chromium); a no-op when present.
sysdeps:
	@bash scripts/sysdeps.sh

$(INSTALLED): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(INSTALLED)

install: sysdeps $(INSTALLED) messages

# DEBUG is off unless set (production needs SECRET_KEY and ALLOWED_HOSTS). The demo and the
# developer's commands run with it on; an explicit DEBUG in the environment wins.
run demo migrate makemessages: export DEBUG ?= 1

# Compiled catalogues are build output (not committed); rebuilt when a .po changes.
messages: $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

# Refresh the catalogues after adding strings, then translate the new entries in sv.
makemessages: $(INSTALLED)
	$(PY) manage.py makemessages -l sv --no-obsolete --no-location --no-wrap --ignore=.venv --ignore=staticfiles --ignore=node_modules

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The tests run on the machine's PostgreSQL and Redis (started when not running), as in
# production: the scale, fault and report-worker tests need them. DATABASE_URL and
# REDIS_URL override the defaults.
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/vuxportal)
TEST_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/1)

# The tests set DEBUG=1 themselves (tests/environment.py); manage.py here needs it too.
# scripts/check_deploy.sh checks the production settings (DEBUG=0) on its own.
test: export DEBUG = 1
test: install lint
	@bash scripts/services.sh >/dev/null
	@# Models against migrations only: no database needed (the test database comes later).
	DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run
	@bash scripts/check_deploy.sh
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
	  $(VENV)/bin/pytest $(PYTEST_ARGS) -m "not soak"

# The full stack on this machine (PostgreSQL and Redis must run; see README).
up: install
	@bash scripts/up.sh

bench: install
	@bash scripts/bench.sh $(BENCH_ARGS)

# Load test + fault and backup tests (minutes; SOAK_SECONDS=60 shortens the load test).
soak: install
	@bash scripts/soak.sh

clean:
	rm -rf staticfiles .pytest_cache
