# `make site` and `make test` each set up .venv on a fresh machine first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint typecheck clean check

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/epistola build

check: $(STAMP)
	$(BIN)/epistola check

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy --strict src
	$(BIN)/lint-imports

test: $(STAMP) lint node_modules/.package-lock.json
	$(BIN)/pytest

# The HTML checker, axe-core and the search library, exactly as package-lock.json pins them.
node_modules/.package-lock.json: package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund; touch $@; fi

clean:
	rm -rf site .venv
