"""What a customer asks for after a report: complaints (raised to a person) and
call-back requests (a number and a time window)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class _CustomerRequest:
    """What every request asked in a conversation keeps: who asked, on which channel, in
    their words, when, and the incident it is about (if any)."""

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    customer_code: Mapped[str | None] = mapped_column(ForeignKey("customers.code"), index=True)
    incident_id: Mapped[str | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class Complaint(_CustomerRequest, Base):
    """A complaint in the customer's words, raised to a person (``handoff_id``)."""

    __tablename__ = "complaints"

    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id"))


class CallbackRequest(_CustomerRequest, Base):
    """Ring ``number`` within ``window`` ("before 14:00", "09:00-11:00"), as typed in
    ``text``."""

    __tablename__ = "callback_requests"

    number: Mapped[str] = mapped_column(String(20))
    window: Mapped[str | None] = mapped_column(String(40))
