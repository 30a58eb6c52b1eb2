#!/usr/bin/env bash
# Regenerates locks/bot.txt: installs bot/requirements.in into a scratch Python 3.10 venv, freezes
# exactly what got installed (Rasa 3.6's own pins resolve reliably only this way), then adds the
# hashes of those exact pins (uv pip compile --no-deps --generate-hashes); installs require them.
#   bash tools/lock_bot.sh            full relock
#   bash tools/lock_bot.sh --hashes   re-hash the pins already in locks/bot.txt (no install)
set -euo pipefail
cd "$(dirname "$0")/.."
UV=.venv/tools/bin/uv
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [[ ${1:-} == --hashes ]]; then
    grep -oE '^[A-Za-z0-9_.-]+==[^ \\]+' locks/bot.txt > "$scratch/frozen.txt"
else
    py=$(ls .venv/bot/bin/python 2>/dev/null) || { echo "run 'make env' first" >&2; exit 1; }
    base=$("$py" -c 'import sys; print(sys.base_prefix)')/bin/python3.10
    "$UV" venv -q "$scratch/venv" --python "$base"
    VIRTUAL_ENV="$scratch/venv" "$UV" pip install -q -r bot/requirements.in
    VIRTUAL_ENV="$scratch/venv" "$UV" pip freeze | grep -v "^pip==" > "$scratch/frozen.txt"
fi
{ echo "# Bot environment (Python 3.10): rasa==3.6.21 and everything it pins, frozen from a working install."
  echo "# Regenerate: make lock-bot (hashes of these exact pins; installs use --require-hashes)"
  "$UV" pip compile -q --no-deps --generate-hashes --no-header --no-annotate \
      --python-version 3.10 "$scratch/frozen.txt"; } > "$scratch/bot.txt"
mv "$scratch/bot.txt" locks/bot.txt
echo "locks/bot.txt: $(grep -c '==' locks/bot.txt) packages"
