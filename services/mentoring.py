"""Mentoring: pairs made by coordinators and methodists, who is whose mentor, meetings the mentor logs."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.access import Actor, manager_scope, require_school_manager
from services.db import update_once
from services.errors import Forbidden, InvalidInput, NotFound
from services.mentoring_models import Meeting, MeetingStatus, MentorPair, PairKind, PairStatus
from services.models import Organisation, Person, PersonSubject, Role, User
from services.people import is_young_specialist

DEFAULT_TERM = timedelta(days=365)
MAX_TOPIC = 300
MAX_NOTES = 2000
MEETING_MAX_AGE = timedelta(days=90)  # older meetings are not logged after the fact


@dataclass(frozen=True)
class PersonCard:
    person_id: int
    full_name: str
    school: str
    subjects: tuple[str, ...]
    tg_id: int | None
    language: str


@dataclass(frozen=True)
class PairView:
    id: int
    kind: PairKind
    status: PairStatus
    started_on: date
    planned_end: date
    mentor: PersonCard
    mentee: PersonCard
    last_meeting: date | None


async def _card(session: AsyncSession, person_id: int) -> PersonCard:
    row = (
        await session.execute(
            select(Person.full_name, Organisation.name, User.tg_id, User.language)
            .join(Organisation, Organisation.id == Person.school_id)
            .outerjoin(User, User.person_id == Person.id)
            .where(Person.id == person_id)
        )
    ).one()
    subjects = tuple(await session.scalars(select(PersonSubject.subject).where(PersonSubject.person_id == person_id)))
    return PersonCard(person_id, row[0], row[1], subjects, row[2], row[3] or "ru")


async def pair_view(session: AsyncSession, pair: MentorPair) -> PairView:
    last = await session.scalar(
        select(func.max(Meeting.held_on)).where(Meeting.pair_id == pair.id, Meeting.status != MeetingStatus.DISPUTED)
    )
    return PairView(
        pair.id,
        pair.kind,
        pair.status,
        pair.started_on,
        pair.planned_end,
        await _card(session, pair.mentor_id),
        await _card(session, pair.mentee_id),
        last,
    )


@dataclass(frozen=True)
class NewPair:
    view: PairView
    warning: str | None  # said to the person who made the pair, e.g. the mentee is not a young specialist


async def create_pair(
    session: AsyncSession,
    *,
    actor: Actor,
    mentor_id: int,
    mentee_id: int,
    kind: PairKind,
    now: datetime,
    mentor_limit: int,
) -> NewPair:
    """Pair a mentor with a mentee in the actor's scope; one active pair each way, a limit per mentor."""
    if mentor_id == mentee_id:
        raise InvalidInput("pair-self")
    mentor, mentee = await session.get(Person, mentor_id), await session.get(Person, mentee_id)
    if mentor is None or mentee is None:
        raise NotFound()
    await require_school_manager(session, actor, mentee.school_id)
    await require_school_manager(session, actor, mentor.school_id)
    young = is_young_specialist(mentee.birth_date, mentee.work_start, now.date())
    if kind == PairKind.YOUNG and not young:
        raise InvalidInput("pair-not-young")
    active = await session.scalar(
        select(func.count()).where(MentorPair.mentor_id == mentor_id, MentorPair.status == PairStatus.ACTIVE)
    )
    if (active or 0) >= mentor_limit:
        raise InvalidInput("pair-mentor-limit", limit=mentor_limit)
    pair = MentorPair(
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        kind=kind,
        started_on=now.date(),
        planned_end=now.date() + DEFAULT_TERM,
        created_by_user_id=actor.user_id,
        created_at=now,
    )
    session.add(pair)
    try:
        await session.commit()
    except IntegrityError as error:  # the partial unique index: this pair is already active
        await session.rollback()
        raise InvalidInput("pair-duplicate") from error
    warning = "pair-young-other-kind" if young and kind != PairKind.YOUNG else None
    return NewPair(await pair_view(session, pair), warning)


async def pairs_of(session: AsyncSession, *, person_id: int, as_mentor: bool) -> list[PairView]:
    """Active pairs in which the person is the mentor (their mentees) or the mentee (their mentors)."""
    side = MentorPair.mentor_id if as_mentor else MentorPair.mentee_id
    pairs = await session.scalars(
        select(MentorPair).where(side == person_id, MentorPair.status == PairStatus.ACTIVE).order_by(MentorPair.id)
    )
    return [await pair_view(session, pair) for pair in pairs]


async def pair_for(session: AsyncSession, *, actor: Actor, pair_id: int) -> tuple[MentorPair, bool]:
    """An active pair the actor belongs to; the flag says whether they are its mentor."""
    pair = await session.get(MentorPair, pair_id)
    if pair is None or pair.status != PairStatus.ACTIVE:
        raise NotFound()
    if actor.person_id == pair.mentor_id:
        return pair, True
    if actor.person_id == pair.mentee_id:
        return pair, False
    raise Forbidden()


