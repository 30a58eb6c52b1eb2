"""``rasa`` with its API token kept out of the process list.

Run by the bot environment's Python in place of the ``rasa`` script:
``python tools/rasa_serve.py run -i 127.0.0.1 -p 5005 --enable-api …``. The token is taken
from ``AVISA_TOKEN_RASA`` in the environment and appended to Rasa's own arguments inside
the process: ``ps`` (``/proc/<pid>/cmdline``) shows the command line this process was
started with, which holds no secret. Standard library only (it runs under .venv/bot).
"""

from __future__ import annotations

import os
import runpy
import sys

TOKEN_VAR = "AVISA_TOKEN_RASA"


def rasa_argv(argv: list[str], environ: dict[str, str]) -> list[str]:
    """Rasa's argv: ours, plus ``--auth-token=…`` when the arguments enable the API.
    The "=" form: a token may start with "-", which argparse would take for an option."""
    token = environ.get(TOKEN_VAR, "")
    if "--enable-api" in argv and not token:
        raise SystemExit(f"{TOKEN_VAR} missing: run `avisa tokens ensure`")
    return ["rasa", *argv, *([f"--auth-token={token}"] if "--enable-api" in argv else [])]


def main() -> None:
    sys.argv = rasa_argv(sys.argv[1:], dict(os.environ))
    runpy.run_module("rasa", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
