"""Who is who in the demo municipality: its organisations, the roster, the people the invites are for,
the demo accounts the other people act through, and the quiet notices of everything that happened."""

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.delivery import DeliveryStatus
from services.models.people import Organisation, OrgKind, OrgType, Person, Role, User
from services.outbox import NewDelivery
from services.people.access import Actor, Grant, grant_role
from services.people.orgs import Org
from services.people.roster import ImportScope, write_roster
from services.people.roster_file import RosterRow

# The demo's marker: everything under the municipality with this name is demo data (guard.py refuses to
# fill a database holding anything else), and every demo account has a negative Telegram id, which no
# Telegram user has, so nothing meant for them reaches a real person.
MUNICIPALITY = "Демо-муниципалитет"
# (name, type, people, the manager's position); the first person of each is its manager.
ORGANISATIONS = (
    ("МБОУ «СОШ № 1»", OrgType.GENERAL, 16, "заместитель директора по УВР"),
    ("МБОУ «Гимназия № 2»", OrgType.GENERAL, 14, "заместитель директора по НМР"),
    ("МБОУ «Лицей № 4»", OrgType.GENERAL, 12, "заместитель директора по УВР"),
    ("МАДОУ «Детский сад № 3 „Солнышко“»", OrgType.PRESCHOOL, 10, "старший воспитатель"),
)
LAST_NAMES = (
    "Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова", "Попова", "Волкова",
    "Зайцева", "Морозова", "Орлова", "Лебедева", "Козлова", "Новикова", "Соколова",
)  # fmt: skip
FIRST_NAMES = ("Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Светлана", "Татьяна", "Юлия", "Дарья")
MIDDLE_NAMES = ("Александровна", "Сергеевна", "Игоревна", "Викторовна", "Павловна", "Андреевна", "Олеговна")
SUBJECTS = (
    "математика", "русский язык", "литература", "история", "физика",
    "биология", "английский язык", "информатика", "начальные классы",
)  # fmt: skip
ROSTER_AGE = timedelta(days=420)  # the roster predates the twelve months of indicator snapshots
OFFICE_NAME = "Соколова Елена Викторовна (ММС)"
OFFICE_TG_ID = -1
NO_ACCOUNT = 0  # see Cast.acting_as


@dataclass(frozen=True)
class Member:
    """A roster person of the demo: their organisation's index and their place in it."""

    id: int
    org: int
    place: int
    full_name: str
    young: bool
    manager: bool


@dataclass
class Cast:
    """The demo municipality and who acts in it."""

    municipality: Org
    orgs: list[Org]
    people: list[Member]
    office: Actor  # the municipal methodical service's methodist: organises, approves, sends the news
    accounts: dict[int, Actor] = field(default_factory=dict)  # person id: their demo account

    def member(self, org: int, place: int) -> Member:
        return next(person for person in self.people if person.org == org and person.place == place)

    # The people the printed invites are for; they have no demo account, so whoever joins becomes them.
    @property
    def coordinator(self) -> Member:
        return self.member(0, 0)

    @property
    def mentee(self) -> Member:
        return self.member(0, 1)

    @property
    def mentor(self) -> Member:
        return self.member(0, 2)

    @property
    def teacher(self) -> Member:
        return self.member(1, 2)

    @property
    def invited(self) -> tuple[Member, ...]:
        return self.coordinator, self.mentee, self.mentor, self.teacher

    def acting_as(self, person: Member) -> Actor:
        """The person as a service sees them: their account, or (for the invited people, who have none
        yet) the bare person, used only where a service reads the person and never the account, so a
        mistake breaks a foreign key loudly instead of writing someone else's name."""
        return self.accounts.get(person.id) or Actor(NO_ACCOUNT, NO_ACCOUNT, person.id, "ru", True)

    def reviewer(self, org: int) -> Actor:
        """The organisation's coordinator if they use the bot, else the methodist."""
        return self.accounts.get(self.member(org, 0).id, self.office)


def is_young_place(place: int) -> bool:
    """Every fourth person of an organisation is a young specialist."""
    return place % 4 == 1


