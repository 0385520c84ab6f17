# Loket: two commands on a fresh machine with Python 3.11+ and make.
#   make run   create the virtualenv, install, migrate, load the demo area, serve on http://127.0.0.1:$(PORT)
#   make test  the whole suite (DATABASE_URL=postgres://… runs it on PostgreSQL), in random order (seed printed;
#              PYTEST_ARGS='-p randomly --randomly-seed=N' repeats an order, PYTEST_ARGS='-p no:randomly' keeps file order)

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
MANAGE := $(BIN)/loket-manage
STAMP := $(VENV)/.installed
# Links in e-mails point at the address Loket is served on (see src/loket/core/links.py).
export LOKET_PUBLIC_URL ?= http://127.0.0.1:$(PORT)
PYTEST_ARGS ?=

.PHONY: install run test lint format messages bench screens check-deploy audit backupdrill loadtest faultdrill clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Loket needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) setup_schedules
	@echo "Loket runs on http://127.0.0.1:$(PORT)/ with its background worker (stop with Ctrl+C)"
	@$(MANAGE) qcluster >var/worker.log 2>&1 & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests bench

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Extract and compile translations per app (each app keeps its own locale/ folder).
messages: install
	@for app in src/loket/*/; do \
	  if [ -d "$$app/locale" ]; then (cd $$app && ../../../$(MANAGE) makemessages -l nl -l en -l fr -l ar --no-obsolete -i 'tests/*' >/dev/null); fi; \
	done
	$(MANAGE) compilemessages --ignore '.venv/*' >/dev/null

bench: install
	$(BIN)/python bench/allocation.py
	$(BIN)/python bench/rounds.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/support.py
	$(BIN)/python bench/desk_search.py
	$(BIN)/python bench/pages.py

# The browser tests' screenshots (320 and 1280 px), written to docs/screens/ instead of a temporary folder.
screens: install
	LOKET_SCREENSHOTS=1 $(BIN)/python -m pytest -q -m browser -k screenshot tests

check-deploy: install
	SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-0123456789abcdefghij LOKET_NATIONAL_NUMBER_KEY=check ALLOWED_HOSTS=loket.example.org \
	  LOKET_PUBLIC_URL=https://loket.example.org \
	  DJANGO_SETTINGS_MODULE=loket.conf.production $(MANAGE) check --deploy --fail-level WARNING

# Opening-day rush with Locust against gunicorn + PostgreSQL on this machine; the fault drill restarts PostgreSQL mid-rush.
loadtest: install
	$(BIN)/python -m pip install --quiet -e '.[load]'
	$(BIN)/python bench/loadtest.py

faultdrill: install
	$(BIN)/python -m pip install --quiet -e '.[load]'
	$(BIN)/python bench/faultdrill.py

# pg_dump / pg_restore of a loaded database, compared table by table (row counts and checksums).
backupdrill: install
	$(BIN)/python bench/backup_drill.py

# Known vulnerabilities in the pinned dependencies. Fails on a vulnerability AND when it could not audit (the vulnerability
# service unreachable, packages skipped): exit 3 means "not audited", never a clean result (.ci/audit.py).
audit: install
	$(BIN)/python .ci/audit.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
