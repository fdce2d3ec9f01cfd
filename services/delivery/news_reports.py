"""How news broadcasts went: delivery counts per broadcast for the history and the progress messages, and
marking one done."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.delivery import Broadcast, BroadcastStatus, Delivery, DeliveryStatus
from services.models.people import User
from services.people.access import Actor, organiser_municipality


@dataclass(frozen=True)
class Report:
    id: int
    status: BroadcastStatus
    text: str
    created_at: datetime
    scheduled_at: datetime | None
    released_at: datetime | None
    recipients: int
    sent: int
    failed: int  # failed or blocked
    left: int
    progress_chat_id: int | None
    progress_message_id: int | None
    language: str
    author_user_id: int


def _report_query() -> Select[*tuple[Any, ...]]:
    counted = (
        select(
            Delivery.broadcast_id,
            func.count().filter(Delivery.status == DeliveryStatus.SENT).label("sent"),
            func.count().filter(Delivery.status.in_([DeliveryStatus.FAILED, DeliveryStatus.BLOCKED])).label("failed"),
            func.count().filter(Delivery.status.in_([DeliveryStatus.PENDING, DeliveryStatus.SENDING])).label("left"),
        )
        .where(Delivery.broadcast_id.is_not(None))
        .group_by(Delivery.broadcast_id)
        .subquery()
    )
    return (
        select(
            Broadcast.id,
            Broadcast.status,
            Broadcast.text,
            Broadcast.created_at,
            Broadcast.scheduled_at,
            Broadcast.released_at,
            Broadcast.recipients,
            func.coalesce(counted.c.sent, 0),
            func.coalesce(counted.c.failed, 0),
            func.coalesce(counted.c.left, 0),
            Broadcast.progress_chat_id,
            Broadcast.progress_message_id,
            User.language,
            Broadcast.author_user_id,
        )
        .join(User, User.id == Broadcast.author_user_id)
        .outerjoin(counted, counted.c.broadcast_id == Broadcast.id)
    )


async def history(
    session: AsyncSession, *, actor: Actor, page: int = 0, per_page: int = 10
) -> tuple[list[Report], int]:
    """One page of the municipality's broadcasts (whoever of its methodists wrote them), latest first, with their
    delivery counts, and how many there are (drafts left out)."""
    municipality_id = organiser_municipality(actor)
    mine = (Broadcast.org_id == municipality_id, Broadcast.status != BroadcastStatus.DRAFT)
    total = await session.scalar(select(func.count()).select_from(Broadcast).where(*mine)) or 0
    rows = await session.execute(
        _report_query().where(*mine).order_by(Broadcast.id.desc()).offset(page * per_page).limit(per_page)
    )
    return [Report(*row) for row in rows], total


async def sending_reports(session: AsyncSession) -> list[Report]:
    """Broadcasts being delivered, for the progress messages."""
    rows = await session.execute(_report_query().where(Broadcast.status == BroadcastStatus.SENDING))
    return [Report(*row) for row in rows]


async def set_progress_message(session: AsyncSession, *, broadcast_id: int, message_id: int) -> None:
    await session.execute(update(Broadcast).where(Broadcast.id == broadcast_id).values(progress_message_id=message_id))
    await session.commit()


async def finish(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    """Mark a fully delivered broadcast done, once; False if someone else already did."""
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.SENDING)
        .values(status=BroadcastStatus.DONE, finished_at=now)
    )
    await session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]
