"""Demo mode only: ``GET /dev/outbox`` (HTML) and ``/dev/outbox.json``."""

from __future__ import annotations

from html import escape
from typing import Any

from aiohttp import web

from channels.core.errors import BackendError
from channels.core.keys import BACKEND
from channels.outbox.senders import DEV_OUTBOX

COLUMNS = ("delivered_at", "channel", "address", "kind", "text")
PAGE = """<!doctype html>
<html lang="es"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="3">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Avisa · dev outbox</title>
<style>body{{font:14px system-ui,sans-serif;margin:1.5rem;color:#1d2733}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #dde3ea;
padding:.4rem .6rem;text-align:left;vertical-align:top}}th{{background:#f3f6f9}}
td.text{{white-space:pre-wrap}}.empty{{color:#6b7785}}</style></head><body>
<h1>Dev outbox</h1>
<p>Mensajes que se habrían enviado por SMS, e-mail o Telegram (modo demo).<br>
Messages that would have gone out by SMS, e-mail or Telegram (demo mode).</p>
{body}</body></html>"""


async def outbox_json(request: web.Request) -> web.Response:
    try:
        items = await request.app[BACKEND].list_outbox(DEV_OUTBOX)
    except BackendError:
        return web.json_response(
            {"error": {"code": "unavailable", "message": "backend unavailable"}}, status=503
        )
    return web.json_response({"items": items})


async def outbox_page(request: web.Request) -> web.Response:
    try:
        items = await request.app[BACKEND].list_outbox(DEV_OUTBOX)
    except BackendError:
        body = '<p class="empty">Backend no disponible · backend unavailable</p>'
    else:
        body = _table(items)
    return web.Response(text=PAGE.format(body=body), content_type="text/html")


def _table(items: list[dict[str, Any]]) -> str:
    if not items:
        return '<p class="empty">Vacío · empty</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    rows = "".join(
        "<tr>"
        + "".join(f'<td class="{c}">{escape(str(item.get(c) or ""))}</td>' for c in COLUMNS)
        + "</tr>"
        for item in items
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def add_routes(app: web.Application) -> None:
    app.router.add_get("/dev/outbox", outbox_page)
    app.router.add_get("/dev/outbox.json", outbox_json)
