"""Pairs from a file (XLSX or CSV): every row checked against the roster of the manager's scope and the
pairing rules; all rows are created, or none. A pair that is already active is skipped, not doubled."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import InvalidInput, RosterRejected, RowProblem
from services.files.reading import ReadProgress, date_of, named_rows, text_of
from services.mentoring.pairs import DEFAULT_TERM, require_pair_manager
from services.models.mentoring import MentorPair, PairKind, PairStatus
from services.models.people import Organisation, Person
from services.people.access import Actor, manager_scope
from services.people.persons import is_young_specialist, name_key

COLUMNS = (
    "Наставник",
    "Дата рождения наставника",
    "Наставляемый",
    "Дата рождения наставляемого",
    "Вид",
    "Начало",
    "Окончание",
)
REQUIRED = ("Наставник", "Наставляемый", "Вид")
TEMPLATE_EXAMPLE = (
    "Орлова Ольга Игоревна",
    "01.02.1980",
    "Петрова Анна Сергеевна",
    "14.03.1996",
    "молодой специалист",
    "01.09.2026",
    "31.05.2027",
)
KIND_NAMES = {
    "молодой специалист": PairKind.YOUNG,
    "после перерыва": PairKind.AFTER_BREAK,
    "после перерыва в работе": PairKind.AFTER_BREAK,
    "педагог с дефицитами": PairKind.DEFICITS,
    "с дефицитами": PairKind.DEFICITS,
    "равный — равному": PairKind.PEER,
    "равный - равному": PairKind.PEER,
    "равный-равному": PairKind.PEER,
}
MAX_PAIRS = 5_000


@dataclass(frozen=True)
class _Candidate:
    id: int
    birth_date: date | None
    work_start: date | None


@dataclass(frozen=True)
class _Row:
    line: int
    mentor_id: int
    mentee_id: int
    kind: PairKind
    started_on: date
    planned_end: date


async def import_pairs(
    session: AsyncSession,
    *,
    actor: Actor,
    content: bytes,
    file_name: str,
    now: datetime,
    mentor_limit: int,
    progress: ReadProgress | None = None,
) -> tuple[int, int]:
    """Create the file's pairs; returns (created, skipped because already active)."""
    require_pair_manager(actor)
    problems, table = await named_rows(content, file_name, COLUMNS, REQUIRED, progress)
    if len(table) > MAX_PAIRS:
        raise InvalidInput("file-too-many-rows", limit=MAX_PAIRS)
    people: dict[str, list[_Candidate]] = {}
    for person_id, key, birth, work_start in await session.execute(
        select(Person.id, Person.name_key, Person.birth_date, Person.work_start)
        .join(Organisation, Organisation.id == Person.school_id)
        .where(manager_scope(actor), Person.is_active)
    ):
        people.setdefault(key, []).append(_Candidate(person_id, birth, work_start))
    rows = [row for line, value in table if (row := _parse(line, value, people, now.date(), problems))]
    seen: dict[tuple[int, int], int] = {}
    for row in rows:
        if (first := seen.setdefault((row.mentor_id, row.mentee_id), row.line)) != row.line:
            problems.append(RowProblem(row.line, "Наставляемый", "duplicate", str(first)))
    active = set(
        await session.execute(
            select(MentorPair.mentor_id, MentorPair.mentee_id).where(MentorPair.status == PairStatus.ACTIVE)
        )
    )
    new = [row for row in rows if (row.mentor_id, row.mentee_id) not in active]
    await _check_limits(session, new, mentor_limit, problems)
    if problems or not table:
        raise RosterRejected(sorted(problems, key=lambda p: p.line) or [RowProblem(2, "", "empty")])
    for row in new:
        session.add(
            MentorPair(
                mentor_id=row.mentor_id,
                mentee_id=row.mentee_id,
                kind=row.kind,
                started_on=row.started_on,
                planned_end=row.planned_end,
                created_by_user_id=actor.user_id,
                created_at=now,
            )
        )
    await session.commit()
    return len(new), len(rows) - len(new)


def _parse(
    line: int, value: dict[str, object], people: dict[str, list[_Candidate]], today: date, problems: list[RowProblem]
) -> _Row | None:
    found = len(problems)
    mentor = _person(line, "Наставник", value, people, problems)
    mentee = _person(line, "Наставляемый", value, people, problems)
    kind = KIND_NAMES.get(text_of(value["Вид"]).casefold())
    if kind is None:
        problems.append(RowProblem(line, "Вид", "bad-choice", text_of(value["Вид"])))
    started_on = _day(line, "Начало", value, today, problems)
    planned_end = _day(line, "Окончание", value, started_on + DEFAULT_TERM, problems)
    if planned_end <= started_on:
        problems.append(RowProblem(line, "Окончание", "end-before-start", text_of(value["Окончание"])))
    if mentor is not None and mentee is not None:
        if mentor.id == mentee.id:
            problems.append(RowProblem(line, "Наставляемый", "pair-self", text_of(value["Наставляемый"])))
        elif kind == PairKind.YOUNG and not is_young_specialist(mentee.birth_date, mentee.work_start, today):
            problems.append(RowProblem(line, "Вид", "not-young", text_of(value["Наставляемый"])))
    if len(problems) > found or mentor is None or mentee is None or kind is None:
        return None
    return _Row(line, mentor.id, mentee.id, kind, started_on, planned_end)


def _person(
    line: int, column: str, value: dict[str, object], people: dict[str, list[_Candidate]], problems: list[RowProblem]
) -> _Candidate | None:
    """The roster person named in the column; the birth date column settles namesakes."""
    name = text_of(value[column])
    birth_cell = value[f"Дата рождения {'наставника' if column == 'Наставник' else 'наставляемого'}"]
    birth = date_of(birth_cell)
    candidates = [c for c in people.get(name_key(name), []) if birth is None or c.birth_date == birth]
    if len(candidates) == 1:
        return candidates[0]
    problems.append(RowProblem(line, column, "ambiguous" if candidates else "not-in-roster", name[:60]))
    return None


def _day(line: int, column: str, value: dict[str, object], default: date, problems: list[RowProblem]) -> date:
    if not text_of(value[column]):
        return default
    day = date_of(value[column])
    if day is None:
        problems.append(RowProblem(line, column, "bad-date", text_of(value[column])))
        return default
    return day


async def _check_limits(session: AsyncSession, new: list[_Row], limit: int, problems: list[RowProblem]) -> None:
    """No mentor may end up with more active mentees than the limit."""
    adding = Counter(row.mentor_id for row in new)
    rows = await session.execute(
        select(MentorPair.mentor_id, func.count())
        .where(MentorPair.status == PairStatus.ACTIVE, MentorPair.mentor_id.in_(adding))
        .group_by(MentorPair.mentor_id)
    )
    current = {mentor_id: count for mentor_id, count in rows}
    reported = set()
    for row in new:
        if current.get(row.mentor_id, 0) + adding[row.mentor_id] > limit and row.mentor_id not in reported:
            reported.add(row.mentor_id)
            problems.append(RowProblem(row.line, "Наставник", "mentor-limit", str(limit)))
