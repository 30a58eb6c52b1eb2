"""A local Telegram Bot API: the real endpoints and payloads, on loopback.

Production code talks to ``https://api.telegram.org/bot<token>/<method>``; tests point
the same code at ``FakeTelegram.base_url`` instead. The fake accepts parameters the four
ways the real API does (query string, urlencoded and multipart forms with JSON-encoded
nested fields, JSON bodies), answers ``{"ok": true, "result": ...}`` or
``{"ok": false, "error_code": ..., "description": ...}``, records every call (and the
photos sent by ``sendPhoto``/``sendMediaGroup``, uploaded or by file_id, with their bytes:
``photos``), and can play the Telegram side of a webhook: ``deliver(update)`` POSTs an
update to the registered webhook URL with the registered secret token, as Telegram does.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes import loopback

Params = dict[str, Any]
Json = dict[str, Any]

BOT_USER: Json = {"id": 7000000001, "is_bot": True, "first_name": "Avisa",
                  "username": "avisa_demo_bot", "can_join_groups": False}


@dataclass
class Call:
    method: str
    params: Params


@dataclass(frozen=True)
class Upload:
    """A file a method call uploaded (multipart), as the Bot API received it."""

    field: str
    filename: str | None
    data: bytes


@dataclass(frozen=True)
class SentPhoto:
    """One photo the bot sent: by sendPhoto or inside a sendMediaGroup, with its bytes
    (an upload, or the bytes behind a known file_id)."""

    method: str
    chat_id: int
    data: bytes
    file_id: str
    caption: str | None = None


@dataclass
class FakeTelegram:
    token: str = "123456:TEST-token"
    calls: list[Call] = field(default_factory=list)
    webhook_url: str | None = None
    webhook_secret: str | None = None
    pending_updates: list[Json] = field(default_factory=list)
    fail_next: int = 0  # the next N calls answer 502, as Telegram does under load
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    _update_event: asyncio.Event | None = None
    base_url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # file_id → bytes (getFile)
    photos: list[SentPhoto] = field(default_factory=list)  # sendPhoto / sendMediaGroup

    # --- server -----------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner, self.base_url = await loopback.serve(app)
        return self.base_url

    async def stop(self) -> None:
        await loopback.stop(self._runner)

    @property
    def api_url(self) -> str:
        """What production code uses as the Bot API base (``.../bot``)."""
        return f"{self.base_url}/bot"

    def sent(self, method: str = "sendMessage") -> list[Params]:
        return [c.params for c in self.calls if c.method == method]

    # --- the Telegram side of a webhook ------------------------------------------
    async def deliver(self, update: Json, secret: str | None = None) -> int:
        """POST ``update`` to the webhook; returns the HTTP status our gateway answered."""
        assert self.webhook_url, "setWebhook was never called"
        headers = {"Content-Type": "application/json"}
        token = self.webhook_secret if secret is None else secret
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with aiohttp.ClientSession() as session, session.post(
                self.webhook_url, data=json.dumps(update), headers=headers) as response:
            return response.status

    # --- request handling -------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        if self.fail_next > 0:
            self.fail_next -= 1
            return _error(502, "Bad Gateway")
        method = request.match_info["method"]
        params, uploads = await _params(request)
        handler = self._methods().get(method.lower())
        if handler is None:
            return _error(404, "Not Found: method not found")
        self.calls.append(Call(method, params))
        if method.lower() in ("sendphoto", "sendmediagroup"):
            result = await self._photos(method, params, uploads)
        else:
            result = await handler(params)
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, "result": result})

    def _methods(self) -> dict[str, Callable[[Params], Awaitable[Any]]]:
        return {
            "getme": self._get_me,
            "sendmessage": self._send_message,
            "senddocument": self._send_message,
            "editmessagetext": self._send_message,
            "editmessagereplymarkup": self._send_message,
            "answercallbackquery": self._answer_callback,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._webhook_info,
            "getupdates": self._get_updates,
            "setmycommands": self._true,
            "getfile": self._get_file,
            "sendphoto": self._send_message,
            "sendmediagroup": self._send_message,
        }

    # --- photos: sendPhoto (one) and sendMediaGroup (2-10), uploads or file_ids -------
    def photos_to(self, chat_id: int) -> list[SentPhoto]:
        return [p for p in self.photos if p.chat_id == chat_id]

    def _photo(self, value: Any, uploads: dict[str, Upload]) -> bytes | web.Response:
        """An InputFile: an upload in the same request (``attach://name`` in a media
        group, the field itself for sendPhoto), or a file_id the API already knows."""
        if isinstance(value, Upload):
            return value.data
        name = str(value or "")
        if name.startswith("attach://"):
            upload = uploads.get(name.removeprefix("attach://"))
            return upload.data if upload else _error(400, "Bad Request: wrong file identifier")
        if name in self.files:
            return self.files[name]
        return _error(400, "Bad Request: wrong remote file identifier specified")

    async def _photos(self, method: str, params: Params,
                      uploads: dict[str, Upload]) -> Json | list[Json] | web.Response:
        if "chat_id" not in params:
            return _error(400, "Bad Request: chat_id is empty")
        if method.lower() == "sendphoto":
            items = [{"media": uploads.get("photo") or params.get("photo"),
                      "caption": params.get("caption")}]
        else:
            items = params.get("media")
            if not isinstance(items, list) or not 2 <= len(items) <= 10:
                return _error(400, "Bad Request: media must include 2-10 items")
            if any(not isinstance(i, dict) or i.get("type") != "photo" for i in items):
                return _error(400, "Bad Request: wrong media type")
        found = [self._photo(item.get("media"), uploads) for item in items]
        if bad := [f for f in found if isinstance(f, web.Response)]:
            return bad[0]
        messages = []
        for item, data in zip(items, found, strict=True):
            assert isinstance(data, bytes)
            file_id = f"AgAC{hashlib.sha256(data).hexdigest()[:24]}"
            self.files[file_id] = data  # the real API answers with a reusable file_id
            sent = SentPhoto(method, int(params["chat_id"]), data, file_id, item.get("caption"))
            self.photos.append(sent)
            messages.append(self._photo_message(sent))
        return messages[0] if method.lower() == "sendphoto" else messages

    def _photo_message(self, sent: SentPhoto) -> Json:
        size = {"file_id": sent.file_id, "file_unique_id": sent.file_id[-12:], "width": 320,
                "height": 240, "file_size": len(sent.data)}
        message: Json = {"message_id": next(self._ids), "date": int(time.time()),
                         "from": BOT_USER, "chat": {"id": sent.chat_id, "type": "private"},
                         "photo": [size]}
        if sent.caption:
            message["caption"] = sent.caption
        return message

    # --- files: getFile, then GET /file/bot<token>/<file_path> ---------------------
    def add_file(self, file_id: str, data: bytes) -> None:
        self.files[file_id] = data

    async def _get_file(self, params: Params) -> Json | web.Response:
        file_id = str(params.get("file_id", ""))
        if file_id not in self.files:
            return _error(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"u{file_id[-6:]}",
                "file_size": len(self.files[file_id]), "file_path": f"documents/{file_id}"}

    async def _download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rpartition("/")[2]
        if request.match_info["token"] != self.token or file_id not in self.files:
            return web.Response(status=404, text="Not Found")
        self.calls.append(Call("download", {"file_path": request.match_info["path"]}))
        return web.Response(body=self.files[file_id], content_type="application/octet-stream")

    async def _get_me(self, _: Params) -> Json:
        return BOT_USER

    async def _true(self, _: Params) -> bool:
        return True

    async def _answer_callback(self, params: Params) -> bool | web.Response:
        if not params.get("callback_query_id"):
            return _error(400, "Bad Request: query is too old or query ID is invalid")
        return True

    def push_update(self, update: Json) -> None:
        """Queue an update for getUpdates (polling mode), waking a waiting long poll."""
        self.pending_updates.append(update)
        self._arrived().set()

    def _arrived(self) -> asyncio.Event:
        if self._update_event is None:
            self._update_event = asyncio.Event()
        return self._update_event

    async def _send_message(self, params: Params) -> Json | web.Response:
        if "chat_id" not in params:
            return _error(400, "Bad Request: chat_id is empty")
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if len(str(button.get("callback_data", "")).encode()) > 64:
                    return _error(400, "Bad Request: BUTTON_DATA_INVALID")
        if "text" in params and not str(params["text"]).strip():
            return _error(400, "Bad Request: message text is empty")
        if len(str(params.get("text", ""))) > 4096:
            return _error(400, "Bad Request: message is too long")
        chat_id = int(params["chat_id"])
        message: Json = {"message_id": next(self._ids), "date": int(time.time()),
                         "from": BOT_USER, "chat": {"id": chat_id, "type": "private"}}
        if "text" in params:
            message["text"] = params["text"]
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _set_webhook(self, params: Params) -> bool | web.Response:
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            return _error(400, "Bad Request: secret token contains unallowed characters")
        self.webhook_url = params.get("url") or None
        self.webhook_secret = params.get("secret_token")
        return True

    async def _delete_webhook(self, _: Params) -> bool:
        self.webhook_url = None
        return True

    async def _webhook_info(self, _: Params) -> Json:
        return {"url": self.webhook_url or "", "has_custom_certificate": False,
                "pending_update_count": len(self.pending_updates)}

    async def _get_updates(self, params: Params) -> list[Json] | web.Response:
        """Confirms updates below ``offset``; long-polls up to ``timeout`` seconds."""
        if self.webhook_url:
            return _error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset", 0))
        self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        if not self.pending_updates and float(params.get("timeout", 0)) > 0:
            event = self._arrived()
            event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(float(params["timeout"]), 1.0))
        return list(self.pending_updates)


def _error(status: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "error_code": status, "description": description},
                             status=status)


async def _params(request: web.Request) -> tuple[Params, dict[str, Upload]]:
    """The parameters, and the files uploaded with them by field name (a file field's
    parameter is its ``Upload``)."""
    params: Params = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.content_type == "application/json":
        params.update(await request.json())
    elif request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, str):
                params[key] = _decode(value)
            else:
                uploads[key] = params[key] = Upload(key, value.filename, value.file.read())
    return params, uploads


def _decode(value: str) -> Any:
    """Nested objects arrive JSON-encoded inside form fields."""
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


# --- updates as Telegram sends them ---------------------------------------------
_update_ids = itertools.count(900_000_001)


def text_update(user_id: int, text: str, first_name: str = "Marta",
                language_code: str = "es", update_id: int | None = None,
                username: str | None = None) -> Json:
    user: Json = {"id": user_id, "is_bot": False, "first_name": first_name,
                  "language_code": language_code}
    if username:
        user["username"] = username
    entities = ([{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
                if text.startswith("/") else [])
    message: Json = {"message_id": next(_update_ids) % 100_000, "from": user,
                     "chat": {"id": user_id, "first_name": first_name, "type": "private"},
                     "date": int(time.time()), "text": text}
    if entities:
        message["entities"] = entities
    return {"update_id": update_id or next(_update_ids), "message": message}


def photo_update(user_id: int, file_id: str, first_name: str = "Marta",
                 language_code: str = "es") -> Json:
    """A photo without a caption, in the one size given (``add_file`` holds its bytes)."""
    update = text_update(user_id, "-", first_name, language_code)
    del update["message"]["text"]
    update["message"]["photo"] = [{"file_id": file_id, "file_unique_id": f"u{file_id[-8:]}",
                                   "width": 1280, "height": 960}]
    return update


def callback_update(user_id: int, data: str, message_id: int = 1,
                    update_id: int | None = None) -> Json:
    user = {"id": user_id, "is_bot": False, "first_name": "Marta", "language_code": "es"}
    return {"update_id": update_id or next(_update_ids),
            "callback_query": {"id": str(next(_update_ids)), "from": user,
                               "chat_instance": "-4125781234", "data": data,
                               "message": {"message_id": message_id, "from": BOT_USER,
                                           "chat": {"id": user_id, "type": "private"},
                                           "date": int(time.time()), "text": "…"}}}
