"""Attachments: upload (raw bytes, size-capped while streaming), metadata lists, the file
itself (never inline as HTML), a thumbnail, and signed expiring links for technicians."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from aiohttp import web

from backend.api.keys import CLOCK
from backend.api.routing import PUBLIC, Call, Route
from backend.api.validation import Schema
from backend.domain.attachments.errors import (
    AttachmentQuarantined,
    AttachmentTooLarge,
    LinkRefused,
)
from backend.domain.attachments.policy import IMAGES, served_type
from backend.domain.attachments.texts import reply
from backend.domain.errors import InvalidRequest
from backend.services.conversations.attachments import signing, views
from backend.services.conversations.attachments.blobs import LocalBlobs
from backend.services.conversations.attachments.images import thumbnail
from backend.services.conversations.attachments.store import (
    KINDS,
    StoreAttachment,
    store_attachment,
)
from backend.services.dispatch.job_photos import is_technician, technician_file
from backend.services.platform.uow import UnitOfWorkFactory

WRITERS = frozenset({"gateway", "agents"})
READERS = frozenset({"gateway", "agents", "actions"})
ID: Schema = {"type": "string", "minLength": 1, "maxLength": 24}
UPLOAD_QUERY: dict[str, Schema] = {
    "conversation_id": ID, "message_id": ID, "incident_id": ID,
    "filename": {"type": "string", "maxLength": 200},
    "kind": {"type": "string", "enum": list(KINDS), "default": "file"},
}
TECHNICIAN_QUERY: dict[str, Schema] = {
    "channel": {"type": "string", "enum": ["telegram", "sms"]},
    "address": {"type": "string", "minLength": 1, "maxLength": 200},
    "filename": {"type": "string", "maxLength": 200},
}
SIGNED_QUERY: dict[str, Schema] = {"expires": {"type": "integer"},
                                   "sig": {"type": "string", "maxLength": 64}}
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300",
                    "Content-Security-Policy": "default-src 'none'; sandbox"}


def blobs(call: Call) -> LocalBlobs:
    return LocalBlobs(call.settings.attachments_dir)


async def _read_capped(request: web.Request, cap: int) -> bytes:
    """The body, refused as soon as it passes the cap (never read whole)."""
    declared = request.content_length
    if declared is not None and declared > cap:
        raise _too_large(cap)
    chunks, size = [], 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > cap:
            raise _too_large(cap)
        chunks.append(chunk)
    if size == 0:
        raise InvalidRequest("the file is empty")
    return b"".join(chunks)


def _too_large(cap: int) -> AttachmentTooLarge:
    mb = max(1, cap // (1024 * 1024))
    return AttachmentTooLarge(f"the file is larger than {cap} bytes", limit=cap,
                              reply=reply("too_large", mb=mb))


async def upload(call: Call) -> Any:
    data = await _read_capped(call.request, call.settings.attachment_max_bytes)
    q = call.query
    view = await store_attachment(call.uows, blobs(call), StoreAttachment(
        data=data, kind=q["kind"], filename=q["filename"], conversation_id=q["conversation_id"],
        message_id=q["message_id"], incident_id=q["incident_id"]))
    if view["status"] == "quarantined":
        view["reply"] = reply("refused")
    return view


async def technician_lookup(call: Call) -> Any:
    return {"technician": await is_technician(call.uows, call.query["channel"],
                                              call.query["address"])}


async def technician_upload(call: Call) -> Any:
    data = await _read_capped(call.request, call.settings.attachment_max_bytes)
    q = call.query
    return await technician_file(call.uows, blobs(call), q["channel"], q["address"], data,
                                 q["filename"])


def file_response(data: bytes, mime: str, filename: str | None) -> web.Response:
    content_type, disposition = served_type(mime)
    name = quote(filename or "attachment", safe="")
    headers = {**SECURITY_HEADERS,
               "Content-Disposition": f"{disposition}; filename*=UTF-8''{name}"}
    return web.Response(body=data, content_type=content_type, headers=headers)


async def served(uows: UnitOfWorkFactory, store: LocalBlobs,
                 attachment_id: str) -> tuple[bytes, str, str | None]:
    """A stored file's bytes, type and name; 409 with its reason when quarantined."""
    row = await views.get_attachment(uows, attachment_id)
    if row.status != "stored":
        raise AttachmentQuarantined(f"attachment {row.id} is quarantined: {row.reason}",
                                    reason=row.reason)
    return store.get(row.sha256), row.mime, row.filename


