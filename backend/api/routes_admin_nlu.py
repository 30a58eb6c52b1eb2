"""Admins improve the bot: the review list, labels, training runs, comparison and model
switch. Each operation is served twice: under /api/admin/nlu with the admin bearer token
(scripts) and under /console/api/admin/nlu with an admin's console session (+ CSRF on
writes; the page at /admin). Agents flag messages (bearer or console session)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from aiohttp import web

from backend.adapters.rasa import RasaApi
from backend.api.console_session import agent_of, json, secured
from backend.api.errors import Forbidden
from backend.api.keys import RASA, SETTINGS, UOWS
from backend.api.routing import PUBLIC, ROUTE_TABLE, Call, Route
from backend.api.static_files import CSS, JS, JSON, static_files
from backend.api.validation import read_body, row_id
from backend.domain.handoff_errors import RasaUnavailable
from backend.paths import pages
from backend.services.nlu import activate as nlu_activate
from backend.services.nlu import capture as nlu_capture
from backend.services.nlu import export as nlu_export
from backend.services.nlu import labels as nlu_labels
from backend.services.nlu import review as nlu_review
from backend.services.nlu import train as nlu_train
from backend.services.nlu.config import NluConfig
from backend.services.nlu.errors import NluInvalid

NLU_CONFIG = web.AppKey("nlu_config", NluConfig)
NLU_RASA: web.AppKey[RasaApi] = web.AppKey("nlu_rasa")
PAGES = pages("admin")
static = static_files(PAGES, {"admin.js": JS, "admin.css": CSS, "chart.js": JS, "compare.js": JS,
                              "i18n.js": JS, "i18n.json": JSON})
Op = Callable[[web.Request, str, dict[str, Any]], Awaitable[Any]]


def _date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError as exc:
        raise NluInvalid(f"bad date {raw!r}: use YYYY-MM-DD") from exc


async def review(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    cfg, q = r.app[NLU_CONFIG], r.query
    try:
        captured = await nlu_capture.capture(r.app[UOWS], r.app[NLU_RASA])
    except RasaUnavailable:
        captured = 0
    f = nlu_review.ReviewFilter(q.get("channel") or None, q.get("language") or None,
                                q.get("intent") or None,
                                _date(q.get("since")), _date(q.get("until")),
                                limit=min(_count(q.get("limit"), 200), 500),
                                offset=_count(q.get("offset"), 0))
    return {"captured": captured, "items": await nlu_review.review_list(r.app[UOWS],
                                                                       cfg.low_confidence, f)}


async def message(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    return await nlu_review.detail(r.app[UOWS], r.app[NLU_CONFIG].low_confidence,
                                   r.match_info["mid"])


async def label(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    return await nlu_labels.label(r.app[UOWS], who, r.match_info["mid"], body.get("intent"),
                                  list(body.get("entities") or []), bool(body.get("discard")))


async def flag(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    """An agent flags a customer message as misunderstood (optional reason); it joins the
    admins' review list with reason "flagged" and the agent's name"""
    mid = r.match_info.get("mid") or str(body.get("message_id") or "")
    return await nlu_labels.flag(r.app[UOWS], who, mid, str(body.get("reason") or ""))


async def export_preview(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    """What an export would write: labelled messages, examples per file, which files
    change (nothing is written)"""
    return await nlu_export.export(r.app[UOWS], r.app[NLU_CONFIG].bot_dir, write=False)


async def export(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    """Write bot/data/nlu/labelled_*.yml (and bot/domain/labelled_intents.yml for new
    intents) from the labels, personal data scrubbed"""
    return await nlu_export.export(r.app[UOWS], r.app[NLU_CONFIG].bot_dir)


async def train(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    run_id = await nlu_train.create_run(r.app[UOWS], who)
    nlu_train.start(r.app[UOWS], r.app[NLU_CONFIG], run_id)
    return await nlu_train.get_run(r.app[UOWS], run_id)


async def runs(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    model_id, path = await nlu_activate.active_model(r.app[UOWS], r.app[NLU_CONFIG])
    return {"runs": await nlu_train.runs(r.app[UOWS]),
            "active": {"model_id": model_id, "model_path": str(path)},
            "activations": await nlu_activate.history(r.app[UOWS])}


async def one_run(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    return await nlu_train.get_run(r.app[UOWS], _int(r.match_info["rid"]))


async def activate(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    return await nlu_activate.activate(r.app[UOWS], r.app[NLU_RASA], r.app[NLU_CONFIG], who,
                                       _int(r.match_info["rid"]))


async def rollback(r: web.Request, who: str, body: dict[str, Any]) -> Any:
    return await nlu_activate.rollback(r.app[UOWS], r.app[NLU_RASA], r.app[NLU_CONFIG], who)


def _count(raw: str | None, default: int) -> int:
    if raw is None:
        return default
    value = row_id(raw)
    if value is None:
        raise NluInvalid(f"bad number {raw[:20]!r}")
    return value


def _int(raw: str) -> int:
    value = row_id(raw)
    if value is None:
        raise web.HTTPNotFound()
    return value


N = "/admin/nlu"
OPS: list[tuple[str, str, Op, bool]] = [  # method, path, op, admin only
    ("GET", N + "/review", review, True), ("GET", N + "/messages/{mid}", message, True),
    ("POST", N + "/messages/{mid}/label", label, True),
    ("GET", N + "/export", export_preview, True),
    ("POST", N + "/export", export, True),
    ("POST", N + "/train", train, True), ("GET", N + "/runs", runs, True),
    ("GET", N + "/runs/{rid}", one_run, True), ("POST", N + "/runs/{rid}/activate", activate, True),
    ("POST", N + "/rollback", rollback, True), ("POST", "/nlu/messages/{mid}/flag", flag, False),
]


def _bearer(op: Op, admin: bool) -> Callable[[Call], Awaitable[Any]]:
    async def handle(call: Call) -> Any:
        who = "admin-token" if admin else "agents-token"
        return await op(call.request, who, call.body)

    handle.__name__ = op.__name__
    return handle


def _session(
    op: Op, admin: bool, write: bool
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handle(request: web.Request) -> web.StreamResponse:
        agent = await agent_of(request, write=write)
        if admin and not agent.is_admin:
            raise Forbidden("admins only")
        body = await read_body(request, {"type": "object"}) if write else {}
        return json(await op(request, agent.username, body))

    handle.__name__ = op.__name__
    return handle


async def page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(PAGES / "index.html")


EXPORT_REPORT: dict[str, Any] = {
    "type": "object", "required": ["files", "changes", "labelled", "skipped", "new_intents"],
    "properties": {
        "files": {"type": "object", "additionalProperties": {"type": "integer"},
                  "description": "labelled_<feature>.yml → examples"},
        "changes": {"type": "object", "additionalProperties": {
            "enum": ["new", "changed", "unchanged", "removed"]},
            "description": "path under bot/ → what the export does to it"},
        "labelled": {"type": "integer"},
        "new_intents": {"type": "array", "items": {"type": "string"}},
        "skipped": {"type": "object", "additionalProperties": {"type": "integer"}},
        "note": {"type": "string"}, "written": {"type": "boolean"}}}
RESPONSES: dict[Op, dict[str, Any]] = {export: EXPORT_REPORT, export_preview: EXPORT_REPORT}
_TEXT: dict[str, Any] = {"type": "string", "maxLength": 40}
_DAY: dict[str, Any] = {"type": "string", "description": "YYYY-MM-DD"}
_COUNT: dict[str, Any] = {"type": "string", "pattern": "^[0-9]{1,6}$"}
QUERIES: dict[Op, dict[str, Any]] = {review: {
    "channel": _TEXT, "language": _TEXT, "intent": _TEXT, "since": _DAY, "until": _DAY,
    "limit": _COUNT, "offset": _COUNT}}


def routes() -> list[Route]:
    return [Route(m, "/api" + p, _bearer(op, admin), frozenset({"admin"} if admin else {"agents"}),
                  " ".join((op.__doc__ or op.__name__).split()), "nlu",
                  body={"type": "object"} if m == "POST" else None,
                  response=RESPONSES.get(op, {"type": "object"}), query=QUERIES.get(op, {}))
            for m, p, op, admin in OPS]


def install(app: web.Application) -> None:
    settings = app[SETTINGS]
    cfg = NluConfig.from_env(settings.rasa_url, settings.rasa_token)
    app[NLU_CONFIG] = cfg
    app[NLU_RASA] = app[RASA]
    table = app[ROUTE_TABLE]
    raw = [(m, "/console/api" + p, _session(op, admin, m != "GET")) for m, p, op, admin in OPS]
    raw += [("GET", "/admin", page), ("GET", "/admin/static/{name}", static)]
    for method, path, handler in raw:
        wrapped = secured(handler)
        app.router.add_route(method, path, wrapped)
        table[wrapped] = Route(method, path, _bearer_free, PUBLIC, "admin", "admin")


async def _bearer_free(call: Call) -> Any:  # pragma: no cover - never called
    raise web.HTTPNotFound()
