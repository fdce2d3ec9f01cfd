"""The register of routes that replaces the Google form: one row per item, and counts by status per school."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden
from services.models.people import Organisation, Person
from services.models.routes import Evidence, EvidenceKind, Route, RouteItem, RouteStatus
from services.people.access import Actor
from services.routes.review import is_reviewer, scope_clause

Row = tuple[object, ...]


async def register_rows(session: AsyncSession, *, actor: Actor) -> list[Row]:
    """School, ФИО, deficit, item, kind, hours, deadline, item status, route status, approved, confirmed, evidence."""
    if not is_reviewer(actor):
        raise Forbidden()
    link = (
        select(func.min(Evidence.text))
        .where(Evidence.item_id == RouteItem.id, Evidence.kind == EvidenceKind.LINK)
        .scalar_subquery()
    )
    files = select(func.count(Evidence.id)).where(Evidence.item_id == RouteItem.id).scalar_subquery()
    rows = await session.execute(
        select(
            Organisation.name,
            Person.full_name,
            RouteItem.area,
            RouteItem.title,
            RouteItem.kind,
            RouteItem.hours,
            RouteItem.deadline,
            RouteItem.status,
            Route.status,
            Route.approved_at,
            RouteItem.confirmed_at,
            link,
            files,
        )
        .join(Route, Route.id == RouteItem.route_id)
        .join(Person, Person.id == Route.person_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(scope_clause(actor))
        .order_by(Organisation.name, Person.full_name, RouteItem.deadline, RouteItem.id)
    )
    return [tuple(row) for row in rows]


async def status_counts(session: AsyncSession, *, actor: Actor) -> dict[str, dict[RouteStatus, int]]:
    """For each school in scope: how many routes are in each status (counted in SQL)."""
    if not is_reviewer(actor):
        raise Forbidden()
    rows = await session.execute(
        select(Organisation.name, Route.status, func.count(Route.id))
        .join(Person, Person.id == Route.person_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(scope_clause(actor))
        .group_by(Organisation.name, Route.status)
        .order_by(Organisation.name)
    )
    counts: dict[str, dict[RouteStatus, int]] = {}
    for school, status, count in rows:
        counts.setdefault(school, {})[status] = count
    return counts
