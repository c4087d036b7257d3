# valo — the two commands of the README are `make demo` and `make test`.
# Everything a fresh machine needs (Python 3.11 + pip, node/npm) is installed from the registries here.

# What makemessages reads: valo's code and templates, not tests or installed packages.
MAKEMESSAGES_ARGS := --locale fr --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' \
	--ignore 'var/*' --ignore '*/tests/*' --ignore 'conftest.py' --ignore 'bench/*'
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.installed-spark
NODE_STAMP := node_modules/.package-lock.json

.PHONY: setup demo test test-tools system-libs fuzz messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# setup.py and the .pyx: the compiled ST.36 reader, rebuilt by the install when either changes.
$(STAMP): pyproject.toml constraints.txt setup.py valo/officedata/readers/st36.pyx | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	# The assignee gold sets (GPL-3.0 data, read from the installed package, never copied); its own
	# requirements (dask, scikit-learn, quarto …) are not needed to read them.
	$(BIN)/python -m pip install --quiet --no-deps pv-evaluation==2.1.1
	touch $@

# The Spark engine's PySpark (an optional extra: the product runs without it; the tests use it).
$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,spark]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund

## system-libs: the Debian packages the product needs (Pango and a font, for PDF reports; a C compiler
## and Python's headers, for its compiled ST.36 reader)
system-libs:
	@PYTHON=$(PYTHON) bin/install-system-libs

## setup: virtual environment, Python and npm packages, compiled translations, database schema
setup: system-libs $(STAMP) $(NODE_STAMP)
	$(BIN)/valo compiletranslations
	$(BIN)/valo migrate --noinput

## demo: set up, load the demo institution, print the demo logins, serve on http://127.0.0.1:8000
## (with the job queue's worker, which sends the e-mails; they print on the console in the demo)
demo: setup
	$(BIN)/valo demo
	$(BIN)/valo db_worker --no-reload & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	$(BIN)/valo runserver 127.0.0.1:8000

## test-tools: Debian's chromium (driven by Playwright, no browser download), gettext, a Java runtime (Spark)
test-tools:
	@bin/install-test-tools

## test: lint, import contracts, migrations check, every test (SQLite by default; set VALO_DATABASE_URL for PostgreSQL)
test: system-libs $(STAMP) $(SPARK_STAMP) $(NODE_STAMP) test-tools
	$(BIN)/valo compiletranslations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/valo makemigrations --check --dry-run
	$(BIN)/pytest -n auto

## fuzz: schemathesis against the API with a large budget (80 cases per operation and role, ~5 min)
fuzz: $(STAMP)
	VALO_FUZZ_EXAMPLES=$${VALO_FUZZ_EXAMPLES:-80} $(BIN)/pytest -p no:cacheprovider valo/tests/test_api_fuzz.py

## messages: refresh the translation catalogues after changing user-facing strings (needs GNU gettext)
messages: $(STAMP)
	$(BIN)/valo makemessages $(MAKEMESSAGES_ARGS)

clean:
	rm -rf $(VENV) node_modules var
