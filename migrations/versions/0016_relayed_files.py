"""relayed files through the outbox: a delivery of its own may carry a photo or a document (by Telegram file id),
so a mentor's or mentee's file goes out paced with everything else and survives a restart

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("media_kind", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("file_id", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("file_id")
        batch_op.drop_column("media_kind")
