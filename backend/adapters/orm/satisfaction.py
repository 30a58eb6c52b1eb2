"""The satisfaction question asked when a service order closes, and its answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class SatisfactionSurvey(Base):
    """One question on one reporter's channel; ``score`` 1–5 once answered. A low score
    names the complaint and the handoff (a task for the agents' queue) it raised."""

    __tablename__ = "satisfaction_surveys"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    service_order_id: Mapped[str] = mapped_column(ForeignKey("service_orders.id"), index=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("customers.code"), index=True)
    technician_id: Mapped[str | None] = mapped_column(String(20), index=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    score: Mapped[int | None] = mapped_column()
    comment: Mapped[str | None] = mapped_column(Text)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id"))
