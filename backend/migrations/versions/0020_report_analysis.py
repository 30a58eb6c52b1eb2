"""Each report's text analysis for the duplicate check, stored when the report is filed
(backend.services.dedupe.analyses): scoring a new report reads its candidates' analyses
instead of analysing their texts again. Nullable: older reports are analysed when read.

Revision ID: 0020_report_analysis
Revises: 0019_report_documents_index
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_report_analysis"
down_revision = "0019_report_documents_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incident_reports") as batch:
        batch.add_column(sa.Column("analysis", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incident_reports") as batch:
        batch.drop_column("analysis")
