"""Files that go with an outbox row (issue 20: the incident's photos on a technician's job
card): a list of attachment ids, sent as photos on Telegram and as signed links elsewhere.

Revision ID: 0017_outbox_files
Revises: 0016_attachments
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_outbox_files"
down_revision = "0016_attachments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("attachments", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("attachments")
