"""A pair's mentoring plan: topics by month, proposed from a template, kept by the mentor; a topic is
covered once a meeting on it is logged and not disputed."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound
from services.mentoring.meetings import clean_topic
from services.mentoring.pairs import pair_for
from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PlanTopic
from services.people.access import Actor

MAX_TOPICS = 36  # three a month for a year; the plan must fit one message


@dataclass(frozen=True)
class PlanLine:
    id: int
    month: date
    topic: str
    covered: bool


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def plan_months(pair: MentorPair, limit: int = 12) -> list[date]:
    """The months of the pair's planned period (at most `limit`), in which topics can be placed."""
    first, last = month_of(pair.started_on), month_of(pair.planned_end)
    months: list[date] = []
    while first <= last and len(months) < limit:
        months.append(first)
        first = add_months(first, 1)
    return months


async def plan_of(session: AsyncSession, *, actor: Actor, pair_id: int) -> tuple[MentorPair, bool, list[PlanLine]]:
    """The plan of a pair the actor belongs to (the flag: they are its mentor), with coverage."""
    pair, is_mentor = await pair_for(session, actor=actor, pair_id=pair_id)
    covered = exists().where(Meeting.plan_topic_id == PlanTopic.id, Meeting.status != MeetingStatus.DISPUTED)
    rows = await session.execute(
        select(PlanTopic.id, PlanTopic.month, PlanTopic.topic, covered)
        .where(PlanTopic.pair_id == pair.id)
        .order_by(PlanTopic.month, PlanTopic.id)
    )
    return pair, is_mentor, [PlanLine(*row) for row in rows]


async def _mentors_pair(session: AsyncSession, actor: Actor, pair_id: int) -> MentorPair:
    pair, is_mentor = await pair_for(session, actor=actor, pair_id=pair_id)
    if not is_mentor:
        raise Forbidden()
    return pair


async def _topic_count(session: AsyncSession, pair_id: int) -> int:
    return await session.scalar(select(func.count()).where(PlanTopic.pair_id == pair_id)) or 0


async def propose_plan(session: AsyncSession, *, actor: Actor, pair_id: int, template: list[str]) -> int:
    """Fill an empty plan from the template, one topic a month from the start; returns how many."""
    pair = await _mentors_pair(session, actor, pair_id)
    if await _topic_count(session, pair.id):
        raise InvalidInput("plan-not-empty")
    months = plan_months(pair, limit=len(template))
    for month, topic in zip(months, template, strict=False):
        session.add(PlanTopic(pair_id=pair.id, month=month, topic=topic))
    await session.commit()
    return min(len(months), len(template))


async def add_topic(session: AsyncSession, *, actor: Actor, pair_id: int, month: date, topic: str) -> None:
    pair = await _mentors_pair(session, actor, pair_id)
    if month not in plan_months(pair):
        raise InvalidInput("plan-bad-month")
    topic = clean_topic(topic)
    if await _topic_count(session, pair.id) >= MAX_TOPICS:
        raise InvalidInput("plan-too-many", limit=MAX_TOPICS)
    session.add(PlanTopic(pair_id=pair.id, month=month, topic=topic))
    await session.commit()


async def remove_topic(session: AsyncSession, *, actor: Actor, topic_id: int) -> int:
    """Remove a topic from the plan (meetings on it keep their text); returns the pair."""
    topic = await session.get(PlanTopic, topic_id)
    if topic is None:
        raise NotFound()
    await _mentors_pair(session, actor, topic.pair_id)
    await session.execute(delete(PlanTopic).where(PlanTopic.id == topic_id))
    await session.commit()
    return topic.pair_id
