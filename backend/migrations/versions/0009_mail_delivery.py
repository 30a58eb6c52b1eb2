"""Robust delivery: parts of multi-part outbox rows already accepted by the provider, and
the lease that elects one IMAP poller per mailbox (a branch of 0005, the mail tables).

Revision ID: 0009_mail_delivery
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_mail_delivery"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "outbox_parts",
        sa.Column("outbox_id", sa.String(24), nullable=False),
        sa.Column("part", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("provider_message_id", sa.String(200), nullable=False),
        sa.Column("sent_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("outbox_id", "part", name="pk_outbox_parts"),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox.id"], name="fk_outbox_parts_outbox_id_outbox"
        ),
    )
    op.create_table(
        "mail_leases",
        sa.Column("mailbox", sa.String(200), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("mailbox", name="pk_mail_leases"),
    )


def downgrade() -> None:
    op.drop_table("mail_leases")
    op.drop_table("outbox_parts")
