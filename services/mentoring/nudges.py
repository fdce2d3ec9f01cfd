"""Nudges for silent pairs: the mentor after a quiet fortnight, the school's managers after a month;
and, when the planned period is over, the mentor is asked for the result."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PairNudge, PairStatus
from services.models.people import Organisation, Person, User
from services.people.access import approver_chats
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


async def claim_nudges(session: AsyncSession, *, now: datetime, mentor_after: int, managers_after: int) -> list[Nudge]:
    """Silent active pairs due a nudge now (in the school's daytime), recorded before sending so none repeats."""
    last = (
        select(Meeting.pair_id, func.max(Meeting.held_on).label("held_on"))
        .where(Meeting.status != MeetingStatus.DISPUTED)
        .group_by(Meeting.pair_id)
        .subquery()
    )
    mentor = aliased(Person)
    since = func.coalesce(last.c.held_on, MentorPair.started_on)
    rows = await session.execute(
        select(
            MentorPair.id,
            since,
            mentor.full_name,
            Person.full_name,
            Person.school_id,
            Organisation.timezone,
            MentorPair.mentor_id,
        )
        .join(Person, Person.id == MentorPair.mentee_id)
        .join(mentor, mentor.id == MentorPair.mentor_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .outerjoin(last, last.c.pair_id == MentorPair.id)
        .where(MentorPair.status == PairStatus.ACTIVE, since <= now.date() - timedelta(days=mentor_after))
    )
    sent = {tuple(row) for row in await session.execute(select(PairNudge.pair_id, PairNudge.kind, PairNudge.since))}
    nudges: list[Nudge] = []
    records: list[dict[str, object]] = []
    for pair_id, quiet_since, mentor_name, mentee_name, school_id, timezone, mentor_id in rows:
        local = now.astimezone(ZoneInfo(timezone))
        if not DAY_STARTS <= local.hour < DAY_ENDS:
            continue
        days = (local.date() - quiet_since).days
        if days >= mentor_after and (pair_id, "mentor", quiet_since) not in sent:
            chat = (await session.execute(select(User.tg_id, User.language).where(User.person_id == mentor_id))).first()
            if chat is not None:
                nudges.append(Nudge(pair_id, chat[0], chat[1], "mentor", mentor_name, mentee_name, days))
            records.append({"pair_id": pair_id, "kind": "mentor", "since": quiet_since, "sent_at": now})
        if days >= managers_after and (pair_id, "managers", quiet_since) not in sent:
            for tg_id, language in await approver_chats(session, school_id=school_id):
                nudges.append(Nudge(pair_id, tg_id, language, "managers", mentor_name, mentee_name, days))
            records.append({"pair_id": pair_id, "kind": "managers", "since": quiet_since, "sent_at": now})
    await _result_requests(session, now, sent, nudges, records)
    if records:
        await session.execute(insert(PairNudge), records)
    await session.commit()
    return nudges


async def _result_requests(
    session: AsyncSession,
    now: datetime,
    sent: set[tuple[object, ...]],
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
        )
    )
    for pair_id, planned_end, mentor_name, mentee_name, timezone, tg_id, language in rows:
        if (pair_id, "result", planned_end) in sent or not DAY_STARTS <= now.astimezone(
            ZoneInfo(timezone)
        ).hour < DAY_ENDS:
            continue
        if tg_id is not None:
            nudges.append(Nudge(pair_id, tg_id, language, "result", mentor_name, mentee_name, 0))
        records.append({"pair_id": pair_id, "kind": "result", "since": planned_end, "sent_at": now})
