"""Debian's Chromium driven headless through Playwright (never `playwright install`, which
downloads browsers); the test is skipped, saying how to get it, where it is missing. The
`browser` fixture of tests/browser and the browser tests on the real stack (tests/e2e) both
start it here."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
NO_CHROMIUM = ("no /usr/bin/chromium: as root run `apt-get update && apt-get install -y "
               "chromium` (tools/setup_env.sh does it when it can); never `playwright install`")


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A headless Chromium, closed on leaving."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(NO_CHROMIUM)
    playwright_api = pytest.importorskip("playwright.async_api")
    async with playwright_api.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            await browser.close()
