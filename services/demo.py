"""A demo municipality with three schools, sixty teachers and some diagnostics, for a first look."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.people import Diagnostic, DiagnosticDeficit, Invite, Organisation, OrgKind, Person, Role, User
from services.models.routes import Area
from services.people.invites import new_token
from services.people.orgs import Org, get_org
from services.people.roster import ImportScope, write_roster
from services.people.roster_file import RosterRow
from services.routes.diagnostics import LEVELS

MUNICIPALITY = "Демо-муниципалитет"
SCHOOLS = ("МБОУ СОШ № 1", "МБОУ Гимназия № 2", "МАДОУ Детский сад № 3")
LAST_NAMES = (
    "Иванова",
    "Петрова",
    "Сидорова",
    "Кузнецова",
    "Смирнова",
    "Попова",
    "Волкова",
    "Зайцева",
    "Морозова",
    "Орлова",
)
FIRST_NAMES = ("Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Светлана", "Татьяна", "Юлия", "Дарья")
MIDDLE_NAMES = ("Александровна", "Сергеевна", "Игоревна", "Викторовна", "Павловна", "Андреевна")
SUBJECTS = (
    "математика",
    "русский язык",
    "литература",
    "история",
    "физика",
    "биология",
    "английский язык",
    "информатика",
)
AREAS = tuple(area.value for area in Area)
# Demo accounts: (role or None for a plain teacher, index of the roster person who gets it).
DEMO_ACCOUNTS: tuple[tuple[Role | None, int], ...] = (
    (Role.METHODIST, 0),
    (Role.COORDINATOR, 1),
    (Role.MENTOR, 2),
    (None, 3),
)


@dataclass(frozen=True)
class DemoInvite:
    role: Role | None
    full_name: str
    token: str


def demo_rows(today: date, count: int = 60, seed: int = 7) -> list[RosterRow]:
    """Teachers of varied age and tenure, a third of them young specialists; the same every time."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        young = index % 3 == 0 and index > 3
        age = rng.randint(22, 33) if young else rng.randint(30, 64)
        birth = today - timedelta(days=age * 365 + rng.randint(0, 300))
        tenure_days = rng.randint(30, 900) if young else rng.randint(3 * 365 + 30, (age - 21) * 365)
        name = f"{LAST_NAMES[index % 10]} {FIRST_NAMES[index // 10 % 10]} {MIDDLE_NAMES[index % 6]}"
        rows.append(
            RosterRow(
                line=index + 2,
                full_name=name,
                school=SCHOOLS[index % 3],
                position="заместитель директора" if index == 1 else "учитель",
                subjects=tuple(rng.sample(SUBJECTS, rng.randint(1, 2))),
                birth_date=birth,
                work_start=today - timedelta(days=tenure_days),
                is_manager=index == 1,
                is_active=True,
                email=None,
                phone=None,
            )
        )
    return rows


async def fill_demo(session: AsyncSession, *, region_id: int, now: datetime, ttl_days: int) -> list[DemoInvite]:
    """Create (or refresh) the demo municipality and return invites for the demo accounts."""
    region = await get_org(session, region_id)
    municipality = await session.scalar(
        select(Organisation).where(Organisation.parent_id == region_id, Organisation.name == MUNICIPALITY)
    )
    if municipality is None:
        municipality = Organisation(
            kind=OrgKind.MUNICIPALITY, name=MUNICIPALITY, parent_id=region_id, timezone=region.timezone, created_at=now
        )
        session.add(municipality)
        await session.flush()
    scope = ImportScope(
        Org(municipality.id, municipality.kind, municipality.name, region_id, municipality.timezone), None
    )
    rows = demo_rows(now.date())
    result = await write_roster(session, scope=scope, rows=rows, now=now)
    person_ids = list(result.person_ids)
    await _add_diagnostics(session, person_ids, now.date())
    invites = []
    for role, index in DEMO_ACCOUNTS:
        person = await session.get_one(Person, person_ids[index])
        org_id = municipality.id if role == Role.METHODIST else person.school_id
        token = new_token()
        session.add(
            Invite(
                token=token,
                person_id=None if await _is_linked(session, person.id) else person.id,
                role=role,
                org_id=org_id if role else None,
                created_at=now,
                expires_at=now + timedelta(days=ttl_days),
            )
        )
        invites.append(DemoInvite(role, person.full_name, token))
    await session.commit()
    return invites


async def _is_linked(session: AsyncSession, person_id: int) -> bool:
    return await session.scalar(select(User.id).where(User.person_id == person_id)) is not None


async def _add_diagnostics(session: AsyncSession, person_ids: list[int], today: date) -> None:
    """A regional diagnostic for every other teacher who has none yet."""
    diagnosed = set(await session.scalars(select(Diagnostic.person_id).where(Diagnostic.person_id.in_(person_ids))))
    rng = random.Random(11)
    for person_id in person_ids[::2]:
        if person_id in diagnosed:
            continue
        diagnostic = Diagnostic(
            person_id=person_id,
            taken_on=today - timedelta(days=rng.randint(10, 200)),
            kind="regional",
            level=rng.choice(LEVELS),
        )
        diagnostic.deficits = [DiagnosticDeficit(area=area) for area in rng.sample(AREAS, rng.randint(1, 3))]
        session.add(diagnostic)
