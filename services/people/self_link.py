"""A school role's invite opened by someone it did not name: they find themselves in the roster of the invite's
school by their full name, so a mentor gets their pairs and a coordinator their own ИОМ. Only a person no other
account is linked to, and only by the exact ФИО: the roster is never listed to a newcomer; the school's
coordinators and methodists are told who linked themselves to whom, so a wrong link is seen and undone."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import update_once
from services.errors import Forbidden, InvalidInput, NotFound
from services.models.people import Organisation, Person, Role, User
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor, approver_chats
from services.people.persons import name_key

MAX_NAME = 300


@dataclass(frozen=True)
class RosterSelf:
    """A roster person who may be the one asking."""

    person_id: int
    full_name: str
    school: str
    position: str


def _may_look(actor: Actor, org_id: int) -> None:
    """Only someone holding a role in that school, and not linked to the roster yet, looks themselves up."""
    if actor.person_id is not None:
        raise InvalidInput("self-link-already")
    if org_id not in {grant.org_id for grant in actor.grants if grant.role in (Role.COORDINATOR, Role.MENTOR)}:
        raise Forbidden()


async def find_self(session: AsyncSession, *, actor: Actor, org_id: int, full_name: str) -> list[RosterSelf]:
    """Active roster people of the school whose ФИО is exactly the one typed (case, ё and spacing aside)
    and whom no account is linked to yet; usually one, namesakes each with their position."""
    _may_look(actor, org_id)
    key = name_key(full_name)
    if len(key.split()) < 2 or len(key) > MAX_NAME:
        raise InvalidInput("self-link-full-name")
    rows = await session.execute(
        select(Person.id, Person.full_name, Organisation.name, Person.position)
        .join(Organisation, Organisation.id == Person.school_id)
        .outerjoin(User, User.person_id == Person.id)
        .where(Person.school_id == org_id, Person.name_key == key, Person.is_active, User.id.is_(None))
        .order_by(Organisation.name, Person.id)
        .limit(5)
    )
    return [RosterSelf(person_id, name, school, position or "") for person_id, name, school, position in rows]


# The message for one of the school's approvers (chat, language) about a self-link: (who, school) -> delivery.
SelfLinkNotice = Callable[[RosterSelf, int, str], NewDelivery]


async def link_self(
    session: AsyncSession, *, actor: Actor, org_id: int, person_id: int, now: datetime, notice: SelfLinkNotice
) -> str:
    """Link the actor's account to a roster person of the school that nobody else is linked to, and tell the
    school's approvers in the same transaction; returns their ФИО. Checked again here: the button is user input
    and another account may have been quicker."""
    _may_look(actor, org_id)
    found = (
        await session.execute(
            select(Person, Organisation.name)
            .join(Organisation, Organisation.id == Person.school_id)
            .where(Person.id == person_id, Person.is_active, Person.school_id == org_id)
        )
    ).one_or_none()
    if found is None:
        raise NotFound()
    person, school = found
    taken = await session.scalar(select(User.id).where(User.person_id == person.id))
    if taken is not None:
        raise InvalidInput("self-link-taken")
    await update_once(
        session,
        update(User).where(User.id == actor.user_id, User.person_id.is_(None)).values(person_id=person.id),
        InvalidInput("self-link-already"),
    )
    linked = RosterSelf(person.id, person.full_name, school, person.position or "")
    chats = [chat for chat in await approver_chats(session, school_id=org_id) if chat[0] != actor.tg_id]
    await enqueue(session, [notice(linked, chat_id, language) for chat_id, language in chats], now=now)
    try:
        await session.commit()
    except IntegrityError:  # another account linked them a moment ago: one account per person
        await session.rollback()
        raise InvalidInput("self-link-taken") from None
    return person.full_name
