"""The subjects a municipality's roster teaches: what an event or a news audience can be chosen by."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.people import Organisation, OrgKind, Person, PersonSubject


async def municipality_subjects(session: AsyncSession, *, municipality_id: int) -> list[str]:
    """The subjects taught by active roster people of the municipality's schools, alphabetically."""
    schools = select(Organisation.id).where(
        Organisation.kind == OrgKind.SCHOOL, Organisation.parent_id == municipality_id
    )
    rows = await session.scalars(
        select(PersonSubject.subject)
        .join(Person, Person.id == PersonSubject.person_id)
        .where(Person.is_active, Person.school_id.in_(schools))
        .distinct()
        .order_by(PersonSubject.subject)
    )
    return list(rows)
