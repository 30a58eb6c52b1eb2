"""Attachments: one row per file received with a message (or added to an incident).

The bytes live once per SHA-256 in the blob store
(`backend.services.conversations.attachments.blobs`); ``status`` is ``stored`` (served) or
``quarantined`` (kept apart with ``reason``, never served).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class AttachmentRow(Base):
    __tablename__ = "attachments"
    # a provider's retry of one message's file is the same row
    __table_args__ = (UniqueConstraint("message_id", "sha256"),)

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # photo, document, voice, location…
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(String(500))
    conversation_id: Mapped[str | None] = mapped_column(ForeignKey("conversations.id"),
                                                        index=True)
    message_id: Mapped[str | None] = mapped_column(ForeignKey("messages.id"))
    incident_id: Mapped[str | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
