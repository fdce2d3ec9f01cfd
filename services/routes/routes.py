"""Individual educational routes (ИОМ): who may see one, reading it, and starting one from a diagnostic. Editing its
items is in items.py, sending it for review in submission.py, reviewing in review.py."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import InvalidInput, NotFound
from services.models.people import Diagnostic, Organisation, Person
from services.models.routes import (
    ActivityKind,
    Area,
    ItemStatus,
    Registry,
    Route,
    RouteEvent,
    RouteItem,
    RouteStatus,
)
from services.people.access import Actor, require_school_manager
from services.routes.catalogue import activities_for_areas

DEFAULT_TERM = timedelta(days=90)
EDITABLE = (RouteStatus.DRAFT, RouteStatus.RETURNED)


@dataclass(frozen=True)
class ItemView:
    id: int
    title: str
    kind: ActivityKind
    area: Area | None
    hours: int | None
    registry: Registry
    deadline: date
    status: ItemStatus
    comment: str | None
    overdue: bool


@dataclass(frozen=True)
class RouteView:
    id: int
    person_id: int
    person_name: str
    school: str
    status: RouteStatus
    comment: str | None
    items: tuple[ItemView, ...]
    editable: bool

    @property
    def done(self) -> int:
        return sum(item.status == ItemStatus.CONFIRMED for item in self.items)

    @property
    def overdue(self) -> int:
        return sum(item.overdue for item in self.items)


def item_view(item: RouteItem, today: date) -> ItemView:
    overdue = item.deadline < today and item.status in (ItemStatus.PLANNED, ItemStatus.RETURNED)
    return ItemView(
        item.id,
        item.title,
        item.kind,
        item.area,
        item.hours,
        item.course_registry,
        item.deadline,
        item.status,
        item.comment,
        overdue,
    )


async def person_and_school(session: AsyncSession, person_id: int) -> tuple[Person, Organisation]:
    row = (
        await session.execute(
            select(Person, Organisation)
            .join(Organisation, Organisation.id == Person.school_id)
            .where(Person.id == person_id)
        )
    ).one_or_none()
    if row is None:
        raise NotFound()
    return row[0], row[1]


async def check_access(session: AsyncSession, actor: Actor, person_id: int) -> bool:
    """May the actor see this person's route? Returns whether they act as its owner; else Forbidden."""
    if actor.person_id == person_id:
        return True
    person, _school = await person_and_school(session, person_id)
    await require_school_manager(session, actor, person.school_id)
    return False


async def route_view(session: AsyncSession, route: Route, actor: Actor, today: date) -> RouteView:
    person, school = await person_and_school(session, route.person_id)
    return RouteView(
        route.id,
        person.id,
        person.full_name,
        school.name,
        route.status,
        route.comment,
        tuple(item_view(item, today) for item in route.items),
        route.status in EDITABLE,
    )


async def latest_route(session: AsyncSession, *, actor: Actor, person_id: int, today: date) -> RouteView | None:
    """The person's current route (the newest one), if the actor may see it."""
    await check_access(session, actor, person_id)
    route = await session.scalar(select(Route).where(Route.person_id == person_id).order_by(Route.id.desc()).limit(1))
    return None if route is None else await route_view(session, route, actor, today)


async def get_route(session: AsyncSession, *, actor: Actor, route_id: int, today: date) -> RouteView:
    """A route by id, for its owner or a manager of the owner's school."""
    route = await session.get(Route, route_id)
    if route is None:
        raise NotFound()
    await check_access(session, actor, route.person_id)
    return await route_view(session, route, actor, today)


async def start_route(session: AsyncSession, *, actor: Actor, person_id: int, now: datetime) -> RouteView:
    """A new draft route with one catalogue activity proposed for each deficit of the latest diagnostic."""
    await check_access(session, actor, person_id)
    current = await session.scalar(select(Route).where(Route.person_id == person_id).order_by(Route.id.desc()).limit(1))
    if current is not None and current.status != RouteStatus.IMPLEMENTED:
        return await route_view(session, current, actor, now.date())
    _person_row, school = await person_and_school(session, person_id)
    diagnostic = await latest_diagnostic(session, person_id)
    items: list[RouteItem] = []
    if diagnostic is not None:
        areas = deficits_of(diagnostic)
        assert school.parent_id is not None
        proposals = await activities_for_areas(session, municipality_id=school.parent_id, areas=areas)
        items = [
            RouteItem(
                activity_id=activity.id,
                title=activity.title,
                kind=activity.kind,
                area=area,
                hours=activity.hours,
                course_registry=activity.registry,
                deadline=now.date() + DEFAULT_TERM,
            )
            for area, activity in proposals.items()
        ]
    route = Route(person_id=person_id, diagnostic_id=diagnostic.id if diagnostic else None, created_at=now, items=items)
    session.add(route)
    await session.flush()
    log_event(session, route, None, actor, "created", None, now)
    await session.commit()
    return await route_view(session, route, actor, now.date())


async def latest_diagnostic(session: AsyncSession, person_id: int) -> Diagnostic | None:
    return await session.scalar(
        select(Diagnostic)
        .where(Diagnostic.person_id == person_id)
        .order_by(Diagnostic.taken_on.desc(), Diagnostic.id.desc())
        .limit(1)
    )


def deficits_of(diagnostic: Diagnostic) -> list[Area]:
    return [Area(deficit.area) for deficit in diagnostic.deficits if deficit.area in Area._value2member_map_]


async def editable_route(session: AsyncSession, actor: Actor, route_id: int) -> Route:
    route = await session.get(Route, route_id)
    if route is None:
        raise NotFound()
    await check_access(session, actor, route.person_id)
    if route.status not in EDITABLE:
        raise InvalidInput("route-not-editable")
    return route


async def require_route_editor(session: AsyncSession, *, actor: Actor, route_id: int) -> None:
    """Refuse unless the actor may edit the route, and it is still a draft or returned."""
    await editable_route(session, actor, route_id)


async def require_item_editor(session: AsyncSession, *, actor: Actor, item_id: int) -> None:
    """Refuse unless the actor may edit the item's route, and it is still a draft or returned."""
    _item, route = await item_and_route(session, item_id)
    await editable_route(session, actor, route.id)


async def item_and_route(session: AsyncSession, item_id: int) -> tuple[RouteItem, Route]:
    item = await session.get(RouteItem, item_id)
    if item is None:
        raise NotFound()
    return item, await session.get_one(Route, item.route_id)


async def get_item(
    session: AsyncSession, *, actor: Actor, item_id: int, today: date
) -> tuple[ItemView, RouteView, bool]:
    """An item with its route; the flag says whether the actor is the route's owner."""
    item, route = await item_and_route(session, item_id)
    owner = await check_access(session, actor, route.person_id)
    return item_view(item, today), await route_view(session, route, actor, today), owner


def log_event(
    session: AsyncSession,
    route: Route,
    item: RouteItem | None,
    actor: Actor,
    action: str,
    comment: str | None,
    now: datetime,
) -> None:
    session.add(
        RouteEvent(
            route_id=route.id,
            item_id=item.id if item else None,
            user_id=actor.user_id,
            action=action,
            comment=comment,
            at=now,
        )
    )
