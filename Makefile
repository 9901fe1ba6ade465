# Newsroom: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The first Python 3.12+ found; override with `make run PYTHON=/path/to/python`.
PYTHON ?= $(shell for p in python3.13 python3.12 "$$(pyenv root 2>/dev/null)/versions/3.13.0/bin/python" python3 python; do \
	if command -v "$$p" >/dev/null 2>&1 && "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	echo "$$p"; break; fi; done)

.PHONY: help install run test lint format bench loadtest messages lock clean

help:
	@echo "make run    install into .venv, migrate, load the demo and serve http://$(HOST):$(PORT)/"
	@echo "make test   the whole test suite (PostgreSQL when DATABASE_URL is set)"
	@echo "make lint   ruff, the import contracts (pyproject.toml), Django's checks and the migrations check"
	@echo "make bench  serve the site with gunicorn the production way and measure it with wrk"
	@echo "make loadtest  flood the site behind nginx on PostgreSQL; stored posts must equal accepted ones"
	@echo "make messages  update the message catalogues (locale/) from the code, then compile them"
	@echo "make lock   re-pin requirements.lock (production) and requirements-dev.lock from pyproject.toml"

$(BIN)/.installed: requirements.lock requirements-dev.lock
	@if [ -z "$(PYTHON)" ]; then echo "No Python 3.12 or newer found: run make $(MAKECMDGOALS) PYTHON=/path/to/python3.12" >&2; exit 1; fi
	@if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $(PYTHON)"; "$(PYTHON)" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $@

install: $(BIN)/.installed

# Links in e-mails point at the server `make run` starts, whatever its port.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	@mkdir -p var/static var/mail
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo
	@echo "  Newsroom is running at http://$(HOST):$(PORT)/  (the admin is at /admin/)"
	@echo "  Create an admin account in another terminal with:"
	@echo "      $(PY) manage.py createsuperuser"
	@echo "  E-mails (newsletter confirmations) are written to var/mail/."
	@echo "  A task worker and the scheduler of periodic tasks (PERIODIC_TASKS in"
	@echo "  newsroom/settings/base.py) run beside the web server. Press Ctrl-C to stop all three."
	@echo
	@# Ctrl-C reaches the whole foreground group: the worker finishes its task and
	@# the scheduler shuts down, each by itself, so only wait for them (a second
	@# signal would cut a batch). If the server stops alone (say, its port is
	@# taken), stop the other two once.
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	$(PY) manage.py crontask --no-heartbeat & scheduler=$$!; \
	trap 'stopping=1; wait $$worker $$scheduler' INT; \
	trap '[ -n "$$stopping" ] || kill $$worker $$scheduler 2>/dev/null; stopping=1; wait $$worker $$scheduler 2>/dev/null' EXIT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Its own data set and database (BENCH_ARTICLES=100000 for the large run), the
# results in var/bench/latest.json; the variables are listed in bench/run.py.
bench: install
	$(PY) -m bench.run

# Readers browsing while many clients comment and sign up, through nginx, on
# the PostgreSQL server of DATABASE_URL (its own <name>_loadtest database);
# the variables are listed in bench/loadtest.py.
loadtest: install
	$(PY) -m bench.loadtest

# The interface's translations (issue 12): new strings into locale/<lang>/
# LC_MESSAGES/django.po (xgettext, from Debian's gettext), then the compiled
# .mo files that Django reads. Both are committed; tests/newsroom/
# test_catalogues.py fails when a string is new, untranslated or not compiled.
MESSAGE_ARGS = --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=deploy
# The source strings are English; these are the languages they are translated into.
CATALOGUES = az ru
messages: install
	$(PY) manage.py makemessages $(MESSAGE_ARGS) $(addprefix -l ,$(CATALOGUES))
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var

# Pins the whole dependency tree from pyproject.toml in a throwaway venv:
# requirements.lock for production, requirements-dev.lock adds the "dev" group
# (tests, linters) on top of it without changing a production pin.
LOCK_GROUP = var/lockenv/bin/python -c "import sys, tomllib; d = tomllib.load(open('pyproject.toml', 'rb')); \
	print('\n'.join(d['project']['dependencies'] if sys.argv[1] == 'prod' else d['dependency-groups']['dev']))"
lock:
	rm -rf var/lockenv && "$(PYTHON)" -m venv var/lockenv
	var/lockenv/bin/pip install --quiet --upgrade pip
	$(LOCK_GROUP) prod > var/lock-prod.txt
	var/lockenv/bin/pip install --quiet -r var/lock-prod.txt
	var/lockenv/bin/pip freeze > requirements.lock
	$(LOCK_GROUP) dev > var/lock-dev.txt
	var/lockenv/bin/pip install --quiet -c requirements.lock -r var/lock-dev.txt
	(echo "-r requirements.lock"; var/lockenv/bin/pip freeze | grep -vxF -f requirements.lock) > requirements-dev.lock
	rm -rf var/lockenv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