def demo_rows(today: date, seed: int = 7) -> list[RosterRow]:
    """Every organisation's staff: a manager, experienced teachers and young specialists (every fourth,
    under 35 and in their first three years even when the roster was written); the same every time."""
    rng = random.Random(seed)
    rows: list[RosterRow] = []
    names = itertools.count()
    for school, org_type, size, manager_position in ORGANISATIONS:
        preschool = org_type == OrgType.PRESCHOOL
        for place in range(size):
            index = next(names)
            young = is_young_place(place)
            age = rng.randint(23, 30) if young else rng.randint(34, 62)
            tenure_days = rng.randint(430, 1000) if young else rng.randint(6 * 365, (age - 22) * 365)
            first = FIRST_NAMES[(index // 14 * 3 + index % 3) % 10]  # unique with the last name for 56 people
            name = f"{LAST_NAMES[index % 14]} {first} {MIDDLE_NAMES[index % 7]}"
            subjects = ("дошкольное образование",) if preschool else tuple(rng.sample(SUBJECTS, rng.randint(1, 2)))
            rows.append(
                RosterRow(
                    line=len(rows) + 2,
                    full_name=name,
                    school=school,
                    position=manager_position if place == 0 else "воспитатель" if preschool else "учитель",
                    subjects=subjects,
                    birth_date=today - timedelta(days=age * 365 + rng.randint(0, 300)),
                    work_start=today - timedelta(days=tenure_days),
                    is_manager=place == 0,
                    is_active=True,
                    email=None,
                    phone=None,
                    org_type=org_type,
                )
            )
    return rows


async def cast_the_municipality(session: AsyncSession, *, region: Org, now: datetime) -> Cast:
    """The municipality, its organisations and roster (written by the roster import), the methodist's and
    everyone else's demo accounts with their roles."""
    since = now - ROSTER_AGE
    row = Organisation(
        kind=OrgKind.MUNICIPALITY, name=MUNICIPALITY, parent_id=region.id, timezone=region.timezone, created_at=since
    )
    session.add(row)
    await session.flush()
    municipality = Org(row.id, row.kind, row.name, region.id, row.timezone)
    await write_roster(session, scope=ImportScope(municipality, None), rows=demo_rows(now.date()), now=since)
    office = await _account(session, tg_id=OFFICE_TG_ID, person_id=None, name=OFFICE_NAME, now=since)
    office = await _grant(session, office, Role.METHODIST, municipality.id, since)
    cast = await recast(session, municipality, office)
    invited = {person.id for person in cast.invited}
    for number, person in enumerate(cast.people, start=2):
        if person.id in invited:
            continue
        account = await _account(session, tg_id=-number, person_id=person.id, name=person.full_name, now=since)
        if person.manager:
            account = await _grant(session, account, Role.COORDINATOR, cast.orgs[person.org].id, since, office)
        cast.accounts[person.id] = account
    await session.commit()
    return cast


async def recast(session: AsyncSession, municipality: Org, office: Actor | None = None) -> Cast:
    """The cast as the database has it (without the demo accounts' actors): each organisation's people in
    the order the roster listed them."""
    orgs = {
        row.name: Org(row.id, row.kind, row.name, row.parent_id, row.timezone)
        for row in await session.scalars(select(Organisation).where(Organisation.parent_id == municipality.id))
    }
    ordered = [orgs[name] for name, *_rest in ORGANISATIONS]
    people = await session.execute(
        select(Person.id, Person.full_name, Person.school_id)
        .where(Person.school_id.in_([org.id for org in ordered]))
        .order_by(Person.id)
    )
    places: dict[int, int] = {}
    members = []
    for person_id, full_name, school_id in people:
        org = next(index for index, each in enumerate(ordered) if each.id == school_id)
        place = places[org] = places.get(org, -1) + 1
        members.append(Member(person_id, org, place, full_name, is_young_place(place), place == 0))
    if office is None:
        user_id = await session.scalar(select(User.id).where(User.tg_id == OFFICE_TG_ID))
        assert user_id is not None
        office = Actor(user_id, OFFICE_TG_ID, None, "ru", True, (Grant(Role.METHODIST, municipality.id),))
    return Cast(municipality, ordered, members, office)


async def _account(session: AsyncSession, *, tg_id: int, person_id: int | None, name: str, now: datetime) -> Actor:
    """A demo account that consented and reads no weekly digest (no chat is behind it)."""
    user = User(
        tg_id=tg_id, person_id=person_id, display_name=name, consent_at=now, created_at=now, digest_enabled=False
    )
    session.add(user)
    await session.flush()
    return Actor(user.id, tg_id, person_id, "ru", True)


async def _grant(
    session: AsyncSession, actor: Actor, role: Role, org_id: int, now: datetime, by: Actor | None = None
) -> Actor:
    await grant_role(
        session, user_id=actor.user_id, role=role, org_id=org_id, granted_by=by.user_id if by else None, now=now
    )
    return Actor(actor.user_id, actor.tg_id, actor.person_id, "ru", True, (*actor.grants, Grant(role, org_id)))


@dataclass
class Notices:
    """What the services tell people while the demo writes its past: recorded as skipped, because it is
    history already and demo accounts have no chat. Keys are unique in the outbox: one sequence per area."""

    area: str
    keys: Iterator[int] = field(default_factory=itertools.count)

    def __call__(self, *_about: Any) -> NewDelivery:
        key = f"demo:{self.area}:{next(self.keys)}"
        return NewDelivery(key=key, chat_id=NO_ACCOUNT, status=DeliveryStatus.SKIPPED)
