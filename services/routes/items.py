"""Editing the items of a draft or returned route: adding from the catalogue or one's own, changing, removing."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import InvalidInput, NotFound
from services.models.people import Diagnostic
from services.models.routes import ActivityKind, Area, Route, RouteItem
from services.numbers import parse_whole
from services.people.access import Actor
from services.routes.catalogue import PER_PAGE as CATALOGUE_PAGE
from services.routes.catalogue import ActivityView, get_activity, list_activities
from services.routes.routes import (
    DEFAULT_TERM,
    ItemView,
    RouteView,
    deficits_of,
    editable_route,
    item_and_route,
    item_view,
    latest_diagnostic,
    person_and_school,
    route_view,
)

MAX_ITEMS = 40
MAX_TITLE = 300
MAX_HOURS = 2000  # academic hours of one route item


def check_deadline(deadline: date, today: date) -> date:
    if deadline < today:
        raise InvalidInput("route-deadline-past")
    if deadline > today + timedelta(days=3 * 366):
        raise InvalidInput("route-deadline-far")
    return deadline


def parse_deadline(text: str, today: date) -> date:
    """A deadline typed as ДД.ММ.ГГГГ (or ДД.ММ.ГГ), not in the past and within three years."""
    for pattern in ("%d.%m.%Y", "%d.%m.%y"):
        try:
            return check_deadline(datetime.strptime(text.strip(), pattern).date(), today)
        except ValueError:
            continue
    raise InvalidInput("route-bad-date")


@dataclass(frozen=True)
class CataloguePage:
    """A page of the catalogue to add from: only activities for the owner's diagnosed deficits when `filtered`."""

    activities: list[ActivityView]
    total: int
    per_page: int
    deficits: tuple[Area, ...]
    filtered: bool


async def catalogue_for_route(
    session: AsyncSession, *, actor: Actor, route_id: int, page: int, everything: bool = False
) -> CataloguePage:
    """A page of the catalogue of the route owner's municipality, to add from: the activities for the deficits
    of the route's diagnostic (or the owner's latest one), or, asked for or without deficits, all of them."""
    route = await editable_route(session, actor, route_id)
    _person_row, school = await person_and_school(session, route.person_id)
    assert school.parent_id is not None
    diagnostic = (
        await session.get(Diagnostic, route.diagnostic_id)
        if route.diagnostic_id
        else await latest_diagnostic(session, route.person_id)
    )
    deficits = tuple(deficits_of(diagnostic)) if diagnostic else ()
    filtered = bool(deficits) and not everything
    activities, total = await list_activities(
        session, municipality_id=school.parent_id, page=page, areas=deficits if filtered else ()
    )
    if filtered and not total:  # nothing for these deficits: the whole catalogue rather than an empty list
        filtered = False
        activities, total = await list_activities(session, municipality_id=school.parent_id, page=page)
    return CataloguePage(activities, total, CATALOGUE_PAGE, deficits, filtered)


async def activity_for_route(session: AsyncSession, *, actor: Actor, route_id: int, activity_id: int) -> ActivityView:
    """A catalogue activity of the owner's municipality that may be added to this draft or returned route."""
    route = await editable_route(session, actor, route_id)
    return await _activity_for(session, route, activity_id)


async def _activity_for(session: AsyncSession, route: Route, activity_id: int) -> ActivityView:
    _person_row, school = await person_and_school(session, route.person_id)
    assert school.parent_id is not None
    activity = await get_activity(session, activity_id, school.parent_id)
    if activity is None:
        raise NotFound()
    return activity


async def add_activity(
    session: AsyncSession, *, actor: Actor, route_id: int, activity_id: int, area: Area | None, now: datetime
) -> RouteView:
    """Add a catalogue activity to a draft or returned route."""
    route = await editable_route(session, actor, route_id)
    activity = await _activity_for(session, route, activity_id)
    return await _add(
        session,
        actor,
        route,
        now,
        title=activity.title,
        kind=activity.kind,
        area=area or (activity.areas[0] if activity.areas else None),
        hours=activity.hours,
        course_registry=activity.registry,
        activity_id=activity.id,
        deadline=now.date() + DEFAULT_TERM,
    )


async def add_own_item(
    session: AsyncSession,
    *,
    actor: Actor,
    route_id: int,
    title: str,
    kind: ActivityKind,
    area: Area | None,
    hours: int | None,
    deadline: date,
    now: datetime,
) -> RouteView:
    """Add an item the teacher describes themselves."""
    route = await editable_route(session, actor, route_id)
    title = clean_title(title)
    if hours is not None and not 0 < hours <= MAX_HOURS:
        raise InvalidInput("route-bad-hours")
    return await _add(
        session,
        actor,
        route,
        now,
        title=title,
        kind=kind,
        area=area,
        hours=hours,
        deadline=check_deadline(deadline, now.date()),
    )


async def _add(session: AsyncSession, actor: Actor, route: Route, now: datetime, **fields: object) -> RouteView:
    if len(route.items) >= MAX_ITEMS:
        raise InvalidInput("route-too-many-items", limit=MAX_ITEMS)
    route.items.append(RouteItem(**fields))
    await session.commit()
    return await route_view(session, route, actor, now.date())


async def remove_item(session: AsyncSession, *, actor: Actor, item_id: int, now: datetime) -> RouteView:
    item, route = await item_and_route(session, item_id)
    route = await editable_route(session, actor, route.id)
    route.items.remove(item)
    await session.commit()
    return await route_view(session, route, actor, now.date())


EDITABLE_FIELDS = ("title", "kind", "area", "hours", "deadline")


async def edit_item(
    session: AsyncSession, *, actor: Actor, item_id: int, field: str, value: str, now: datetime
) -> ItemView:
    """Change one field of an item of a draft or returned route, from what was typed or chosen."""
    item, route = await item_and_route(session, item_id)
    await editable_route(session, actor, route.id)
    if field == "title":
        item.title = clean_title(value)
    elif field == "deadline":
        item.deadline = parse_deadline(value, now.date())
    elif field == "hours":
        item.hours = parse_hours(value)
    elif field == "kind" and value in ActivityKind._value2member_map_:
        item.kind = ActivityKind(value)
    elif field == "area" and (not value or value in Area._value2member_map_):
        item.area = Area(value) if value else None
    else:
        raise InvalidInput("error-invalid-input")
    await session.commit()
    return item_view(item, now.date())


def clean_title(text: str) -> str:
    title = " ".join(text.split())
    if not title or len(title) > MAX_TITLE:
        raise InvalidInput("route-bad-title", limit=MAX_TITLE)
    return title


def parse_hours(text: str) -> int | None:
    """Academic hours as typed; "0" or "-" clears them."""
    text = text.strip()
    if text in ("0", "-", "—"):
        return None
    hours = parse_whole(text, low=1, high=MAX_HOURS)
    if hours is None:
        raise InvalidInput("route-bad-hours")
    return hours
