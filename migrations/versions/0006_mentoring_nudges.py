"""mentoring nudges

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 06:14:45.861949
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pair_nudges",
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["mentor_pairs.id"], name=op.f("fk_pair_nudges_pair_id_mentor_pairs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pair_id", "kind", "since", name=op.f("pk_pair_nudges")),
    )


def downgrade() -> None:
    op.drop_table("pair_nudges")
