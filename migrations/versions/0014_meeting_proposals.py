"""meeting proposals: a meeting entry the mentee proposes waits for the mentor's confirmation, so an entry
remembers which side logged it (the other side confirms)

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("logged_by_mentee", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.drop_column("logged_by_mentee")
