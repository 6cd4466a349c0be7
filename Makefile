# Trellis: `make run` serves the demo; `make test` runs every check CI runs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast test-browser test-dates fuzz bench faults lint format vendor vendor-fonts clean

$(PY):
	@python="$$(scripts/find-python.sh)" && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@scripts/write-dev-env.sh $(PY)
	@$(PY) manage.py booklet_demo_certificate
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py seed_demo_cycle
	@echo "Trellis is at http://$(HOST):$(PORT)/ (background tasks: one run_worker beside it;"
	@echo "reminder emails: send_reminders now and every hour, at most one of a kind a week)"
	@$(PY) manage.py run_worker --no-reload & worker=$$!; \
	  $(PY) manage.py send_reminders --every 3600 & reminders=$$!; \
	  trap 'kill $$worker $$reminders 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# The suite in TEST_WORKERS processes (pytest-xdist; 0 runs it in this one), each with its
# own test database. Tests are handed out in pytest-django's order, so in each process
# the tests that empty the database (transactional ones) still run after the others.
TEST_WORKERS ?= 2

test: $(VENV)/.installed-dev lint
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load

test-fast: $(VENV)/.installed-dev
	$(PY) -m pytest -m "not browser"

test-browser: $(VENV)/.installed-dev
	$(PY) -m pytest -m browser

# The suite on other days (libfaketime, Debian's faketime): a test that passes only in
# the season it was written in fails here. The first days of an appraisal year, a leap
# day, some four years on. On SQLite, whose clock is the process's (PostgreSQL's is not
# faked), whatever DATABASE_URL the environment or .env names. See docs/adr/0076.
# The booklet clean-up's test is left out: it ages files by the file system's clock.
TEST_DATES ?= 2027-04-02 2028-02-29 2031-01-15
test-dates: $(VENV)/.installed-dev
	for day in $(TEST_DATES); do \
	  echo "Tests on $$day"; \
	  DATABASE_URL=sqlite:///db.sqlite3 faketime "$$day 10:00:00" $(PY) -m pytest -q -p no:cacheprovider \
	    -m "not browser" --deselect \
	    tests/test_booklet_exports.py::test_the_clean_up_removes_expired_exports_and_files_nothing_refers_to \
	    || exit 1; \
	done

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# A larger run of the request fuzzer (tests/test_fuzz.py): FUZZ_EXAMPLES per page and form.
FUZZ_EXAMPLES ?= 30
fuzz: $(VENV)/.installed-dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_SWEEP=1 FUZZ_PROFILE=fuzz $(PY) -m pytest tests/test_fuzz.py -p no:cacheprovider

bench: $(VENV)/.installed-dev
	$(PY) -m bench

# PostgreSQL (a private cluster) stopped for 10 s under load: 503s, no save lost.
faults: $(VENV)/.installed-dev
	$(PY) scripts/faults.py

vendor:
	scripts/vendor-frontend.sh

# Debian's font packages, rewrapped under static/vendor/fonts/ (WOFF2 for pages, WOFF for PDFs).
vendor-fonts: $(VENV)/.installed-run
	PYTHON=$(PY) scripts/vendor-fonts.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
