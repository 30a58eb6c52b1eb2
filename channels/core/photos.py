"""A photo the customer sent, handed to the bot (issue 20 §3): once the backend has stored
it, Rasa is told with the intent ``photo_sent`` and the photo's ``attachment_id`` (the bot
reads its plate or display over the backend's API, actions/photos.py). The payload is written
by the gateway only: a customer typing it loses its slash (channels/core/slash_guard.py)."""

from __future__ import annotations

import json

PHOTO_INTENT = "photo_sent"


def photo_payload(attachment_id: str) -> str:
    """``/photo_sent{"attachment_id":"ATT-…"}``: Rasa's intent syntax, no NLU involved."""
    return f"/{PHOTO_INTENT}{json.dumps({'attachment_id': attachment_id}, separators=(',', ':'))}"
