"""JSON schemas of the contracts, coverage and billing routes."""

from __future__ import annotations

from backend.api.validation import Schema

DATE: Schema = {"type": "string", "minLength": 10, "maxLength": 10}
OPT_DATE: Schema = {"type": ["string", "null"], "maxLength": 10}
DATETIME: Schema = {"type": "string", "minLength": 16, "maxLength": 40}
NUMBER: Schema = {"type": ["string", "integer"], "maxLength": 20}
OPT_TEXT: Schema = {"type": ["string", "null"], "maxLength": 2000}
ID: Schema = {"type": ["string", "null"], "maxLength": 20}

TERMS: dict[str, Schema] = {
    "type": {"type": "string", "maxLength": 40},
    "incident_types": {"type": "array", "items": {"type": "string", "maxLength": 20}},
    "covered_hours": {"type": "object"}, "response_hours": {"type": "object"},
    "resolution_hours": {"type": "object"}, "allowance": {"type": ["object", "null"]},
    "out_of_hours": {"type": ["string", "null"], "enum": ["surcharge", "labour_billable",
                                                           "not_covered", None]},
    "past_allowance": {"type": ["string", "null"], "enum": ["bill_labour", "not_covered", None]},
    "price": NUMBER, "billing": {"type": "string", "enum": ["monthly", "quarterly", "semiannual",
                                                            "annual"]},
    "renewal": {"type": ["object", "null"]},
    "tiers": {"type": ["array", "null"], "items": {"type": "object", "required": ["price"]}},
    "tier_basis": {"type": ["string", "null"], "enum": ["interventions", "hours", None]},
    "clauses": OPT_TEXT,
}

CONTRACT: Schema = {
    "type": "object",
    "required": ["customer", "equipment", "start", "type", "incident_types", "covered_hours",
                 "response_hours", "resolution_hours", "price", "billing"],
    "properties": {
        "id": ID, "customer": {"type": "string", "minLength": 1, "maxLength": 20},
        "equipment": {"type": "array", "items": {"type": "string", "maxLength": 20}},
        "start": DATE, "end": OPT_DATE,
        "state": {"type": "string", "enum": ["draft", "active"]}, **TERMS,
    },
}
AMEND: Schema = {
    "type": "object", "required": ["valid_from", "changes"],
    "properties": {"valid_from": DATE, "changes": {"type": "object", "properties": TERMS},
                   "note": OPT_TEXT},
}
RENEW: Schema = {"type": "object", "properties": {"until": OPT_DATE,
                                                  "price_change_pct": {"type": ["string", "null"],
                                                                       "maxLength": 10}}}
CONSENT: Schema = {"type": "object", "required": ["accepted"],
                   "properties": {"accepted": {"type": "boolean"}}}
ORDER: Schema = {"type": "object", "properties": {"technician_id": ID}}
PART: Schema = {"type": "object", "required": ["quantity"], "properties": {
    "part_number": {"type": ["string", "null"], "maxLength": 60}, "description": OPT_TEXT,
    "quantity": NUMBER, "unit_price": {"type": ["string", "integer", "null"], "maxLength": 20}}}
CLOSE: Schema = {
    "type": "object", "required": ["labour_hours", "started_at", "ended_at"],
    "properties": {
        "labour_hours": NUMBER, "travel_km": NUMBER, "started_at": DATETIME, "ended_at": DATETIME,
        "parts": {"type": "array", "items": PART}, "notes": OPT_TEXT,
        "remote": {"type": "boolean"}, "incident_type": {"type": ["string", "null"], "enum": [
            "mechanical", "electrical", "electronic", "software", "leak", "noise", "consumables",
            "misuse", None]},
        "technician_id": ID, "category": {"type": ["string", "null"], "maxLength": 20},
    },
}
RUN: Schema = {"type": "object", "required": ["period"],
               "properties": {"period": {"type": "string", "minLength": 7, "maxLength": 7}}}
EXPORT: Schema = {"type": "object", "required": ["format"], "properties": {
    "format": {"type": "string", "enum": ["json", "csv", "ubl"]}, "since": OPT_DATE}}
