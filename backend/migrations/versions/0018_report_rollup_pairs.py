"""Reports' rollups rebuilt for their new contents: a scope per channel with a queue, and
money's summaries without the billing documents (now summed live in SQL). The rollups and
their build state are emptied, so reports read the detail rows until the scheduler's next
tick builds every day again (`refresh_rollups` on a database never built), or until
`avisa reports rebuild`. No table changes: the rollup triggers stay as they are.

Revision ID: 0018_report_rollup_pairs
Revises: 0017_report_rollups
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0018_report_rollup_pairs"
down_revision = "0017_report_rollups"
branch_labels = None
depends_on = None


def _forget_rollups() -> None:
    op.execute("DELETE FROM report_rollups")
    op.execute("DELETE FROM report_rollup_state")


def upgrade() -> None:
    _forget_rollups()


def downgrade() -> None:  # the earlier code needs its own contents built again too
    _forget_rollups()
