"""indicator readings: the organisation type (школа, ДОО, ДОД, ПОО) that indicators about
«общеобразовательных организаций» filter on

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORG_TYPES = ("general", "preschool", "additional", "vocational", "other")


def upgrade() -> None:
    # Existing schools are general-education ones until their roster says otherwise.
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "org_type",
                sa.Enum(*ORG_TYPES, name="orgtype", native_enum=False, length=24),
                server_default="general",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("org_type")
