"""indicator indexes the grouped pass reads alone: the roster's columns by school, a registration's person
by event and status, a developed route's diagnostic and person by status and approval (bench/indicators.py:
reading the rows behind the old indexes was most of each set's cost). Each replaces an index it begins with.

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROSTER = ["school_id", "left_on", "created_at", "is_manager", "birth_date", "work_start"]


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_roster", ROSTER)
        batch_op.drop_index("ix_people_school_id")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index("ix_registrations_event_status_person", ["event_id", "status", "id", "person_id"])
        batch_op.drop_index("ix_registrations_event_id_status_id")
    with op.batch_alter_table("routes", schema=None) as batch_op:
        batch_op.create_index("ix_routes_developed", ["status", "approved_at", "diagnostic_id", "person_id"])
        batch_op.drop_index("ix_routes_status")


def downgrade() -> None:
    with op.batch_alter_table("routes", schema=None) as batch_op:
        batch_op.create_index("ix_routes_status", ["status"])
        batch_op.drop_index("ix_routes_developed")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index("ix_registrations_event_id_status_id", ["event_id", "status", "id"])
        batch_op.drop_index("ix_registrations_event_status_person")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_school_id", ["school_id"])
        batch_op.drop_index("ix_people_roster")
