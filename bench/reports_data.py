"""A year (2025, Madrid) of a mid-size service desk for the reports benchmark, generated
from a fixed seed: customers, contracts, technicians, conversations and their messages,
incidents with their SLA timers, routing, duplicate reports, merges, dispatches, coverage
decisions and billing documents. Rows are plain tuples in the tables' column order, written
in bulk: executemany on SQLite (one transaction), COPY on PostgreSQL (asyncpg)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

YEAR_START = datetime(2024, 12, 31, 23, 0, tzinfo=UTC)  # 1 Jan 2025 00:00 Madrid
YEAR_SECONDS = 365 * 86400
CHANNELS = ("web", "telegram", "sms", "whatsapp", "email", "rest")
CHANNEL_WEIGHTS = (30, 20, 15, 20, 12, 3)
QUEUES = ("general", "urgent", "billing", "field")
ZONES = ("madrid", "aragon", "cataluna", "valencia", "andalucia", "norte")
PRIORITIES = ("low", "normal", "high", "critical")
REASONS = ("request_human", "nlu_fallback", "complain", "verification_locked", "rule")
DECISIONS = ("merged", "confirmed", "declined")
OUTCOMES = ("covered", "covered", "partly_covered", "not_covered")
HOURS = {"timezone": "Europe/Madrid", "schedule": "mon-fri 08:00-18:00", "holidays": "es-national"}
# busier on working hours and weekdays: a weight per local hour and per weekday
HOUR_WEIGHT = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 16, 15, 13, 12, 14, 15, 14, 12, 9, 7, 5, 4, 3, 2]


@dataclass(frozen=True)
class Size:
    incidents: int
    messages: int

    @property
    def key(self) -> str:
        return f"{self.incidents}i-{self.messages}m"

    @property
    def conversations(self) -> int:
        return self.messages // 8

    @property
    def customers(self) -> int:
        return max(50, self.incidents // 100)

    @property
    def contracts(self) -> int:
        return max(20, self.customers * 3 // 4)

    @property
    def technicians(self) -> int:
        return max(6, self.incidents // 4000)


FULL = Size(200_000, 2_000_000)
QUICK = Size(2_000, 20_000)
Rows = list[tuple[Any, ...]]
Table = tuple[str, tuple[str, ...], Rows]


class Clock:
    """Instants of 2025 weighted toward working hours (the heat map has a shape)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.hours = [h for h, w in enumerate(HOUR_WEIGHT) for _ in range(w)]

    def instant(self) -> datetime:
        day = self.rng.randrange(365)
        if day % 7 in (4, 5) and self.rng.random() < 0.6:  # 4 Jan 2025 is a Saturday
            day = (day + 2) % 365
        second = self.rng.choice(self.hours) * 3600 + self.rng.randrange(3600)
        return YEAR_START + timedelta(days=day, seconds=second)


def _people(size: Size, rng: random.Random) -> list[Table]:
    customers = [(f"C-{i:05d}", f"Customer {i}", None, "es" if i % 4 else "en")
                 for i in range(1, size.customers + 1)]
    technicians = [(f"T-{i:03d}", f"Technician {i}", ZONES[i % len(ZONES)], "[]", "senior",
                    None, None, None, None) for i in range(1, size.technicians + 1)]
    contracts, versions = [], []
    created = datetime(2024, 1, 1, tzinfo=UTC)
    for i in range(1, size.contracts + 1):
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        end = start + timedelta(days=365 * 2)
        terms: dict[str, Any] = {
                 "type": "full_maintenance", "incident_types": [], "covered_hours": HOURS,
                 "response_hours": {p: 8 for p in PRIORITIES},
                 "resolution_hours": {p: 40 for p in PRIORITIES}, "allowance": None,
                 "price": "120.00", "billing": "monthly", "renewal": None}
        contracts.append((f"CT-{i:05d}", customers[i % len(customers)][0], "full_maintenance",
                          "[]", json.dumps(HOURS), json.dumps(terms["response_hours"]),
                          json.dumps(terms["resolution_hours"]), None, Decimal("120.00"),
                          "monthly", None, start, end, "active", None))
        versions.append((i, f"CT-{i:05d}", 1, "initial", start, None, json.dumps(terms), None,
                         created))
    return [("customers", ("code", "name", "tax_id", "language"), customers),
            ("technicians", ("id", "name", "zone", "skills", "category", "phone", "email",
                             "telegram_id", "shift"), technicians),
            ("contracts", ("id", "customer_code", "type", "incident_types", "covered_hours",
                           "response_hours", "resolution_hours", "allowance", "price",
                           "billing", "renewal", "start", "end", "state", "clauses"), contracts),
            ("contract_versions", ("id", "contract_id", "number", "kind", "valid_from",
                                   "valid_to", "terms", "note", "created_at"), versions)]