async def _served(call: Call, attachment_id: str) -> tuple[bytes, str, str | None]:
    return await served(call.uows, blobs(call), attachment_id)


def thumbnail_response(data: bytes, mime: str, _filename: str | None = None) -> web.Response:
    if mime not in IMAGES:
        raise InvalidRequest(f"{mime} has no thumbnail")
    return web.Response(body=thumbnail(data), content_type="image/jpeg", headers=SECURITY_HEADERS)


async def content(call: Call) -> Any:
    return file_response(*await _served(call, call.param("aid")))


async def thumb(call: Call) -> Any:
    return thumbnail_response(*await _served(call, call.param("aid")))


async def metadata(call: Call) -> Any:
    return views.attachment_view(await views.get_attachment(call.uows, call.param("aid")))


async def link(call: Call) -> Any:
    row = await views.get_attachment(call.uows, call.param("aid"))
    if row.status != "stored":
        raise AttachmentQuarantined(f"attachment {row.id} is quarantined", reason=row.reason)
    path, until = signing.link(call.settings.attachment_key, row.id, call.request.app[CLOCK]())
    return {"path": path, "expires_at": until.isoformat()}


async def signed(call: Call) -> Any:
    aid, expires, sig = call.param("aid"), call.query["expires"], call.query["sig"]
    now = call.request.app[CLOCK]()
    if expires is None or sig is None \
            or not signing.valid(call.settings.attachment_key, aid, expires, sig, now):
        raise LinkRefused("this link is not valid or has expired")
    return file_response(*await _served(call, aid))


async def of_conversation(call: Call) -> Any:
    return {"attachments": await views.of_conversation(call.uows, call.param("cid"))}


async def of_incident(call: Call) -> Any:
    return {"attachments": await views.of_incident(call.uows, call.param("iid"))}


A = "/api/attachments/{aid}"
ROUTES = [
    Route("POST", "/api/attachments", upload, WRITERS,
          "Store a file (raw body): sniffed, inspected, linked; quarantined with a reason "
          "when hostile; 413 with a bilingual reply over the cap", "attachments",
          status=201, query=UPLOAD_QUERY, errors=(400, 404, 413)),
    Route("GET", "/api/technicians/lookup", technician_lookup, frozenset({"gateway"}),
          "Whether an address is a technician's (before the gateway uploads their files)",
          "attachments", query={k: TECHNICIAN_QUERY[k] for k in ("channel", "address")},
          required_query=frozenset({"channel", "address"}), errors=(400,)),
    Route("POST", "/api/technicians/files", technician_upload, frozenset({"gateway"}),
          "A technician's photo from the job chat: kept on their job's incident "
          "(handled: false → a customer's file)", "attachments", query=TECHNICIAN_QUERY,
          required_query=frozenset({"channel", "address"}), errors=(400, 413)),
    Route("GET", A, metadata, READERS, "An attachment's metadata", "attachments",
          errors=(404,)),
    Route("GET", A + "/content", content, READERS,
          "The file (images, PDF, text inline; anything else as a download; nosniff)",
          "attachments", errors=(404, 409), content_type="application/octet-stream"),
    Route("GET", A + "/thumbnail", thumb, READERS, "A JPEG thumbnail of an image",
          "attachments", errors=(400, 404, 409), content_type="image/jpeg"),
    Route("POST", A + "/link", link, WRITERS,
          "A signed link to the file that expires (for technicians by SMS/e-mail)",
          "attachments", errors=(404, 409)),
    Route("GET", "/api/files/{aid}", signed, PUBLIC, "The file through a signed link",
          "attachments", query=SIGNED_QUERY, errors=(403, 404, 409),
          content_type="application/octet-stream"),
    Route("GET", "/api/conversations/{cid}/attachments", of_conversation, READERS,
          "A conversation's attachments", "attachments"),
    Route("GET", "/api/incidents/{iid}/attachments", of_incident, READERS,
          "An incident's attachments (and its conversation's before it was filed)",
          "attachments", errors=(404,)),
]
