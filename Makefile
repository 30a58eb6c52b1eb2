# Avisa — two commands matter: `make run` and `make test`. See README.md.
SHELL := /bin/bash
APP := .venv/app/bin
BOT := .venv/bot/bin
TOKENS := var/tokens.env
PYTEST_ARGS ?=

.PHONY: help env model db tokens run test lint pytest nlu-gate conversations validate bench lock-app lock-bot clean

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
test: env model lint validate pytest nlu-gate conversations
	@echo "make test: all green"

lint: env
	$(APP)/ruff check backend channels tests tools
	$(APP)/mypy

validate: env
	cd bot && PYTHONPATH=.:.. ../$(BOT)/rasa data validate --domain domain --data data --config config.yml

pytest: env model
	$(APP)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

nlu-gate: model
	rm -rf var/results/nlu
	cd bot && PYTHONPATH=.:.. ../$(BOT)/rasa test nlu --model ../var/models/current.tar.gz \
	    --nlu ../tests/nlu/holdout.yml --out ../var/results/nlu --no-plot >/dev/null
	$(APP)/python tools/nlu_gate.py var/results/nlu/intent_report.json --min-f1 0.90

conversations: model
	rm -rf var/results/core
	cd bot && PYTHONPATH=.:.. ../$(BOT)/rasa test core --model ../var/models/current.tar.gz \
	    --stories ../tests/conversations --out ../var/results/core --fail-on-prediction-errors --no-plot

# --- locks -------------------------------------------------------------------
lock-app:
	.venv/tools/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o locks/app.txt -q

lock-bot:
	bash tools/lock_bot.sh

clean:
	rm -rf .venv var
