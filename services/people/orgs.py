"""Organisations: the region, its municipalities and their schools, each with a time zone."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound
from services.models.people import Organisation, OrgKind, OrgType, Role
from services.people.access import Actor
from services.people.persons import name_key

MAX_ORG_NAME = 300


@dataclass(frozen=True)
class Org:
    id: int
    kind: OrgKind
    name: str
    parent_id: int | None
    timezone: str


@dataclass(frozen=True)
class Page:
    items: tuple[Org, ...]
    page: int
    pages: int
    total: int
    per_page: int


def _org(row: Organisation) -> Org:
    return Org(row.id, row.kind, row.name, row.parent_id, row.timezone)


def check_timezone(timezone: str) -> str:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidInput("org-bad-timezone", value=timezone) from error
    return timezone


def clean_org_name(text: str) -> str:
    """An organisation name as typed, with spacing normalised, or InvalidInput."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_ORG_NAME or name.startswith("/"):
        raise InvalidInput("org-bad-name", limit=MAX_ORG_NAME)
    return name


async def ensure_region(session: AsyncSession, *, name: str, timezone: str, now: datetime) -> Org:
    """The installation's region, created on first start."""
    region = await session.scalar(
        select(Organisation).where(Organisation.kind == OrgKind.REGION).order_by(Organisation.id)
    )
    if region is None:
        region = Organisation(kind=OrgKind.REGION, name=name, timezone=timezone, created_at=now)
        session.add(region)
        await session.commit()
    return _org(region)


async def get_org(session: AsyncSession, org_id: int, kind: OrgKind | None = None) -> Org:
    row = await session.get(Organisation, org_id)
    if row is None or (kind is not None and row.kind != kind):
        raise NotFound()
    return _org(row)


async def create_municipality(session: AsyncSession, *, actor: Actor, name: str, timezone: str, now: datetime) -> Org:
    """An admin adds a municipality to the region."""
    if not actor.has(Role.ADMIN):
        raise Forbidden()
    name = clean_org_name(name)
    check_timezone(timezone)
    region_id = actor.orgs(Role.ADMIN)[0]
    siblings = await session.scalars(select(Organisation.name).where(Organisation.parent_id == region_id))
    if name_key(name) in {name_key(existing) for existing in siblings}:
        raise InvalidInput("org-duplicate", name=name)
    row = Organisation(kind=OrgKind.MUNICIPALITY, name=name, parent_id=region_id, timezone=timezone, created_at=now)
    session.add(row)
    await session.commit()
    return _org(row)


async def list_orgs(
    session: AsyncSession, *, kind: OrgKind, parent_id: int | None = None, page: int = 0, per_page: int = 8
) -> Page:
    """One page of municipalities (or of one municipality's schools), by name."""
    query = select(Organisation).where(Organisation.kind == kind)
    if parent_id is not None:
        query = query.where(Organisation.parent_id == parent_id)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    rows = await session.scalars(
        query.order_by(Organisation.name, Organisation.id).offset(page * per_page).limit(per_page)
    )
    return Page(tuple(_org(row) for row in rows), page, pages, total, per_page)


async def schools_by_key(session: AsyncSession, municipality_id: int) -> dict[str, Org]:
    rows = await session.scalars(
        select(Organisation).where(Organisation.parent_id == municipality_id, Organisation.kind == OrgKind.SCHOOL)
    )
    return {name_key(row.name): _org(row) for row in rows}


def add_schools(session: AsyncSession, *, municipality: Org, names: list[str], now: datetime) -> list[Organisation]:
    """Stage new schools in a municipality (the caller commits with the rest of its work)."""
    rows = [
        Organisation(
            kind=OrgKind.SCHOOL,
            name=school_name,
            parent_id=municipality.id,
            timezone=municipality.timezone,
            created_at=now,
        )
        for school_name in names
    ]
    session.add_all(rows)
    return rows


async def set_org_type(session: AsyncSession, *, actor: Actor, school_id: int, org_type: OrgType) -> Org:
    """An admin says what kind of organisation a school is (школа, ДОО, ДОД, ПОО): indicators about
    «общеобразовательных организаций» count only the general-education ones."""
    if not actor.has(Role.ADMIN):
        raise Forbidden()
    school = await session.get(Organisation, school_id)
    if school is None or school.kind != OrgKind.SCHOOL:
        raise NotFound()
    school.org_type = org_type
    await session.commit()
    return _org(school)