def parse_day(text: str) -> date:
    """A date typed as ДД.ММ.ГГГГ."""
    try:
        return datetime.strptime(text.strip(), "%d.%m.%Y").date()
    except ValueError as error:
        raise InvalidInput("route-bad-date") from error


async def log_meeting(
    session: AsyncSession,
    *,
    actor: Actor,
    pair_id: int,
    held_on: date,
    minutes: int,
    online: bool,
    topic: str,
    notes: str,
    now: datetime,
) -> int:
    """The mentor records a meeting (not in the future, not months ago); the mentee is asked to confirm."""
    pair, is_mentor = await pair_for(session, actor=actor, pair_id=pair_id)
    if not is_mentor:
        raise Forbidden()
    if held_on > now.date():
        raise InvalidInput("meeting-in-future")
    if held_on < now.date() - MEETING_MAX_AGE:
        raise InvalidInput("meeting-too-old")
    if not 5 <= minutes <= 480:
        raise InvalidInput("meeting-bad-minutes")
    topic = " ".join(topic.split())
    if not topic or len(topic) > MAX_TOPIC or len(notes) > MAX_NOTES:
        raise InvalidInput("meeting-bad-topic", limit=MAX_TOPIC)
    meeting = Meeting(
        pair_id=pair.id,
        held_on=held_on,
        minutes=minutes,
        online=online,
        topic=topic,
        notes=notes.strip(),
        created_at=now,
    )
    session.add(meeting)
    await session.commit()
    return meeting.id


async def answer_meeting(session: AsyncSession, *, actor: Actor, meeting_id: int, confirmed: bool) -> MeetingStatus:
    """The mentee confirms the meeting happened, or disputes it; once."""
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound()
    _pair, is_mentor = await pair_for(session, actor=actor, pair_id=meeting.pair_id)
    if is_mentor:
        raise Forbidden()
    if meeting.status != MeetingStatus.PENDING:
        raise InvalidInput("meeting-already-answered")
    meeting.status = MeetingStatus.CONFIRMED if confirmed else MeetingStatus.DISPUTED
    await session.commit()
    return meeting.status


@dataclass(frozen=True)
class PairRow:
    """A pair as coordinators and methodists see it in their overview."""

    id: int
    school: str
    mentor: str
    mentee: str
    kind: PairKind
    status: PairStatus
    started_on: date
    meetings: int
    last_meeting: date | None


async def scope_pairs(session: AsyncSession, *, actor: Actor) -> list[PairRow]:
    """Every pair whose mentee is in the actor's scope, with meeting counts (counted in SQL)."""
    if not (actor.has(Role.ADMIN) or actor.has(Role.METHODIST) or actor.has(Role.COORDINATOR)):
        raise Forbidden()
    mentor = aliased(Person)
    counted = MeetingStatus.PENDING, MeetingStatus.CONFIRMED
    meetings = (
        select(Meeting.pair_id, func.count().label("held"), func.max(Meeting.held_on).label("last"))
        .where(Meeting.status.in_(counted))
        .group_by(Meeting.pair_id)
        .subquery()
    )
    rows = await session.execute(
        select(
            MentorPair.id,
            Organisation.name,
            mentor.full_name,
            Person.full_name,
            MentorPair.kind,
            MentorPair.status,
            MentorPair.started_on,
            func.coalesce(meetings.c.held, 0),
            meetings.c.last,
        )
        .join(Person, Person.id == MentorPair.mentee_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .join(mentor, mentor.id == MentorPair.mentor_id)
        .outerjoin(meetings, meetings.c.pair_id == MentorPair.id)
        .where(manager_scope(actor))
        .order_by(Organisation.name, Person.full_name)
    )
    return [PairRow(*row) for row in rows]


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
    await scope_pairs(session, actor=actor)  # the same permission
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


async def end_pair(
    session: AsyncSession, *, actor: Actor, pair_id: int, completed: bool, reason: str, now: datetime
) -> PairView:
    """A coordinator or methodist completes or dissolves an active pair, with a reason; kept for history."""
    pair = await session.get(MentorPair, pair_id)
    if pair is None:
        raise NotFound()
    mentee = await session.get_one(Person, pair.mentee_id)
    await require_school_manager(session, actor, mentee.school_id)
    reason = " ".join(reason.split())
    if not reason or len(reason) > MAX_NOTES:
        raise InvalidInput("pair-bad-reason")
    status = PairStatus.COMPLETED if completed else PairStatus.DISSOLVED
    await update_once(
        session,
        update(MentorPair)
        .where(MentorPair.id == pair_id, MentorPair.status == PairStatus.ACTIVE)
        .values(status=status, reason=reason, ended_at=now),
        InvalidInput("pair-already-ended"),
    )
    await session.commit()
    await session.refresh(pair)
    return await pair_view(session, pair)
