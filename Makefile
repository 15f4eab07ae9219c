# Folio: `make run` serves the demo site, `make test` runs the whole suite.
# Both set up everything on a fresh machine with Python 3.11+, git and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
INSTALLED := $(VENV)/.installed
# The test suite runs with production settings (DEBUG off), so it needs a key.
TEST_ENV := DEBUG=0 SECRET_KEY=$${SECRET_KEY:-folio-test-suite-key-not-secret}

.PHONY: help install run test test-system nu-checker browser-test lint format messages lock bench bench-import loadtest audit clean

# make test runs every test but the heavy system suites (marked `system`); CI narrows it
# further for its second database with TEST_SELECTION. The tests run in one process per
# CPU (pytest-xdist; TEST_WORKERS=0 runs them in this one).
TEST_SELECTION ?= not system
TEST_WORKERS ?= auto

# make bench: a data set of BENCH_POSTS posts in its own database (BENCH_DATABASE_URL, a
# SQLite file by default; give a postgres:// URL for PostgreSQL), then the measurements.
BENCH_POSTS ?= 5000
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/bench.sqlite3
BENCH_SECONDS ?= 6
# make loadtest: the demo site in its own database (LOADTEST_DATABASE_URL), 64 readers and
# an editor publishing for LOADTEST_SECONDS.
LOADTEST_DATABASE_URL ?= sqlite:///$(CURDIR)/loadtest.sqlite3
LOADTEST_SECONDS ?= 60

help:
	@echo "make run           set up and serve the demo site on http://127.0.0.1:$(PORT)"
	@echo "make test          set up and run the whole test suite (SQLite unless DATABASE_URL is set)"
	@echo "make test-system   the heavy system suites: load test, two servers, the full XSS corpus,"
	@echo "                   the Nu HTML checker on every kind of public page"
	@echo "make browser-test  the real-browser tests only (system Chromium, Playwright)"
	@echo "make lint          ruff check and format check"
	@echo "make format        apply ruff's fixes and formatting"
	@echo "make lock          re-pin requirements.lock from pyproject.toml"
	@echo "make messages      gather the page words into locale/*/django.po, then compile them"
	@echo "make bench         requests per second of every public page against a static file"
	@echo "make bench-import  a generated 10,000-post WordPress export imported, timed, then again"
	@echo "make loadtest      64 readers and an editor publishing for 60 s; fails on any error"
	@echo "make audit         pip-audit on requirements.lock; fails on a known advisory"

$(INSTALLED): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(INSTALLED)

install: $(INSTALLED)

# Canonical and share links name the port the site is served on, unless SITE_URL is set.
RUN_ENV = DEBUG=1 SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	@echo
	@echo "  Folio is running at http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/  (user: admin, password: folio-demo)"
	@echo
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

static: install
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

test: static
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) -m "$(TEST_SELECTION)"

# The load test and the two-server test need PostgreSQL (and Redis): give DATABASE_URL
# and CACHE_URL as .ci/run does; on SQLite they are skipped and say so.
test-system: static nu-checker
	$(TEST_ENV) $(BIN)/pytest -m system

# The Nu HTML checker (the W3C validator) for tests/core/test_valid_html.py: vnu.jar from
# the npm registry, pinned, run by Java (Debian's headless JRE when there is none).
NU_CHECKER_VERSION := 26.9.27
NU_CHECKER := .tools/node_modules/vnu-jar/build/dist/vnu.jar
nu-checker: $(NU_CHECKER)
$(NU_CHECKER):
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; } || \
	  { echo "The Nu HTML checker needs Java: install a JRE"; exit 1; }
	npm install --silent --no-save --no-audit --no-fund --prefix .tools vnu-jar@$(NU_CHECKER_VERSION)

browser-test: static
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) -m "browser and not system"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The public pages' words, gathered for translators into locale/<language>/LC_MESSAGES/
# django.po, then compiled to the django.mo files Django reads (both are committed, so a
# deployment needs no gettext). Needs GNU gettext: apt-get install gettext.
MESSAGE_LANGUAGES ?= ru uk
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages --no-obsolete --add-location=file \
		$(addprefix -l ,$(MESSAGE_LANGUAGES)) \
		--ignore=staticfiles --ignore=tests --ignore=media --ignore=docs --ignore=devtools
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

# Re-resolves the newest releases that pyproject.toml allows, in a scratch environment.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check \
	  $$($(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(p["dependencies"] + p["optional-dependencies"]["test"]))')
	( echo '# Generated from pyproject.toml ([project] dependencies plus the "test" extra) by'; \
	  echo '# `make lock`: every package Folio installs, pinned. Edit pyproject.toml, not this file.'; \
	  .lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools --exclude wheel ) > requirements.lock
	rm -rf .lock-venv

bench: static
	@# wrk measures with far less CPU of its own than the Python generator does.
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
	  echo "wrk is not installed: measuring with the Python load generator"
	@echo "Building $(BENCH_POSTS) posts in $(BENCH_DATABASE_URL) (once; delete it to rebuild)"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py generate_bench_data --posts $(BENCH_POSTS) --unless-present
	DATABASE_URL=$(BENCH_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py bench --seconds $(BENCH_SECONDS)

# make bench-import: a generated WordPress export of IMPORT_POSTS posts imported into an
# empty SQLite database, timed, with peak memory; then imported again, which must change
# nothing (every post "unchanged").
IMPORT_POSTS ?= 10000
IMPORT_DATABASE_URL ?= sqlite:///$(CURDIR)/bench-import.sqlite3
bench-import: install
	$(TEST_ENV) $(BIN)/python manage.py generate_wordpress_export bench-wordpress.xml --posts $(IMPORT_POSTS)
	rm -f bench-import.sqlite3
	DATABASE_URL=$(IMPORT_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py migrate --noinput -v0
	@echo "First import:"
	@DATABASE_URL=$(IMPORT_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py import_wordpress \
	  bench-wordpress.xml --report bench-import-report.txt 2>/dev/null | grep -v '^  [a-z_-]* [0-9]*:'
	@echo "Second import of the same export:"
	@DATABASE_URL=$(IMPORT_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py import_wordpress \
	  bench-wordpress.xml --report bench-import-report.txt 2>/dev/null | grep -v '^  [a-z_-]* [0-9]*:'

# pip-audit lives in a venv of its own: it is a tool with dependencies of its own, and it
# reads the lock, not the environment. AUDIT_STRICT=1: a pin the advisory service cannot
# check fails the audit rather than being listed as unchecked.
AUDIT_VENV := .audit-venv
audit: install
	test -x $(AUDIT_VENV)/bin/pip-audit || ( $(PYTHON) -m venv $(AUDIT_VENV) && \
	  $(AUDIT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip-audit==2.10.1 )
	$(TEST_ENV) $(BIN)/python manage.py audit --pip-audit $(AUDIT_VENV)/bin/pip-audit \
	  $(if $(AUDIT_STRICT),--strict)

loadtest: static
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py load_demo
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(TEST_ENV) $(BIN)/python manage.py loadtest --seconds $(LOADTEST_SECONDS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .tools
