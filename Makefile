# edumock: every target creates .venv when missing and installs the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8080
SEED ?= 42

.PHONY: serve test lint pytest bench bytecode clean real-tesla

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Compiled once here, so a start never compiles sources, even where the environment stops
# Python from writing bytecode itself (PYTHONDONTWRITEBYTECODE); only changed files recompile.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q src

serve: bytecode
	$(BIN)/edumock serve --host $(HOST) --port $(PORT) --seed $(SEED)

test: $(STAMP) lint pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -q

# The real TeSLA CE server (tesla-ce 1.0.10) on loopback, in the foreground (Ctrl+C stops it):
# installed once into ~/.cache/edumock/real-tesla (EDUMOCK_REAL_TESLA_HOME moves it); needs
# Debian's mariadb-server redis-server default-libmysqlclient-dev pkg-config.
real-tesla: $(STAMP)
	$(BIN)/python -m tests.upstream.tesla

bench: bytecode
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
