"""Mentoring in numbers for a manager's scope: pairs, people in them, young specialists covered, meetings
by month. Counted in SQL; the indicator measures count the same way."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.mentoring.pairs import require_pair_manager
from services.mentoring.plan import add_months, month_of
from services.models.mentoring import Meeting, MeetingStatus, MentorPair, PairStatus
from services.models.people import Organisation, Person
from services.people.access import Actor, manager_scope
from services.people.persons import young_specialist_clause

MONTHS_SHOWN = 6


@dataclass(frozen=True)
class MentoringSummary:
    mentors: int
    mentees: int
    young_in_pairs: int
    young_total: int
    meetings_by_month: list[tuple[date, int]]  # the last MONTHS_SHOWN months, oldest first, zeros included


async def scope_summary(session: AsyncSession, *, actor: Actor, today: date) -> MentoringSummary:
    require_pair_manager(actor)
    young = young_specialist_clause(today)
    active_in_scope = (
        select(MentorPair.mentor_id, MentorPair.mentee_id, young.label("young"))
        .join(Person, Person.id == MentorPair.mentee_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(MentorPair.status == PairStatus.ACTIVE, manager_scope(actor))
    )
    pairs = active_in_scope.subquery()
    mentors, mentees, young_in_pairs = (
        await session.execute(
            select(
                func.count(pairs.c.mentor_id.distinct()),
                func.count(pairs.c.mentee_id.distinct()),
                func.count(pairs.c.mentee_id.distinct()).filter(pairs.c.young),
            )
        )
    ).one()
    young_total = await session.scalar(
        select(func.count())
        .select_from(Person)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(Person.is_active, young, manager_scope(actor))
    )
    first = add_months(month_of(today), 1 - MONTHS_SHOWN)
    year, month = extract("year", Meeting.held_on), extract("month", Meeting.held_on)
    counted = await session.execute(
        select(year, month, func.count())
        .join(MentorPair, MentorPair.id == Meeting.pair_id)
        .join(Person, Person.id == MentorPair.mentee_id)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(Meeting.status != MeetingStatus.DISPUTED, Meeting.held_on >= first, manager_scope(actor))
        .group_by(year, month)
    )
    by_month = {date(int(y), int(m), 1): n for y, m, n in counted}
    months = [add_months(first, offset) for offset in range(MONTHS_SHOWN)]
    return MentoringSummary(
        mentors, mentees, young_in_pairs, young_total or 0, [(m, by_month.get(m, 0)) for m in months]
    )
