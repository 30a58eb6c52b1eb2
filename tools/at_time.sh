#!/usr/bin/env bash
# Runs a command with the machine's clock moved to another instant, for every process it starts
# (issue 17 §5: `make test` passes at any hour). Uses libfaketime (Debian package `faketime`)
# with one fixed offset, so the processes the command starts agree with each other (faketime's
# "@instant" form would restart the clock in each new process).
#
#   bash tools/at_time.sh 2026-12-13T03:00:00+01:00 make test     # a Sunday night in Madrid
#   make test-at AT=2026-12-09T10:00:00+01:00                      # the same through make
set -euo pipefail
if [[ $# -lt 2 ]]; then
    echo "usage: tools/at_time.sh INSTANT COMMAND [ARGS...]  (INSTANT: ISO 8601 with its UTC offset)" >&2
    exit 2
fi
at="$1"; shift
target=$(date -d "$at" +%s) || { echo "tools/at_time.sh: not an instant: $at" >&2; exit 2; }
if ! command -v faketime >/dev/null; then
    echo "tools/at_time.sh: faketime is not installed (Debian/Ubuntu: apt-get install faketime)" >&2
    exit 2
fi
offset=$(( target - $(date +%s) ))
echo "[at_time] running at $(date -u -d "@$target" '+%Y-%m-%d %H:%M:%S UTC') (offset ${offset} s): $*" >&2
(( offset >= 0 )) && sign="+" || sign=""
exec faketime -f "${sign}${offset}s" "$@"
