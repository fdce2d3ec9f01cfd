"""Mentoring: pairs made by coordinators and methodists, who is whose mentor, meetings the mentor logs."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.db import update_once
from services.errors import Forbidden, InvalidInput, NotFound
from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PairKind, PairStatus
from services.models.people import Organisation, Person, PersonSubject, Role, User
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, manager_scope, require_school_manager
from services.people.persons import is_young_specialist

DEFAULT_TERM = timedelta(days=365)
RESULT_OPENS = timedelta(days=30)  # the mentor writes the result from this long before the planned end
MAX_NOTES = 2000


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


async def _cards(session: AsyncSession, person_ids: set[int]) -> dict[int, PersonCard]:
    """People as pair screens show them, two queries however many."""
    subjects: dict[int, list[str]] = {person_id: [] for person_id in person_ids}
    for person_id, subject in await session.execute(
        select(PersonSubject.person_id, PersonSubject.subject)
        .where(PersonSubject.person_id.in_(person_ids))
        .order_by(PersonSubject.subject)
    ):
        subjects[person_id].append(subject)
    rows = await session.execute(
        select(Person.id, Person.full_name, Organisation.name, User.tg_id, User.language)
        .join(Organisation, Organisation.id == Person.school_id)
        .outerjoin(User, User.person_id == Person.id)
        .where(Person.id.in_(person_ids))
    )
    return {
        person_id: PersonCard(person_id, name, school, tuple(subjects[person_id]), tg_id, language or "ru")
        for person_id, name, school, tg_id, language in rows
    }


async def pair_views(session: AsyncSession, pairs: Sequence[MentorPair]) -> list[PairView]:
    """Pairs with both people and their last meeting, in three queries for any number of pairs."""
    if not pairs:
        return []
    last = dict(
        (
            await session.execute(
                select(Meeting.pair_id, func.max(Meeting.held_on))
                .where(Meeting.pair_id.in_([pair.id for pair in pairs]), Meeting.status != MeetingStatus.DISPUTED)
                .group_by(Meeting.pair_id)
            )
        ).all()
    )
    cards = await _cards(session, {pair.mentor_id for pair in pairs} | {pair.mentee_id for pair in pairs})
    return [
        PairView(
            pair.id,
            pair.kind,
            pair.status,
            pair.started_on,
            pair.planned_end,
            cards[pair.mentor_id],
            cards[pair.mentee_id],
            last.get(pair.id),
        )
        for pair in pairs
    ]


async def pair_view(session: AsyncSession, pair: MentorPair) -> PairView:
    return (await pair_views(session, [pair]))[0]


# The message to one of a pair's people (the mentor or the mentee card) about the pair.
PairNotice = Callable[[PairView, PersonCard], NewDelivery]


async def tell(
    session: AsyncSession, view: PairView, people: Sequence[PersonCard], notice: PairNotice, now: datetime
) -> None:
    """Queue a message to each of these people who joined the bot (the caller commits)."""
    await enqueue(session, [notice(view, card) for card in people if card.tg_id is not None], now=now)


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
    notice: PairNotice,
) -> NewPair:
    """Pair a mentor with a mentee in the actor's scope and tell them both; one active pair each way, a
    limit per mentor."""
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
        await session.flush()
    except IntegrityError as error:  # the partial unique index: this pair is already active
        await session.rollback()
        raise InvalidInput("pair-duplicate") from error
    view = await pair_view(session, pair)
    await tell(session, view, (view.mentor, view.mentee), notice, now)
    await session.commit()
    warning = "pair-young-other-kind" if young and kind != PairKind.YOUNG else None
    return NewPair(view, warning)


async def pairs_of(session: AsyncSession, *, person_id: int, as_mentor: bool) -> list[PairView]:
    """Active pairs in which the person is the mentor (their mentees) or the mentee (their mentors)."""
    side = MentorPair.mentor_id if as_mentor else MentorPair.mentee_id
    pairs = await session.scalars(
        select(MentorPair).where(side == person_id, MentorPair.status == PairStatus.ACTIVE).order_by(MentorPair.id)
    )
    return await pair_views(session, list(pairs))


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


def require_pair_manager(actor: Actor) -> None:
    """Coordinators, methodists and admins oversee pairs (each within their scope)."""
    if not (actor.has(Role.ADMIN) or actor.has(Role.METHODIST) or actor.has(Role.COORDINATOR)):
        raise Forbidden()


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
    result: str | None


async def scope_pairs(session: AsyncSession, *, actor: Actor) -> list[PairRow]:
    """Every pair whose mentee is in the actor's scope, with meeting counts (counted in SQL)."""
    require_pair_manager(actor)
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
            MentorPair.result,
        )
        .join(Person, Person.id == MentorPair.mentee_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .join(mentor, mentor.id == MentorPair.mentor_id)
        .outerjoin(meetings, meetings.c.pair_id == MentorPair.id)
        .where(manager_scope(actor))
        .order_by(Organisation.name, Person.full_name)
    )
    return [PairRow(*row) for row in rows]


async def managed_pair(session: AsyncSession, *, actor: Actor, pair_id: int) -> PairView:
    """An active pair a coordinator or methodist oversees: its mentee is in their scope."""
    require_pair_manager(actor)
    pair = await session.get(MentorPair, pair_id)
    if pair is None:
        raise NotFound()
    mentee = await session.get_one(Person, pair.mentee_id)
    await require_school_manager(session, actor, mentee.school_id)
    if pair.status != PairStatus.ACTIVE:
        raise InvalidInput("pair-already-ended")
    return await pair_view(session, pair)


async def end_pair(
    session: AsyncSession,
    *,
    actor: Actor,
    pair_id: int,
    completed: bool,
    reason: str,
    now: datetime,
    notice: PairNotice,
) -> PairView:
    """A coordinator or methodist completes or dissolves an active pair, with a reason, and both are told;
    kept for history."""
    await managed_pair(session, actor=actor, pair_id=pair_id)
    reason = clean_reason(reason)
    status = PairStatus.COMPLETED if completed else PairStatus.DISSOLVED
    await update_once(
        session,
        update(MentorPair)
        .where(MentorPair.id == pair_id, MentorPair.status == PairStatus.ACTIVE)
        .values(status=status, reason=reason, ended_at=now),
        InvalidInput("pair-already-ended"),
    )
    pair = await session.get_one(MentorPair, pair_id)
    await session.refresh(pair)
    view = await pair_view(session, pair)
    await tell(session, view, (view.mentor, view.mentee), notice, now)
    await session.commit()
    return view


def clean_reason(reason: str) -> str:
    """The result or the reason a pair ends with, on one line."""
    reason = " ".join(reason.split())
    if not reason or len(reason) > MAX_NOTES:
        raise InvalidInput("pair-bad-reason")
    return reason


async def record_result(
    session: AsyncSession, *, actor: Actor, pair_id: int, text: str, now: datetime, notice: PairNotice
) -> PairView:
    """The mentor's short result for the mentee near the end of the planned period (may be rewritten); the
    mentee is told."""
    pair, is_mentor = await pair_for(session, actor=actor, pair_id=pair_id)
    if not is_mentor:
        raise Forbidden()
    if now.date() < pair.planned_end - RESULT_OPENS:
        raise InvalidInput("pair-result-early", date=f"{pair.planned_end - RESULT_OPENS:%d.%m.%Y}")
    text = text.strip()
    if not text or len(text) > MAX_NOTES:
        raise InvalidInput("pair-bad-reason")
    pair.result, pair.result_at = text, now
    view = await pair_view(session, pair)
    await tell(session, view, (view.mentee,), notice, now)
    await session.commit()
    return view
