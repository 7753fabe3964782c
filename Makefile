# Living Well: the two commands a new user runs.
#
#   make demo   install, set up an SQLite database with a synthetic borough, serve http://127.0.0.1:8000
#               (make demo PORT=8200 serves on another port)
#   make test   install what the tests need, then run them all (PostgreSQL, then a smoke run on SQLite)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATABASE_URL_TEST ?= postgres://postgres@127.0.0.1:5432/livingwell
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test check install install-test lock chromium pdf-libraries postgres clean

demo: install pdf-libraries
	$(BIN)/livingwell migrate --noinput
	$(BIN)/livingwell borough --if-empty
	@echo "Living Well is at http://127.0.0.1:$(PORT) (press Ctrl+C to stop)"
	SECURE_COOKIES=false $(BIN)/livingwell runserver 127.0.0.1:$(PORT)

test: install-test chromium pdf-libraries postgres check
	DATABASE_URL=$(DATABASE_URL_TEST) LIVINGWELL_FAST_PASSWORD_HASHING=true $(BIN)/pytest
	@echo "Smoke run on SQLite:"
	LIVINGWELL_DATA_DIR=$$(mktemp -d) LIVINGWELL_FAST_PASSWORD_HASHING=true $(BIN)/pytest -m smoke -q

check:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src tests
	$(BIN)/lint-imports

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(VENV)/.installed node_modules/.installed

install-test: $(VENV)/.installed-test node_modules/.installed

# Python packages come from the lock files, pinned with their hashes, so every install gets the same
# versions; Living Well itself is then installed on top, without asking for anything more.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# The test lock holds the same pins as requirements.lock, and the test extra's on top.
$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

# Regenerate the locks after changing a dependency in pyproject.toml, then commit both files:
#   make lock                                    add or drop what pyproject.toml changed, keep other pins
#   make lock UPGRADE="--upgrade-package django" move one package to the newest version allowed
#   make lock UPGRADE=--upgrade                  move every package to the newest version allowed
# pip-compile (pip-tools) runs from a throwaway virtualenv: it is not one of our dependencies.
# The locks are for Linux and Python 3.11, the platform we deploy on.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" "$$tools/bin/pip-compile" --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(UPGRADE)

lock:
	tools=$$(mktemp -d) && trap 'rm -rf "$$tools"' EXIT && \
	$(PYTHON) -m venv "$$tools" && "$$tools/bin/pip" install --quiet pip-tools && \
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml && \
	$(PIP_COMPILE) --extra test --constraint requirements.lock --output-file requirements-test.lock pyproject.toml

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Browser tests drive Debian's Chromium: Playwright's own browser download is not used.
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Plans are made into PDFs by WeasyPrint, which draws text with Pango (a system library).
pdf-libraries:
	@{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libpangoft2-1.0.so.0' || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; }

# Start the machine's PostgreSQL if it is installed here and not running (CI and fresh machines).
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  command -v pg_ctlcluster >/dev/null && \
	  $(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && \
	  sleep 2 && pg_isready -h 127.0.0.1 -p 5432; } || { \
	  echo "PostgreSQL is not answering on 127.0.0.1:5432: see 'Configuring PostgreSQL' in README.md"; exit 1; }

clean:
	rm -rf $(VENV) node_modules data .pytest_cache .mypy_cache .ruff_cache
