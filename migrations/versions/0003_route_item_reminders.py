"""route item reminders

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 04:59:30.042220
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "item_reminders",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["route_items.id"], name=op.f("fk_item_reminders_item_id_route_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", "kind", name=op.f("pk_item_reminders")),
    )


def downgrade() -> None:

    op.drop_table("item_reminders")
