"""The municipality's catalogue of activities that close deficits, and its import from a file."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, NotFound, RosterRejected, RowProblem
from services.files.reading import ReadProgress, read_rows, text_of
from services.models.people import Role
from services.models.routes import Activity, ActivityKind, Area, Registry
from services.numbers import parse_whole
from services.people.access import Actor

COLUMNS = ("Название", "Вид", "Часы", "Реестр", "Компетенции")
KIND_NAMES = {
    "курс": ActivityKind.COURSE,
    "семинар": ActivityKind.SEMINAR,
    "мастер-класс": ActivityKind.MASTER_CLASS,
    "стажировка": ActivityKind.INTERNSHIP,
    "консультация": ActivityKind.CONSULTATION,
    "методическое объединение": ActivityKind.ASSOCIATION,
    "наставничество": ActivityKind.MENTORING,
    "самообразование": ActivityKind.SELF_EDUCATION,
    "конкурс": ActivityKind.CONTEST,
}
AREA_NAMES = {
    "предметные": Area.SUBJECT,
    "методические": Area.METHODICAL,
    "психолого-педагогические": Area.PSYCHOLOGICAL,
    "коммуникативные": Area.COMMUNICATIVE,
    "цифровые": Area.DIGITAL,
}
REGISTRY_NAMES = {"": Registry.NONE, "нет": Registry.NONE, "фр": Registry.FEDERAL, "рр": Registry.REGIONAL}


@dataclass(frozen=True)
class ActivityView:
    id: int
    title: str
    kind: ActivityKind
    hours: int | None
    registry: Registry
    areas: tuple[Area, ...]


def _view(row: Activity) -> ActivityView:
    areas = tuple(Area(value) for value in row.areas.split(",") if value)
    return ActivityView(row.id, row.title, row.kind, row.hours, row.course_registry, areas)


def catalogue_municipality(actor: Actor) -> int:
    """Methodists manage their municipality's catalogue."""
    municipalities = actor.orgs(Role.METHODIST)
    if not municipalities:
        raise Forbidden()
    return municipalities[0]


PER_PAGE = 8


async def list_activities(
    session: AsyncSession,
    *,
    municipality_id: int,
    page: int = 0,
    per_page: int = PER_PAGE,
    areas: Sequence[Area] = (),
) -> tuple[list[ActivityView], int]:
    """One page of the catalogue by title (only activities addressing one of `areas`, when given), and how many
    activities there are in all."""
    where = (Activity.municipality_id == municipality_id) & Activity.is_active
    if areas:
        # `areas` is a comma-separated list of Area values, none of which is part of another.
        where &= or_(*(Activity.areas.contains(area.value, autoescape=True) for area in areas))
    total = await session.scalar(select(func.count()).where(where)) or 0
    rows = await session.scalars(
        select(Activity).where(where).order_by(Activity.title, Activity.id).offset(page * per_page).limit(per_page)
    )
    return [_view(row) for row in rows], total


async def activities_for_areas(
    session: AsyncSession, *, municipality_id: int, areas: list[Area]
) -> dict[Area, ActivityView]:
    """For each deficit area the first catalogue activity that addresses it (courses first)."""
    rows = await session.scalars(
        select(Activity)
        .where(Activity.municipality_id == municipality_id, Activity.is_active)
        .order_by(Activity.kind != ActivityKind.COURSE, Activity.id)
    )
    chosen: dict[Area, ActivityView] = {}
    for activity in map(_view, rows):
        for area in activity.areas:
            if area in areas and area not in chosen:
                chosen[area] = activity
    return chosen


async def get_activity(session: AsyncSession, activity_id: int, municipality_id: int) -> ActivityView | None:
    row = await session.get(Activity, activity_id)
    if row is None or row.municipality_id != municipality_id or not row.is_active:
        return None
    return _view(row)


async def hide_activity(session: AsyncSession, *, actor: Actor, activity_id: int) -> ActivityView:
    """Take an activity out of the catalogue (items already in routes keep their copy)."""
    row = await session.get(Activity, activity_id)
    if row is None or row.municipality_id != catalogue_municipality(actor):
        raise NotFound()
    row.is_active = False
    await session.commit()
    return _view(row)


async def import_catalogue(
    session: AsyncSession,
    *,
    actor: Actor,
    content: bytes,
    file_name: str,
    now: datetime,
    progress: ReadProgress | None = None,
) -> tuple[int, int]:
    """Add the file's activities (matched by title, so a re-import updates); all rows or none."""
    municipality_id = catalogue_municipality(actor)
    table = iter(await read_rows(content, file_name, progress))
    header = [text_of(cell).casefold() for cell in next(table, [])]
    positions = {name: header.index(name.casefold()) for name in COLUMNS if name.casefold() in header}
    problems = [RowProblem(1, name, "missing-column") for name in COLUMNS if name not in positions and name != "Часы"]
    parsed: list[dict[str, object]] = []
    for line, cells in enumerate(table, start=2):
        value = {name: text_of(cells[index]) if index < len(cells) else "" for name, index in positions.items()}
        if not any(value.values()):
            continue
        row = _parse_activity(line, value, problems)
        if row is not None:
            parsed.append(row)
    if problems or not parsed:
        raise RosterRejected(problems or [RowProblem(2, "", "empty")])
    existing = {
        row.title.casefold(): row
        for row in await session.scalars(select(Activity).where(Activity.municipality_id == municipality_id))
    }
    created = updated = 0
    for row in parsed:
        activity = existing.get(str(row["title"]).casefold())
        if activity is None:
            session.add(Activity(municipality_id=municipality_id, created_at=now, **row))
            created += 1
        else:
            for field, field_value in row.items():
                setattr(activity, field, field_value)
            activity.is_active = True
            updated += 1
    await session.commit()
    return created, updated


def _parse_activity(line: int, value: dict[str, str], problems: list[RowProblem]) -> dict[str, object] | None:
    found = len(problems)
    title = value.get("Название", "")
    if not title or len(title) > 300:
        problems.append(RowProblem(line, "Название", "required" if not title else "too-long", title[:60]))
    kind = KIND_NAMES.get(value.get("Вид", "").casefold())
    if kind is None:
        problems.append(RowProblem(line, "Вид", "bad-choice", value.get("Вид", "")))
    hours_text = value.get("Часы", "")
    hours = parse_whole(hours_text, low=1, high=2000)  # routes.MAX_HOURS (routes imports this module)
    if hours_text and hours is None:
        problems.append(RowProblem(line, "Часы", "bad-number", hours_text))
    registry = REGISTRY_NAMES.get(value.get("Реестр", "").casefold())
    if registry is None:
        problems.append(RowProblem(line, "Реестр", "bad-choice", value.get("Реестр", "")))
    names = [name.strip().casefold() for name in value.get("Компетенции", "").split(",") if name.strip()]
    areas = [AREA_NAMES.get(name) for name in names]
    if not areas or None in areas:
        problems.append(RowProblem(line, "Компетенции", "bad-choice", value.get("Компетенции", "")))
    if len(problems) > found:
        return None
    area_codes = ",".join(area.value for area in areas if area is not None)
    return {"title": title, "kind": kind, "hours": hours, "course_registry": registry, "areas": area_codes}
