"""Roster people: name matching and the computed young-specialist flag."""

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import NotFound
from services.models.people import Diagnostic, Organisation, Person

YOUNG_AGE_LIMIT = 35
YOUNG_TENURE_LIMIT = 3


def name_key(full_name: str) -> str:
    """Normalise a ФИО so that case, ё/е and spacing do not split one person in two."""
    return re.sub(r"\s+", " ", full_name.strip()).casefold().replace("ё", "е")


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (or earlier, if negative); 29 February falls back to 28."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def is_young_specialist(birth_date: date | None, work_start: date | None, on: date) -> bool:
    """Under 35 and in the first 3 years of pedagogical work on the given date (DOMAIN.md)."""
    if birth_date is None or work_start is None:
        return False
    return birth_date > add_years(on, -YOUNG_AGE_LIMIT) and work_start > add_years(on, -YOUNG_TENURE_LIMIT)


def young_specialist_clause(on: date) -> ColumnElement[bool]:
    """The same rule as `is_young_specialist`, as SQL, for counting in the database."""
    return and_(
        Person.birth_date > add_years(on, -YOUNG_AGE_LIMIT),
        Person.work_start > add_years(on, -YOUNG_TENURE_LIMIT),
    )


@dataclass(frozen=True)
class Profile:
    full_name: str
    school: str
    position: str
    subjects: tuple[str, ...]
    is_manager: bool
    young_specialist: bool
    last_diagnostic: date | None
    last_level: str | None


async def get_profile(session: AsyncSession, *, person_id: int, today: date) -> Profile:
    """What a person sees about themselves: roster data and the latest diagnostic."""
    row = (
        await session.execute(
            select(Person, Organisation.name)
            .join(Organisation, Organisation.id == Person.school_id)
            .where(Person.id == person_id)
        )
    ).one_or_none()
    if row is None:
        raise NotFound()
    person, school = row
    diagnostic = await session.scalar(
        select(Diagnostic).where(Diagnostic.person_id == person_id).order_by(Diagnostic.taken_on.desc()).limit(1)
    )
    return Profile(
        full_name=person.full_name,
        school=school,
        position=person.position,
        subjects=tuple(subject.subject for subject in person.subjects),
        is_manager=person.is_manager,
        young_specialist=is_young_specialist(person.birth_date, person.work_start, today),
        last_diagnostic=diagnostic.taken_on if diagnostic else None,
        last_level=diagnostic.level if diagnostic else None,
    )
