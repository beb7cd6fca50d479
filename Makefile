# Dân Vận — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install install-dev messages lint format bench bench-small bench-province screenshots \
	ci-checks openapi clean reliability reliability-short eval-importer

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv==$(UV_VERSION)"

# Installs exactly what uv.lock pins; a second run is a no-op. --inexact: `make run` after
# `make test` keeps the test tools instead of uninstalling them (the next `make test` would
# reinstall them all).
install: $(UV)
	$(UV) sync --frozen --no-dev --inexact --python $(PYTHON) --quiet
	$(BIN)/python scripts/compile_messages.py

install-dev: $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet
	$(BIN)/python scripts/compile_messages.py

messages:  
	$(BIN)/python scripts/compile_messages.py

run: install
	$(BIN)/danvan bootstrap
	PORT=$(PORT) $(BIN)/danvan serve

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy danvan

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Fails when a model change has no migration or the committed OpenAPI document is stale.
ci-checks: install-dev
	$(BIN)/danvan makemigrations --check --dry-run
	$(BIN)/danvan openapi --check docs/openapi.json

openapi: install-dev
	$(BIN)/danvan openapi --write docs/openapi.json

# Schemathesis over the whole committed OpenAPI document, in process, as several roles: 0 server
# errors, 0 schema violations, every status code declared. The findings are written to
# var/reliability-schemathesis.txt. The short form (a few examples per operation) runs in CI.
# Then the faults (database stopped under load, consumer killed mid-batch, Redis down), stored
# XSS in every text column through every page kind in Chromium, formulas through every export,
# intake under load with clients that retry on short timeouts (each key stored once), and two
# app servers behind nginx with a replica, one server and one consumer killed mid-load.
RELIABILITY_TESTS = danvan/core/tests/test_api_reliability.py danvan/core/tests/test_faults.py \
	danvan/core/tests/test_consumer_kill.py danvan/core/tests/test_redis_down.py \
	danvan/core/tests/test_stored_xss.py danvan/core/tests/test_export_formulas.py \
	danvan/core/tests/test_intake_load.py danvan/ops/tests/test_multi_server.py

reliability: install-dev
	DANVAN_RELIABILITY=long $(BIN)/python -m pytest $(RELIABILITY_TESTS) -s $(PYTEST_ARGS)

reliability-short: install-dev
	DANVAN_RELIABILITY=short $(BIN)/python -m pytest danvan/core/tests/test_api_reliability.py $(PYTEST_ARGS)

# Scores the importer on ../shared/corpus and every perturbed shape (skips when ../shared is absent).
eval-importer: install-dev
	$(BIN)/python scripts/eval_importer.py

# The user guide's screenshots (docs/screenshots/) from a fresh demo in a throw-away database.
screenshots: install-dev
	$(BIN)/python scripts/screenshots.py

# Benchmarks (bench/scales.py): national scale by default (BENCH_SCALE overrides), figures
# appended to var/bench/results.jsonl. The small scale runs in CI so a benchmark never rots.
bench: install-dev
	$(BIN)/python bench/run.py

bench-small: install-dev
	BENCH_SCALE=small $(BIN)/python bench/run.py

bench-province: install-dev
	BENCH_SCALE=province $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(TOOLS) var/static
