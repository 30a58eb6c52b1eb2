#!/usr/bin/env bash
# Builds the two Python environments from the lock files, only when a lock changed.
#   .venv/app  Python >= 3.11: backend + channels (locks/app.txt + this project, editable)
#   .venv/bot  Python 3.10:    rasa 3.6.21 + rasa-sdk (locks/bot.txt) — Rasa 3.6 supports nothing newer
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

py_minor() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true; }

find_python310() {
    local c
    for c in "${AVISA_PYTHON310:-}" python3.10 \
             "$(pyenv root 2>/dev/null)"/versions/3.10*/bin/python \
             "$HOME"/.pyenv/versions/3.10*/bin/python \
             /usr/bin/python3.10 /usr/local/bin/python3.10 /opt/python3.10/bin/python3; do
        [[ -n $c ]] || continue
        c=$(command -v "$c" 2>/dev/null) || continue
        [[ $(py_minor "$c") == 3.10 ]] && { echo "$c"; return 0; }
    done
    return 1
}

find_python311() {
    local c v
    for c in "${AVISA_PYTHON:-}" python3 python3.13 python3.12 python3.11; do
        [[ -n $c ]] || continue
        c=$(command -v "$c" 2>/dev/null) || continue
        v=$(py_minor "$c")
        [[ -n $v ]] && [[ ${v#3.} -ge 11 ]] && { echo "$c"; return 0; }
    done
    return 1
}

PY310=$(find_python310) || die "Rasa 3.6 needs Python 3.10 and none was found.
  Get one with any of:
    pyenv install 3.10.13                  (then re-run make)
    apt-get install python3.10 python3.10-venv   (Debian/Ubuntu with 3.10 packages)
    uv python install 3.10
  or point AVISA_PYTHON310 at a python3.10 binary."
PY3=$(find_python311) || die "The backend needs Python 3.11 or newer; set AVISA_PYTHON to one."

# Debian packages some tests drive for real: Dovecot (IMAP on loopback for the e-mail
# tests), Chromium (tests/browser through Playwright; never `playwright install`, which
# downloads browsers) and nginx (the balancer of `make run-scaled` and tests/scaling).
# Installed only when missing, and only where apt-get exists and we are root; elsewhere
# those tests skip and say how.
debian_package() {  # package, binary that shows it is there, what needs it
    [[ -e $2 ]] && return 0
    if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
        say "installing $1 ($3)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q --no-install-recommends "$1" >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "$1" >/dev/null; } \
            || say "could not install $1; $3 will be skipped"
    else
        say "no $2: $3 will be skipped (as root: apt-get install $1)"
    fi
}
debian_package dovecot-imapd /usr/sbin/dovecot "the live e-mail tests"
debian_package chromium /usr/bin/chromium "the browser tests"
debian_package nginx-light /usr/sbin/nginx "make run-scaled and the scaling tests"
# The Unicode font embedded in delivery notes and invoices (backend/adapters/pdf/fonts.py
# finds it through fontconfig / dpkg, by package, not by path).
debian_package fonts-dejavu-core /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "Unicode PDFs (€, ñ, ł, ø)"
# Serial plates read from photos (backend/adapters/ocr.py, issue 20 §3) and the fonts its
# generated nameplate test set is drawn with (bench/ocr).
debian_package tesseract-ocr /usr/bin/tesseract "reading serial plates from photos"
debian_package tesseract-ocr-spa /usr/share/tesseract-ocr/5/tessdata/spa.traineddata "Spanish OCR"
debian_package tesseract-ocr-eng /usr/share/tesseract-ocr/5/tessdata/eng.traineddata "English OCR"
debian_package fonts-liberation /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf "the OCR test set's fonts"
debian_package fonts-freefont-ttf /usr/share/fonts/truetype/freefont/FreeSans.ttf "the OCR test set's fonts"

if [[ ! -x .venv/tools/bin/uv ]] || ! cmp -s locks/tools.txt .venv/tools/.lock; then
    say "installing uv (locks/tools.txt) into .venv/tools"
    "$PY3" -m venv .venv/tools
    .venv/tools/bin/pip install -q --disable-pip-version-check -r locks/tools.txt
    cp locks/tools.txt .venv/tools/.lock
fi
UV=.venv/tools/bin/uv

stamp_of() { cat "$@" | sha256sum | cut -c1-16; }

# Development and tests: locks/app-dev.txt (production + dev tools + the bench extra). A production
# install uses locks/app.txt alone (README "Running in production"). Hashes are required.
app_stamp=$(stamp_of locks/app-dev.txt pyproject.toml)
if [[ ! -x .venv/app/bin/python ]] || [[ $(cat .venv/app/.stamp 2>/dev/null) != "$app_stamp" ]]; then
    say "building .venv/app with $PY3 ($(py_minor "$PY3"))"
    [[ -x .venv/app/bin/python ]] || "$UV" venv -q .venv/app --python "$PY3"
    VIRTUAL_ENV=.venv/app "$UV" pip sync -q --require-hashes locks/app-dev.txt
    VIRTUAL_ENV=.venv/app "$UV" pip install -q --no-deps -e .
    echo "$app_stamp" > .venv/app/.stamp
fi

bot_stamp=$(stamp_of locks/bot.txt)
if [[ ! -x .venv/bot/bin/rasa ]] || [[ $(cat .venv/bot/.stamp 2>/dev/null) != "$bot_stamp" ]]; then
    say "building .venv/bot with $PY310 (rasa 3.6.21; about a minute the first time)"
    [[ -x .venv/bot/bin/python ]] || "$UV" venv -q .venv/bot --python "$PY310"
    VIRTUAL_ENV=.venv/bot "$UV" pip sync -q --require-hashes locks/bot.txt
    echo "$bot_stamp" > .venv/bot/.stamp
fi
say "environments ready: .venv/app ($(py_minor .venv/app/bin/python)), .venv/bot ($(py_minor .venv/bot/bin/python))"
