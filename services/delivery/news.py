"""News broadcasts: a methodist's draft, its audience and event card, sending now or at a time, or calling it
back. Recipients are resolved when the broadcast is released and written to the outbox. Who the audience is lives
in news_audience.py, how a broadcast went in news_reports.py."""

import re
from datetime import date, datetime, timedelta
from html import unescape

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.delivery.news_audience import Audience, count_recipients, recipients
from services.errors import Forbidden, InvalidInput, NotFound
from services.events.events import EventCard, card_of
from services.models.delivery import Broadcast, BroadcastStatus
from services.models.events import Event, EventStatus
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, organiser_municipality

MAX_TEXT = 4096
MAX_CAPTION = 1024
TAG = re.compile(r"<[^>]+>")
PAST_EVENTS = timedelta(days=7)  # the participants of an event that ended this long ago can still be written to


def plain_text(html: str) -> str:
    """What a reader sees of the stored HTML, for one-line summaries."""
    return unescape(TAG.sub("", html))


def shown_text(broadcast: Broadcast) -> str:
    """The news as recipients see it: its text, and under it the attached event's card."""
    return f"{broadcast.text}\n\n{broadcast.card}" if broadcast.card else broadcast.text


def check_text(text: str, *, with_media: bool) -> None:
    """Telegram's limits: 4096 characters for a message, 1024 for a caption (counted as shown)."""
    limit = MAX_CAPTION if with_media else MAX_TEXT
    if not text.strip() and not with_media:
        raise InvalidInput("news-empty")
    if len(text) > limit:
        raise InvalidInput("news-too-long", limit=limit, length=len(text))


async def create_draft(
    session: AsyncSession, *, actor: Actor, html: str, media_kind: str | None, file_id: str | None, now: datetime
) -> Broadcast:
    broadcast = Broadcast(
        author_user_id=actor.user_id,
        org_id=organiser_municipality(actor),
        text=html,
        media_kind=media_kind,
        file_id=file_id,
        created_at=now,
    )
    session.add(broadcast)
    await session.commit()
    return broadcast


async def own_broadcast(session: AsyncSession, *, actor: Actor, broadcast_id: int) -> Broadcast:
    """A broadcast of the actor's own: nobody acts on another methodist's news by a forged button."""
    organiser_municipality(actor)
    broadcast = await session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise NotFound()
    if broadcast.author_user_id != actor.user_id:
        raise Forbidden()
    return broadcast


async def set_audience(
    session: AsyncSession, *, actor: Actor, broadcast_id: int, audience: Audience, today: date
) -> int:
    """Keep the chosen audience on the draft; returns the exact number of recipients now."""
    broadcast = await own_broadcast(session, actor=actor, broadcast_id=broadcast_id)
    if broadcast.status != BroadcastStatus.DRAFT:
        raise InvalidInput("news-not-draft")
    broadcast.audience = audience.to_json()
    await session.commit()
    return await count_recipients(session, broadcast.org_id, audience, today)


async def news_events(
    session: AsyncSession, *, actor: Actor, now: datetime, open_only: bool, page: int, per_page: int
) -> tuple[list[EventCard], int]:
    """One page of the municipality's events for a news item, and how many there are: those still open for sign-up
    (`open_only`, for an attached card), or those from a week ago on (for writing to their participants)."""
    municipality_id = organiser_municipality(actor)
    where = [Event.municipality_id == municipality_id]
    if open_only:
        where += [Event.status == EventStatus.ACTIVE, Event.starts_at > now]
        where.append(or_(Event.registration_until.is_(None), Event.registration_until >= now))
    else:
        where.append(Event.ends_at > now - PAST_EVENTS)
    total = await session.scalar(select(func.count()).select_from(Event).where(*where)) or 0
    rows = await session.scalars(
        select(Event).where(*where).order_by(Event.starts_at, Event.id).offset(page * per_page).limit(per_page)
    )
    return [card_of(event) for event in rows], total


async def attach_card(
    session: AsyncSession, *, actor: Actor, broadcast_id: int, card: str | None, markup: str | None
) -> Broadcast:
    """Put an event's card (its text and the keyboard every copy carries) under a draft, or take it off (None);
    the news with its card must still fit one message."""
    broadcast = await own_broadcast(session, actor=actor, broadcast_id=broadcast_id)
    if broadcast.status != BroadcastStatus.DRAFT:
        raise InvalidInput("news-not-draft")
    broadcast.card, broadcast.markup = card, markup
    limit = MAX_CAPTION if broadcast.media_kind else MAX_TEXT
    length = len(plain_text(shown_text(broadcast)))
    if length > limit:
        raise InvalidInput("news-card-too-long", length=length, limit=limit)
    await session.commit()
    return broadcast


