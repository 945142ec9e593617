# Two set-up commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run serve demo migrate test lint lock clean

install: $(STAMP)

# Reinstall only when the pinned set or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "motcua needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@$(BIN)/python manage.py demo_accounts --url http://$(HOST):$(PORT)/
	@echo "motcua is serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py devserver $(HOST):$(PORT)

# The production profile: gunicorn and a task worker, no demo data, static files hashed and
# compressed. Needs SECRET_KEY and ALLOWED_HOSTS (docs/deploy.md); behind no TLS proxy, also
# SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false.
serve: migrate
	MOTCUA_PROFILE=production $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	MOTCUA_PROFILE=production $(BIN)/python manage.py serve --bind $(HOST):$(PORT)

# The whole suite; against PostgreSQL when DATABASE_URL points to one, else SQLite.
test: install
	$(BIN)/python -m pytest -n 2 -q

lint: install
	$(BIN)/ruff check .

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache staticfiles
