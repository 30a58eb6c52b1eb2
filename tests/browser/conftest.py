"""What every browser test shares: Debian's Chromium driven headless through Playwright
(never `playwright install`, which downloads browsers), skipped with a clear message where
it is missing, and the console tests' desk (backend + gateway with the provider fakes).
Screenshots (tests/browser/shots.py) go to var/screenshots/; the ones the docs show also to
docs/screenshots/ when AVISA_SCREENSHOTS=1 asks.

Clocks: the console desk's backend runs on a settable clock that starts on a working
Wednesday morning (tests.helpers.clock.WORKING_DAY) and the full stacks (test_admin_loop)
on tools.stack_launch's, which starts there too: the same screens at any hour."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.backend.handoff.desk_stack import desk_with_gateway
from tests.browser.chromium import chromium
from tests.channels.provider_stack import AiohttpServer, Stack


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    """A headless Chromium; the test is skipped, saying how to get it, when it is missing."""
    async with chromium() as started:
        yield started


@pytest.fixture
async def desk_stack(aiohttp_server: AiohttpServer, tmp_path: Path,
                     sqlite_template: Path) -> AsyncIterator[Stack]:
    """Backend (SQLite, demo data) and gateway with the Telegram and Twilio fakes."""
    async with desk_with_gateway(aiohttp_server, tmp_path, sqlite_template) as stack:
        yield stack
