"""Screenshots of the browser tests: every one to var/screenshots/ (to look at after a run);
the ones the docs show also to docs/screenshots/, but only when ``AVISA_SCREENSHOTS=1`` asks,
so that a test run never rewrites tracked files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "var" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"


async def shoot(target: Any, name: str, *, doc: str | None = None, **options: Any) -> None:
    """``target.screenshot`` (a page or a locator) to var/screenshots/``name``, and to
    docs/screenshots/``doc`` when asked for the docs."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    await target.screenshot(path=str(SHOTS / name), **options)
    if doc and os.environ.get("AVISA_SCREENSHOTS") == "1":
        await target.screenshot(path=str(DOCS / doc), **options)
