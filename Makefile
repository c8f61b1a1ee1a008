.DEFAULT_GOAL := help
SHELL := bash
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: help install run test lint format lock bench messages clean

help: ## List the targets
	@grep -hE '^[a-z][a-z_-]+:.*## ' $(MAKEFILE_LIST) \
	  | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

# The venv is re-synced whenever the lock file is newer than the stamp install.sh leaves.
$(VENV)/.installed: requirements/dev-lock.txt
	scripts/install.sh

install: $(VENV)/.installed ## Create .venv with the pinned, hashed dependencies for development and tests

run: install ## Run the site with Redis, a Celery worker and beat, and demo content (Ctrl-C stops)
	scripts/run.sh

test: install ## Run everything CI runs: lint, checks, tests on SQLite and PostgreSQL, browser tests
	scripts/test.sh

lint: install ## Check code style with ruff (no changes made)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Fix what ruff can and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# lock.txt is what production runs; dev-lock.txt adds the dev extra (tests, demo content, tools)
# and is compiled with lock.txt's pins as constraints, so both agree on every shared package.
lock: install ## Regenerate requirements/lock.txt (production) and dev-lock.txt (pinned, hashed)
	UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv pip compile -q --python 3.11 --generate-hashes \
	  pyproject.toml -o requirements/lock.txt
	UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv pip compile -q --python 3.11 --generate-hashes \
	  --extra dev --constraint requirements/lock.txt pyproject.toml -o requirements/dev-lock.txt

bench: install ## Run every benchmark in bench/ against SQLite and a throwaway PostgreSQL
	scripts/bench.sh

messages: install ## Extract public strings into locale/cy/LC_MESSAGES/django.po and compile it (needs gettext)
	$(PY) manage.py update_translations

clean: ## Remove var/ (databases, logs, Redis data, collected static files)
	rm -rf var
