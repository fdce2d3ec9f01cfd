"""Reviewing routes: approval queues, confirming reported items, history, the register that replaces the form."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import update_once
from services.errors import AlreadyDecided, Forbidden, NotFound
from services.models.people import Organisation, Person, Role, User
from services.models.routes import Evidence, EvidenceKind, ItemStatus, Route, RouteEvent, RouteItem, RouteStatus
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, manager_scope, require_school_manager
from services.routes.routes import ItemView, RouteView, check_access, item_and_route, item_view, log_event, route_view

MAX_COMMENT = 1000
COUNT_CAP = 1000
T = TypeVar("T")
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class QueueEntry:
    item_id: int
    person_name: str
    school: str
    title: str
    reported_at: datetime | None


@dataclass(frozen=True)
class RouteEntry:
    route_id: int
    person_name: str
    school: str
    items: int
    submitted_at: datetime | None


@dataclass(frozen=True)
class Queue(Generic[T]):
    """One page of a review queue; `total` stops at COUNT_CAP (then `more` is set)."""

    entries: list[T]
    page: int
    has_next: bool
    total: int
    more: bool


@dataclass(frozen=True)
class EvidenceView:
    kind: EvidenceKind
    file_id: str | None
    file_name: str | None
    text: str | None


@dataclass(frozen=True)
class HistoryEntry:
    action: str
    who: str
    comment: str | None
    at: datetime


def scope_clause(actor: Actor) -> ColumnElement[bool]:
    """People whose routes the actor reviews: those they manage, except themselves."""
    return manager_scope(actor) & (Person.id != (actor.person_id or 0))


def is_reviewer(actor: Actor) -> bool:
    return any(actor.has(role) for role in (Role.ADMIN, Role.METHODIST, Role.COORDINATOR))


async def require_reviewer(session: AsyncSession, actor: Actor, route: Route) -> Person:
    """The route's owner, if the actor manages them (and is not them); else Forbidden."""
    person = await session.get_one(Person, route.person_id)
    if person.id == actor.person_id:
        raise Forbidden()
    await require_school_manager(session, actor, person.school_id)
    return person


def _clean(comment: str | None) -> str | None:
    comment = " ".join((comment or "").split())
    return comment[:MAX_COMMENT] or None


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision, for the route's owner to be told."""

    chat_id: int
    language: str
    route_id: int
    kind: str  # as in the route's history: approved, returned, confirmed, item_returned or implemented
    title: str = ""  # the item's
    comment: str | None = None
    deadline: date | None = None  # the item's new deadline, for a deadline change


DecisionNotice = Callable[[Decision], NewDelivery]


async def tell_owner(
    session: AsyncSession,
    route: Route,
    decisions: Sequence[tuple[str, str, str | None] | tuple[str, str, str | None, date]],
    notice: DecisionNotice,
    now: datetime,
) -> None:
    """Queue each (kind, title, comment[, deadline]) decision to the route's owner, if they joined the bot."""
    owner = (
        await session.execute(select(User.tg_id, User.language).where(User.person_id == route.person_id))
    ).one_or_none()
    if owner is None:
        return
    chat_id, language = owner
    messages = [notice(Decision(chat_id, language, route.id, *decision)) for decision in decisions]
    await enqueue(session, messages, now=now)


async def review_route(
    session: AsyncSession,
    *,
    actor: Actor,
    route_id: int,
    approve: bool,
    comment: str | None,
    now: datetime,
    notice: DecisionNotice,
) -> RouteView:
    """Approve a submitted route or return it with a comment, and tell its owner; a second tap changes
    nothing."""
    route = await session.get(Route, route_id)
    if route is None:
        raise NotFound()
    await require_reviewer(session, actor, route)
    status = RouteStatus.APPROVED if approve else RouteStatus.RETURNED
    await update_once(
        session,
        update(Route)
        .where(Route.id == route_id, Route.status == RouteStatus.SUBMITTED)
        .values(status=status, comment=_clean(comment), approved_at=now if approve else None),
        AlreadyDecided("route-already-reviewed"),
    )
    decision = "approved" if approve else "returned"
    log_event(session, route, None, actor, decision, _clean(comment), now)
    await tell_owner(session, route, [(decision, "", _clean(comment))], notice, now)
    await session.commit()
    await session.refresh(route)
    return await route_view(session, route, actor, now.date())


