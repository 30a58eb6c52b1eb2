"""The reports' fixture: December 2025 of a small desk, every row written by hand so that
each figure of the tests can be counted on paper (the numbers are in test_figures.py).

Calendar facts used (Madrid, UTC+1 in December): CT-0001 covers mon-fri 08:00-18:00 with
Spain's national holidays; 6 Dec 2025 is a Saturday, Monday 8 Dec and Thursday 25 Dec are
holidays. C-1002's machine has no contract: its timers run on 24x7 Madrid time. The
reports run at `NOW`, 10 January 2026."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from backend.adapters.orm import (
    BillingDocumentRow,
    Contract,
    Conversation,
    CoverageRecord,
    Incident,
    IncidentMerge,
    IncidentReport,
    Message,
    Technician,
    Verification,
)
from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.dispatch import Dispatch, RoutingDecision, SlaTimerRow
from backend.adapters.orm.nlu import NluFlag, NluPrediction
from backend.services.platform.uow import UnitOfWorkFactory

MADRID = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
PERIOD = {"from": "2025-12-01", "to": "2025-12-31"}


def local(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=MADRID)


def utc(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


# id, customer, equipment, channel, priority, created (local), queue
INCIDENTS = [
    ("INC-00001", "C-1001", "EQ-0001", "sms", "high", local(2025, 12, 5, 17), "general"),
    ("INC-00002", "C-1001", "EQ-0002", "web", "medium", local(2025, 12, 10, 19), "general"),
    ("INC-00003", "C-1001", "EQ-0002", "telegram", "high", local(2025, 12, 20, 10), "urgent"),
    ("INC-00004", "C-1002", "EQ-0003", "email", "medium", local(2025, 12, 14, 23), "billing"),
    ("INC-00005", "C-1001", "EQ-0001", "sms", "medium", local(2026, 1, 2, 9), "general"),
    ("INC-00006", "C-1002", "EQ-0003", "web", "low", local(2025, 11, 30, 23, 30), "general"),
    ("INC-00007", "C-1002", "EQ-0003", "web", "low", local(2025, 12, 1, 0, 30), "general"),
]
# incident, kind, contract, due (local), met (local or None)
TIMERS = [
    ("INC-00001", "response", "CT-0001", local(2025, 12, 9, 15), local(2025, 12, 9, 9, 30)),
    ("INC-00001", "resolution", "CT-0001", local(2025, 12, 12, 18), local(2025, 12, 12, 10)),
    ("INC-00002", "response", "CT-0001", local(2025, 12, 11, 12), local(2025, 12, 11, 13)),
    ("INC-00002", "resolution", "CT-0001", local(2025, 12, 15, 18), None),
    ("INC-00003", "response", "CT-0001", local(2025, 12, 22, 16), local(2025, 12, 22, 8, 45)),
    ("INC-00003", "resolution", "CT-0001", local(2025, 12, 24, 18), local(2025, 12, 26, 9)),
    ("INC-00004", "response", None, local(2025, 12, 15, 3), local(2025, 12, 15, 1, 30)),
    ("INC-00004", "resolution", None, local(2026, 2, 1, 12), None),
    ("INC-00005", "response", "CT-0001", local(2026, 1, 2, 12), local(2026, 1, 5, 12)),
    ("INC-00006", "response", None, local(2025, 12, 1, 3), local(2025, 12, 2, 3)),
    ("INC-00007", "response", None, local(2025, 12, 1, 4, 30), local(2025, 12, 1, 1)),
]
# id, channel, customer, language, created (UTC), verified, handoff reason/queue
CONVERSATIONS = [
    ("CONV-A", "sms", "C-1001", "es", utc(2025, 12, 5, 16, 55), True, None),
    ("CONV-B", "web", "C-1001", "en", utc(2025, 12, 10, 17, 59), True,
     ("request_human", "general")),
    ("CONV-C", "telegram", "C-1001", "es", utc(2025, 12, 20, 9), False,
     ("low_confidence", "urgent")),
    ("CONV-D", "email", "C-1002", "en", utc(2025, 12, 14, 22), True, None),
    ("CONV-E", "web", None, "es", utc(2025, 11, 30, 23, 10), False, None),
    ("CONV-F", "sms", "C-1001", "es", utc(2026, 1, 3, 10), True, None),
]
# message id, conversation, direction, at (UTC), prediction confidence, flagged
MESSAGES = [
    ("M-A1", "CONV-A", "in", utc(2025, 12, 5, 16, 55), 0.9, False),
    ("M-A2", "CONV-A", "in", utc(2025, 12, 5, 17, 5), 0.4, False),
    ("M-A3", "CONV-A", "out", utc(2025, 12, 5, 17, 6), None, False),
    ("M-B1", "CONV-B", "in", utc(2025, 12, 10, 17, 59), 0.95, True),
    ("M-B2", "CONV-B", "in", utc(2025, 12, 10, 18, 1), 0.8, False),
    ("M-C1", "CONV-C", "in", utc(2025, 12, 20, 9), None, False),
    ("M-D1", "CONV-D", "in", utc(2025, 12, 14, 22), None, False),
    ("M-E1", "CONV-E", "in", utc(2025, 11, 30, 23, 10), None, False),
    ("M-F1", "CONV-F", "in", utc(2026, 1, 3, 10), None, False),
]
# report incident, channel, decision
REPORTS = [
    ("INC-00001", "sms", "new"), ("INC-00001", "web", "merged"),
    ("INC-00001", "email", "confirmed"), ("INC-00002", "web", "new"),
    ("INC-00002", "sms", "declined"), ("INC-00003", "telegram", "new"),
    ("INC-00004", "email", "new"), ("INC-00007", "web", "new"),
    ("INC-00005", "sms", "merged"),
]
# kind, source, target, undone
MERGES = [("split", "INC-00001", "INC-00003", False), ("merge", "INC-00004", "INC-00002", True),
          ("merge", "INC-00007", "INC-00002", False)]
# id, incident, technician, state, offered (UTC), minutes to answer, arrived, finished (UTC)
DISPATCHES = [
    ("DSP-1", "INC-00001", "T-01", "finished", utc(2025, 12, 5, 16, 10), 15,
     utc(2025, 12, 9, 8), utc(2025, 12, 9, 9, 30)),
    ("DSP-2", "INC-00002", "T-02", "declined", utc(2025, 12, 10, 18, 10), 10, None, None),
    ("DSP-3", "INC-00002", "T-01", "finished", utc(2025, 12, 10, 18, 30), 45,
     utc(2025, 12, 11, 9), utc(2025, 12, 11, 11, 30)),
    ("DSP-4", "INC-00003", "T-02", "expired", utc(2025, 12, 20, 9, 10), 30, None, None),
    ("DSP-5", "INC-00003", "T-01", "finished", utc(2025, 12, 20, 9, 45), 20,
     utc(2025, 12, 22, 8), utc(2025, 12, 22, 8, 30)),
    ("DSP-6", "INC-00004", "T-02", "withdrawn", utc(2025, 12, 14, 22, 10), 5, None, None),
    ("DSP-7", "INC-00005", "T-01", "accepted", utc(2026, 1, 2, 8, 30), 5, None, None),
]
# incident, stage, outcome
COVERAGE = [("INC-00001", "reported", "covered"), ("INC-00001", "closed", "covered"),
            ("INC-00002", "reported", "covered"), ("INC-00003", "reported", "partly_covered"),
            ("INC-00004", "reported", "not_covered"), ("INC-00007", "reported", "not_covered"),
            ("INC-00005", "reported", "covered")]
# id, kind, state, customer, issue date, net, total
DOCUMENTS = [
    ("ALB-00001", "delivery_note", "issued", "C-1002", date(2025, 12, 15), "100.00", "121.00"),
    ("ALB-00002", "delivery_note", "exported", "C-1002", date(2025, 12, 20), "50.50", "61.11"),
    ("ALB-00003", "delivery_note", "issued", "C-1001", date(2025, 12, 31), "200.00", "242.00"),
    ("ALB-00004", "delivery_note", "draft", "C-1001", date(2025, 12, 10), "999.00", "1208.79"),
    ("INV-00001", "contract_invoice", "issued", "C-1001", date(2025, 12, 1), "1450.00",
     "1754.50"),
    ("ALB-00005", "delivery_note", "issued", "C-1002", date(2026, 1, 1), "10.00", "12.10"),
]


def _contract(cid: str, customer: str, end: date) -> Contract:
    return Contract(id=cid, customer_code=customer, type="helpdesk", incident_types=[],
                    covered_hours={"timezone": "Europe/Madrid", "schedule": "mon-fri 09:00-17:00"},
                    response_hours={"medium": 8}, resolution_hours={"medium": 40},
                    allowance=None, price=Decimal("10.00"), billing="monthly", renewal=None,
                    start=date(2025, 1, 1), end=end, state="active")


def _rows() -> list[Any]:
    rows: list[Any] = [
        Technician(id="T-02", name="Lucía Sanz", zone="madrid", skills=[], category="senior"),
        _contract("CT-0002", "C-1002", date(2026, 2, 15)),
        _contract("CT-0003", "C-1002", date(2026, 6, 30)),
    ]
    for iid, customer, eq, channel, prio, created, queue in INCIDENTS:
        rows.append(Incident(id=iid, customer_code=customer, equipment_id=eq,
                             symptom=f"symptom of {iid}", priority=prio,
                             service_type="corrective", state="new", channel=channel,
                             created_at=created, updated_at=created))
        rows.append(RoutingDecision(incident_id=iid, queue=queue, facts={}, candidates=[],
                                    decided_at=created))
    created = {i[0]: i[5] for i in INCIDENTS}
    for iid, kind, contract, due, met in TIMERS:
        rows.append(SlaTimerRow(incident_id=iid, kind=kind, contract_id=contract,
                                start=created[iid], due_at=due, warn_at=due, met_at=met))
    for cid, channel, customer, lang, at, verified, handoff in CONVERSATIONS:
        rows.append(Conversation(id=cid, channel=channel, address=f"addr-{cid}",
                                 customer_code=customer, verified=verified, language=lang,
                                 handled_by="bot", created_at=at))
        if handoff:
            rows.append(Handoff(conversation_id=cid, kind="live", reason=handoff[0],
                                queue=handoff[1], state="closed", slots={}, agent_slots={},
                                requested_at=at))
    rows.append(Verification(conversation_id="CONV-A", customer_code="C-1001", attempts=1,
                             locked=False, updated_at=utc(2025, 12, 5, 17)))
    rows.append(Verification(conversation_id="CONV-C", customer_code="C-1001", attempts=5,
                             locked=True, updated_at=utc(2025, 12, 20, 9, 5)))
    for n, (mid, cid, direction, at, confidence, flagged) in enumerate(MESSAGES, 1):
        channel = next(c[1] for c in CONVERSATIONS if c[0] == cid)
        rows.append(Message(id=mid, seq=n, conversation_id=cid, direction=direction,
                            channel=channel, text="…", created_at=at))
        if confidence is not None:
            rows.append(NluPrediction(message_id=mid, conversation_id=cid, intent="x",
                                      confidence=confidence, ranking=[], entities=[],
                                      captured_at=at))
        if flagged:
            rows.append(NluFlag(message_id=mid, flagged_by="ana", reason="", flagged_at=at))
    for iid, channel, decision in REPORTS:
        rows.append(IncidentReport(incident_id=iid, channel=channel, address="x", text="…",
                                   at=created[iid], equipment_ids=[], decision=decision))
    for kind, source, target, undone in MERGES:
        rows.append(IncidentMerge(kind=kind, source_id=source, target_id=target, report_ids=[],
                                  subscriptions={}, source_state="new", actor="ana",
                                  at=created[target] + timedelta(days=1),
                                  undone_at=NOW if undone else None))
    for did, iid, tech, state, offered, answer, arrived, finished in DISPATCHES:
        rows.append(Dispatch(id=did, incident_id=iid, technician_id=tech, rank=1, state=state,
                             channel="sms", offered_at=offered,
                             ack_due_at=offered + timedelta(minutes=30),
                             responded_at=offered + timedelta(minutes=answer),
                             arrived_at=arrived, finished_at=finished))
    for iid, stage, outcome in COVERAGE:
        rows.append(CoverageRecord(incident_id=iid, stage=stage, outcome=outcome, reasons=[],
                                   billable={}, priority="medium", decided_at=created[iid]))
    for did, kind, state, customer, day, net, total in DOCUMENTS:
        rows.append(BillingDocumentRow(
            id=did, kind=kind, state=state, customer_code=customer, reference=did,
            language="es", currency="EUR", net=Decimal(net),
            vat=Decimal(total) - Decimal(net), total=Decimal(total), covered=Decimal(0),
            issue_date=day, created_at=NOW))
    return rows


async def load(uows: UnitOfWorkFactory) -> None:
    """Write the fixture, parents first (rows of mapped classes without relationships are
    inserted in no particular order)."""
    rows = _rows()
    async with uows() as uow:
        for kinds in ((Technician, Contract, Conversation, Incident), (Message,), (object,)):
            uow.session.add_all([r for r in rows if isinstance(r, kinds)])
            await uow.session.flush()
            rows = [r for r in rows if not isinstance(r, kinds)]
        await uow.commit()
