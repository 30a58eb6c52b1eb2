#!/usr/bin/env bash
# Regenerates locks/bot.txt: installs bot/requirements.in into a scratch Python 3.10 venv and
# freezes exactly what got installed (Rasa 3.6's own pins resolve reliably only this way).
set -euo pipefail
cd "$(dirname "$0")/.."
py=$(ls .venv/bot/bin/python 2>/dev/null) || { echo "run 'make env' first" >&2; exit 1; }
base=$("$py" -c 'import sys; print(sys.base_prefix)')/bin/python3.10
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
.venv/tools/bin/uv venv -q "$scratch/venv" --python "$base"
VIRTUAL_ENV="$scratch/venv" .venv/tools/bin/uv pip install -q -r bot/requirements.in
{ echo "# Bot environment (Python 3.10): rasa==3.6.21 and everything it pins, frozen from a working install."
  echo "# Regenerate: make lock-bot"
  VIRTUAL_ENV="$scratch/venv" .venv/tools/bin/uv pip freeze; } | grep -v "^pip==" > locks/bot.txt
echo "locks/bot.txt: $(grep -c '==' locks/bot.txt) packages"