async def send_now(
    session: AsyncSession, *, actor: Actor, broadcast_id: int, progress_chat_id: int, now: datetime
) -> int:
    """Release the draft at once: its deliveries are written now; returns how many."""
    broadcast = await _ready(session, actor, broadcast_id, now)
    broadcast.progress_chat_id = progress_chat_id
    return await _release(session, broadcast, now)


async def schedule(
    session: AsyncSession, *, actor: Actor, broadcast_id: int, at: datetime, progress_chat_id: int, now: datetime
) -> Broadcast:
    if at <= now:
        raise InvalidInput("news-in-past")
    broadcast = await _ready(session, actor, broadcast_id, now)
    broadcast.status, broadcast.scheduled_at, broadcast.progress_chat_id = (
        BroadcastStatus.SCHEDULED,
        at,
        progress_chat_id,
    )
    await session.commit()
    return broadcast


async def _ready(session: AsyncSession, actor: Actor, broadcast_id: int, now: datetime) -> Broadcast:
    broadcast = await own_broadcast(session, actor=actor, broadcast_id=broadcast_id)
    if broadcast.status != BroadcastStatus.DRAFT:
        raise InvalidInput("news-not-draft")
    audience = Audience.from_json(broadcast.audience)
    if not await count_recipients(session, broadcast.org_id, audience, now.date()):
        raise InvalidInput("news-no-recipients")
    return broadcast


async def cancellable(session: AsyncSession, *, actor: Actor, broadcast_id: int) -> Broadcast:
    """The actor's scheduled broadcast (or draft) that may still be called back, for the question before it is."""
    broadcast = await own_broadcast(session, actor=actor, broadcast_id=broadcast_id)
    if broadcast.status not in (BroadcastStatus.DRAFT, BroadcastStatus.SCHEDULED):
        raise InvalidInput("news-not-cancellable")
    return broadcast


async def cancel(session: AsyncSession, *, actor: Actor, broadcast_id: int) -> None:
    """Cancel a scheduled broadcast (or drop a draft); one already released cannot be called back."""
    broadcast = await own_broadcast(session, actor=actor, broadcast_id=broadcast_id)
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast.id, Broadcast.status.in_([BroadcastStatus.DRAFT, BroadcastStatus.SCHEDULED]))
        .values(status=BroadcastStatus.CANCELLED)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise InvalidInput("news-not-cancellable")
    await session.commit()


async def _release(session: AsyncSession, broadcast: Broadcast, now: datetime) -> int:
    audience = Audience.from_json(broadcast.audience)
    rows = await session.execute(recipients(broadcast.org_id, audience, now.date()))
    # With an event's card every copy carries the card and its button; else the text is the broadcast's own.
    text = shown_text(broadcast) if broadcast.card else None
    deliveries = [
        NewDelivery(
            key=f"news:{broadcast.id}:{user_id}",
            chat_id=chat_id,
            user_id=user_id,
            broadcast_id=broadcast.id,
            text=text,
            markup=broadcast.markup,
        )
        for user_id, chat_id in rows
    ]
    await enqueue(session, deliveries, now=now)
    broadcast.status, broadcast.released_at, broadcast.recipients = BroadcastStatus.SENDING, now, len(deliveries)
    await session.commit()
    return len(deliveries)


async def send_copies(
    session: AsyncSession,
    *,
    actor: Actor,
    label: str,
    chats: list[int],
    copy_chat_id: int,
    copy_message_id: int,
    progress_chat_id: int,
    progress_message_id: int,
    now: datetime,
) -> None:
    """Copy one message of the actor's to the given chats through the outbox (e.g. an event's materials)."""
    broadcast = Broadcast(
        author_user_id=actor.user_id,
        org_id=organiser_municipality(actor),
        text=label,
        copy_chat_id=copy_chat_id,
        copy_message_id=copy_message_id,
        status=BroadcastStatus.SENDING,
        created_at=now,
        released_at=now,
        recipients=len(set(chats)),
        progress_chat_id=progress_chat_id,
        progress_message_id=progress_message_id,
    )
    session.add(broadcast)
    await session.flush()
    await enqueue(
        session,
        [
            NewDelivery(key=f"copy:{broadcast.id}:{chat}", chat_id=chat, broadcast_id=broadcast.id)
            for chat in set(chats)
        ],
        now=now,
    )
    await session.commit()


async def release_due(session: AsyncSession, *, now: datetime) -> int:
    """Scheduled broadcasts whose time has come get their deliveries; returns how many were released."""
    due = list(
        await session.scalars(
            select(Broadcast).where(Broadcast.status == BroadcastStatus.SCHEDULED, Broadcast.scheduled_at <= now)
        )
    )
    for broadcast in due:
        await _release(session, broadcast, now)
    return len(due)
