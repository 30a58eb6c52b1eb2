"""Conversations, their messages and their verification challenge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "address"),)

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    customer_code: Mapped[str | None] = mapped_column(ForeignKey("customers.code"), index=True)
    verified: Mapped[bool] = mapped_column(default=False)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    language: Mapped[str | None] = mapped_column(String(2))
    handled_by: Mapped[str] = mapped_column(String(10), default="bot")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # reports' period
    # Set when the sender asked for no more messages (SMS STOP/BAJA); cleared by START/ALTA.
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Message(Base):
    __tablename__ = "messages"
    # NULLs are distinct on SQLite and PostgreSQL: uniqueness only binds real provider ids.
    __table_args__ = (UniqueConstraint("channel", "provider_message_id"),
                      # the channels report reads customer messages of a period by channel
                      Index("ix_messages_direction_created_at", "direction", "created_at",
                            "channel"))

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    seq: Mapped[int] = mapped_column(index=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    direction: Mapped[str] = mapped_column(String(3))
    channel: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    provider_message_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Verification(Base):
    """One row per conversation; attempts and lock survive a re-sent code."""

    __tablename__ = "verification_attempts"

    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), primary_key=True)
    # None: the code typed is no customer's; a code is "pending" all the same (never sent),
    # so that an unknown and a known customer code look alike to the sender
    customer_code: Mapped[str | None] = mapped_column(ForeignKey("customers.code"))
    code_hash: Mapped[str | None] = mapped_column(String(100))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    locked: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OtpRequest(Base):
    """One request for a one-time code, for the limits (backend/domain/otp_limits.py):
    the customer code as typed (normalised; known or not), where the code went (None if
    nowhere), the conversation (the sender) and whether it was sent, withheld (unknown
    code, no contact) or refused by a limit."""

    __tablename__ = "otp_requests"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    customer_key: Mapped[str] = mapped_column(String(60), index=True)
    contact: Mapped[str | None] = mapped_column(String(200), index=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(10))  # sent | withheld | refused
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
