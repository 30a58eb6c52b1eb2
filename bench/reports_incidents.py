"""The incident side of the reports benchmark's year (bench/reports_data.py): incidents and,
for each, its routing, SLA timers, duplicate reports, coverage decision; some merges,
technician dispatches and delivery notes; the contracts' monthly invoices."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bench.reports_data import (
    CHANNEL_WEIGHTS,
    CHANNELS,
    DECISIONS,
    OUTCOMES,
    PRIORITIES,
    QUEUES,
    Clock,
    Rows,
    Size,
    Table,
)

H = timedelta(hours=1)
DISPATCH_STATES = ("finished",) * 6 + ("declined", "expired", "withdrawn", "accepted")


def _timers(n: int, iid: str, contract: str | None, at: Any, rng: random.Random
            ) -> list[tuple[Any, ...]]:
    rows = []
    for k, (kind, hours, spread) in enumerate((("response", 8, 10), ("resolution", 40, 170))):
        due = at + hours * H
        met = at + rng.uniform(0.2, spread) * H if rng.random() > 0.04 else None
        rows.append((2 * n + k - 1, iid, kind, contract, at, due, due - H, None, None, met))
    return rows


def incidents(size: Size, rng: random.Random, clock: Clock) -> Iterator[Table]:
    contract_of = {f"C-{i % size.customers + 1:05d}": f"CT-{i:05d}"
                   for i in range(1, size.contracts + 1)}
    inc: Rows = []
    routing: Rows = []
    timers: Rows = []
    reports: Rows = []
    merges: Rows = []
    dispatches: Rows = []
    coverage: Rows = []
    docs: Rows = []
    for n in range(1, size.incidents + 1):
        iid, at = f"INC-{n:07d}", clock.instant()
        customer = f"C-{rng.randrange(1, size.customers + 1):05d}"
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        priority = rng.choice(PRIORITIES)
        inc.append((iid, customer, None, None, "…", priority, "corrective",
                    "closed" if rng.random() < 0.85 else "new", channel, None, at, at, 1, None))
        routing.append((n, iid, rng.choice(QUEUES), None, None, "{}", "[]", None, None, at))
        timers += _timers(n, iid, contract_of.get(customer), at, rng)
        reports.append((len(reports) + 1, iid, None, channel, "x", "…", at, "[]", "new", None))
        if rng.random() < 0.1:
            reports.append((len(reports) + 1, iid, None, rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
                            "x", "…", at + H, "[]", rng.choice(DECISIONS), 0.9))
        if n > 1 and rng.random() < 0.01:
            kind = "merge" if rng.random() < 0.8 else "split"
            merges.append((len(merges) + 1, kind, f"INC-{n - 1:07d}", iid, "[]", "{}", "new",
                           "agent", None, at + 2 * H, None, None))
        coverage.append((n, iid, "reported", None, rng.choice(OUTCOMES), None, None, None, None,
                         "[]", "{}", priority, None, None, None, None, at))
        if rng.random() < 0.2:
            state = rng.choice(DISPATCH_STATES)
            answered = at + timedelta(minutes=rng.randrange(2, 60))
            arrived = answered + rng.uniform(1, 30) * H if state == "finished" else None
            finished = arrived + rng.uniform(0.3, 4) * H if arrived else None
            tech = f"T-{rng.randrange(1, size.technicians + 1):03d}"
            dispatches.append((f"DSP-{n:07d}", iid, tech, None, 1, state, "sms", None, at,
                               at + H / 2, answered, arrived, finished, None, 1, None, None,
                               None, None))
        if rng.random() < 0.15:
            net = Decimal(rng.randrange(5000, 90000)) / 100
            vat = (net * Decimal("0.21")).quantize(Decimal("0.01"))
            docs.append((f"ALB-{n:07d}", "delivery_note", "issued", customer, iid, iid, None,
                         None, None, "es", "EUR", net, vat, net + vat, Decimal(0),
                         (at + 24 * H).date(), at, at, None))
    for c in range(1, size.contracts + 1):
        for month in range(1, 13):
            docs.append((f"INV-{c:05d}-{month:02d}", "contract_invoice", "issued",
                         f"C-{c % size.customers + 1:05d}", f"CT-{c:05d}/2025-{month:02d}", None,
                         None, f"CT-{c:05d}", f"2025-{month:02d}", "es", "EUR",
                         Decimal("120.00"), Decimal("25.20"), Decimal("145.20"), Decimal(0),
                         date(2025, month, 1), clock.instant(), None, None))
    yield ("incidents", ("id", "customer_code", "equipment_id", "site_id", "symptom", "priority",
                         "service_type", "state", "channel", "conversation_id", "created_at",
                         "updated_at", "version", "reference"), inc)
    yield ("routing_decisions", ("id", "incident_id", "queue", "rule", "rule_line", "facts",
                                 "candidates", "chosen_id", "held", "decided_at"), routing)
    yield ("sla_timers", ("id", "incident_id", "kind", "contract_id", "start", "due_at",
                          "warn_at", "warned_at", "breached_at", "met_at"), timers)
    yield ("incident_reports", ("id", "incident_id", "conversation_id", "channel", "address",
                                "text", "at", "equipment_ids", "decision", "score"), reports)
    yield ("incident_merges", ("id", "kind", "source_id", "target_id", "report_ids",
                               "subscriptions", "source_state", "actor", "note", "at",
                               "undone_at", "undone_by"), merges)
    yield ("dispatches", ("id", "incident_id", "technician_id", "routing_id", "rank", "state",
                          "channel", "service_order_id", "offered_at", "ack_due_at",
                          "responded_at", "arrived_at", "finished_at", "reason", "version",
                          "outcome", "eta", "follow_up_on", "report"), dispatches)
    yield ("coverage_decisions", ("id", "incident_id", "stage", "incident_type", "outcome",
                                  "source_kind", "source_id", "contract_type", "valid_from",
                                  "reasons", "billable", "priority", "response_due",
                                  "resolution_due", "consent", "consent_at", "decided_at"),
           coverage)
    yield ("billing_documents", ("id", "kind", "state", "customer_code", "reference",
                                 "incident_id", "service_order_id", "contract_id", "period",
                                 "language", "currency", "net", "vat", "total", "covered",
                                 "issue_date", "created_at", "issued_at", "exported_at"), docs)