def _conversations(size: Size, rng: random.Random, clock: Clock) -> list[Table]:
    convs: Rows = []
    messages: Rows = []
    predictions: Rows = []
    flags: Rows = []
    verifications: Rows = []
    handoffs: Rows = []
    n_conv, seq = size.conversations, 0
    per = size.messages // n_conv
    for c in range(1, n_conv + 1):
        cid, at = f"CV-{c:07d}", clock.instant()
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        customer = f"C-{rng.randrange(1, size.customers + 1):05d}" if rng.random() < 0.8 else None
        verified = customer is not None and rng.random() < 0.7
        language = "es" if rng.random() < 0.75 else "en"
        convs.append((cid, channel, f"a{c}", customer, verified, None, language, "bot", at,
                      None))
        for k in range(per):
            seq += 1
            mid, when = f"M-{seq:08d}", at + timedelta(seconds=40 * k)
            direction = "in" if k % 2 == 0 else "out"
            messages.append((mid, seq, cid, direction, channel, "…", None, None, when))
            if direction == "in" and k % 4 == 0:
                predictions.append((mid, cid, "report_problem", rng.random(), "[]", "[]", when))
                if rng.random() < 0.02:
                    flags.append((mid, "agent", "", when))
        if customer and rng.random() < 0.3:
            locked = rng.random() < 0.05
            verifications.append((cid, customer, None, None, 5 if locked else 1, locked, at))
        if rng.random() < 0.3:
            handoffs.append((len(handoffs) + 1, cid, "live", rng.choice(REASONS), None,
                             rng.choice(QUEUES), "closed", None, "", "{}", "{}", at, None, None))
    return [
        ("conversations", ("id", "channel", "address", "customer_code", "verified",
                           "verified_at", "language", "handled_by", "created_at",
                           "opted_out_at"), convs),
        ("messages", ("id", "seq", "conversation_id", "direction", "channel", "text", "payload",
                      "provider_message_id", "created_at"), messages),
        ("nlu_predictions", ("message_id", "conversation_id", "intent", "confidence", "ranking",
                             "entities", "captured_at"), predictions),
        ("nlu_flags", ("message_id", "flagged_by", "reason", "flagged_at"), flags),
        ("verification_attempts", ("conversation_id", "customer_code", "code_hash",
                                   "expires_at", "attempts", "locked", "updated_at"),
         verifications),
        ("handoffs", ("id", "conversation_id", "kind", "reason", "rule", "queue", "state",
                      "agent", "summary", "slots", "agent_slots", "requested_at",
                      "assigned_at", "closed_at"), handoffs)]


def generate(size: Size, seed: int = 20251231) -> Iterator[Table]:
    """The tables, parents first."""
    from bench.reports_incidents import incidents  # the incident side of the year

    rng = random.Random(seed)
    clock = Clock(rng)
    yield from _people(size, rng)
    yield from _conversations(size, rng, clock)
    yield from incidents(size, rng, clock)
