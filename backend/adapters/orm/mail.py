"""E-mail ingestion: mailbox checkpoints, quarantined mail and the reply log.

``MailCheckpoint`` holds, per mailbox, the UIDVALIDITY and the highest UID whose
mail is stored; it moves in the same transaction that stores the mail.
``QuarantinedMail`` keeps a mail the bot could not read (raw bytes in the row, or
a path under var/attachments when too big), for agents. ``MailReply`` logs every
e-mail the desk sent, for the per-recipient rate cap and for threading.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class MailCheckpoint(Base):
    __tablename__ = "mail_checkpoints"

    mailbox: Mapped[str] = mapped_column(String(200), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class QuarantinedMail(Base):
    __tablename__ = "mail_quarantine"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    mailbox: Mapped[str] = mapped_column(String(200))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(BigInteger)
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    raw_path: Mapped[str | None] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class MailReply(Base):
    __tablename__ = "mail_replies"
    __table_args__ = (Index("ix_mail_replies_recipient_sent_at", "recipient", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    recipient: Mapped[str] = mapped_column(String(200))
    message_id: Mapped[str] = mapped_column(String(250), index=True)
    conversation_id: Mapped[str | None] = mapped_column(ForeignKey("conversations.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MailLease(Base):
    """Which gateway replica polls a mailbox, and until when (``POST /api/mail/lease``)."""

    __tablename__ = "mail_leases"

    mailbox: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
