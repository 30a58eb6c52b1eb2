"""tools/stack.py for bench experiments: the same four processes, plus what
``AVISA_BENCH_RASA_PATCH=1`` asks for: deploy/rasa_patches on the Rasa process's PYTHONPATH
(see deploy/rasa_patches/sitecustomize.py). Without it, exactly tools/stack.py."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.stack import build
from tools.supervisor import supervise

PATCHES = ROOT / "deploy/rasa_patches"


def main() -> int:
    procs, banner = build(dict(os.environ))
    if os.environ.get("AVISA_BENCH_RASA_PATCH") == "1":
        procs = [replace(p, env={**p.env, "PYTHONPATH": f"{PATCHES}:{p.env['PYTHONPATH']}"})
                 if p.name == "rasa" else p for p in procs]
    return int(asyncio.run(supervise(procs, banner)))


if __name__ == "__main__":
    sys.exit(main())
