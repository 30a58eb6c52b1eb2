"""The admin page's export button in headless Chromium (/usr/bin/chromium through
Playwright), against the backend alone (no Rasa: the review list works without it).
Customers' messages are stored and labelled over the API (one with a NEW intent); the admin
signs in at /admin, presses "Exportar…", sees how many labelled messages go out and which
files change, confirms, and sees the files written with their example counts. The files
land in a scratch copy of bot/, never in the repository's bot/data.
Screenshots: var/screenshots/admin-export*.png and docs/screenshots/admin-export.png."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from backend.api.keys import UOWS
from backend.api.routes_admin_nlu import NLU_CONFIG
from backend.bootstrap import create_app as create_backend
from backend.config import Settings as BackendSettings
from backend.services.nlu.config import ROOT, NluConfig
from tests.backend.handoff.helpers import PASSWORD, add_agent
from tests.browser.shots import shoot

TOKENS = {"gateway": "gw-token", "agents": "agents-token", "actions": "actions-token",
          "admin": "admin-token"}
NOWHERE = "http://127.0.0.1:9"  # no Rasa: the review list copes, the export needs none



@dataclass
class Backend:
    url: str
    bot: Path

    async def api(self, method: str, path: str, role: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {TOKENS[role]}"}
        async with aiohttp.ClientSession() as http, http.request(
                method, self.url + path, json=body, headers=headers) as response:
            assert response.status < 300, await response.text()
            return await response.json()


@pytest.fixture
async def backend(aiohttp_server: Any, tmp_path: Path, sqlite_template: Path) -> Backend:
    database = tmp_path / "avisa.db"
    shutil.copyfile(sqlite_template, database)
    bot = tmp_path / "bot"
    shutil.copytree(ROOT / "bot", bot, ignore=shutil.ignore_patterns(
        ".rasa", "models", "__pycache__", "labelled_*.yml"))
    app = create_backend(BackendSettings(database_url=f"sqlite+aiosqlite:///{database}",
                                         tokens=TOKENS, rasa_url=NOWHERE, rasa_token="t"))
    app[NLU_CONFIG] = NluConfig((NOWHERE,), "t", root=tmp_path)
    server = await aiohttp_server(app)
    await add_agent(app[UOWS], "root", role="admin")
    return Backend(str(server.make_url("")).rstrip("/"), bot)


async def _label(b: Backend, address: str, text: str, intent: str) -> None:
    stored = await b.api("POST", "/api/messages/inbound", "gateway",
                         {"channel": "telegram", "address": address, "text": text})
    await b.api("POST", f"/api/admin/nlu/messages/{stored['message_id']}/label", "admin",
                {"intent": intent, "entities": []})


async def test_export_button_previews_then_writes(backend: Backend, browser: Any) -> None:
    await _label(backend, "801",
                 "soy Marta Lázaro, la prensa pierde aceite, llamad al 612 34 56 78",
                 "report_problem")
    await _label(backend, "802", "the thing is kaput, mail me at UPPER@EXAMPLE.COM",
                 "report_problem")
    await _label(backend, "803", "mandadme copia de la factura de marzo", "ask_invoice_copy")
    page = await browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-ES")
    await page.goto(backend.url + "/admin")
    await page.wait_for_selector("#login:not([hidden])")
    await page.fill("#username", "root")
    await page.fill("#password", PASSWORD)
    await page.click("#login-form button[type=submit]")
    await page.wait_for_selector("#app:not([hidden])")

    await page.click("#export")
    await page.wait_for_selector("#export-plan:not([hidden])")
    summary = await page.inner_text("#export-summary")
    assert summary == "Se exportarán 3 mensajes etiquetados; ficheros que cambian:"
    assert "ask_invoice_copy" in await page.inner_text("#export-plan-notes")
    changes = await page.locator("#export-changes li").all_inner_texts()
    assert changes == ["data/nlu/labelled_new.yml: 1 ejemplo · nuevo",
                       "data/nlu/labelled_problems.yml: 2 ejemplos · nuevo",
                       "domain/labelled_intents.yml: nuevo"], changes
    assert not list(backend.bot.rglob("labelled_*.yml"))  # the preview writes nothing
    await shoot(page, "admin-export-plan.png")

    await page.click("#export-confirm")
    await page.wait_for_selector("#export-result:not([hidden])")
    assert "Exportados 3 mensajes etiquetados" in await page.inner_text("#export-done")
    written = await page.locator("#export-files li").all_inner_texts()
    assert "data/nlu/labelled_problems.yml: 2 ejemplos · nuevo" in written, written
    problems = (backend.bot / "data" / "nlu" / "labelled_problems.yml").read_text(encoding="utf-8")
    assert "the thing is kaput" in problems and "612" not in problems and "Marta" not in problems
    assert "UPPER@EXAMPLE.COM" not in problems
    assert "ask_invoice_copy" in (backend.bot / "domain" / "labelled_intents.yml").read_text()
    await shoot(page, "admin-export.png")
    await shoot(page.locator("#export-box"), "admin-export-box.png", doc="admin-export.png")

    await page.click("#export")  # a second export would change nothing
    await page.wait_for_selector("#export-plan:not([hidden])")
    assert "No cambia nada" in await page.inner_text("#export-summary")
    assert await page.locator("#export-confirm").is_disabled()
    await page.click("#lang")
    assert await page.inner_text("#export") == "Export…"
