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

bench: $(STAMP)
	$(BIN)/python bench/desk.py
	$(BIN)/python bench/classify.py
	$(BIN)/python bench/bursts.py --seeds 2
	$(BIN)/python bench/crisis.py
	$(BIN)/python bench/answers.py
	$(BIN)/python bench/insights.py --cases 100000 --answers 30000
	$(BIN)/python bench/churn.py

clean:
	rm -rf $(VENV) var/test
