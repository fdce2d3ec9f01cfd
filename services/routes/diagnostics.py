"""Diagnostics of professional deficits: imported by methodists, or a teacher's own self-assessment."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound, RosterRejected, RowProblem
from services.files.reading import ReadProgress, date_of, named_rows, text_of
from services.models.people import PROCEDURES, Diagnostic, DiagnosticDeficit, DiagnosticKind, Organisation, Person
from services.models.routes import Area
from services.people.access import Actor, manager_scope, require_school_manager
from services.people.persons import name_key
from services.routes.catalogue import AREA_NAMES, catalogue_municipality

LEVELS = ("high", "elevated", "basic", "low")
LEVEL_NAMES = {"высокий": "high", "повышенный": "elevated", "базовый": "basic", "низкий": "low"}
KIND_NAMES = {
    "федеральная": DiagnosticKind.FEDERAL,
    "региональная": DiagnosticKind.REGIONAL,
    "муниципальная": DiagnosticKind.MUNICIPAL,
    "школьная": DiagnosticKind.SCHOOL,
    "самооценка": DiagnosticKind.SELF,
}
COLUMNS = ("ФИО", "Дата рождения", "Дата диагностики", "Вид", "Уровень", "Дефициты")
OLDEST_DIAGNOSTIC = timedelta(days=5 * 366)  # a diagnostic entered by hand is at most five years old
DEFICIT_RATING = 2  # a self-rating of 1 or 2 out of 4 marks a deficit


async def record_self_assessment(
    session: AsyncSession, *, actor: Actor, ratings: dict[Area, int], now: datetime
) -> list[Area]:
    """A teacher's own rating of each competence area (1–4); low ratings become deficits."""
    if actor.person_id is None:
        raise Forbidden()
    if set(ratings) != set(Area) or not all(1 <= value <= 4 for value in ratings.values()):
        raise InvalidInput("self-assessment-incomplete")
    deficits = [area for area in Area if ratings[area] <= DEFICIT_RATING]
    average = sum(ratings.values()) / len(ratings)
    level = LEVELS[min(3, max(0, round(4 - average)))]
    diagnostic = Diagnostic(person_id=actor.person_id, taken_on=now.date(), kind=DiagnosticKind.SELF, level=level)
    diagnostic.deficits = [DiagnosticDeficit(area=area.value) for area in deficits]
    session.add(diagnostic)
    await session.commit()
    return deficits


@dataclass(frozen=True)
class PersonMatch:
    id: int
    full_name: str
    school: str


async def find_people(session: AsyncSession, *, actor: Actor, query: str, limit: int = 8) -> list[PersonMatch]:
    """Roster people in the actor's scope whose ФИО contains the typed text."""
    needle = name_key(query)
    if len(needle) < 2:
        raise InvalidInput("diagnostic-search-short")
    rows = await session.execute(
        select(Person.id, Person.full_name, Organisation.name)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(manager_scope(actor), Person.name_key.contains(needle, autoescape=True), Person.is_active)
        .order_by(Person.full_name)
        .limit(limit)
    )
    return [PersonMatch(*row) for row in rows]


def check_taken_on(taken_on: date | None, today: date) -> date:
    """The day a diagnostic was taken: not in the future, not older than OLDEST_DIAGNOSTIC."""
    if taken_on is None:
        raise InvalidInput("route-bad-date")
    if taken_on > today:
        raise InvalidInput("diagnostic-date-future")
    if taken_on < today - OLDEST_DIAGNOSTIC:
        raise InvalidInput("diagnostic-date-old")
    return taken_on


async def record_diagnostic(
    session: AsyncSession,
    *,
    actor: Actor,
    person_id: int,
    kind: str,
    level: str,
    areas: list[Area],
    taken_on: date,
    today: date,
) -> None:
    """A diagnostic a coordinator or methodist enters by hand for someone in their scope."""
    person = await session.get(Person, person_id)
    if person is None:
        raise NotFound()
    await require_school_manager(session, actor, person.school_id)
    if kind not in PROCEDURES or level not in LEVELS:
        raise InvalidInput("error-invalid-input")
    check_taken_on(taken_on, today)
    diagnostic = Diagnostic(person_id=person_id, taken_on=taken_on, kind=kind, level=level)
    diagnostic.deficits = [DiagnosticDeficit(area=area.value) for area in dict.fromkeys(areas)]
    session.add(diagnostic)
    await session.commit()


async def import_diagnostics(
    session: AsyncSession,
    *,
    actor: Actor,
    content: bytes,
    file_name: str,
    today: date,
    progress: ReadProgress | None = None,
) -> tuple[int, int]:
    """Results for people of the methodist's municipality; all rows or none; a repeated row is skipped."""
    municipality_id = catalogue_municipality(actor)
    problems, table = await named_rows(content, file_name, COLUMNS, COLUMNS, progress)
    people = {
        (person.name_key, person.birth_date): person.id
        for person in await session.scalars(
            select(Person)
            .join(Organisation, Organisation.id == Person.school_id)
            .where(Organisation.parent_id == municipality_id)
        )
    }
    rows: list[tuple[int, date, str, str, list[str]]] = []
    for line, value in table:
        row = _parse_row(line, value, people, today, problems)
        if row is not None:
            rows.append(row)
    if problems or not rows:
        raise RosterRejected(problems or [RowProblem(2, "", "empty")])
    existing = set(
        await session.execute(
            select(Diagnostic.person_id, Diagnostic.taken_on, Diagnostic.kind).where(
                Diagnostic.person_id.in_([row[0] for row in rows])
            )
        )
    )
    added = 0
    for person_id, taken_on, kind, level, deficits in rows:
        if (person_id, taken_on, kind) in existing:
            continue
        diagnostic = Diagnostic(person_id=person_id, taken_on=taken_on, kind=kind, level=level)
        diagnostic.deficits = [DiagnosticDeficit(area=area) for area in deficits]
        session.add(diagnostic)
        added += 1
    await session.commit()
    return added, len(rows) - added


def _parse_row(
    line: int,
    value: dict[str, object],
    people: dict[tuple[str, date | None], int],
    today: date,
    problems: list[RowProblem],
) -> tuple[int, date, str, str, list[str]] | None:
    found = len(problems)
    birth = date_of(value["Дата рождения"])
    person_id = people.get((name_key(text_of(value["ФИО"])), birth))
    if person_id is None:
        problems.append(RowProblem(line, "ФИО", "not-in-roster", text_of(value["ФИО"])[:60]))
    taken_on = date_of(value["Дата диагностики"])
    if taken_on is None or taken_on > today:
        problems.append(RowProblem(line, "Дата диагностики", "bad-date", text_of(value["Дата диагностики"])))
    kind = KIND_NAMES.get(text_of(value["Вид"]).casefold())
    if kind is None:
        problems.append(RowProblem(line, "Вид", "bad-choice", text_of(value["Вид"])))
    level = LEVEL_NAMES.get(text_of(value["Уровень"]).casefold())
    if level is None:
        problems.append(RowProblem(line, "Уровень", "bad-choice", text_of(value["Уровень"])))
    names = [name.strip().casefold() for name in text_of(value["Дефициты"]).split(",") if name.strip()]
    areas = [AREA_NAMES.get(name) for name in names]
    if None in areas:
        problems.append(RowProblem(line, "Дефициты", "bad-choice", text_of(value["Дефициты"])))
    if len(problems) > found or person_id is None or taken_on is None or kind is None or level is None:
        return None
    return person_id, taken_on, kind, level, [area.value for area in areas if area is not None]
