"""The console's wording and layout in headless Chromium (issue 22, acceptance 1 and 3):
neither the Spanish nor the English page shows an internal code (states, reasons, channels,
queues, priorities, contract types, log kinds, slot names); at 1024×768 at least 400 px of
transcript are visible, and at 390 px wide nothing scrolls sideways (measured)."""

from __future__ import annotations

import re
from typing import Any

from backend.domain.handoff import KINDS, REASONS
from backend.domain.incident import Priority, State
from tests.browser.desk_page import shot, signed_in, taken
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import JOHN, MARTA, text_in

CONTRACT_TYPES = ("full_maintenance", "partial_labour", "partial_parts", "rental",
                  "onsite_24h", "helpdesk", "continuous_service", "warranty_extension")
CODES = {*REASONS, *KINDS, *(s.value for s in State), *(p.value for p in Priority),
         *CONTRACT_TYPES, "waiting", "requested", "taken", "transferred", "released",
         "sms", "email", "telegram", "serial_number", "incident_id", "urgent", "verification",
         "active", "expired"}
# Codes that are also the right word in that language ("normal" priority, the "general"
# queue and the "web" channel in Spanish; ordinary English words in the English page).
SAME_WORD = {"es": {"normal", "general", "web"},
             "en": {c for c in CODES if "_" not in c} - {"complain", "sms", "email"}}

# Every text the agent can see or hear: text nodes (dialogs included) but not what the
# customers wrote, plus placeholders, labels and titles.
UI_TEXT = """
(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (p.matches("li.msg, .flag-text, .summary, .found li, #history .small")) continue;
    out.push(n.textContent);
  }
  document.querySelectorAll("[placeholder],[aria-label],[title]").forEach((e) => {
    for (const a of ["placeholder", "aria-label", "title"]) {
      if (e.getAttribute(a)) out.push(e.getAttribute(a));
    }
  });
  out.push(document.title);
  return out.join("\\n");
})()
"""


def leaked(text: str, lang: str) -> list[str]:
    return sorted(c for c in CODES - SAME_WORD[lang]
                  if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text))


async def test_no_internal_value_in_the_spanish_and_english_pages(desk_stack: Stack,
                                                                  browser: Any) -> None:
    stack = desk_stack
    await text_in(stack, JOHN, "I want to talk to a person")
    await text_in(stack, MARTA, "Quiero hablar con una persona")
    context = await browser.new_context(viewport={"width": 1366, "height": 900},
                                        locale="es-ES")
    page = await signed_in(context, stack)
    await page.locator(".card .take-button").last.click()  # Marta: contracts, coverage
    await page.wait_for_selector("#reply:not([disabled])")
    await page.fill("#incident-symptom", "la prensa pierde aceite")
    await page.select_option("#incident-priority", "high")
    await page.click("#incident-form button[type=submit]")
    await page.wait_for_selector("#incidents strong")
    await page.fill("#note", "revisar contrato")
    await page.click("#note-form button")
    await page.wait_for_selector("#log li >> text=revisar contrato")
    text = await page.evaluate(UI_TEXT)
    assert "pide una persona" in text and "alta" in text  # the scan reads the page
    assert leaked(text, "es") == []
    await shot(page, "console-es.png")
    await page.click("#lang-toggle")
    await page.wait_for_selector("#hand-back >> text=Hand back to bot")

    async def transfer_list_redrawn() -> bool:  # the colleagues' list comes back in English
        return bool(await page.evaluate("document.querySelector('#transfer option').textContent"
                                        " === 'Transfer to…'"))

    await eventually(transfer_list_redrawn)
    text = await page.evaluate(UI_TEXT)
    assert "asked for a person" in text and "High" in text
    assert leaked(text, "en") == []
    await shot(page, "console-en.png")
    await context.close()


async def test_layout_at_1024x768_and_on_a_phone(desk_stack: Stack, browser: Any) -> None:
    stack = desk_stack
    context, page = await taken(browser, stack, 1024, 768)
    box = await page.locator("#transcript").bounding_box()
    assert box is not None and box["height"] >= 400, box
    assert box["y"] + 400 <= 768  # on screen, not below the fold
    await shot(page, "console-1024.png")
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.wait_for_timeout(300)
    widths = await page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    sign_out = await page.locator("#sign-out").bounding_box()
    assert sign_out is not None and sign_out["x"] + sign_out["width"] <= 390
    await shot(page, "console-phone.png")
    await context.close()
