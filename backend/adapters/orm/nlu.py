"""What the bot understood and what admins taught it: predictions captured from Rasa,
agents' flags, admins' labels, training runs (candidate models) and activations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class NluPrediction(Base):
    __tablename__ = "nlu_predictions"

    message_id: Mapped[str] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(20), index=True)
    intent: Mapped[str] = mapped_column(String(80), index=True)
    confidence: Mapped[float] = mapped_column(Float)
    ranking: Mapped[list[Any]] = mapped_column(JSON)  # [{"name", "confidence"}] best first
    entities: Mapped[list[Any]] = mapped_column(JSON)
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NluFlag(Base):
    __tablename__ = "nlu_flags"

    message_id: Mapped[str] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    flagged_by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    flagged_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NluLabel(Base):
    __tablename__ = "nlu_labels"

    message_id: Mapped[str] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    action: Mapped[str] = mapped_column(String(10))  # label | discard
    intent: Mapped[str | None] = mapped_column(String(80))
    entities: Mapped[list[Any]] = mapped_column(JSON)  # [{"start", "end", "entity"}]
    labelled_by: Mapped[str] = mapped_column(String(60))
    labelled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    exported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NluModel(Base):
    """One training run and the model it produced (state: queued, training, evaluating,
    ready, failed)."""

    __tablename__ = "nlu_models"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    state: Mapped[str] = mapped_column(String(12))
    phase: Mapped[str] = mapped_column(String(80))
    progress: Mapped[float] = mapped_column(Float)
    model_path: Mapped[str | None] = mapped_column(String(400))
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    worse: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(Text)
    started_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NluActivation(Base):
    __tablename__ = "nlu_activations"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    model_id: Mapped[int | None] = mapped_column(ForeignKey("nlu_models.id"))
    model_path: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(10))  # activate | rollback
    actor: Mapped[str] = mapped_column(String(60))
    replicas: Mapped[list[Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
