"""The outbox: every bulk message is a row written before sending starts, claimed by the one sender,
and marked with what Telegram answered. A row's key makes a second copy of a message impossible."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.delivery import Broadcast, Delivery, DeliveryStatus
from services.models.people import User

MAX_ATTEMPTS = 5
BACKOFF = timedelta(seconds=10)  # doubled after each failed attempt


@dataclass(frozen=True)
class Outgoing:
    id: int
    chat_id: int
    text: str
    markup: str | None  # inline keyboard as JSON
    media_kind: str | None
    file_id: str | None
    copy_chat_id: int | None
    copy_message_id: int | None


@dataclass(frozen=True)
class NewDelivery:
    key: str
    chat_id: int
    user_id: int | None = None
    text: str | None = None
    markup: str | None = None
    broadcast_id: int | None = None
    status: DeliveryStatus = DeliveryStatus.PENDING  # SKIPPED records a message that had nothing to say


async def enqueue(session: AsyncSession, deliveries: Sequence[NewDelivery], *, now: datetime) -> None:
    """Add deliveries; one whose key is already there is left as it is (the caller commits)."""
    if not deliveries:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    rows = [{**delivery.__dict__, "next_attempt_at": now} for delivery in deliveries]
    for start in range(0, len(rows), 5_000):  # well under SQLite's limit of bound parameters
        await session.execute(
            insert(Delivery).on_conflict_do_nothing(index_elements=["key"]), rows[start : start + 5_000]
        )


async def recover(session: AsyncSession) -> int:
    """After a hard stop, rows handed to Telegram without a recorded answer are due again."""
    result = await session.execute(
        update(Delivery).where(Delivery.status == DeliveryStatus.SENDING).values(status=DeliveryStatus.PENDING)
    )
    await session.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]


async def claim(session: AsyncSession, *, now: datetime, limit: int) -> list[Outgoing]:
    """Due rows, oldest first and one per chat, marked as being sent."""
    rows = await session.execute(
        select(
            Delivery.id,
            Delivery.chat_id,
            func.coalesce(Delivery.text, Broadcast.text),
            Delivery.markup,
            Broadcast.media_kind,
            Broadcast.file_id,
            Broadcast.copy_chat_id,
            Broadcast.copy_message_id,
        )
        .outerjoin(Broadcast, Broadcast.id == Delivery.broadcast_id)
        .where(Delivery.status == DeliveryStatus.PENDING, Delivery.next_attempt_at <= now)
        .order_by(Delivery.id)
        .limit(limit)
    )
    batch: list[Outgoing] = []
    chats: set[int] = set()
    for row in rows:
        if row[1] not in chats:  # a second message to a chat waits for the next batch (1 per second per chat)
            chats.add(row[1])
            batch.append(Outgoing(*row))
    if batch:
        await session.execute(
            update(Delivery).where(Delivery.id.in_([item.id for item in batch])).values(status=DeliveryStatus.SENDING)
        )
    await session.commit()
    return batch


@dataclass(frozen=True)
class Outcome:
    delivery_id: int
    kind: str  # sent, again (429: untouched), retry (transient error), failed, blocked
    chat_id: int = 0
    error: str = ""


async def record(session: AsyncSession, outcomes: Sequence[Outcome], *, now: datetime) -> None:
    """Write what Telegram answered for a batch of deliveries, in one transaction."""
    by_kind: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_kind.setdefault(outcome.kind, []).append(outcome)
    if sent := by_kind.get("sent"):
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_([o.delivery_id for o in sent]))
            .values(status=DeliveryStatus.SENT, sent_at=now)
        )
    if again := by_kind.get("again"):
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_([o.delivery_id for o in again]))
            .values(status=DeliveryStatus.PENDING)
        )
    if blocked := by_kind.get("blocked"):
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_([o.delivery_id for o in blocked]))
            .values(status=DeliveryStatus.BLOCKED, last_error="blocked")
        )
        await session.execute(update(User).where(User.tg_id.in_([o.chat_id for o in blocked])).values(blocked_at=now))
    for outcome in by_kind.get("failed", []):
        await session.execute(
            update(Delivery)
            .where(Delivery.id == outcome.delivery_id)
            .values(status=DeliveryStatus.FAILED, last_error=outcome.error[:300], attempts=Delivery.attempts + 1)
        )
    for outcome in by_kind.get("retry", []):
        attempts = (await session.scalar(select(Delivery.attempts).where(Delivery.id == outcome.delivery_id)) or 0) + 1
        gave_up = attempts >= MAX_ATTEMPTS
        await session.execute(
            update(Delivery)
            .where(Delivery.id == outcome.delivery_id)
            .values(
                attempts=attempts,
                last_error=outcome.error[:300],
                status=DeliveryStatus.FAILED if gave_up else DeliveryStatus.PENDING,
                next_attempt_at=now + BACKOFF * 2 ** (attempts - 1),
            )
        )
    await session.commit()