async def review_item(
    session: AsyncSession,
    *,
    actor: Actor,
    item_id: int,
    confirm: bool,
    comment: str | None,
    now: datetime,
    notice: DecisionNotice,
) -> tuple[ItemView, RouteView]:
    """Confirm a reported item or return it, and tell the owner; when every item is confirmed the route is
    implemented."""
    item = await session.get(RouteItem, item_id)
    if item is None:
        raise NotFound()
    route = await session.get_one(Route, item.route_id)
    await require_reviewer(session, actor, route)
    status = ItemStatus.CONFIRMED if confirm else ItemStatus.RETURNED
    await update_once(
        session,
        update(RouteItem)
        .where(RouteItem.id == item_id, RouteItem.status == ItemStatus.REPORTED)
        .values(status=status, comment=_clean(comment), confirmed_at=now if confirm else None),
        AlreadyDecided("item-already-reviewed"),
    )
    decision = "confirmed" if confirm else "item_returned"
    log_event(session, route, item, actor, decision, _clean(comment), now)
    await session.flush()
    await session.refresh(route, ["items"])
    decisions = [(decision, item.title, _clean(comment))]
    if all(each.status == ItemStatus.CONFIRMED for each in route.items):
        route.status, route.implemented_at = RouteStatus.IMPLEMENTED, now
        log_event(session, route, None, actor, "implemented", None, now)
        decisions.append(("implemented", "", None))
    await tell_owner(session, route, decisions, notice, now)
    await session.commit()
    await session.refresh(item)
    view = await route_view(session, route, actor, now.date())
    return item_view(item, now.date()), view


async def item_queue(session: AsyncSession, *, actor: Actor, page: int, per_page: int = 8) -> Queue[QueueEntry]:
    """Reported items waiting for review in the actor's scope, oldest first."""
    base = (
        select(RouteItem.id, Person.full_name, Organisation.name, RouteItem.title, RouteItem.reported_at)
        .join(Route, Route.id == RouteItem.route_id)
        .join(Person, Person.id == Route.person_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(RouteItem.status == ItemStatus.REPORTED, scope_clause(actor))
    )
    ordered = base.order_by(RouteItem.reported_at, RouteItem.id)
    return await _queue(session, base, ordered, QueueEntry, page, per_page)


async def route_queue(session: AsyncSession, *, actor: Actor, page: int, per_page: int = 8) -> Queue[RouteEntry]:
    """Submitted routes waiting for approval in the actor's scope, oldest first."""
    items = select(func.count(RouteItem.id)).where(RouteItem.route_id == Route.id).scalar_subquery()
    base = (
        select(Route.id, Person.full_name, Organisation.name, items, Route.submitted_at)
        .join(Person, Person.id == Route.person_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(Route.status == RouteStatus.SUBMITTED, scope_clause(actor))
    )
    ordered = base.order_by(Route.submitted_at, Route.id)
    return await _queue(session, base, ordered, RouteEntry, page, per_page)


async def _queue(
    session: AsyncSession, base: AnySelect, ordered: AnySelect, entry: Callable[..., T], page: int, per_page: int
) -> Queue[T]:
    # Counting a region's whole queue costs more than showing a page, and nobody needs
    # "100 000" rather than "1000+": the count stops at COUNT_CAP.
    total = await session.scalar(select(func.count()).select_from(base.limit(COUNT_CAP + 1).subquery())) or 0
    rows = list(await session.execute(ordered.offset(page * per_page).limit(per_page + 1)))
    entries = [entry(*row) for row in rows[:per_page]]
    return Queue(entries, page, len(rows) > per_page, min(total, COUNT_CAP), total > COUNT_CAP)


async def route_for_review(session: AsyncSession, *, actor: Actor, route_id: int, today: date) -> RouteView:
    route = await session.get(Route, route_id)
    if route is None:
        raise NotFound()
    await require_reviewer(session, actor, route)
    return await route_view(session, route, actor, today)


async def evidence_of(session: AsyncSession, *, actor: Actor, item_id: int) -> list[EvidenceView]:
    """What the teacher attached to an item, for them and for the managers of their school."""
    _item, route = await item_and_route(session, item_id)
    await check_access(session, actor, route.person_id)
    rows = await session.scalars(select(Evidence).where(Evidence.item_id == item_id).order_by(Evidence.id))
    return [EvidenceView(row.kind, row.file_id, row.file_name, row.text) for row in rows]


async def history_of(session: AsyncSession, *, actor: Actor, route_id: int, item_id: int | None) -> list[HistoryEntry]:
    """Who did what and when, for an item (with its route's approval) or a whole route; for the route's
    owner and the managers of their school."""
    route = await session.get(Route, route_id)
    if route is None:
        raise NotFound()
    await check_access(session, actor, route.person_id)
    who = func.coalesce(Person.full_name, User.display_name)
    query = (
        select(RouteEvent.action, who, RouteEvent.comment, RouteEvent.at)
        .outerjoin(User, User.id == RouteEvent.user_id)
        .outerjoin(Person, Person.id == User.person_id)
        .where(RouteEvent.route_id == route_id)
        .order_by(RouteEvent.at, RouteEvent.id)
    )
    if item_id is not None:
        query = query.where(or_(RouteEvent.item_id == item_id, RouteEvent.item_id.is_(None)))
    return [
        HistoryEntry(action, name or "—", comment, at) for action, name, comment, at in await session.execute(query)
    ]
