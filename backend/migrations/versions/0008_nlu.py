"""Improving the bot: captured predictions, flags, labels, training runs, activations
(a branch of 0001).

Revision ID: 0008
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _message_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["message_id"], ["messages.id"],
                                   name=f"fk_{table}_message_id_messages")


def upgrade() -> None:
    op.create_table(
        "nlu_predictions",
        sa.Column("message_id", sa.String(24), nullable=False),
        sa.Column("conversation_id", sa.String(20), nullable=False),
        sa.Column("intent", sa.String(80), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("ranking", sa.JSON(), nullable=False),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("captured_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("message_id", name="pk_nlu_predictions"),
        _message_fk("nlu_predictions"),
    )
    op.create_index("ix_nlu_predictions_conversation_id", "nlu_predictions", ["conversation_id"])
    op.create_index("ix_nlu_predictions_intent", "nlu_predictions", ["intent"])
    op.create_table(
        "nlu_flags",
        sa.Column("message_id", sa.String(24), nullable=False),
        sa.Column("flagged_by", sa.String(60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("flagged_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("message_id", name="pk_nlu_flags"),
        _message_fk("nlu_flags"),
    )
    op.create_table(
        "nlu_labels",
        sa.Column("message_id", sa.String(24), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("intent", sa.String(80)),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("labelled_by", sa.String(60), nullable=False),
        sa.Column("labelled_at", TS, nullable=False),
        sa.Column("exported_at", TS),
        sa.PrimaryKeyConstraint("message_id", name="pk_nlu_labels"),
        _message_fk("nlu_labels"),
    )
    op.create_table(
        "nlu_models",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("phase", sa.String(80), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("model_path", sa.String(400)),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("worse", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("started_by", sa.String(60), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_nlu_models"),
    )
    op.create_table(
        "nlu_activations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("model_id", sa.Integer()),
        sa.Column("model_path", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("actor", sa.String(60), nullable=False),
        sa.Column("replicas", sa.JSON(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_nlu_activations"),
        sa.ForeignKeyConstraint(["model_id"], ["nlu_models.id"],
                                name="fk_nlu_activations_model_id_nlu_models"),
    )


def downgrade() -> None:
    for table in ("nlu_activations", "nlu_models", "nlu_labels", "nlu_flags", "nlu_predictions"):
        op.drop_table(table)
