"""Importing the staff roster into a municipality: all rows or none, matching people, never duplicating."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import in_turns, insert_rows
from services.errors import Forbidden, RosterRejected, RowProblem
from services.models.people import Organisation, OrgType, Person, PersonSubject, Role
from services.people.access import Actor
from services.people.orgs import Org, add_schools, get_org, schools_by_key
from services.people.persons import name_key
from services.people.roster_file import COLUMNS, RosterRow

SCHOOL_COLUMN = COLUMNS["school"][0]
CHUNK = 5_000  # ids in one IN list, well under SQLite's limit of bound parameters


@dataclass(frozen=True)
class ImportScope:
    """Where an actor imports: a whole municipality (methodist) or one school (coordinator)."""

    municipality: Org
    school: Org | None


@dataclass(frozen=True)
class ImportPlan:
    scope: ImportScope
    new_schools: tuple[str, ...]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    schools_created: int
    person_ids: tuple[int, ...]


async def import_scope(session: AsyncSession, actor: Actor) -> ImportScope:
    """Methodists import into their municipality, coordinators into their school."""
    if municipalities := actor.orgs(Role.METHODIST):
        return ImportScope(await get_org(session, municipalities[0]), None)
    if schools := actor.orgs(Role.COORDINATOR):
        school = await get_org(session, schools[0])
        assert school.parent_id is not None
        return ImportScope(await get_org(session, school.parent_id), school)
    raise Forbidden()


async def plan_import(session: AsyncSession, *, actor: Actor, rows: list[RosterRow]) -> ImportPlan:
    """Check the file against the actor's scope and list the schools it would create."""
    scope = await import_scope(session, actor)
    known = await schools_by_key(session, scope.municipality.id)
    problems: list[RowProblem] = []
    new_schools: dict[str, str] = {}
    own_school = name_key(scope.school.name) if scope.school is not None else None
    for row in rows:
        if scope.school is not None:
            if row.school and row.school_key != own_school:
                problems.append(RowProblem(row.line, SCHOOL_COLUMN, "other-school", row.school))
        elif not row.school:
            problems.append(RowProblem(row.line, SCHOOL_COLUMN, "required"))
        elif row.school_key not in known:
            new_schools.setdefault(row.school_key, row.school)
    if problems:
        raise RosterRejected(problems)
    return ImportPlan(scope, tuple(sorted(new_schools.values())))


async def import_roster(
    session: AsyncSession, *, actor: Actor, rows: list[RosterRow], confirm_new_schools: bool, now: datetime
) -> ImportResult:
    """Import a validated file within the actor's scope; new schools only once the actor confirmed them."""
    plan = await plan_import(session, actor=actor, rows=rows)
    if plan.new_schools and not confirm_new_schools:
        raise Forbidden("roster-schools-not-confirmed")
    return await write_roster(session, scope=plan.scope, rows=rows, now=now)


async def write_roster(
    session: AsyncSession, *, scope: ImportScope, rows: list[RosterRow], now: datetime
) -> ImportResult:
    """Write the rows in one transaction: create missing schools, add new people, update changed ones."""
    schools = await schools_by_key(session, scope.municipality.id)
    missing = {row.school_key: row.school for row in rows if scope.school is None and row.school_key not in schools}
    add_schools(session, municipality=scope.municipality, names=sorted(missing.values()), now=now)
    await session.flush()
    schools = await schools_by_key(session, scope.municipality.id)
    await _set_school_types(session, rows, scope, schools)
    existing = await _people_by_key(session, scope.municipality.id)
    new_rows, unchanged, touched = [], 0, []
    resubjected: dict[int, tuple[str, ...]] = {}  # person id: their subjects now
    async for chunk in in_turns(rows):
        for row in chunk:
            person = existing.get(row.key)
            if person is None:
                new_rows.append(row)
                continue
            touched.append(person.id)
            fields = _fields(row, scope.school.id if scope.school else schools[row.school_key].id)
            changed = {name: value for name, value in fields.items() if getattr(person, name) != value}
            if changed or sorted(subject.subject for subject in person.subjects) != sorted(row.subjects):
                for name, value in changed.items():
                    setattr(person, name, value)
                if "is_active" in changed:
                    person.left_on = None if row.is_active else now.date()
                person.updated_at = now
                resubjected[person.id] = row.subjects
            else:
                unchanged += 1
    await _replace_subjects(session, resubjected)
    created_ids = await _insert_people(session, new_rows, schools, scope, now)
    await session.commit()
    return ImportResult(len(new_rows), len(resubjected), unchanged, len(missing), tuple(touched + created_ids))


