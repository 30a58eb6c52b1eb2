"""The money report's documents summed from an index alone: billing documents by issue
date and state, with the customer, kind and amounts it sums (reports/money.py). A new
index, no table rebuilt: the rollup triggers stay.

Revision ID: 0019_report_documents_index
Revises: 0018_report_rollup_pairs
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0019_report_documents_index"
down_revision = "0018_report_rollup_pairs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_billing_documents_report", "billing_documents",
                    ["issue_date", "state", "customer_code", "kind", "net", "total"])


def downgrade() -> None:
    op.drop_index("ix_billing_documents_report", table_name="billing_documents")
