"""admin works in a municipality: the municipality an admin has chosen to act in as its methodist

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("acting_municipality_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_users_acting_municipality_id_organisations", "organisations", ["acting_municipality_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint("fk_users_acting_municipality_id_organisations", type_="foreignkey")
        batch_op.drop_column("acting_municipality_id")
