# Two commands for a fresh machine: `make demo` (set up + analyse the bundled sample), `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/counterclaim analyze samples/ -o out/report.json --db out/counterclaim.sqlite
	@echo "Export: out/report.json   Store: out/counterclaim.sqlite (open it with datasette or sqlite3)"
	@echo "Claims about one place, in date order: $(BIN)/counterclaim timeline Mellit"

test: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/python bench/attribution_eval.py

clean:
	rm -rf out .pytest_cache
