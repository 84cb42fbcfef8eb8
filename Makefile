# The two commands of the quick start: `make run` and `make test`.
# Both work on a fresh machine with only Python 3.11+; without DATABASE_URL / REDIS_URL
# they start an embedded PostgreSQL and Redis with their data under .devdata/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
WITH_SERVICES := $(PY) -m portal.devservices --

.PHONY: run test lint typecheck pytest messages bench clean-devdata

BENCH_SIZE ?= 100000

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

## Set up, migrate, load reference and demo data, run web + worker + beat.
run: $(INSTALLED)
	$(PY) -m portal.devrun

## The whole suite: lint, types, and pytest against real PostgreSQL and Redis.
test: lint typecheck pytest

# bandit: no high-severity finding may land (ruff's S rules catch the rest). lint-imports:
# the apps import one way (the contracts in pyproject.toml, docs/architecture.md).
lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --quiet --recursive --severity-level high core accounts agencies appeals receptions petitions listening ratings notifications portal bench
	$(VENV)/bin/lint-imports --no-cache --no-logo

typecheck: $(INSTALLED)
	$(VENV)/bin/mypy .

# One process per core (at most 4), each with its own test database and Redis database
# (portal/settings/test.py). `--dist load` hands out tests in pytest-django's order, so each
# process runs the tests that empty the database after all the others.
PYTEST_ARGS ?= --numprocesses=auto --maxprocesses=4 --dist=load
pytest: $(INSTALLED)
	$(WITH_SERVICES) $(VENV)/bin/pytest $(PYTEST_ARGS)

## The benchmarks of bench/ at BENCH_SIZE appeals (generated once into otinish_bench_<size>).
bench: $(INSTALLED)
	$(PY) -m portal.devservices --purpose run -- $(PY) bench/run.py --size $(BENCH_SIZE)

## Extract and compile translations (needs GNU gettext; compiled .mo files are committed).
messages: $(INSTALLED)
	cd $(CURDIR) && $(PY) manage.py makemessages -l ru -l kk -l en --no-obsolete --ignore=.venv --ignore=.devdata --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

clean-devdata:
	rm -rf .devdata
