"""Nudges for silent pairs: the mentor after a quiet fortnight, the school's managers after a month;
and, when the planned period is over, the mentor is asked for the result."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, exists, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PairNudge, PairStatus
from services.models.people import Organisation, Person, User
from services.outbox import NewDelivery, enqueue
from services.people.access import approver_chats_of_schools
from services.routes.reminders import DAY_ENDS, DAY_STARTS


@dataclass(frozen=True)
class Nudge:
    pair_id: int
    tg_id: int
    language: str
    kind: str  # "mentor", "managers" or "result"
    mentor: str
    mentee: str
    days: int


async def queue_nudges(
    session: AsyncSession,
    *,
    now: datetime,
    mentor_after: int,
    managers_after: int,
    render: Callable[[Nudge], NewDelivery],
) -> int:
    """Put the nudges due now into the outbox and mark them sent, in one transaction; returns how many."""
    due = await _claim_nudges(session, now=now, mentor_after=mentor_after, managers_after=managers_after)
    await enqueue(session, [render(nudge) for nudge in due], now=now)
    await session.commit()
    return len(due)


def _not_sent(kind: str, since: ColumnElement[date] | InstrumentedAttribute[date]) -> ColumnElement[bool]:
    return ~exists().where(PairNudge.pair_id == MentorPair.id, PairNudge.kind == kind, PairNudge.since == since)


async def _claim_nudges(session: AsyncSession, *, now: datetime, mentor_after: int, managers_after: int) -> list[Nudge]:
    """Silent active pairs due a nudge now (in the school's daytime), marked as sent so none repeats; the
    caller commits."""
    last = (
        select(Meeting.pair_id, func.max(Meeting.held_on).label("held_on"))
        .where(Meeting.status != MeetingStatus.DISPUTED)
        .group_by(Meeting.pair_id)
        .subquery()
    )
    mentor = aliased(Person)
    since = func.coalesce(last.c.held_on, MentorPair.started_on)
    mentor_due, managers_due = _not_sent("mentor", since), _not_sent("managers", since)
    rows = await session.execute(
        select(
            MentorPair.id,
            since,
            mentor.full_name,
            Person.full_name,
            Person.school_id,
            Organisation.timezone,
            User.tg_id,
            User.language,
            mentor_due,
            managers_due,
        )
        .join(Person, Person.id == MentorPair.mentee_id)
        .join(mentor, mentor.id == MentorPair.mentor_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .outerjoin(User, User.person_id == MentorPair.mentor_id)
        .outerjoin(last, last.c.pair_id == MentorPair.id)
        .where(
            MentorPair.status == PairStatus.ACTIVE,
            since <= now.date() - timedelta(days=mentor_after),
            or_(mentor_due, managers_due),
        )
    )
    nudges: list[Nudge] = []
    records: list[dict[str, object]] = []
    escalated: list[tuple[int, int, str, str, int]] = []  # pair, school, mentor, mentee, days
    for pair_id, quiet_since, mentor_name, mentee_name, school_id, timezone, tg_id, language, *due in rows:
        local = now.astimezone(ZoneInfo(timezone))
        if not DAY_STARTS <= local.hour < DAY_ENDS:
            continue
        days = (local.date() - quiet_since).days
        if days >= mentor_after and due[0]:
            if tg_id is not None:
                nudges.append(Nudge(pair_id, tg_id, language, "mentor", mentor_name, mentee_name, days))
            records.append({"pair_id": pair_id, "kind": "mentor", "since": quiet_since, "sent_at": now})
        if days >= managers_after and due[1]:
            escalated.append((pair_id, school_id, mentor_name, mentee_name, days))
            records.append({"pair_id": pair_id, "kind": "managers", "since": quiet_since, "sent_at": now})
    approvers = await approver_chats_of_schools(session, {school_id for _pair, school_id, *_rest in escalated})
    for pair_id, school_id, mentor_name, mentee_name, days in escalated:
        for tg_id, language in approvers.get(school_id, []):
            nudges.append(Nudge(pair_id, tg_id, language, "managers", mentor_name, mentee_name, days))
    await _result_requests(session, now, nudges, records)
    if records:
        await session.execute(insert(PairNudge), records)
    return nudges


async def _result_requests(
    session: AsyncSession,
    now: datetime,
    nudges: list[Nudge],
    records: list[dict[str, object]],
) -> None:
    """Active pairs past their planned end without the mentor's result: ask the mentor, once."""
    mentor = aliased(Person)
    rows = await session.execute(
        select(MentorPair.id, MentorPair.planned_end, mentor.full_name, Person.full_name, Organisation.timezone)
        .add_columns(User.tg_id, User.language)
        .join(Person, Person.id == MentorPair.mentee_id)
        .join(mentor, mentor.id == MentorPair.mentor_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .outerjoin(User, User.person_id == MentorPair.mentor_id)
        .where(
            MentorPair.status == PairStatus.ACTIVE,
            MentorPair.result.is_(None),
            MentorPair.planned_end <= now.date(),
            _not_sent("result", MentorPair.planned_end),
        )
    )
    for pair_id, planned_end, mentor_name, mentee_name, timezone, tg_id, language in rows:
        if not DAY_STARTS <= now.astimezone(ZoneInfo(timezone)).hour < DAY_ENDS:
            continue
        if tg_id is not None:
            nudges.append(Nudge(pair_id, tg_id, language, "result", mentor_name, mentee_name, 0))
        records.append({"pair_id": pair_id, "kind": "result", "since": planned_end, "sent_at": now})
