"""News broadcasts: a methodist's draft, its audience counted exactly, sending now or at a time, and the
delivery report. Recipients are resolved when the broadcast is released and written to the outbox."""

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from html import unescape
from typing import Any

from sqlalchemy import Select, exists, false, func, or_, select, union, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound
from services.events.events import EventCard, card_of
from services.models.delivery import Broadcast, BroadcastStatus, Delivery, DeliveryStatus
from services.models.events import Event, EventStatus, Registration, RegistrationStatus
from services.models.mentoring import MentorPair, PairStatus
from services.models.people import Organisation, OrgKind, Person, PersonSubject, Role, RoleGrant, User
from services.numbers import parse_id
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, organiser_municipality
from services.people.persons import young_specialist_clause

AUDIENCE_KINDS = ("all", "schools", "roles", "subjects", "young", "mentors", "event")
ROLE_CHOICES = ("teacher", "mentor", "coordinator", "methodist")
MAX_TEXT = 4096
MAX_CAPTION = 1024
TAG = re.compile(r"<[^>]+>")
PAST_EVENTS = timedelta(days=7)  # the participants of an event that ended this long ago can still be written to


@dataclass(frozen=True)
class Audience:
    kind: str = "all"
    values: list[str] = field(default_factory=list)  # school ids, roles, subjects or an event id

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Audience":
        data = json.loads(text or "{}")
        return cls(data.get("kind", "all"), list(data.get("values", [])))


def _scope_schools(municipality_id: int) -> Select[int]:
    return select(Organisation.id).where(Organisation.kind == OrgKind.SCHOOL, Organisation.parent_id == municipality_id)


def _people_users(municipality_id: int) -> Select[int, int]:
    """Users linked to active roster people of the municipality who consented and have not blocked the bot."""
    return (
        select(User.id, User.tg_id)
        .join(Person, Person.id == User.person_id)
        .where(
            Person.is_active,
            Person.school_id.in_(_scope_schools(municipality_id)),
            User.consent_at.is_not(None),
            User.blocked_at.is_(None),
        )
    )


def _grant_users(municipality_id: int, roles: list[Role]) -> Select[int, int]:
    """Users holding one of the roles on the municipality or one of its schools."""
    return (
        select(User.id, User.tg_id)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(
            RoleGrant.role.in_(roles),
            or_(RoleGrant.org_id == municipality_id, RoleGrant.org_id.in_(_scope_schools(municipality_id))),
            User.blocked_at.is_(None),
        )
    )


def _mentor_users(municipality_id: int) -> list[Select[int, int]]:
    in_pair = exists().where(MentorPair.mentor_id == Person.id, MentorPair.status == PairStatus.ACTIVE)
    return [_people_users(municipality_id).where(in_pair), _grant_users(municipality_id, [Role.MENTOR])]


def recipients(municipality_id: int, audience: Audience, today: date) -> Select[int, int]:
    """Distinct (user id, chat id) of the audience, as SQL."""
    people = _people_users(municipality_id)
    values = audience.values
    parts: list[Select[int, int]]
    match audience.kind:
        case "all":
            parts = [people, _grant_users(municipality_id, [Role.COORDINATOR, Role.METHODIST, Role.MENTOR])]
        case "schools":
            school_ids = [school_id for value in values if (school_id := parse_id(value)) is not None]
            parts = [people.where(Person.school_id.in_(school_ids))]
        case "subjects":
            chosen = exists().where(PersonSubject.person_id == Person.id, PersonSubject.subject.in_(values))
            parts = [people.where(chosen)]
        case "young":
            parts = [people.where(young_specialist_clause(today))]
        case "mentors":
            parts = _mentor_users(municipality_id)
        case "event":
            event_id = (parse_id(values[0]) if values else None) or 0
            came = exists().where(
                Registration.person_id == Person.id,
                Registration.event_id == event_id,
                Registration.status.in_(
                    [RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.WAITLISTED]
                ),
            )
            parts = [people.where(came)]
        case "roles":
            parts = []
            if "teacher" in values:
                parts.append(people)
            if "mentor" in values:
                parts += _mentor_users(municipality_id)
            grants = [Role(v) for v in values if v in ("coordinator", "methodist")]
            if grants:
                parts.append(_grant_users(municipality_id, grants))
        case _:
            raise InvalidInput("stale-button")
    if not parts:
        return people.where(false())
    combined = union(*parts).subquery()
    return select(combined.c[0], combined.c[1])


def plain_text(html: str) -> str:
    """What a reader sees of the stored HTML, for one-line summaries."""
    return unescape(TAG.sub("", html))


async def scope_subjects(session: AsyncSession, *, municipality_id: int) -> list[str]:
    """The subjects taught in the municipality, for choosing an audience."""
    rows = await session.scalars(
        select(PersonSubject.subject)
        .join(Person, Person.id == PersonSubject.person_id)
        .where(Person.is_active, Person.school_id.in_(_scope_schools(municipality_id)))
        .distinct()
        .order_by(PersonSubject.subject)
    )
    return list(rows)


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


async def count_recipients(session: AsyncSession, municipality_id: int, audience: Audience, today: date) -> int:
    query = recipients(municipality_id, audience, today).subquery()
    return await session.scalar(select(func.count()).select_from(query)) or 0


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
