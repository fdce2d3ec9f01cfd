"""Methodical associations and professional communities: methodists keep the list, people join and leave
from the bot or are imported from a file. Membership feeds the community indicators."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput, NotFound, RosterRejected, RowProblem
from services.files.reading import ReadProgress, date_of, named_rows, text_of
from services.models.indicators import Community, CommunityLevel, CommunityMember
from services.models.people import Organisation, Person
from services.people.access import Actor, organiser_municipality
from services.people.persons import name_key

MAX_NAME = 300
COLUMNS = ("ФИО", "Дата рождения", "Сообщество")


@dataclass(frozen=True)
class CommunityView:
    id: int
    name: str
    level: CommunityLevel
    members: int
    mine: bool


async def municipality_of_person(session: AsyncSession, person_id: int) -> int:
    parent = await session.scalar(
        select(Organisation.parent_id).join(Person, Person.school_id == Organisation.id).where(Person.id == person_id)
    )
    assert parent is not None
    return parent


async def communities_for(session: AsyncSession, *, actor: Actor) -> tuple[int, list[CommunityView]]:
    """The communities of the actor's municipality (their own, or the one they run), with membership."""
    if actor.person_id is not None:
        municipality_id = await municipality_of_person(session, actor.person_id)
    else:
        municipality_id = organiser_municipality(actor)
    members = (
        select(CommunityMember.community_id, func.count().label("members"))
        .where(CommunityMember.left_on.is_(None))
        .group_by(CommunityMember.community_id)
        .subquery()
    )
    mine = set(
        await session.scalars(
            select(CommunityMember.community_id).where(
                CommunityMember.person_id == (actor.person_id or 0), CommunityMember.left_on.is_(None)
            )
        )
    )
    rows = await session.execute(
        select(Community.id, Community.name, Community.level, func.coalesce(members.c.members, 0))
        .outerjoin(members, members.c.community_id == Community.id)
        .where(Community.municipality_id == municipality_id)
        .order_by(Community.name)
    )
    return municipality_id, [CommunityView(cid, name, level, count, cid in mine) for cid, name, level, count in rows]


def clean_community_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise InvalidInput("community-bad-name", limit=MAX_NAME)
    return name


async def create_community(
    session: AsyncSession, *, actor: Actor, name: str, level: CommunityLevel, now: datetime
) -> Community:
    municipality_id = organiser_municipality(actor)
    name = clean_community_name(name)
    community = Community(municipality_id=municipality_id, name=name, level=level, created_at=now)
    session.add(community)
    await session.commit()
    return community


async def set_membership(session: AsyncSession, *, actor: Actor, community_id: int, member: bool, today: date) -> bool:
    """Join (or leave) a community of one's own municipality; returns whether one is a member now."""
    if actor.person_id is None:
        raise Forbidden("events-need-roster")
    community = await session.get(Community, community_id)
    if community is None:
        raise NotFound()
    if community.municipality_id != await municipality_of_person(session, actor.person_id):
        raise Forbidden()
    current = await session.scalar(
        select(CommunityMember).where(
            CommunityMember.community_id == community_id, CommunityMember.person_id == actor.person_id
        )
    )
    if member and current is None:
        session.add(CommunityMember(community_id=community_id, person_id=actor.person_id, joined_on=today))
    elif member and current is not None and current.left_on is not None:
        current.joined_on, current.left_on = today, None  # back again: counted from today
    elif not member and current is not None and current.left_on is None:
        current.left_on = today
    await session.commit()
    return member


async def import_members(
    session: AsyncSession,
    *,
    actor: Actor,
    content: bytes,
    file_name: str,
    today: date,
    progress: ReadProgress | None = None,
) -> int:
    """Members from a file (ФИО, Дата рождения, Сообщество); every row must match, or nobody is added."""
    municipality_id = organiser_municipality(actor)
    problems, table = await named_rows(content, file_name, COLUMNS, COLUMNS, progress)
    communities = {
        name_key(name): cid
        for cid, name in await session.execute(
            select(Community.id, Community.name).where(Community.municipality_id == municipality_id)
        )
    }
    people = {
        (key, birth): pid
        for pid, key, birth in await session.execute(
            select(Person.id, Person.name_key, Person.birth_date)
            .join(Organisation, Organisation.id == Person.school_id)
            .where(Organisation.parent_id == municipality_id, Person.is_active)
        )
    }
    pairs: set[tuple[int, int]] = set()
    for line, value in table:
        person_id = people.get((name_key(text_of(value["ФИО"])), date_of(value["Дата рождения"])))
        community_id = communities.get(name_key(text_of(value["Сообщество"])))
        if person_id is None:
            problems.append(RowProblem(line, "ФИО", "not-in-roster", text_of(value["ФИО"])[:60]))
        if community_id is None:
            problems.append(RowProblem(line, "Сообщество", "bad-choice", text_of(value["Сообщество"])[:60]))
        if person_id is not None and community_id is not None:
            pairs.add((community_id, person_id))
    if problems or not table:
        raise RosterRejected(problems or [RowProblem(2, "", "empty")])
    existing = {
        (row.community_id, row.person_id): row
        for row in await session.scalars(
            select(CommunityMember).where(CommunityMember.community_id.in_({cid for cid, _pid in pairs}))
        )
    }
    added = 0
    for cid, pid in pairs:
        if (row := existing.get((cid, pid))) is None:
            session.add(CommunityMember(community_id=cid, person_id=pid, joined_on=today))
            added += 1
        elif row.left_on is not None:  # back again: counted from today
            row.joined_on, row.left_on = today, None
            added += 1
    await session.commit()
    return added
