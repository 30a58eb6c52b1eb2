"""E-mail channel: mailbox checkpoints, quarantined mail, reply log (a branch of 0001).

Revision ID: 0005
Revises: 0001
Create Date: 2025-06-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "mail_checkpoints",
        sa.Column("mailbox", sa.String(200), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("mailbox", name="pk_mail_checkpoints"),
    )
    op.create_table(
        "mail_quarantine",
        sa.Column("id", sa.String(24), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("mailbox", sa.String(200), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("sender", sa.String(200)),
        sa.Column("subject", sa.String(300)),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("raw", sa.LargeBinary()),
        sa.Column("raw_path", sa.String(500)),
        sa.Column("received_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mail_quarantine"),
        sa.UniqueConstraint("fingerprint", name="uq_mail_quarantine_fingerprint"),
    )
    op.create_index("ix_mail_quarantine_reason", "mail_quarantine", ["reason"])
    op.create_index("ix_mail_quarantine_received_at", "mail_quarantine", ["received_at"])
    op.create_table(
        "mail_replies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("recipient", sa.String(200), nullable=False),
        sa.Column("message_id", sa.String(250), nullable=False),
        sa.Column("conversation_id", sa.String(20)),
        sa.Column("sent_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mail_replies"),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name="fk_mail_replies_conversation_id_conversations",
        ),
    )
    op.create_index("ix_mail_replies_recipient_sent_at", "mail_replies", ["recipient", "sent_at"])
    op.create_index("ix_mail_replies_message_id", "mail_replies", ["message_id"])


def downgrade() -> None:
    op.drop_table("mail_replies")
    op.drop_table("mail_quarantine")
    op.drop_table("mail_checkpoints")
