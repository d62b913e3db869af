# Lanu: `make run` serves the demo plans on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/lanu
## pytest-xdist: a worker per core, each with its own test database (pytest-django adds
## _gw0, _gw1 to the name); a test file stays on one worker, so a file's session-scoped
## documents (LibreOffice's ODT and PDF copies) are made once, not once per worker.
PYTEST := $(BIN)/pytest -p no:cacheprovider -n $(or $(WORKERS),auto) --dist loadfile

.PHONY: run test test-sqlite test-postgres install install-test browser documents pdf gettext voikko lint messages bench bench-load bench-national bench-indicators bench-search clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser documents pdf gettext voikko

## Debian's chromium for the browser tests (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## Debian's LibreOffice Writer (soffice) for the import tests: they make the ODT and PDF
## plans from Word files, as a municipality's published copy is made.
documents:
	@command -v soffice >/dev/null || { \
		echo "Installing Debian's LibreOffice Writer for the document import tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends libreoffice-writer-nogui >/dev/null; }

## Debian's Pango and fonts for WeasyPrint, which draws the reports' PDF (lanu/reports/pdf.py).
pdf:
	@ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi liberation || { \
		echo "Installing Debian's Pango and Liberation fonts for the PDF reports"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation >/dev/null; }

## Debian's Voikko and its Finnish dictionary: search finds a Finnish word's base form and
## a compound's parts with it (lanu/search/analysis.py; Snowball's stems without it).
voikko:
	@ldconfig -p | grep -q libvoikko.so.1 && test -d /usr/lib/voikko || { \
		echo "Installing Debian's Voikko with its Finnish dictionary for the search"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends libvoikko1 voikko-fi >/dev/null; }

## Debian's GNU gettext for the catalogue test (makemessages runs on a copy of the code).
gettext:
	@command -v xgettext >/dev/null && command -v msgattrib >/dev/null || { \
		echo "Installing Debian's gettext for the message catalogue test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }

run: install pdf voikko
	$(BIN)/python -m lanu migrate --noinput
	$(BIN)/python -m lanu load-demo --people
	$(BIN)/python -m lanu runserver 127.0.0.1:8000

test: install-test
	$(BIN)/python -m lanu makemigrations --check --dry-run >/dev/null
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache  # the layers of docs/architecture.md ([tool.importlinter])
	$(BIN)/mypy  # the types of lanu/, with django-stubs ([tool.mypy])
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== The suite on SQLite"
	env -u DATABASE_URL $(PYTEST)

## PostgreSQL when one answers; in CI (CI=true) one that does not answer is a failure.
test-postgres:
	@if $(BIN)/python .ci/pg_ready.py "$(PG_URL)"; then \
		echo "== The suite on PostgreSQL"; \
		DATABASE_URL="$(PG_URL)" $(PYTEST); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL does not answer at $(PG_URL), and CI requires it." >&2; exit 1; \
	else \
		echo "PostgreSQL does not answer at $(PG_URL): the suite ran on SQLite only."; \
	fi

lint: install-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

## Regenerate the Finnish and Swedish catalogues (needs GNU gettext).
messages: install
	$(BIN)/python -m lanu makemessages --no-obsolete -l fi -l sv --ignore '.venv/*'
	$(BIN)/python -m lanu compilemessages --ignore '.venv/*'

bench: install
	$(BIN)/python bench/import.py
	$(BIN)/python bench/plan_pages.py

## 200 editors saving reports at once for 60 s: gunicorn as in production, on PostgreSQL
## (a throw-away test_lanu_bench database on 127.0.0.1, dropped at the end).
bench-load: install
	$(BIN)/python bench/followup_load.py --database-url "$(subst /lanu,/lanu_bench,$(PG_URL))"

## The whole country on one server: 330 plans, about 90,000 actions and 270,000 reports, on
## PostgreSQL (a throw-away test_lanu_national_bench database, dropped at the end);
## every page beside the same page with its plan alone. A quick run: ARGS=--plans=33.
bench-national: install
	$(BIN)/python bench/national.py --database-url "$(subst /lanu,/lanu_national_bench,$(PG_URL))" $(ARGS)

## All of Sotkanet at once: 10 million observations imported on SQLite and on PostgreSQL
## (a throw-away test_lanu_indicators_bench database), beside pandas.read_csv of the same
## file. A quick run: ARGS=--observations=1000000.
bench-indicators: $(VENV)/.installed-bench
	$(BIN)/python bench/indicators.py $(ARGS)
	$(BIN)/python bench/indicators.py --database-url "$(subst /lanu,/lanu_indicators_bench,$(PG_URL))" $(ARGS)

## Search and similar actions among 100,000 synthetic actions of the seeds' words, on SQLite
## and on PostgreSQL (a throw-away test_lanu_search_bench database, dropped at the end), then
## the similar actions' precision at 10 on the labelled pairs of the seed plans
## (docs/search-measures.md). A quick run: ARGS=--actions=10000.
bench-search: install voikko
	$(BIN)/python bench/search.py $(ARGS)
	$(BIN)/python bench/search.py --database-url "$(subst /lanu,/lanu_search_bench,$(PG_URL))" $(ARGS)
	$(BIN)/python bench/similar_quality.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
