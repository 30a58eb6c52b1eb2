"""``POST /webhooks/telegram``: PTB's custom-webhook pattern inside our aiohttp server.

Telegram sends the secret given to ``setWebhook`` in ``X-Telegram-Bot-Api-Secret-Token``;
it is compared in constant time and a request without it gets 401 (missing) or 403
(wrong) and stores nothing. A stored update is answered 200 at once; a failure to store
answers 503 so that Telegram delivers the update again (``update_id`` deduplicates).
"""

from __future__ import annotations

import hmac
import logging

from aiohttp import web

from channels.core.errors import BackendError, InvalidInput
from channels.core.jsonbody import decode
from channels.telegram.handle import handle_update
from channels.telegram.settings import WEBHOOK_PATH

log = logging.getLogger(__name__)
HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET = web.AppKey("telegram_secret", str)  # what Telegram must present in HEADER


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


async def telegram_webhook(request: web.Request) -> web.Response:
    presented = request.headers.get(HEADER)
    if presented is None:
        return _error(401, "unauthorized", f"{HEADER} is required")
    if not hmac.compare_digest(presented.encode(), request.app[SECRET].encode()):
        log.warning("telegram webhook: wrong secret token from %s", request.remote)
        return _error(403, "forbidden", f"{HEADER} does not match")
    try:
        await handle_update(request.app, decode(await request.read()))
    except (InvalidInput, ValueError) as exc:
        log.warning("telegram webhook: bad update: %s", exc)
        return _error(400, "invalid_request", str(exc))
    except BackendError as exc:
        log.error("telegram webhook: update not stored: %s", exc)
        return _error(503, "unavailable", "not stored; deliver again")
    return web.json_response({"ok": True})


def add_routes(app: web.Application, secret: str) -> None:
    app[SECRET] = secret
    app.router.add_post(WEBHOOK_PATH, telegram_webhook)
