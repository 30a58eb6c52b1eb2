"""Agent accounts, their queues and console sessions; handoffs and their log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class Agent(Base):
    __tablename__ = "agents"

    username: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))  # agent | admin
    language: Mapped[str] = mapped_column(String(2))
    active: Mapped[bool] = mapped_column(default=True)
    available: Mapped[bool] = mapped_column(default=False)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AgentQueue(Base):
    __tablename__ = "agent_queues"

    username: Mapped[str] = mapped_column(ForeignKey("agents.username"), primary_key=True)
    queue: Mapped[str] = mapped_column(String(40), primary_key=True)


class AgentSession(Base):
    """Server-side console session; the cookie holds a secret whose SHA-256 is the id."""

    __tablename__ = "agent_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("agents.username"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Handoff(Base):
    """One conversation handed to people: waiting → assigned → closed (a task when not live)."""

    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # live | callback | message
    reason: Mapped[str] = mapped_column(String(30))
    rule: Mapped[str | None] = mapped_column(String(60))
    queue: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[str] = mapped_column(String(10), index=True)
    agent: Mapped[str | None] = mapped_column(ForeignKey("agents.username"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    slots: Mapped[dict[str, Any]] = mapped_column(JSON)
    agent_slots: Mapped[dict[str, Any]] = mapped_column(JSON)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HandoffLog(Base):
    """Internal notes and what happened (taken, transferred, released), never shown to customers."""

    __tablename__ = "handoff_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(ForeignKey("handoffs.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # note | taken | transferred | released…
    actor: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
