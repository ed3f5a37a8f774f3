# Carers Hub: `make run` for a demo on this laptop, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes in parallel (pytest-xdist); each gets its own test database.
TEST_WORKERS ?= 2
# More pytest arguments, e.g. PYTEST_ARGS="tests/reporting" or CI's SQLite pass (.ci/run).
PYTEST_ARGS ?=

.PHONY: run test test-sqlite test-postgres install frontend migrate demo-data demo-code benchmark check clean messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Carers Hub needs Python 3.12 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The compiled Welsh catalogue: generated from the .po (GNU gettext's msgfmt), so not in git.
WELSH_PO := carershub/locale/cy/LC_MESSAGES/django.po
WELSH_MO := $(WELSH_PO:.po=.mo)
$(WELSH_MO): $(WELSH_PO)
	@command -v msgfmt >/dev/null || { echo "Carers Hub needs GNU gettext for its Welsh pages: apt-get install gettext" >&2; exit 1; }
	msgfmt --check-format --output-file=$@ $<

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build/static/carershub/application.css: node_modules/.installed $(wildcard carershub/core/frontend/*.scss)
	npm run --silent build

install: $(VENV)/.installed frontend $(WELSH_MO)

frontend: build/static/carershub/application.css

migrate: install
	CARERSHUB_DEBUG=1 $(PY) manage.py migrate --no-input

demo-data: migrate
	CARERSHUB_DEBUG=1 $(PY) manage.py load_demo_data

# The current authenticator code of a demo user: make demo-code USERNAME=frontdoor
demo-code: install
	@CARERSHUB_DEBUG=1 $(PY) manage.py demo_code $(USERNAME)

run: demo-data
	CARERSHUB_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite. Uses DATABASE_URL when set (PostgreSQL), otherwise SQLite.
test: install
	CARERSHUB_TESTING=1 $(PY) -m pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-sqlite: install
	env -u DATABASE_URL CARERSHUB_TESTING=1 $(PY) -m pytest -q -n $(TEST_WORKERS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} CARERSHUB_TESTING=1 $(PY) -m pytest -q -n $(TEST_WORKERS)

check: install
	CARERSHUB_TESTING=1 $(PY) manage.py check
	CARERSHUB_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	# The app map of DEVELOPERS.md decision 10: no upward imports, no views importing views, pure rules pure.
	CARERSHUB_TESTING=1 $(PY) -m pytest -q -p no:xdist tests/architecture
	# Every message of the code has Welsh: none missing, empty or fuzzy, placeholders intact.
	$(PY) scripts/messages.py check

# Prints search timings on a generated population; see benchmarks/README.md.
benchmark: install
	CARERSHUB_TESTING=1 $(PY) benchmarks/search.py $(BENCHMARK_ARGS)

# New and changed messages into the Welsh catalogue (Jinja2 templates read by Jinja2 itself; see the script).
messages: install
	$(PY) scripts/messages.py update

clean:
	rm -rf $(VENV) node_modules build var
