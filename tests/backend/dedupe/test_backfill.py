"""Incidents created before the dedupe revision get their first report and subscriber."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from backend.adapters.migrate import upgrade
from tests.conftest import _in_thread

ROWS = [
    "INSERT INTO customers (code, name, language) VALUES ('C-1', 'Uno', 'es')",
    ("INSERT INTO conversations (id, channel, address, customer_code, verified, handled_by, "
    "created_at) VALUES ('CONV-00001', 'sms', '+34600000001', 'C-1', 1, 'bot', "
    "'2025-01-01 09:00:00')"),
    ("INSERT INTO incidents (id, customer_code, symptom, priority, service_type, state, channel, "
    "conversation_id, created_at, updated_at, version) VALUES ('INC-00001', 'C-1', "
    "'no arranca', 'high', 'corrective', 'new', 'sms', 'CONV-00001', '2025-01-01 09:00:00', "
    "'2025-01-01 09:00:00', 1)"),
]


def test_existing_incidents_are_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    url = f"sqlite+aiosqlite:///{path}"
    _in_thread(upgrade, url, "0001")
    with sqlite3.connect(path) as db:
        for sql in ROWS:
            db.execute(sql)
    _in_thread(upgrade, url, "heads")
    with sqlite3.connect(path) as db:
        reports = db.execute("SELECT incident_id, channel, address, text, equipment_ids, "
                             "decision FROM incident_reports").fetchall()
        subs = db.execute("SELECT incident_id, channel, address FROM incident_subscriptions"
                          ).fetchall()
    assert reports == [("INC-00001", "sms", "+34600000001", "no arranca", "[]", "new")]
    assert subs == [("INC-00001", "sms", "+34600000001")]
