"""Helpers of the console browser tests: sign-in, docs screenshots on request."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.backend.handoff.helpers import PASSWORD
from tests.channels.provider_stack import Stack

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "var" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"


async def shot(page: Any, name: str) -> None:
    """Always into var/screenshots/; into docs/screenshots/ only with AVISA_SCREENSHOTS=1,
    so test runs never rewrite tracked files."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / name))
    if os.environ.get("AVISA_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(DOCS / name))


async def signed_in(context: Any, stack: Stack, username: str = "ana") -> Any:
    page = await context.new_page()
    await page.goto(stack.backend_url + "/console/login")
    await page.fill("#username", username)
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/console")
    await page.wait_for_selector("#live.on")
    return page
