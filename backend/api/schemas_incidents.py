"""JSON schemas of the duplicate flow and of incident handling by agents."""

from __future__ import annotations

from backend.api.schemas import OPTIONAL_SHORT, REPORT, SHORT
from backend.api.validation import Schema

NOTE: Schema = {"type": ["string", "null"], "maxLength": 2000}

# Either a new report (symptom, priority…) or the answer to an ask (pending_report…).
REPORT_OR_ANSWER: Schema = {
    "type": "object",
    "properties": {
        **REPORT["properties"],
        "pending_report": {"type": "string", "minLength": 1, "maxLength": 64},
        "duplicate_of": OPTIONAL_SHORT,
    },
}

MERGE: Schema = {
    "type": "object",
    "required": ["into"],
    "properties": {"into": SHORT, "agent": OPTIONAL_SHORT, "note": NOTE},
}
SPLIT: Schema = {
    "type": "object",
    "required": ["reports"],
    "properties": {
        "reports": {"type": "array", "items": {"type": "integer", "minimum": 1}},
        "agent": OPTIONAL_SHORT,
        "note": NOTE,
    },
}
UNDO: Schema = {"type": "object", "properties": {"agent": OPTIONAL_SHORT}}
ASSIGN: Schema = {
    "type": "object",
    "required": ["technician_id"],
    "properties": {"technician_id": SHORT, "agent": OPTIONAL_SHORT},
}
