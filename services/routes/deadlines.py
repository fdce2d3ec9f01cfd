"""Moving the deadline of an item of an approved route: the teacher proposes a date and a reason, a reviewer of
their school approves or refuses it in one tap, and the teacher is told."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import update_once
from services.errors import AlreadyDecided, InvalidInput, NotFound
from services.models.routes import DeadlineRequest, DeadlineRequestStatus, ItemReminder
from services.outbox import NewDelivery
from services.people.access import Actor
from services.routes.items import check_deadline
from services.routes.reports import open_item
from services.routes.review import DecisionNotice, require_reviewer, tell_owner
from services.routes.routes import ItemView, item_and_route, item_view, log_event
from services.routes.submission import ReviewRequest, ask_reviewers

MAX_REASON = 500


@dataclass(frozen=True)
class DeadlineChange:
    """What a reviewer is asked to decide: move the item from `old` to `new` for `reason`."""

    request_id: int
    old: date
    new: date
    reason: str


DeadlineNotice = Callable[[ReviewRequest, DeadlineChange], NewDelivery]


def clean_reason(text: str) -> str:
    reason = " ".join(text.split())
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInput("deadline-bad-reason", limit=MAX_REASON)
    return reason


async def movable_item(session: AsyncSession, *, actor: Actor, item_id: int, today: date) -> ItemView:
    """An item of the actor's approved route that may be asked to move: still to be done, no request waiting."""
    item, _route = await open_item(session, actor=actor, item_id=item_id)
    await _refuse_a_second_request(session, item_id)
    return item_view(item, today)


async def _refuse_a_second_request(session: AsyncSession, item_id: int) -> None:
    pending = await session.scalar(
        select(DeadlineRequest.id).where(
            DeadlineRequest.item_id == item_id, DeadlineRequest.status == DeadlineRequestStatus.PENDING
        )
    )
    if pending is not None:
        raise InvalidInput("deadline-already-asked")


async def request_deadline_change(
    session: AsyncSession,
    *,
    actor: Actor,
    item_id: int,
    deadline: date,
    reason: str,
    now: datetime,
    notice: DeadlineNotice,
) -> ItemView:
    """The owner of an approved route asks to move an item still to be done; the reviewers are told."""
    item, route = await open_item(session, actor=actor, item_id=item_id)
    check_deadline(deadline, now.date())
    if deadline == item.deadline:
        raise InvalidInput("deadline-same")
    await _refuse_a_second_request(session, item.id)
    request = DeadlineRequest(item_id=item.id, deadline=deadline, reason=clean_reason(reason), created_at=now)
    session.add(request)
    await session.flush()
    log_event(session, route, item, actor, "deadline_asked", f"{deadline:%d.%m.%Y} — {request.reason}", now)
    change = DeadlineChange(request.id, item.deadline, deadline, request.reason)
    await ask_reviewers(session, actor=actor, route=route, item=item, now=now, notice=lambda ask: notice(ask, change))
    await session.commit()
    return item_view(item, now.date())


async def decide_deadline_change(
    session: AsyncSession, *, actor: Actor, request_id: int, approve: bool, now: datetime, notice: DecisionNotice
) -> tuple[ItemView, str]:
    """A reviewer of the owner's school approves (the item gets the new deadline, its reminders start again) or
    refuses the request, and the owner is told; a second tap changes nothing. Returns the item and its owner's
    name."""
    request = await session.get(DeadlineRequest, request_id)
    if request is None:
        raise NotFound()
    item, route = await item_and_route(session, request.item_id)
    owner = await require_reviewer(session, actor, route)
    status = DeadlineRequestStatus.APPROVED if approve else DeadlineRequestStatus.REFUSED
    await update_once(
        session,
        update(DeadlineRequest)
        .where(DeadlineRequest.id == request_id, DeadlineRequest.status == DeadlineRequestStatus.PENDING)
        .values(status=status, decided_at=now, decided_by=actor.user_id),
        AlreadyDecided("deadline-already-decided"),
    )
    if approve:
        item.deadline = request.deadline
        await session.execute(delete(ItemReminder).where(ItemReminder.item_id == item.id))
    kind = "deadline_moved" if approve else "deadline_refused"
    log_event(session, route, item, actor, kind, f"{request.deadline:%d.%m.%Y}", now)
    await tell_owner(session, route, [(kind, item.title, None, request.deadline)], notice, now)
    await session.commit()
    return item_view(item, now.date()), owner.full_name
