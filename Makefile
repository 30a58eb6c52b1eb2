# Avisa — two commands matter: `make run` and `make test`. See README.md.
SHELL := /bin/bash
APP := .venv/app/bin
BOT := .venv/bot/bin
TOKENS := var/tokens.env
PYTEST_ARGS ?=

.PHONY: help env model db tokens run test lint private-files pytest nlu-gate conversations technicians dialogues validate bench bench-nlu run-scaled lock-app lock-bot audit clean

help:
	@echo "make run    build what is missing (environments, model, database) and start Avisa"
	@echo "make test   build everything from nothing and run the whole test suite"

env:
	@bash tools/setup_env.sh

model: env
	@bash tools/train_model.sh

tokens: env
	@mkdir -p var
	@$(APP)/avisa tokens ensure --file $(TOKENS)

db: env tokens
	@$(APP)/avisa db upgrade
	@$(APP)/avisa demo load --data data

run: env model db
	@$(APP)/python tools/stack.py

# --- tests -------------------------------------------------------------------
test: env model lint audit validate pytest nlu-gate conversations private-files
	@echo "make test: all green"

# ruff over all the Python; mypy --strict twice (pyproject.toml [tool.mypy]): the code run by
# .venv/app, then the code run by .venv/bot, checked against the rasa/rasa-sdk installed there.
BOT_CODE := actions bot/components bench/nlu tools/rasa_serve.py deploy/idempotent_rest.py \
    deploy/rasa_patches/sitecustomize.py
lint: env
	$(APP)/ruff check backend channels common actions bot/components tools bench deploy tests
	$(APP)/mypy
	$(APP)/mypy --python-executable $(BOT)/python --python-version 3.10 $(BOT_CODE)

# issue 19 §6, last: every file under var/ holding personal data or secrets (databases,
# Rasa's tracker store, tokens, logs) private to its owner, no token in a log line
private-files: env
	@mkdir -p var
	$(APP)/python tools/private_files.py var

validate: env
	cd bot && PYTHONPATH=.:.. ../$(BOT)/rasa data validate --domain domain --data data --config config.yml

# The whole suite runs as two processes side by side (tools/run_pytest.py); PYTEST_ARGS=…
# (a path, -k, …) runs one process with them instead.
pytest: env model
	$(if $(PYTEST_ARGS),$(APP)/pytest -q -p no:cacheprovider -m "not dialogues" $(PYTEST_ARGS),$(APP)/python tools/run_pytest.py)

# issue 13's customer conversations on one shared stack (DIALOGUES=file, default the working
# file; --strict via DIALOGUES_STRICT=1 fails under 90 %); exits 0 otherwise, figures printed
dialogues: env model
	rm -f var/results/dialogues.json
	-AVISA_DIALOGUES=$(or $(DIALOGUES),tests/dialogues/conversations.yml) \
	    $(APP)/pytest -p no:cacheprovider -q --tb=no -m dialogues tests/dialogues
	$(APP)/python -m tests.dialogues.report

# technician scenarios end to end (gateway + provider fakes); SCENARIOS=… for another file
technicians: env
	set -o pipefail; AVISA_TECH_SCENARIOS=$(or $(SCENARIOS),tests/technicians/scenarios.yml) \
	    $(APP)/pytest -p no:cacheprovider -rA -q tests/technicians/test_scenarios.py \
	    | grep -E "^T[S0-9]+ |PASSED|FAILED|passed|failed"

# Held-out set written apart from the training data (tests/nlu/holdout_blind.yml); the gate
# prints a TF-IDF + LinearSVC baseline trained on bot/data/nlu beside the product.
NLU_HOLDOUT := $(firstword $(wildcard tests/nlu/holdout_blind.yml) tests/nlu/holdout.yml)
nlu-gate: model
	rm -rf var/results/nlu
	cd bot && PYTHONPATH=.:.. ../$(BOT)/rasa test nlu --model ../var/models/current.tar.gz \
	    --nlu ../$(NLU_HOLDOUT) --out ../var/results/nlu --no-plot >/dev/null
	$(BOT)/python -m tools.nlu_gate var/results/nlu/intent_report.json --min-f1 0.96 \
	    --min-intent-f1 0.90 --holdout $(NLU_HOLDOUT) --train bot/data/nlu

conversations: model
	rm -rf var/results/core
	cd bot && PYTHONPATH=.:.. ../$(BOT)/rasa test core --model ../var/models/current.tar.gz \
	    --stories ../tests/conversations --out ../var/results/core --fail-on-prediction-errors --no-plot

# NLU benchmark (bench/nlu): config.yml pipeline vs TF-IDF+LinearSVC on CLINC150/BANKING77
bench-nlu: env
	$(BOT)/python -m bench.nlu.bench

# --- speed and scale (docs/performance.md) -----------------------------------
# make bench [PART=chat|billing|dedupe|nlu|startup|reports|failover|ocr] [QUICK=1] [BENCH_ARGS=...]
PART ?=
QUICK ?=
SCALED_ARGS ?=
BENCH_ARGS ?=
# parts that start no stack need no Rasa model (make bench PART=ocr trains nothing)
NO_MODEL_PARTS := billing dedupe reports ocr
comma := ,
BENCH_NEEDS := $(if $(PART),$(if $(filter-out $(NO_MODEL_PARTS),$(subst $(comma), ,$(PART))),model),model)
bench: env $(BENCH_NEEDS)
	PYTHONPATH=. $(APP)/python -m bench $(if $(PART),--part $(PART)) $(if $(QUICK),--quick) $(BENCH_ARGS)

# Two replicas each of backend, gateway, Rasa and the action server behind nginx; PostgreSQL + Redis.
run-scaled: env model tokens
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	    echo "[run-scaled] installing nginx-light (Debian package, needs root)"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx-light; }
	@$(APP)/python tools/stack_scaled.py $(SCALED_ARGS)

# --- locks -------------------------------------------------------------------
# locks/app.txt: production (no extras); locks/app-dev.txt: + dev tools and the bench extra
# (matplotlib). Both with hashes; installs require them (tools/setup_env.sh, deploy/).
LOCK_APP := .venv/tools/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q
lock-app:  # the dev lock first; the production lock keeps its versions (same pins in both)
	$(LOCK_APP) --extra dev --extra bench -o locks/app-dev.txt
	cp locks/app-dev.txt locks/app.txt
	$(LOCK_APP) -o locks/app.txt

lock-bot:
	bash tools/lock_bot.sh

# Known vulnerabilities (pip-audit, PyPI's advisory service) in every lock; accepted ones are
# listed with their reason in locks/audit-allow.txt.
audit: env
	@$(APP)/python tools/audit.py

clean:
	rm -rf .venv var
