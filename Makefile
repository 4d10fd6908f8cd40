# Kalm: the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-sqlite test-postgres test-browser lint format bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	PORT=$(PORT) $(BIN)/kalm demo --port $(PORT)

test: $(STAMP)
	$(BIN)/python tools/run_tests.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	cd src/kalm && ../../$(BIN)/kalm makemessages -l nl -l en --no-obsolete && ../../$(BIN)/kalm compilemessages

# Every benchmark at a small size (minutes); BENCH_SIZE=full for the issue's sizes (1,000,000
# cases on SQLite and PostgreSQL). Writes bench/results/<date>-<size>.md and .json.
bench: $(STAMP)
	$(BIN)/python bench/run.py --size $(or $(BENCH_SIZE),small)

clean:
	rm -rf $(VENV) var/test
