"""Reports' daily rollups (issue 16 acceptance 3): the summaries per report, filter scope
and local day or month; the changed-day marks and the triggers that write them in the
changing transaction (every table a report reads, INSERT, UPDATE and DELETE); the build
state. Marks are UTC days of the instant a report files the row under (an incident's or a
conversation's start, a message's or an offer's time, a document's issue date).

Updates mark only when a column a report reads changed (READ). SQLite: row triggers; a later
migration that rebuilds one of these tables in batch mode
(copy and rename) drops its triggers and must create them again (`create_triggers`).
PostgreSQL: inserts and deletes by statement triggers over transition tables (one mark per
day per statement), updates by row triggers.

Revision ID: 0017_report_rollups
Revises: 0015_reports, 0016_satisfaction, 0014_priority_medium, 0008, 0004,
    0009_mail_delivery, 0010_dispatch_outcomes, 0011_otp_limits, 0013_import, 0017_outbox_files
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0017_report_rollups"
# after every other head: a migration of another branch that rebuilds a watched table in
# batch mode (0013_import rebuilds incidents) must run before the triggers exist (run after
# them, SQLite's DROP TABLE of the copy failed on a database with incidents:
# tests/backend/dedupe/test_backfill.py)
down_revision = ("0015_reports", "0016_satisfaction", "0014_priority_medium", "0008", "0004",
                 "0009_mail_delivery", "0010_dispatch_outcomes", "0011_otp_limits",
                 "0013_import", "0017_outbox_files")
branch_labels = None
depends_on = None

# table -> anchors: (instant or date expression, more tables, condition); R is the row
# changed. A `date` column is marked as it is; an instant by its UTC date.
Anchor = tuple[str, str, str]
INCIDENT: Anchor = ("t.created_at", "incidents t", "t.id = R.incident_id")
CONVERSATION: Anchor = ("t.created_at", "conversations t", "t.id = R.conversation_id")
ANCHORS: dict[str, list[Anchor]] = {
    "incidents": [("R.created_at", "", "")],
    "sla_timers": [INCIDENT],
    "routing_decisions": [INCIDENT],
    "incident_reports": [INCIDENT],
    "incident_merges": [("t.created_at", "incidents t", "t.id = R.target_id")],
    "coverage_decisions": [INCIDENT],
    "dispatches": [("R.offered_at", "", "")],
    "conversations": [("R.created_at", "", "")],
    "messages": [("R.created_at", "", "")],
    "handoffs": [CONVERSATION, ("m.created_at", "messages m",
                                "m.conversation_id = R.conversation_id")],
    "nlu_predictions": [CONVERSATION],
    "nlu_flags": [("c.created_at",
                   "nlu_predictions p JOIN conversations c ON c.id = p.conversation_id",
                   "p.message_id = R.message_id")],
    "verification_attempts": [CONVERSATION],
    "billing_documents": [("R.issue_date", "", "")],
    "satisfaction_surveys": [("R.asked_at", "", ""), ("R.answered_at", "", "")],
}
DATES = {"R.issue_date"}
EVENTS = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}
# the columns the reports read: an update marks days only when one of them changes (an
# incident's state, a timer's warning, a conversation's agent do not)
READ: dict[str, tuple[str, ...]] = {
    "incidents": ("created_at", "customer_code", "channel", "priority", "equipment_id"),
    "sla_timers": ("incident_id", "kind", "contract_id", "start", "due_at", "met_at",
                   "business_seconds"),
    "routing_decisions": ("incident_id", "queue"),
    "incident_reports": ("incident_id", "channel", "decision"),
    "incident_merges": ("kind", "source_id", "target_id", "undone_at"),
    "coverage_decisions": ("incident_id", "stage", "outcome"),
    "dispatches": ("incident_id", "technician_id", "state", "offered_at", "responded_at",
                   "arrived_at", "finished_at"),
    "conversations": ("created_at", "customer_code", "channel", "language", "verified"),
    "messages": ("conversation_id", "direction", "channel", "created_at"),
    "handoffs": ("conversation_id", "reason", "queue"),
    "nlu_predictions": ("conversation_id", "message_id", "confidence"),
    "nlu_flags": ("message_id",),
    "verification_attempts": ("conversation_id", "locked"),
    "billing_documents": ("customer_code", "kind", "state", "issue_date", "net", "total"),
    "satisfaction_surveys": ("customer_code", "technician_id", "channel", "asked_at",
                             "answered_at", "score"),
}


def _inserts(table: str, rows: tuple[str, ...], day: Callable[[str], str]) -> str:
    """The marks of the anchors of `rows` (NEW, OLD) as SQL statements."""
    out = []
    for row in rows:
        for at, more, cond in ANCHORS[table]:
            at, cond = at.replace("R.", f"{row}."), cond.replace("R.", f"{row}.")
            source = f"SELECT {day(at)} AS day" + (f" FROM {more} WHERE {cond}" if more else "")
            out.append(f"INSERT INTO report_dirty_days (day) SELECT a.day FROM ({source}) "
                       f"AS a WHERE a.day IS NOT NULL;")
    return " ".join(out)


def _changed(table: str, differ: str) -> str:
    return " OR ".join(f"OLD.{c} {differ} NEW.{c}" for c in READ[table])


def _sqlite_day(at: str) -> str:
    return f"date({at})"


def _pg_day(at: str) -> str:
    plain = at.replace("NEW.", "R.").replace("OLD.", "R.")
    return f"CAST({at} AS date)" if plain in DATES else f"CAST(timezone('UTC', {at}) AS date)"


def _sqlite(table: str, event: str) -> list[str]:
    name = f"report_dirty_{table}_{event.lower()}"
    when = (f"UPDATE OF {', '.join(READ[table])} ON {table} FOR EACH ROW "
            f"WHEN {_changed(table, 'IS NOT')}" if event == "UPDATE" else f"{event} ON {table}")
    return [(f"CREATE TRIGGER {name} AFTER {when} "
            f"BEGIN {_inserts(table, EVENTS[event], _sqlite_day)} END")]


def _pg(table: str, event: str) -> list[str]:
    """Inserts and deletes: a statement trigger over its transition table (one mark per
    day per statement, for bulk loads); updates: a row trigger when a read column changed."""
    name = f"report_dirty_{table}_{event.lower()}"
    if event == "UPDATE":
        body = _inserts(table, EVENTS[event], _pg_day)
        when = (f"FOR EACH ROW WHEN ({_changed(table, 'IS DISTINCT FROM')})")
    else:
        row = EVENTS[event][0]
        rows = f"changed_{row.lower()}"
        statements = []
        for at, more, cond in ANCHORS[table]:
            source = f"SELECT DISTINCT {_pg_day(at)} AS day FROM {rows} R" + (
                f", {more} WHERE {cond}" if more else "")
            statements.append(f"INSERT INTO report_dirty_days (day) SELECT a.day FROM "
                              f"({source}) AS a WHERE a.day IS NOT NULL;")
        body = " ".join(statements)
        when = f"REFERENCING {row} TABLE AS {rows} FOR EACH STATEMENT"
    return [(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
             f"{body} RETURN NULL; END $$"),
            f"CREATE TRIGGER {name} AFTER {event} ON {table} {when} EXECUTE FUNCTION {name}()"]


def create_triggers(table: str) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in EVENTS:
        for sql in (_pg if postgres else _sqlite)(table, event):
            op.execute(sql)


def drop_triggers(table: str) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in EVENTS:
        name = f"report_dirty_{table}_{event.lower()}"
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")


def upgrade() -> None:
    op.create_table(
        "report_rollups",
        sa.Column("report", sa.String(20), primary_key=True),
        sa.Column("scope", sa.String(60), primary_key=True),
        sa.Column("unit", sa.String(5), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("report", "scope", "unit", "day", name="pk_report_rollups"))
    op.create_table(
        "report_dirty_days",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_report_dirty_days"))
    op.create_table(
        "report_rollup_state",
        sa.Column("name", sa.String(20), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_report_rollup_state"))
    # the offers' period (a day's rollup reads its offers)
    op.create_index("ix_dispatches_offered_at", "dispatches", ["offered_at"])
    for table in ANCHORS:
        create_triggers(table)


def downgrade() -> None:
    for table in ANCHORS:
        drop_triggers(table)
    op.drop_index("ix_dispatches_offered_at", table_name="dispatches")
    op.drop_table("report_rollup_state")
    op.drop_table("report_dirty_days")
    op.drop_table("report_rollups")
