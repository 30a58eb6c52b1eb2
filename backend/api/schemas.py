"""JSON schemas shared by routes (request validation and the OpenAPI document)."""

from __future__ import annotations

from backend.api.validation import Schema
from backend.domain.channels import CHANNELS
from backend.domain.incident import OLD_MEDIUM, Priority, ServiceType, State
from backend.domain.outbox import VIAS

# "pattern": not blank (minLength counts the string as sent, spaces included)
TEXT: Schema = {"type": "string", "minLength": 1, "maxLength": 10_000, "pattern": r"\S"}
SHORT: Schema = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"\S"}
OPTIONAL_SHORT: Schema = {"type": ["string", "null"], "maxLength": 200}
PROVIDER_ID: Schema = {"type": ["string", "null"], "minLength": 1, "maxLength": 200}  # never ""

BUTTON: Schema = {
    "type": "object",
    "required": ["title", "payload"],
    "properties": {"title": SHORT, "payload": {"type": "string", "maxLength": 500}},
}

INBOUND: Schema = {
    "type": "object",
    "required": ["channel", "address", "text"],
    "properties": {
        "channel": {"type": "string", "enum": list(CHANNELS)},
        "address": SHORT,
        "text": {"type": "string", "maxLength": 10_000},
        "provider_message_id": PROVIDER_ID,
        "payload": {},
        "metadata": {"type": ["object", "null"]},
    },
}

# The inbound message a bot reply answers: the reply is stored once per (message, position),
# however often a gateway sends it (its retry, a customer's retry answered again).
REPLY_TO: Schema = {"type": ["string", "null"], "minLength": 1, "maxLength": 64}

OUTBOUND: Schema = {
    "type": "object",
    "required": ["conversation_id", "text"],
    "properties": {
        "conversation_id": SHORT,
        "reply_to": REPLY_TO,
        "text": {"type": "string", "maxLength": 10_000},
        "buttons": {"type": ["array", "null"], "items": BUTTON},
        "image": {"type": ["string", "null"], "maxLength": 2000},
        "custom": {},
    },
}

CLAIM: Schema = {
    "type": "object",
    "properties": {"limit": {"type": "integer", "minimum": 1, "maximum": 200}},
}
DELIVERED: Schema = {
    "type": "object",
    "required": ["via"],
    "properties": {
        "via": {"type": "string", "enum": list(VIAS)}, "provider_message_id": PROVIDER_ID
    },
}
FAILED: Schema = {"type": "object", "required": ["error"], "properties": {"error": TEXT}}

VERIFY: Schema = {
    "type": "object", "required": ["customer_code"], "properties": {"customer_code": SHORT}
}
CHECK: Schema = {"type": "object", "required": ["code"], "properties": {"code": SHORT}}
FACTOR: Schema = {"type": "object", "required": ["customer_code", "factor"],
                  "properties": {"customer_code": SHORT, "factor": TEXT}}  # as typed, a whole mail

# low / medium / high / critical; the old name "normal" is still taken (as medium).
PRIORITY: Schema = {"type": "string", "enum": [*(p.value for p in Priority), OLD_MEDIUM]}

REPORT: Schema = {
    "type": "object",
    "required": ["symptom", "priority"],
    "properties": {
        "equipment_id": OPTIONAL_SHORT,
        "serial": OPTIONAL_SHORT,
        "symptom": TEXT,
        "priority": PRIORITY,
        "equipment_ids": {"type": "array", "maxItems": 50, "items": SHORT},
        "error_codes": {"type": "array", "maxItems": 20,
                        "items": {"type": "string", "minLength": 1, "maxLength": 20}},
        "service_type": {"type": "string", "enum": [s.value for s in ServiceType]},
    },
}
EQUIPMENT_CHANGE: Schema = {
    "type": "object", "required": ["equipment_id"], "properties": {"equipment_id": SHORT},
}
CANCEL: Schema = {
    "type": "object", "properties": {"reason": {"type": ["string", "null"], "maxLength": 2000}}
}

STATE_QUERY: Schema = {"type": "string", "enum": [s.value for s in State]}

# answers (declared in OpenAPI; schemathesis checks every answer against them)
INBOUND_ANSWER: Schema = {
    "type": "object",
    "required": ["conversation_id", "message_id", "duplicate", "handled_by", "verified",
                 "offered_payloads"],
    "properties": {
        "conversation_id": {"type": "string"},
        "message_id": {"type": "string"},
        "duplicate": {"type": "boolean"},
        "handled_by": {"type": ["string", "null"]},
        "customer_code": {"type": ["string", "null"]},
        "verified": {"type": "boolean"},
        "offered_payloads": {"type": "array", "items": {"type": "string"}},
        "notice": {"type": ["string", "null"]},
        "answered": {"type": "boolean"},  # the backend answered it (a satisfaction rating)
    },
}
STORED: Schema = {"type": "object", "required": ["message_id"],
                  "properties": {"message_id": {"type": "string"}}}
STORED_BATCH: Schema = {"type": "object", "required": ["message_ids"],
                        "properties": {"message_ids": {"type": "array",
                                                       "items": {"type": "string"}}}}
CLAIMED: Schema = {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": {
        "type": "object",
        "required": ["id", "channel", "address", "text", "buttons"],
        "properties": {"id": {"type": "string"}, "channel": {"type": "string"},
                       "address": {"type": "string"}, "text": {"type": "string"},
                       "buttons": {"type": "array"}},
    }}},
}
