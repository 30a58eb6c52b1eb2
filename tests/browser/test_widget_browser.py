"""The web widget's own JavaScript in headless Chromium against the real gateway and
backend (a fake Rasa answers "bot: <text>"): it opens a session, authenticates its
WebSocket with the token in the first frame (never in the URL, issue 19), sends what the
customer types and shows the answer; a stored token the gateway did not sign is replaced
by a new session."""

from __future__ import annotations

from typing import Any

from tests.channels.provider_stack import Stack

TOKEN_KEY = "avisa.widget.token"


async def test_widget_talks_over_an_authenticated_socket(desk_stack: Stack,
                                                         browser: Any) -> None:
    page = await browser.new_page(locale="es-ES")
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    await page.goto(desk_stack.gateway_url + "/")
    await page.wait_for_selector(".avisa-status.avisa-online")
    await page.fill(".avisa-input", "hola, la impresora no imprime")
    await page.press(".avisa-input", "Enter")
    await page.wait_for_selector(".avisa-msg-bot:text-is('bot: hola, la impresora no imprime')")
    assert sockets and all("token" not in url and url.endswith("/ws") for url in sockets)

    # A stored token that was tampered with: /session hands out a new one.
    await page.evaluate(f"localStorage.setItem('{TOKEN_KEY}', 'w-forged.1.AAAA')")
    await page.reload()
    await page.wait_for_selector(".avisa-status.avisa-online")
    fresh = await page.evaluate(f"localStorage.getItem('{TOKEN_KEY}')")
    assert fresh and fresh != "w-forged.1.AAAA"
    await page.fill(".avisa-input", "sigo aqui")
    await page.press(".avisa-input", "Enter")
    await page.wait_for_selector(".avisa-msg-bot:text-is('bot: sigo aqui')")
