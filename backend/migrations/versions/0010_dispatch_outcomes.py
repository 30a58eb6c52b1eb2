"""Technicians' outcomes on an offer: delay (new arrival time), follow-up visit (its day),
not fixed, customer absent, and what they reported (a branch of 0006, the dispatch tables).

Revision ID: 0010_dispatch_outcomes
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_dispatch_outcomes"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dispatches") as batch:
        batch.add_column(sa.Column("outcome", sa.String(16), nullable=True))
        batch.add_column(sa.Column("eta", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("follow_up_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("report", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dispatches") as batch:
        for column in ("report", "follow_up_on", "eta", "outcome"):
            batch.drop_column(column)
