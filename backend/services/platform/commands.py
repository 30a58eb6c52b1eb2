"""Commands the backend accepts (imperative names; one handler each)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ReceiveInbound:
    channel: str
    address: str
    text: str
    provider_message_id: str | None = None
    payload: Any = None
    metadata: dict[str, Any] | None = None


@dataclass(frozen=True)
class RecordOutbound:
    conversation_id: str
    text: str
    buttons: list[dict[str, Any]] = field(default_factory=list)
    image: str | None = None
    custom: Any = None
    # the bot's ``n``-th reply to inbound message ``reply_to``: stored once (``reply_key``)
    reply_to: str | None = None
    n: int = 0

    @property
    def reply_key(self) -> str | None:
        """Idempotency key of a bot reply, kept as the row's ``provider_message_id`` (unique
        per channel): a gateway that stores it again (its retry, or the customer's retry
        answered again by Rasa) finds the first row instead of adding a second."""
        return None if self.reply_to is None else f"reply:{self.reply_to}:{self.n}"


@dataclass(frozen=True)
class RequestCode:
    conversation_id: str
    customer_code: str
    ttl_seconds: int


@dataclass(frozen=True)
class CheckCode:
    conversation_id: str
    code: str


@dataclass(frozen=True)
class ReportProblem:
    conversation_id: str
    symptom: str
    priority: str
    service_type: str = "corrective"
    equipment_id: str | None = None
    serial: str | None = None
    # further machines of the same request (one maintenance visit for N machines)
    equipment_ids: tuple[str, ...] = ()
    # codes read off a photo of the machine's display (issue 20 §3): they join the symptom
    error_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CancelIncident:
    conversation_id: str
    incident_id: str
    reason: str | None = None


@dataclass(frozen=True)
class ChangeEquipment:
    """The customer's correction of which machine an incident of theirs is about."""

    conversation_id: str
    incident_id: str
    equipment_id: str


@dataclass(frozen=True)
class MarkDelivered:
    outbox_id: str
    via: str
    provider_message_id: str | None = None


@dataclass(frozen=True)
class MarkFailed:
    outbox_id: str
    error: str


@dataclass(frozen=True)
class SetOptOut:
    conversation_id: str
    opted_out: bool