async def _set_school_types(
    session: AsyncSession, rows: list[RosterRow], scope: ImportScope, schools: dict[str, Org]
) -> None:
    """The organisation type the file gives a school (the first row that names one wins)."""
    types: dict[int, OrgType] = {}
    for row in rows:
        if row.org_type is not None:
            types.setdefault(scope.school.id if scope.school else schools[row.school_key].id, row.org_type)
    for org_type in set(types.values()):
        ids = [school_id for school_id, chosen in types.items() if chosen == org_type]
        await session.execute(update(Organisation).where(Organisation.id.in_(ids)).values(org_type=org_type))


def _fields(row: RosterRow, school_id: int) -> dict[str, object]:
    return {
        "school_id": school_id,
        "full_name": row.full_name,
        "position": row.position,
        "work_start": row.work_start,
        "is_manager": row.is_manager,
        "is_active": row.is_active,
        "email": row.email,
        "phone": row.phone,
    }


async def _people_by_key(session: AsyncSession, municipality_id: int) -> dict[tuple[str, date | None], Person]:
    """Roster people of the municipality (with their subjects), by (normalised name, birth date)."""
    people = await session.scalars(
        select(Person)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(Organisation.parent_id == municipality_id)
    )
    return {(person.name_key, person.birth_date): person for person in people}


async def _replace_subjects(session: AsyncSession, subjects: dict[int, tuple[str, ...]]) -> None:
    """The changed people's subjects, replaced with one DELETE per chunk of people and one bulk INSERT."""
    people = list(subjects)
    for start in range(0, len(people), CHUNK):
        await session.execute(delete(PersonSubject).where(PersonSubject.person_id.in_(people[start : start + CHUNK])))
    rows = [{"person_id": person_id, "subject": subject} for person_id, each in subjects.items() for subject in each]
    await insert_rows(session, PersonSubject, rows)


async def _insert_people(
    session: AsyncSession, rows: list[RosterRow], schools: dict[str, Org], scope: ImportScope, now: datetime
) -> list[int]:
    """Bulk insert people and their subjects, a chunk of rows at a time (the event loop serves others between)."""
    if not rows:
        return []
    async for chunk in in_turns(rows):
        values = [
            _fields(row, scope.school.id if scope.school else schools[row.school_key].id)
            | {"name_key": row.key[0], "birth_date": row.birth_date, "created_at": now, "updated_at": now}
            | {"left_on": None if row.is_active else now.date()}
            for row in chunk
        ]
        await session.execute(insert(Person), values)
    # No RETURNING: on SQLite an ordered RETURNING degrades to one INSERT per row; reading the
    # new ids back by their match key is a single query.
    new_people = await session.execute(
        select(Person.id, Person.name_key, Person.birth_date)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(Organisation.parent_id == scope.municipality.id, Person.created_at == now)
    )
    ids_by_key: dict[tuple[str, date | None], int] = {}
    async for found in in_turns(new_people.all()):
        ids_by_key.update({(key, birth): person_id for person_id, key, birth in found})
    ids: list[int] = []
    async for chunk in in_turns(rows):
        ids.extend(ids_by_key[row.key] for row in chunk)
        subjects = [{"person_id": ids_by_key[row.key], "subject": subject} for row in chunk for subject in row.subjects]
        await insert_rows(session, PersonSubject, subjects)
    return ids
