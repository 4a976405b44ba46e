# The two set-up commands of README.md: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
ADDRESS ?= 127.0.0.1:8000
# `make run EXAMPLES=1` also loads the demonstration content, marked as such on every page:
# example priorities, and an example ambassador network with logins (README).
EXAMPLES ?=
# The municipality kit the site is set up from (data/kits/<name>/): `make run MUNICIPALITY=motala`
# serves Motala's. Examples exist in Helsingborg's kit only.
MUNICIPALITY ?= helsingborg
export MUNICIPALITY

.PHONY: run test setup lint messages clean lock release-check sso-provider

# The environment is built aside and moved in place only once pip works in it, so a failed
# first attempt (no venv module, say) never leaves a half-made .venv behind.
$(PY):
	@python=$$(scripts/find-python) || exit 1; \
	if ! "$$python" -c "import ensurepip, venv" 2>/dev/null; then \
		echo "$$python cannot create a virtual environment: install its venv module" \
			"(Debian: apt-get install python3-venv, or python3.12-venv for 3.12)"; exit 1; fi; \
	echo "Creating $(VENV) with $$python"; rm -rf $(VENV).new; \
	if "$$python" -m venv $(VENV).new && $(VENV).new/bin/python -m pip --version >/dev/null; \
	then mv $(VENV).new $(VENV); else rm -rf $(VENV).new; echo "Could not create $(VENV)"; exit 1; fi

$(VENV)/.base: requirements/base.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	@touch $@

$(VENV)/.dev: requirements/dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@ $(VENV)/.base

setup: $(VENV)/.base
	@# The portal runs without them; only the annual report's PDF needs them (it then fails
	@# with a message naming the packages).
	-scripts/ensure-pdf-libraries
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py load_programme $(if $(EXAMPLES),--with-examples)
	$(PY) manage.py load_municipalities
	$(if $(EXAMPLES),$(PY) manage.py load_example_network)
	$(if $(EXAMPLES),$(PY) manage.py load_example_followup)
	$(if $(EXAMPLES),$(PY) manage.py load_example_keyfigures)
	$(if $(EXAMPLES),$(PY) manage.py load_example_prioritisation)
	$(if $(EXAMPLES),$(PY) manage.py load_example_encyclopedia)
	$(if $(EXAMPLES),$(PY) manage.py load_example_goals)

# The web server, its task worker and the scheduled work, in one command (Ctrl+C stops all).
# The e-mails link to the address served (SITE_URL, unless it is set).
run: setup
	SITE_URL="$${SITE_URL:-http://$(ADDRESS)}" $(PY) manage.py serve $(ADDRESS)

# A test OpenID Connect provider on 127.0.0.1:8001 for trying single sign-on by hand with
# the example accounts (docs/accounts.md, "Single sign-on"); it prints the settings to run with.
sso-provider: $(VENV)/.dev
	$(PY) -m tests.oidc_provider --port 8001 --people tests/oidc_provider/example_people.json \
		--redirect-uri http://127.0.0.1/accounts/sso/tillbaka/ \
		--redirect-uri http://localhost/accounts/sso/tillbaka/

# Style, the templates (djLint), the apps' layers (the import-linter contract in
# pyproject.toml) and types (mypy).
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates tests/kit_example/templates --lint
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: lint
	scripts/ensure-chromium
	scripts/ensure-pdf-libraries
	scripts/ensure-search-dictionary
	$(VENV)/bin/pytest -n auto $(PYTEST_ARGS)

# Re-extract and compile the translation catalogues (needs GNU gettext).
messages: $(VENV)/.dev
	$(PY) manage.py makemessages --locale sv --ignore '.venv/*' --no-obsolete --no-location
	$(PY) manage.py compilemessages --ignore '.venv/*'

# Before a release: migrations, `check --deploy`, static files, RELEASE (run with the
# production environment).
release-check: $(VENV)/.base
	$(PY) manage.py release_check

# Re-lock both requirement files, with hashes, for the lowest Python the project accepts
# (3.12); installs then refuse any file whose hash differs.
LOCK_PYTHON ?= $(shell PYENV_VERSION=3.12.1 pyenv which python3.12 2>/dev/null || command -v python3.12)
lock:
	@test -n "$(LOCK_PYTHON)" || { echo "make lock needs Python 3.12 (LOCK_PYTHON=...)"; exit 1; }
	rm -rf .venv-lock && "$(LOCK_PYTHON)" -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-find-links \
		--no-emit-index-url --strip-extras --output-file=requirements/base.txt pyproject.toml
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-find-links \
		--no-emit-index-url --strip-extras --extra=dev --output-file=requirements/dev.txt pyproject.toml
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
