"""The meeting log: the mentor records meetings and the mentee confirms or disputes them (or the mentee proposes
one and the mentor confirms it), the mentor may correct or delete an entry within a day, both read the pair's
log, managers read the log of their scope."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.errors import Forbidden, InvalidInput, NotFound
from services.mentoring.pairs import MAX_NOTES, PairView, pair_for, pair_view, require_pair_manager
from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PlanTopic
from services.models.people import Organisation, Person
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, manager_scope

MAX_TOPIC = 300
MEETING_MAX_AGE = timedelta(days=90)  # older meetings are not logged after the fact
EDIT_WINDOW = timedelta(days=1)  # the mentor may correct or delete an entry this long after logging it
MIN_MINUTES, MAX_MINUTES = 5, 480


def parse_day(text: str) -> date:
    """A date typed as ДД.ММ.ГГГГ."""
    try:
        return datetime.strptime(text.strip(), "%d.%m.%Y").date()
    except ValueError as error:
        raise InvalidInput("route-bad-date") from error


def check_meeting_day(held_on: date, today: date) -> date:
    """A meeting is logged after it happened, and not months later."""
    if held_on > today:
        raise InvalidInput("meeting-in-future")
    if held_on < today - MEETING_MAX_AGE:
        raise InvalidInput("meeting-too-old")
    return held_on


def clean_topic(topic: str) -> str:
    topic = " ".join(topic.split())
    if not topic or len(topic) > MAX_TOPIC:
        raise InvalidInput("meeting-bad-topic", limit=MAX_TOPIC)
    return topic


def clean_notes(notes: str) -> str:
    notes = "" if notes.strip() == "-" else notes.strip()
    if len(notes) > MAX_NOTES:
        raise InvalidInput("meeting-bad-topic", limit=MAX_TOPIC)
    return notes


async def log_meeting(
    session: AsyncSession,
    *,
    actor: Actor,
    pair_id: int,
    held_on: date,
    minutes: int,
    online: bool,
    topic: str,
    plan_topic_id: int | None,
    notes: str,
    now: datetime,
    notice: Callable[[Meeting, PairView], NewDelivery],
) -> Meeting:
    """A meeting (not in the future, not months ago) on a plan topic or a topic typed in, recorded by the
    mentor or proposed by the mentee; the other side (given their chat) is asked to confirm it."""
    pair, is_mentor = await pair_for(session, actor=actor, pair_id=pair_id)
    check_meeting_day(held_on, now.date())
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidInput("meeting-bad-minutes")
    if plan_topic_id is not None:
        planned = await session.scalar(
            select(PlanTopic.topic).where(PlanTopic.id == plan_topic_id, PlanTopic.pair_id == pair.id)
        )
        if planned is None:
            raise NotFound()
        topic = planned
    meeting = Meeting(
        pair_id=pair.id,
        held_on=held_on,
        minutes=minutes,
        online=online,
        topic=clean_topic(topic),
        plan_topic_id=plan_topic_id,
        notes=clean_notes(notes),
        logged_by_mentee=not is_mentor,
        created_at=now,
    )
    session.add(meeting)
    await session.flush()
    view = await pair_view(session, pair)
    if (view.mentee if is_mentor else view.mentor).tg_id is not None:
        await enqueue(session, [notice(meeting, view)], now=now)
    await session.commit()
    return meeting


async def answer_meeting(
    session: AsyncSession,
    *,
    actor: Actor,
    meeting_id: int,
    confirmed: bool,
    now: datetime,
    notice: Callable[[Meeting, PairView], NewDelivery] | None = None,
) -> Meeting:
    """The side that did not log the meeting confirms it happened, or disputes it; once. A mentee who proposed
    the entry (given their chat) is told the mentor's answer, in the same transaction."""
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound()
    pair, is_mentor = await pair_for(session, actor=actor, pair_id=meeting.pair_id)
    if is_mentor != meeting.logged_by_mentee:
        raise Forbidden()
    if meeting.status != MeetingStatus.PENDING:
        raise InvalidInput("meeting-already-answered")
    meeting.status = MeetingStatus.CONFIRMED if confirmed else MeetingStatus.DISPUTED
    if meeting.logged_by_mentee and notice is not None:
        view = await pair_view(session, pair)
        if view.mentee.tg_id is not None:
            await enqueue(session, [notice(meeting, view)], now=now)
    await session.commit()
    return meeting


