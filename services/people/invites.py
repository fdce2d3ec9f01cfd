"""Single-use invite tokens for deep links: personal (link a roster person) and role invites."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import in_turns, insert_rows, update_once
from services.errors import Forbidden, InvalidInput, InviteRefused, NotFound
from services.models.people import Invite, Organisation, OrgKind, Person, Role, User
from services.people.access import Actor, grant_role, require_school_manager

# The kind of organisation each invitable role is scoped to.
ROLE_SCOPE: dict[Role, OrgKind] = {
    Role.METHODIST: OrgKind.MUNICIPALITY,
    Role.COORDINATOR: OrgKind.SCHOOL,
    Role.MENTOR: OrgKind.SCHOOL,
}


def new_token() -> str:
    # 22 url-safe characters: fits the 64-character /start payload Telegram allows.
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class PersonInvite:
    person_id: int
    full_name: str
    school: str
    token: str | None  # None: the person has already joined
    expires_at: datetime | None


@dataclass(frozen=True)
class Redeemed:
    person_name: str | None
    role: Role | None
    org_name: str | None
    org_id: int | None = None


def invitable_roles(actor: Actor) -> list[Role]:
    """Admins appoint methodists, methodists coordinators, coordinators mentors (and each what is below)."""
    if actor.has(Role.ADMIN):
        return [Role.METHODIST, Role.COORDINATOR, Role.MENTOR]
    if actor.has(Role.METHODIST):
        return [Role.COORDINATOR, Role.MENTOR]
    if actor.has(Role.COORDINATOR):
        return [Role.MENTOR]
    return []


async def check_invite_scope(session: AsyncSession, *, actor: Actor, role: Role, org_id: int) -> None:
    """The actor may invite to `role` in `org_id` (a school in their scope, or a municipality); else Forbidden."""
    if role not in invitable_roles(actor):
        raise Forbidden()
    if ROLE_SCOPE[role] == OrgKind.SCHOOL:
        await require_school_manager(session, actor, org_id)
        return
    org = await session.get(Organisation, org_id)
    if org is None or org.kind != OrgKind.MUNICIPALITY:
        raise NotFound()


async def create_role_invite(
    session: AsyncSession,
    *,
    actor: Actor,
    role: Role,
    org_id: int,
    now: datetime,
    ttl_days: int,
    person_id: int | None = None,
) -> str:
    """A single-use link that grants `role` in `org_id` to whoever opens it first; with a roster person of that
    school (a coordinator or mentor), opening it also links the account to them, so they are a teacher too."""
    await check_invite_scope(session, actor=actor, role=role, org_id=org_id)
    if person_id is not None:
        person = await session.get(Person, person_id)
        if person is None or person.school_id != org_id:  # also refuses a person for a municipality's role
            raise InvalidInput("invite-person-other-school")
    token = new_token()
    session.add(
        Invite(
            token=token,
            role=role,
            org_id=org_id,
            person_id=person_id,
            created_by_user_id=actor.user_id,
            created_at=now,
            expires_at=now + timedelta(days=ttl_days),
        )
    )
    await session.commit()
    return token


async def issue_person_invites(
    session: AsyncSession, *, person_ids: list[int], created_by: int | None, now: datetime, ttl_days: int
) -> list[PersonInvite]:
    """One personal invite per person, reusing a still-valid one so a re-import changes nothing."""
    people = (
        await session.execute(
            select(Person.id, Person.full_name, Organisation.name, User.id)
            .join(Organisation, Organisation.id == Person.school_id)
            .outerjoin(User, User.person_id == Person.id)
            .where(Person.id.in_(person_ids))
            .order_by(Organisation.name, Person.full_name)
        )
    ).all()
    valid = {
        person_id: (token, expires_at)
        for person_id, token, expires_at in await session.execute(
            select(Invite.person_id, Invite.token, Invite.expires_at).where(
                Invite.person_id.in_(person_ids),
                Invite.role.is_(None),  # a role invite naming the person is not their personal link
                Invite.used_at.is_(None),
                Invite.expires_at > now,
            )
        )
    }
    result: list[PersonInvite] = []
    fresh: list[dict[str, object]] = []
    async for chunk in in_turns(people):  # a roster of 20 000: the event loop serves others between chunks
        for person_id, full_name, school, user_id in chunk:
            if user_id is not None:
                result.append(PersonInvite(person_id, full_name, school, None, None))
                continue
            token, expires_at = valid.get(person_id) or (new_token(), now + timedelta(days=ttl_days))
            if person_id not in valid:
                fresh.append(
                    {
                        "token": token,
                        "person_id": person_id,
                        "created_by_user_id": created_by,
                        "created_at": now,
                        "expires_at": expires_at,
                    }
                )
            result.append(PersonInvite(person_id, full_name, school, token, expires_at))
    await insert_rows(session, Invite, fresh)  # executemany by chunks, not thousands of ORM objects
    await session.commit()
    return result


async def redeem_invite(session: AsyncSession, *, actor: Actor, token: str, now: datetime) -> Redeemed:
    """Use an invite: link the account to its roster person and/or grant its role, exactly once."""
    invite = await session.scalar(select(Invite).where(Invite.token == token))
    if invite is None:
        raise InviteRefused("invite-unknown")
    if invite.used_at is not None:
        raise InviteRefused("invite-used")
    if invite.expires_at <= now:
        raise InviteRefused("invite-expired")
    user = await session.get_one(User, actor.user_id)
    person = await session.get(Person, invite.person_id) if invite.person_id else None
    if person is not None:
        if user.person_id not in (None, person.id):
            raise InviteRefused("invite-foreign")
        taken = await session.scalar(select(User.id).where(User.person_id == person.id, User.id != user.id))
        if taken is not None:
            raise InviteRefused("invite-used")
    # Single-use even if two people open the link at once.
    await update_once(
        session,
        update(Invite)
        .where(Invite.id == invite.id, Invite.used_at.is_(None))
        .values(used_at=now, used_by_user_id=user.id),
        InviteRefused("invite-used"),
    )
    if person is not None:
        user.person_id = person.id
    org = await session.get(Organisation, invite.org_id) if invite.org_id else None
    if invite.role is not None and org is not None:
        await grant_role(
            session, user_id=user.id, role=invite.role, org_id=org.id, granted_by=invite.created_by_user_id, now=now
        )
    await session.commit()
    return Redeemed(
        person.full_name if person else None, invite.role, org.name if org else None, org.id if org else None
    )
