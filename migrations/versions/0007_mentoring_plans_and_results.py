"""mentoring plans and results

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 06:39:41.162057
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mentor_plan_topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["mentor_pairs.id"],
            name=op.f("fk_mentor_plan_topics_pair_id_mentor_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_plan_topics")),
    )
    with op.batch_alter_table("mentor_plan_topics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_plan_topics_pair_id"), ["pair_id"], unique=False)

    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_topic_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_mentor_meetings_plan_topic_id"), ["plan_topic_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_mentor_meetings_plan_topic_id_mentor_plan_topics"),
            "mentor_plan_topics",
            ["plan_topic_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("mentor_pairs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("result_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mentor_pairs", schema=None) as batch_op:
        batch_op.drop_column("result_at")
        batch_op.drop_column("result")

    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_mentor_meetings_plan_topic_id_mentor_plan_topics"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_mentor_meetings_plan_topic_id"))
        batch_op.drop_column("plan_topic_id")

    with op.batch_alter_table("mentor_plan_topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_plan_topics_pair_id"))

    op.drop_table("mentor_plan_topics")
