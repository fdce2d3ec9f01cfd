"""Sending a route (or an item's report) for review: the route's status, and a request to every reviewer."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import InvalidInput
from services.models.people import Person
from services.models.routes import Route, RouteItem, RouteStatus
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, approver_chats
from services.routes.routes import RouteView, editable_route, log_event, route_view


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
    route = await editable_route(session, actor, route_id)
    if not route.items:
        raise InvalidInput("route-empty")
    route.status, route.submitted_at, route.comment = RouteStatus.SUBMITTED, now, None
    log_event(session, route, None, actor, "submitted", None, now)
    await ask_reviewers(session, actor=actor, route=route, notice=notice, now=now)
    await session.commit()
    return await route_view(session, route, actor, now.date())
