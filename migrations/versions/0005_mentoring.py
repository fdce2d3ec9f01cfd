"""mentoring

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 06:03:21.869482
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mentor_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("young", "after_break", "deficits", "peer", name="pairkind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("active", "completed", "dissolved", name="pairstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"], ["users.id"], name=op.f("fk_mentor_pairs_created_by_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["mentee_id"], ["people.id"], name=op.f("fk_mentor_pairs_mentee_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["people.id"], name=op.f("fk_mentor_pairs_mentor_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_pairs")),
    )
    with op.batch_alter_table("mentor_pairs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_pairs_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentor_pairs_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index(
            "uq_mentor_pairs_active",
            ["mentor_id", "mentee_id"],
            unique=True,
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )

    op.create_table(
        "mentor_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("pending", "confirmed", "disputed", name="meetingstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["mentor_pairs.id"], name=op.f("fk_mentor_meetings_pair_id_mentor_pairs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_meetings")),
    )
    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_meetings_pair_id"), ["pair_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_meetings_pair_id"))

    op.drop_table("mentor_meetings")
    with op.batch_alter_table("mentor_pairs", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_mentor_pairs_active",
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )
        batch_op.drop_index(batch_op.f("ix_mentor_pairs_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_mentor_pairs_mentee_id"))

    op.drop_table("mentor_pairs")
