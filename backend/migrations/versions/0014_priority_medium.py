"""The priority scale low / medium / high / critical (issue 13 §8): the old ``normal`` is
``medium`` on incidents, pending reports, coverage decisions and in the SLA hours of
contracts and contract versions. Joins 0002 (pending reports) and 0003 (contract versions,
coverage decisions).

Revision ID: 0014_priority_medium
Revises: 0002, 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0014_priority_medium"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None

PRIORITY_TABLES = ("incidents", "pending_reports", "coverage_decisions")
HOURS = ("response_hours", "resolution_hours")


def _renamed(table: Any, old: str, new: str) -> Any:
    if not isinstance(table, dict) or old not in table:
        return table
    return {(new if k == old else k): v for k, v in table.items()}


def _terms(terms: Any, old: str, new: str) -> Any:
    if not isinstance(terms, dict):
        return terms
    return {k: _renamed(v, old, new) if k in HOURS else v for k, v in terms.items()}


def _rename(old: str, new: str) -> None:
    bind = op.get_bind()
    for name in PRIORITY_TABLES:
        bind.execute(sa.text(f"UPDATE {name} SET priority = :new WHERE priority = :old"),
                     {"new": new, "old": old})
    contracts = sa.table("contracts", sa.column("id", sa.String),
                         *(sa.column(h, sa.JSON) for h in HOURS))
    for row in bind.execute(sa.select(contracts)).mappings().all():
        values = {h: _renamed(row[h], old, new) for h in HOURS}
        if any(values[h] != row[h] for h in HOURS):
            bind.execute(contracts.update().where(contracts.c.id == row["id"]).values(**values))
    versions = sa.table("contract_versions", sa.column("id", sa.Integer),
                        sa.column("terms", sa.JSON))
    for row in bind.execute(sa.select(versions)).mappings().all():
        terms = _terms(row["terms"], old, new)
        if terms != row["terms"]:
            bind.execute(versions.update().where(versions.c.id == row["id"]).values(terms=terms))


def upgrade() -> None:
    _rename("normal", "medium")


def downgrade() -> None:
    _rename("medium", "normal")
