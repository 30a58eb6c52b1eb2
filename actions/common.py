"""Helpers shared by the actions: error replies, button payloads, equipment text.

Errors become responses through one lookup table; nothing here holds wording.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import Json, client
from actions.errors import BackendError, NotFound, NotVerified, Unavailable

logger = logging.getLogger(__name__)
MAX_BUTTONS = 8

ERROR_RESPONSES: dict[type[BackendError], str] = {
    NotVerified: "utter_not_verified",
    Unavailable: "utter_backend_unavailable",
}


def utter_error(dispatcher: CollectingDispatcher, exc: BackendError) -> None:
    """Tell the customer politely; log the details for us."""
    logger.warning("backend error %s (%s): %s", type(exc).__name__, exc.code, exc)
    response = next((r for cls, r in ERROR_RESPONSES.items() if isinstance(exc, cls)),
                    "utter_backend_unavailable")
    dispatcher.utter_message(response=response)


def payload(intent: str, entity: str, value: str) -> str:
    """A button payload in Rasa's ``/intent{"entity":"value"}`` syntax."""
    return f"/{intent}{json.dumps({entity: value}, separators=(',', ':'))}"


# Variables of a response template, passed as ``dispatcher.utter_message(response=..., **vars)``
# (rasa-sdk takes them as ``**kwargs: Any``).
ResponseVars = dict[str, Any]


def equipment_vars(equipment: Mapping[str, Any] | None) -> ResponseVars:
    """``model`` and ``serial`` for a response template ("—" when unknown)."""
    eq = equipment or {}
    return {"model": str(eq.get("model") or "—"), "serial": str(eq.get("serial") or "—")}


def incident_button(incident: Mapping[str, Any], intent: str) -> dict[str, str]:
    """A button naming an incident, that asks ``intent`` about it."""
    eq = equipment_vars(incident.get("equipment"))
    title = f"{incident.get('id')} · {eq['model']} ({eq['serial']})"
    return {"title": title, "payload": payload(intent, "incident_id", str(incident.get("id")))}


def incident_buttons(incidents: Sequence[Mapping[str, Any]], intent: str) -> list[dict[str, str]]:
    return [incident_button(i, intent) for i in incidents[:MAX_BUTTONS]]


async def named_or_open(dispatcher: CollectingDispatcher, tracker: Tracker,
                        incident_id: str | None) -> tuple[Json | None, list[Json]] | None:
    """The incident ``incident_id`` names, else the sender's open incidents: ``(incident, [])``
    or ``(None, open ones)``; None once a failure has been told (no such incident of theirs,
    the backend unreachable)."""
    try:
        if incident_id:
            return await client().incident(tracker.sender_id, incident_id), []
        return None, await client().open_incidents(tracker.sender_id)
    except NotFound:
        dispatcher.utter_message(response="utter_incident_not_found", incident_id=incident_id)
    except BackendError as exc:
        utter_error(dispatcher, exc)
    return None
