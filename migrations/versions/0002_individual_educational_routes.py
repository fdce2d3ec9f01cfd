"""individual educational routes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 04:46:15.670861
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "course",
                "seminar",
                "master_class",
                "internship",
                "consultation",
                "association",
                "mentoring",
                "self_education",
                "contest",
                name="activitykind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("hours", sa.Integer(), nullable=True),
        sa.Column(
            "registry",
            sa.Enum("none", "federal", "regional", name="registry", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("areas", sa.String(length=200), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["organisations.id"], name=op.f("fk_activities_municipality_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activities_municipality_id"), ["municipality_id"], unique=False)

    op.create_table(
        "routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("diagnostic_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "returned",
                "approved",
                "in_progress",
                "implemented",
                name="routestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("implemented_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["diagnostic_id"], ["diagnostics.id"], name=op.f("fk_routes_diagnostic_id_diagnostics"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_routes_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routes")),
    )
    with op.batch_alter_table("routes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routes_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_routes_status"), ["status"], unique=False)

    op.create_table(
        "route_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "course",
                "seminar",
                "master_class",
                "internship",
                "consultation",
                "association",
                "mentoring",
                "self_education",
                "contest",
                name="activitykind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "area",
            sa.Enum(
                "subject",
                "methodical",
                "psychological",
                "communicative",
                "digital",
                name="area",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("hours", sa.Integer(), nullable=True),
        sa.Column(
            "registry",
            sa.Enum("none", "federal", "regional", name="registry", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("planned", "reported", "confirmed", "returned", name="itemstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activities.id"], name=op.f("fk_route_items_activity_id_activities"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["route_id"], ["routes.id"], name=op.f("fk_route_items_route_id_routes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_items")),
    )
    with op.batch_alter_table("route_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_route_items_route_id"), ["route_id"], unique=False)
        batch_op.create_index("ix_route_items_status_reported_at", ["status", "reported_at"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("document", "photo", "link", "text", name="evidencekind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("file_id", sa.String(length=200), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["route_items.id"], name=op.f("fk_evidence_item_id_route_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_item_id"), ["item_id"], unique=False)

    op.create_table(
        "route_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["route_items.id"], name=op.f("fk_route_events_item_id_route_items"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["route_id"], ["routes.id"], name=op.f("fk_route_events_route_id_routes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_route_events_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_events")),
    )
    with op.batch_alter_table("route_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_route_events_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_route_events_route_id"), ["route_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("route_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_route_events_route_id"))
        batch_op.drop_index(batch_op.f("ix_route_events_item_id"))

    op.drop_table("route_events")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_item_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("route_items", schema=None) as batch_op:
        batch_op.drop_index("ix_route_items_status_reported_at")
        batch_op.drop_index(batch_op.f("ix_route_items_route_id"))

    op.drop_table("route_items")
    with op.batch_alter_table("routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routes_status"))
        batch_op.drop_index(batch_op.f("ix_routes_person_id"))

    op.drop_table("routes")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activities_municipality_id"))

    op.drop_table("activities")
