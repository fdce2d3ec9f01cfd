"""Individual educational routes (ИОМ): building from a diagnostic, editing, submitting, reporting items."""

from collections.abc import Callable
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
from services.numbers import parse_whole
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, approver_chats, require_school_manager
from services.routes.catalogue import PER_PAGE as CATALOGUE_PAGE
from services.routes.catalogue import ActivityView, activities_for_areas, get_activity, list_activities

DEFAULT_TERM = timedelta(days=90)
MAX_ITEMS = 40
MAX_TITLE = 300
MAX_HOURS = 2000  # academic hours of one route item
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


async def _person(session: AsyncSession, person_id: int) -> tuple[Person, Organisation]:
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
    person, _school = await _person(session, person_id)
    await require_school_manager(session, actor, person.school_id)
    return False


async def route_view(session: AsyncSession, route: Route, actor: Actor, today: date) -> RouteView:
    person, school = await _person(session, route.person_id)
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
    _person_row, school = await _person(session, person_id)
    diagnostic = await _latest_diagnostic(session, person_id)
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


async def _latest_diagnostic(session: AsyncSession, person_id: int) -> Diagnostic | None:
    return await session.scalar(
        select(Diagnostic)
        .where(Diagnostic.person_id == person_id)
        .order_by(Diagnostic.taken_on.desc(), Diagnostic.id.desc())
        .limit(1)
    )


def deficits_of(diagnostic: Diagnostic) -> list[Area]:
    return [Area(deficit.area) for deficit in diagnostic.deficits if deficit.area in Area._value2member_map_]


async def _editable_route(session: AsyncSession, actor: Actor, route_id: int) -> Route:
    route = await session.get(Route, route_id)
    if route is None:
        raise NotFound()
    await check_access(session, actor, route.person_id)
    if route.status not in EDITABLE:
        raise InvalidInput("route-not-editable")
    return route


async def require_route_editor(session: AsyncSession, *, actor: Actor, route_id: int) -> None:
    """Refuse unless the actor may edit the route, and it is still a draft or returned."""
    await _editable_route(session, actor, route_id)


async def require_item_editor(session: AsyncSession, *, actor: Actor, item_id: int) -> None:
    """Refuse unless the actor may edit the item's route, and it is still a draft or returned."""
    _item, route = await item_and_route(session, item_id)
    await _editable_route(session, actor, route.id)


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
    route = await _editable_route(session, actor, route_id)
    _person_row, school = await _person(session, route.person_id)
    assert school.parent_id is not None
    diagnostic = (
        await session.get(Diagnostic, route.diagnostic_id)
        if route.diagnostic_id
        else await _latest_diagnostic(session, route.person_id)
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
    route = await _editable_route(session, actor, route_id)
    return await _activity_for(session, route, activity_id)


async def _activity_for(session: AsyncSession, route: Route, activity_id: int) -> ActivityView:
    _person_row, school = await _person(session, route.person_id)
    assert school.parent_id is not None
    activity = await get_activity(session, activity_id, school.parent_id)
    if activity is None:
        raise NotFound()
    return activity


async def add_activity(
    session: AsyncSession, *, actor: Actor, route_id: int, activity_id: int, area: Area | None, now: datetime
) -> RouteView:
    """Add a catalogue activity to a draft or returned route."""
    route = await _editable_route(session, actor, route_id)
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
    route = await _editable_route(session, actor, route_id)
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
    route = await _editable_route(session, actor, route.id)
    route.items.remove(item)
    await session.commit()
    return await route_view(session, route, actor, now.date())


EDITABLE_FIELDS = ("title", "kind", "area", "hours", "deadline")


async def edit_item(
    session: AsyncSession, *, actor: Actor, item_id: int, field: str, value: str, now: datetime
) -> ItemView:
    """Change one field of an item of a draft or returned route, from what was typed or chosen."""
    item, route = await item_and_route(session, item_id)
    await _editable_route(session, actor, route.id)
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


@dataclass(frozen=True)
class ReviewRequest:
    """A route (or one item's report) waiting for a reviewer, for one reviewer's chat."""

    chat_id: int
    language: str
    route_id: int
    person_name: str
    item_id: int | None = None
    item_title: str = ""


ReviewNotice = Callable[[ReviewRequest], NewDelivery]


async def ask_reviewers(
    session: AsyncSession,
    *,
    actor: Actor,
    route: Route,
    notice: ReviewNotice,
    now: datetime,
    item: RouteItem | None = None,
) -> None:
    """Queue the request to the school's coordinators and the municipality's methodists, except the one
    acting (the caller commits)."""
    person = await session.get_one(Person, route.person_id)
    item_id, item_title = (item.id, item.title) if item else (None, "")
    requests = [
        ReviewRequest(chat_id, language, route.id, person.full_name, item_id, item_title)
        for chat_id, language in await approver_chats(session, school_id=person.school_id)
        if chat_id != actor.tg_id
    ]
    await enqueue(session, [notice(request) for request in requests], now=now)


async def submit_route(
    session: AsyncSession, *, actor: Actor, route_id: int, now: datetime, notice: ReviewNotice
) -> RouteView:
    """Send a draft or returned route for approval, and tell the reviewers."""
    route = await _editable_route(session, actor, route_id)
    if not route.items:
        raise InvalidInput("route-empty")
    route.status, route.submitted_at, route.comment = RouteStatus.SUBMITTED, now, None
    log_event(session, route, None, actor, "submitted", None, now)
    await ask_reviewers(session, actor=actor, route=route, notice=notice, now=now)
    await session.commit()
    return await route_view(session, route, actor, now.date())


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
