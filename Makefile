# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATABASE := data/interventions.duckdb
SAMPLE_PEOPLE ?= 60000
# make serve: app processes behind HAProxy; DATABASE_URL and REDIS_URL come from the environment.
# Workers listen on loopback from FIRST_WORKER_PORT on (0: free ports).
WORKERS ?= $(shell nproc)
SERVE_PORT ?= 8501
SERVE_ADDRESS ?= 0.0.0.0
SERVE_RUN_DIR ?= .serve
FIRST_WORKER_PORT ?= 0

# The sign-in journey's OpenID Connect provider (tests/e2e/oidc), installed from its lockfile.
OIDC_PROVIDER := tests/e2e/oidc/node_modules/.package-lock.json

.PHONY: run serve test lint bench clean-data

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

$(DATABASE): | $(VENV)/.runtime
	$(BIN)/python -m sample_data.generate --out data/sample --people $(SAMPLE_PEOPLE)
	$(BIN)/python -m data_access.load data/sample --database-url duckdb:///$(DATABASE) --replace

run: $(VENV)/.runtime $(DATABASE)
	$(BIN)/python -m data_access.derived.build duckdb:///$(DATABASE) --if-missing
	$(BIN)/streamlit run dashboard.py --server.port 8501

# Production: WORKERS app processes (production.py's options) behind HAProxy on SERVE_PORT; Ctrl-C stops all.
serve: $(VENV)/.runtime
	$(BIN)/python -m serving --workers $(WORKERS) --port $(SERVE_PORT) --address $(SERVE_ADDRESS) \
		--first-worker-port $(FIRST_WORKER_PORT) --run-dir $(SERVE_RUN_DIR)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

$(OIDC_PROVIDER): tests/e2e/oidc/package-lock.json
	npm ci --prefix tests/e2e/oidc --no-audit --no-fund

test: lint $(OIDC_PROVIDER)
	$(BIN)/python -m pytest

bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks.foundation

clean-data:
	rm -rf data
