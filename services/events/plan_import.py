"""Creating many events at once from a plan file: every row valid, or nothing is created."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import InvalidInput, RosterRejected, RowProblem
from services.events.organise import MAX_CAPACITY, EventInput, add_event, check_event, parse_local
from services.files.reading import ReadProgress, named_rows, text_of
from services.models.events import EventKind
from services.numbers import parse_whole
from services.people.access import Actor, organiser_municipality
from services.people.orgs import Org, get_org, schools_by_key
from services.people.persons import name_key
from services.people.roster_file import NO, YES

COLUMNS = (
    "Название",
    "Вид",
    "Начало",
    "Окончание",
    "Место",
    "Мест",
    "Запись до",
    "Только молодые",
    "Организации",
    "Предметы",
)
REQUIRED = ("Название", "Вид", "Начало", "Окончание")
KIND_NAMES = {
    "семинар": EventKind.SEMINAR,
    "мастер-класс": EventKind.MASTER_CLASS,
    "вебинар": EventKind.WEBINAR,
    "стажировка": EventKind.INTERNSHIP,
    "заседание мо": EventKind.ASSOCIATION,
    "конференция": EventKind.CONFERENCE,
    "конкурс": EventKind.CONTEST,
}
MAX_EVENTS = 500
# Which column a refused event rule points at.
RULE_COLUMN = {
    "event-bad-title": "Название",
    "event-in-past": "Начало",
    "event-ends-before-start": "Окончание",
    "event-too-long": "Окончание",
    "event-bad-capacity": "Мест",
    "event-bad-deadline": "Запись до",
    "event-too-much-text": "Место",
    "event-bad-subjects": "Предметы",
}


async def import_plan(
    session: AsyncSession,
    *,
    actor: Actor,
    content: bytes,
    file_name: str,
    now: datetime,
    progress: ReadProgress | None = None,
) -> int:
    """Validate every row of the plan, then create them all; returns how many were created."""
    municipality = await get_org(session, organiser_municipality(actor))
    schools = await schools_by_key(session, municipality.id)
    problems, table = await named_rows(content, file_name, COLUMNS, REQUIRED, progress)
    plans: list[EventInput] = []
    for line, cells in table:
        value = {name: text_of(cell) for name, cell in cells.items()}
        if len(plans) >= MAX_EVENTS:
            raise InvalidInput("file-too-many-events", limit=MAX_EVENTS)
        plan = _row(line, value, municipality.timezone, schools, now, problems)
        if plan is not None:
            plans.append(plan)
    if problems or not plans:
        raise RosterRejected(problems or [RowProblem(2, "", "empty")])
    for plan in plans:
        await add_event(session, actor=actor, data=plan, now=now)
    await session.commit()  # all the plan's events, or none
    return len(plans)


def _row(
    line: int,
    value: dict[str, str],
    timezone: str,
    schools: dict[str, Org],
    now: datetime,
    problems: list[RowProblem],
) -> EventInput | None:
    found = len(problems)

    def moment(column: str) -> datetime | None:
        if not value.get(column):
            return None
        try:
            return parse_local(value[column], timezone)
        except InvalidInput:
            problems.append(RowProblem(line, column, "bad-datetime", value[column]))
            return None

    kind = KIND_NAMES.get(value.get("Вид", "").casefold())
    if kind is None:
        problems.append(RowProblem(line, "Вид", "bad-choice", value.get("Вид", "")))
    starts_at, ends_at, until = moment("Начало"), moment("Окончание"), moment("Запись до")
    if starts_at is None and "Начало" in value and not value["Начало"]:
        problems.append(RowProblem(line, "Начало", "required"))
    seats_text = value.get("Мест", "")
    capacity = parse_whole(seats_text, low=1, high=MAX_CAPACITY)
    if seats_text and capacity is None:
        problems.append(RowProblem(line, "Мест", "bad-number", seats_text))
    young_text = value.get("Только молодые", "").casefold()
    if young_text not in YES | NO:
        problems.append(RowProblem(line, "Только молодые", "bad-flag", young_text))
    school_names = [name.strip() for name in value.get("Организации", "").split(",") if name.strip()]
    unknown = [name for name in school_names if name_key(name) not in schools]
    if unknown:
        problems.append(RowProblem(line, "Организации", "unknown-school", ", ".join(unknown)[:60]))
    if len(problems) > found or kind is None or starts_at is None or ends_at is None:
        return None
    plan = EventInput(
        title=value.get("Название", ""),
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=value.get("Место", ""),
        capacity=capacity,
        registration_until=until,
        young_only=young_text in YES and young_text != "",
        subjects=tuple(s.strip() for s in value.get("Предметы", "").split(",") if s.strip()),
        school_ids=tuple(schools[name_key(name)].id for name in school_names),
    )
    try:
        return check_event(plan, now)
    except InvalidInput as error:  # the same rules as for an event created step by step
        problems.append(RowProblem(line, RULE_COLUMN.get(error.key, "Название"), error.key))
        return None
