# The two set-up commands of README.md: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
ADDRESS ?= 127.0.0.1:8000
# `make run EXAMPLES=1` also loads the demonstration content, marked as such on every page:
# example priorities, and an example ambassador network with logins (see README).
EXAMPLES ?=

.PHONY: run test setup lint messages clean

$(PY):
	@python=$$(scripts/find-python) || exit 1; echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV)

$(VENV)/.base: requirements/base.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	@touch $@

$(VENV)/.dev: requirements/dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@ $(VENV)/.base

setup: $(VENV)/.base
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py load_programme $(if $(EXAMPLES),--with-examples)
	$(PY) manage.py load_municipalities
	$(if $(EXAMPLES),$(PY) manage.py load_example_network)
	$(if $(EXAMPLES),$(PY) manage.py load_example_followup)
	$(if $(EXAMPLES),$(PY) manage.py load_example_encyclopedia)
	$(if $(EXAMPLES),$(PY) manage.py load_example_goals)

# The web server, its task worker and the scheduled work, in one command (Ctrl+C stops all).
run: setup
	$(PY) manage.py serve $(ADDRESS)

# Style, the apps' layers (the import-linter contract in pyproject.toml) and types (mypy).
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: lint
	scripts/ensure-chromium
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Re-extract and compile the translation catalogues (needs GNU gettext).
messages: $(VENV)/.dev
	$(PY) manage.py makemessages --locale sv --ignore '.venv/*' --no-obsolete --no-location
	$(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
