"""Requests to join from people who have no personal invite, decided by the school's managers."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import update_once
from services.errors import AlreadyDecided, InvalidInput, NotFound
from services.models.people import JoinRequest, JoinStatus, Organisation, OrgKind, Person, Role, RoleGrant, User
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, actor_for_user, require_school_manager
from services.people.persons import name_key

# Two to four words of letters, with hyphens or apostrophes inside (Иванова-Петрова, Д'Артаньян).
FULL_NAME = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*(?: [^\W\d_]+(?:[-'’][^\W\d_]+)*){1,3}$")
MAX_NAME = 300


def clean_full_name(text: str) -> str:
    """A ФИО as typed, normalised, or InvalidInput."""
    full_name = " ".join(text.split())
    if len(full_name) > MAX_NAME or not FULL_NAME.match(full_name):
        raise InvalidInput("join-bad-name")
    return full_name


@dataclass(frozen=True)
class JoinRequestView:
    id: int
    full_name: str
    school: str
    municipality: str
    decider: Role  # who will decide: the school's coordinator, else the methodist, else the administrator


@dataclass(frozen=True)
class Decision:
    approved: bool
    full_name: str
    requester: Actor


async def create_join_request(
    session: AsyncSession,
    *,
    actor: Actor,
    school_id: int,
    full_name: str,
    now: datetime,
    notice: Callable[[JoinRequestView, int, str], NewDelivery],
) -> JoinRequestView:
    """File a request to join a school, and tell its managers (given a chat and a language); one pending
    request per account."""
    if actor.is_teacher:
        raise InvalidInput("join-already-member")
    school = await session.get(Organisation, school_id)
    if school is None or school.kind != OrgKind.SCHOOL:
        raise NotFound()
    pending = await session.scalar(
        select(JoinRequest.id).where(JoinRequest.user_id == actor.user_id, JoinRequest.status == JoinStatus.PENDING)
    )
    if pending is not None:
        raise InvalidInput("join-already-pending")
    request = JoinRequest(
        user_id=actor.user_id, school_id=school_id, full_name=clean_full_name(full_name), created_at=now
    )
    session.add(request)
    await session.flush()
    municipality = await session.get_one(Organisation, school.parent_id)
    decider, chats = await _deciders(session, school)
    view = JoinRequestView(request.id, request.full_name, school.name, municipality.name, decider)
    await enqueue(session, [notice(view, chat_id, language) for chat_id, language in chats], now=now)
    await session.commit()
    return view


async def decide_join_request(
    session: AsyncSession,
    *,
    actor: Actor,
    request_id: int,
    approve: bool,
    now: datetime,
    notice: Callable[[Decision], NewDelivery],
) -> Decision:
    """Approve (link or add the person to the roster) or reject, and tell the requester; the first
    decision wins."""
    request = await session.get(JoinRequest, request_id)
    if request is None:
        raise NotFound()
    await require_school_manager(session, actor, request.school_id)
    status = JoinStatus.APPROVED if approve else JoinStatus.REJECTED
    await update_once(
        session,
        update(JoinRequest)
        .where(JoinRequest.id == request_id, JoinRequest.status == JoinStatus.PENDING)
        .values(status=status, decided_at=now, decided_by_user_id=actor.user_id),
        AlreadyDecided(),
    )
    user = await session.get_one(User, request.user_id)
    if approve and user.person_id is None:
        person = await _unlinked_person(session, request.school_id, request.full_name)
        if person is None:
            person = Person(
                school_id=request.school_id,
                full_name=request.full_name,
                name_key=name_key(request.full_name),
                position="",
                created_at=now,
                updated_at=now,
            )
            session.add(person)
            await session.flush()
        user.person_id = person.id
        request.person_id = person.id
    await session.flush()
    decision = Decision(approve, request.full_name, await actor_for_user(session, user.id))
    await enqueue(session, [notice(decision)], now=now)
    await session.commit()
    return decision


async def _deciders(session: AsyncSession, school: Organisation) -> tuple[Role, list[tuple[int, str]]]:
    """Who decides a request to join the school, and the chats (with languages) to tell: its coordinators and the
    municipality's methodists (an admin working there counts as one); with neither, the region's admins."""
    rows = await session.execute(
        select(RoleGrant.role, User.tg_id, User.language, User.acting_municipality_id)
        .join(User, User.id == RoleGrant.user_id)
        .where(
            ((RoleGrant.role == Role.COORDINATOR) & (RoleGrant.org_id == school.id))
            | ((RoleGrant.role == Role.METHODIST) & (RoleGrant.org_id == school.parent_id))
            | (RoleGrant.role == Role.ADMIN)
        )
    )
    chats: dict[Role, dict[int, str]] = {}
    for role, tg_id, language, acting in rows:
        as_role = Role.METHODIST if role == Role.ADMIN and acting == school.parent_id else role
        chats.setdefault(as_role, {})[tg_id] = language
    decider = next((role for role in (Role.COORDINATOR, Role.METHODIST) if role in chats), Role.ADMIN)
    told = (
        chats.get(Role.ADMIN, {})
        if decider == Role.ADMIN
        else {**chats.get(Role.METHODIST, {}), **chats.get(Role.COORDINATOR, {})}
    )
    return decider, list(told.items())


async def _unlinked_person(session: AsyncSession, school_id: int, full_name: str) -> Person | None:
    """The roster person of that name in that school who has no account yet, if exactly one."""
    matches = list(
        await session.scalars(
            select(Person)
            .outerjoin(User, User.person_id == Person.id)
            .where(Person.school_id == school_id, Person.name_key == name_key(full_name), User.id.is_(None))
        )
    )
    return matches[0] if len(matches) == 1 else None
