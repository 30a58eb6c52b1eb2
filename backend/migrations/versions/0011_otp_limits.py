"""One-time code limits (issue 19): every code request recorded (otp_requests), and a
pending challenge for a customer code that is no customer's (verification_attempts.
customer_code nullable). A branch of 0001.

Revision ID: 0011_otp_limits
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_otp_limits"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "otp_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_key", sa.String(60), nullable=False),
        sa.Column("contact", sa.String(200), nullable=True),
        sa.Column("conversation_id", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_otp_requests"),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"],
                                name="fk_otp_requests_conversation_id_conversations"),
    )
    for column in ("customer_key", "contact", "conversation_id", "created_at"):
        op.create_index(f"ix_otp_requests_{column}", "otp_requests", [column])
    with op.batch_alter_table("verification_attempts") as batch:
        batch.alter_column("customer_code", existing_type=sa.String(20), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("verification_attempts") as batch:
        batch.alter_column("customer_code", existing_type=sa.String(20), nullable=False)
    op.drop_table("otp_requests")
