"""The outbox: every bulk message is a row written before sending starts, taken by the one sender,
marked in flight when its request is made, and marked with Telegram's answer as soon as it arrives.
A row's key makes a second copy of a message impossible."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.delivery import Broadcast, Delivery, DeliveryStatus
from services.models.people import User, UtcDateTime

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
    media_kind: str | None = None  # "photo" or "document" sent by file id, `text` its caption
    file_id: str | None = None
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


async def due_batch(session: AsyncSession, *, now: datetime, limit: int) -> list[Outgoing]:
    """Due rows, oldest first and one per chat. They stay pending until each one's request is made."""
    rows = await session.execute(
        select(
            Delivery.id,
            Delivery.chat_id,
            func.coalesce(Delivery.text, Broadcast.text),
            Delivery.markup,
            func.coalesce(Delivery.media_kind, Broadcast.media_kind),
            func.coalesce(Delivery.file_id, Broadcast.file_id),
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
    return batch


@dataclass(frozen=True)
class Outcome:
    delivery_id: int
    kind: str  # sent, again (429: untouched), retry (transient error), failed, blocked
    chat_id: int = 0
    error: str = ""


async def record(
    session: AsyncSession, outcomes: Sequence[Outcome], *, now: datetime, in_flight: int | None = None
) -> bool:
    """Write what Telegram answered (one UPDATE per kind of answer) and mark the row `in_flight` whose
    request is about to be made, in one transaction; returns whether that row was still due.

    Only rows so marked are sent again after a hard kill, so a kill repeats only requests in flight."""
    by_kind: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_kind.setdefault(outcome.kind, []).append(outcome)
    if sent := by_kind.get("sent"):
        await session.execute(
            update(Delivery).where(Delivery.id.in_(_ids(sent))).values(status=DeliveryStatus.SENT, sent_at=now)
        )
    if again := by_kind.get("again"):
        await session.execute(
            update(Delivery).where(Delivery.id.in_(_ids(again))).values(status=DeliveryStatus.PENDING)
        )
    if blocked := by_kind.get("blocked"):
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(_ids(blocked)))
            .values(status=DeliveryStatus.BLOCKED, last_error="blocked")
        )
        await session.execute(update(User).where(User.tg_id.in_([o.chat_id for o in blocked])).values(blocked_at=now))
    if failed := by_kind.get("failed"):
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(_ids(failed)))
            .values(status=DeliveryStatus.FAILED, last_error=_errors(failed), attempts=Delivery.attempts + 1)
        )
    if retry := by_kind.get("retry"):
        # The right-hand sides see the row as it was: `attempts` is the number of earlier tries.
        backoff = {tries: literal(now + BACKOFF * 2**tries, UtcDateTime()) for tries in range(MAX_ATTEMPTS)}
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(_ids(retry)))
            .values(
                attempts=Delivery.attempts + 1,
                last_error=_errors(retry),
                status=case(
                    (Delivery.attempts + 1 >= MAX_ATTEMPTS, literal(DeliveryStatus.FAILED, Delivery.status.type)),
                    else_=literal(DeliveryStatus.PENDING, Delivery.status.type),
                ),
                next_attempt_at=case(backoff, value=Delivery.attempts, else_=backoff[MAX_ATTEMPTS - 1]),
            )
        )
    marked = None
    if in_flight is not None:
        marked = await session.scalar(
            update(Delivery)
            .where(Delivery.id == in_flight, Delivery.status == DeliveryStatus.PENDING)
            .values(status=DeliveryStatus.SENDING)
            .returning(Delivery.id)
        )
    await session.commit()
    return marked is not None


def _ids(outcomes: list[Outcome]) -> list[int]:
    return [outcome.delivery_id for outcome in outcomes]


def _errors(outcomes: list[Outcome]) -> ColumnElement[str]:
    """Each row's own error text, in the one UPDATE for all of them."""
    return case({outcome.delivery_id: outcome.error[:300] for outcome in outcomes}, value=Delivery.id)