async def own_meeting(session: AsyncSession, *, actor: Actor, meeting_id: int, now: datetime) -> Meeting:
    """A meeting of the actor's pair, the actor its mentor, still within the correction window."""
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound()
    _pair, is_mentor = await pair_for(session, actor=actor, pair_id=meeting.pair_id)
    if not is_mentor:
        raise Forbidden()
    if meeting.created_at < now - EDIT_WINDOW:
        raise InvalidInput("meeting-edit-closed")
    return meeting


async def edit_meeting(
    session: AsyncSession, *, actor: Actor, meeting_id: int, topic: str | None, notes: str | None, now: datetime
) -> Meeting:
    """Correct the topic (it then no longer counts for a plan topic) or the notes of one's recent entry."""
    meeting = await own_meeting(session, actor=actor, meeting_id=meeting_id, now=now)
    if topic is not None:
        meeting.topic, meeting.plan_topic_id = clean_topic(topic), None
    if notes is not None:
        meeting.notes = clean_notes(notes)
    await session.commit()
    return meeting


async def delete_meeting(session: AsyncSession, *, actor: Actor, meeting_id: int, now: datetime) -> int:
    """Delete one's recent entry; returns its pair."""
    meeting = await own_meeting(session, actor=actor, meeting_id=meeting_id, now=now)
    await session.delete(meeting)
    await session.commit()
    return meeting.pair_id


@dataclass(frozen=True)
class RecentEntry:
    """A logged meeting the mentor may still correct."""

    id: int
    held_on: date
    topic: str


async def recent_meetings(session: AsyncSession, *, actor: Actor, pair_id: int, now: datetime) -> list[RecentEntry]:
    """The entries still open to correction, newest first, for the pair's mentor only."""
    _pair, is_mentor = await pair_for(session, actor=actor, pair_id=pair_id)
    if not is_mentor:
        raise Forbidden()
    rows = await session.execute(
        select(Meeting.id, Meeting.held_on, Meeting.topic)
        .where(Meeting.pair_id == pair_id, Meeting.created_at >= now - EDIT_WINDOW)
        .order_by(Meeting.id.desc())
    )
    return [RecentEntry(*row) for row in rows]


@dataclass(frozen=True)
class LogEntry:
    """A meeting as the pair's people see it in their log."""

    id: int
    held_on: date
    minutes: int
    online: bool
    topic: str
    status: MeetingStatus
    logged_by_mentee: bool


async def pair_log(
    session: AsyncSession, *, actor: Actor, pair_id: int, page: int, size: int
) -> tuple[list[LogEntry], int]:
    """One page of the pair's meetings, newest first, for either of its people; and how many there are."""
    await pair_for(session, actor=actor, pair_id=pair_id)
    total = await session.scalar(select(func.count()).where(Meeting.pair_id == pair_id)) or 0
    rows = await session.execute(
        select(
            Meeting.id,
            Meeting.held_on,
            Meeting.minutes,
            Meeting.online,
            Meeting.topic,
            Meeting.status,
            Meeting.logged_by_mentee,
        )
        .where(Meeting.pair_id == pair_id)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .offset(page * size)
        .limit(size)
    )
    return [LogEntry(*row) for row in rows], total


@dataclass(frozen=True)
class MeetingRow:
    school: str
    mentor: str
    mentee: str
    held_on: date
    minutes: int
    online: bool
    topic: str
    notes: str
    status: MeetingStatus


async def meeting_log(session: AsyncSession, *, actor: Actor) -> list[MeetingRow]:
    """School, mentor, mentee, date, minutes, format, topic, notes and status of every meeting in scope."""
    require_pair_manager(actor)
    mentor = aliased(Person)
    rows = await session.execute(
        select(
            Organisation.name,
            mentor.full_name,
            Person.full_name,
            Meeting.held_on,
            Meeting.minutes,
            Meeting.online,
            Meeting.topic,
            Meeting.notes,
            Meeting.status,
        )
        .join(MentorPair, MentorPair.id == Meeting.pair_id)
        .join(Person, Person.id == MentorPair.mentee_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .join(mentor, mentor.id == MentorPair.mentor_id)
        .where(manager_scope(actor))
        .order_by(Meeting.held_on, Meeting.id)
    )
    return [MeetingRow(*row) for row in rows]
