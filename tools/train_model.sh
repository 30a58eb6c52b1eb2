#!/usr/bin/env bash
# Trains the Rasa model only when the training inputs changed since the last model.
# The model is named after a hash of its inputs: var/models/avisa-<hash>.tar.gz;
# var/models/current points at the one to serve.
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=$(find bot/config.yml bot/domain bot/data bot/components channels/core/language.py -type f \( -name '*.yml' -o -name '*.py' \) \
         -not -path '*/__pycache__/*' | sort)
hash=$( (echo "$inputs"; cat $inputs; cat locks/bot.txt) | sha256sum | cut -c1-16)
model="var/models/avisa-$hash.tar.gz"
mkdir -p var/models
if [[ -f $model ]]; then
    echo "[train] model up to date: $model"
else
    echo "[train] training data changed: training $model"
    start=$(date +%s)
    (cd bot && PYTHONPATH=.:.. ../.venv/bot/bin/rasa train --quiet --config config.yml --domain domain \
        --data data --out ../var/models --fixed-model-name "avisa-$hash")
    echo "[train] trained in $(( $(date +%s) - start )) s (wall; load $(cut -d" " -f1 /proc/loadavg))"
fi
ln -sfn "avisa-$hash.tar.gz" var/models/current.tar.gz
