"""Who is acting, and what they may touch: roles with organisation scopes, checked on the server."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, NotFound
from services.models.people import Organisation, OrgKind, Person, Role, RoleGrant, User

LANGUAGES = ("ru", "en")


@dataclass(frozen=True)
class Grant:
    role: Role
    org_id: int


@dataclass(frozen=True)
class Actor:
    """The person behind an update: their account, roster link and role grants."""

    user_id: int
    tg_id: int
    person_id: int | None
    language: str
    consented: bool
    grants: tuple[Grant, ...] = ()
    # The municipality an admin has chosen to work in; its methodist grant is among `grants`.
    acting_municipality: int | None = None

    @property
    def is_teacher(self) -> bool:
        return self.person_id is not None

    def has(self, role: Role) -> bool:
        return any(grant.role == role for grant in self.grants)

    def orgs(self, role: Role) -> list[int]:
        return [grant.org_id for grant in self.grants if grant.role == role]

    @property
    def roles(self) -> tuple[str, ...]:
        """Role names for menus and help, teacher first."""
        names = ["teacher"] if self.is_teacher else []
        names += [role.value for role in Role if self.has(role)]
        return tuple(names)


async def load_actor(
    session: AsyncSession,
    *,
    tg_id: int,
    language_code: str | None,
    admin_ids: frozenset[int],
    region_id: int,
    now: datetime,
) -> Actor:
    """Find or create the account of a Telegram user; accounts in ADMIN_IDS become admins. Nothing
    personal is stored before consent: the name comes with `give_consent`."""
    user = await session.scalar(select(User).where(User.tg_id == tg_id))
    changed = user is None or user.blocked_at is not None
    if user is None:
        language = language_code if language_code in LANGUAGES else LANGUAGES[0]
        user = User(tg_id=tg_id, display_name="", language=language, created_at=now)
        session.add(user)
        await session.flush()
    user.blocked_at = None  # writing to us means they are back: bulk messages reach them again
    grants = list(await session.scalars(select(RoleGrant).where(RoleGrant.user_id == user.id)))
    if tg_id in admin_ids and not any(grant.role == Role.ADMIN for grant in grants):
        admin = RoleGrant(user_id=user.id, role=Role.ADMIN, org_id=region_id, granted_at=now)
        session.add(admin)
        grants.append(admin)
        changed = True
    if changed:
        await session.commit()
    return _actor(user, grants)


async def actor_for_user(session: AsyncSession, user_id: int) -> Actor:
    """The actor behind an account other than the current one (e.g. to refresh their menu)."""
    user = await session.get_one(User, user_id)
    grants = await session.scalars(select(RoleGrant).where(RoleGrant.user_id == user_id))
    return _actor(user, list(grants))


def _actor(user: User, grants: list[RoleGrant]) -> Actor:
    held = [Grant(grant.role, grant.org_id) for grant in grants]
    # Admin is a superset of methodist: in the municipality an admin has chosen, the admin acts as its
    # methodist, so every methodist screen and check works for them unchanged (issue 16).
    acting = user.acting_municipality_id if any(grant.role == Role.ADMIN for grant in held) else None
    if acting is not None and Grant(Role.METHODIST, acting) not in held:
        held.insert(0, Grant(Role.METHODIST, acting))
    return Actor(
        user_id=user.id,
        tg_id=user.tg_id,
        person_id=user.person_id,
        language=user.language,
        consented=user.consent_at is not None,
        grants=tuple(held),
        acting_municipality=acting,
    )


async def act_in_municipality(session: AsyncSession, *, actor: Actor, municipality_id: int) -> Actor:
    """An admin chooses the municipality to work in as its methodist; the choice is kept for next time."""
    if not actor.has(Role.ADMIN):
        raise Forbidden()
    municipality = await session.get(Organisation, municipality_id)
    if municipality is None or municipality.kind != OrgKind.MUNICIPALITY:
        raise NotFound()
    user = await session.get_one(User, actor.user_id)
    user.acting_municipality_id = municipality_id
    await session.commit()
    return await actor_for_user(session, actor.user_id)


async def give_consent(session: AsyncSession, *, actor: Actor, display_name: str, now: datetime) -> None:
    """Record consent to personal-data processing (152-ФЗ) once, with its date, and the person's
    Telegram name, which is kept from then on."""
    user = await session.get_one(User, actor.user_id)
    if user.consent_at is None:
        user.consent_at = now
        user.display_name = display_name[:300]
        await session.commit()


async def set_language(session: AsyncSession, *, actor: Actor, language: str) -> None:
    if language not in LANGUAGES:
        raise Forbidden()
    user = await session.get_one(User, actor.user_id)
    user.language = language
    await session.commit()


async def grant_role(
    session: AsyncSession, *, user_id: int, role: Role, org_id: int, granted_by: int | None, now: datetime
) -> None:
    """Stage a role grant unless the user already holds it (the caller commits)."""
    exists = await session.scalar(
        select(RoleGrant.id).where(RoleGrant.user_id == user_id, RoleGrant.role == role, RoleGrant.org_id == org_id)
    )
    if exists is None:
        session.add(RoleGrant(user_id=user_id, role=role, org_id=org_id, granted_by_user_id=granted_by, granted_at=now))


async def require_school_manager(session: AsyncSession, actor: Actor, school_id: int) -> Organisation:
    """The school's coordinator, a methodist of its municipality, or an admin; else Forbidden."""
    school = await session.get(Organisation, school_id)
    if school is None or school.kind != OrgKind.SCHOOL:
        raise NotFound()
    if (
        actor.has(Role.ADMIN)
        or school_id in actor.orgs(Role.COORDINATOR)
        or school.parent_id in actor.orgs(Role.METHODIST)
    ):
        return school
    raise Forbidden()


def manager_scope(actor: Actor) -> ColumnElement[bool]:
    """People the actor manages: their schools (coordinator) or municipalities (methodist); needs Person
    and their school's Organisation in the query."""
    if actor.has(Role.ADMIN):
        return true()
    clauses = []
    if schools := actor.orgs(Role.COORDINATOR):
        clauses.append(Person.school_id.in_(schools))
    if municipalities := actor.orgs(Role.METHODIST):
        clauses.append(Organisation.parent_id.in_(municipalities))
    return or_(*clauses) if clauses else false()


async def approver_chats_of_schools(session: AsyncSession, school_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """For each school, the chats and languages of its coordinators and its municipality's methodists (an admin
    working in that municipality among them)."""
    rows = await session.execute(
        select(Organisation.id, User.tg_id, User.language)
        .join(
            RoleGrant,
            or_(
                (RoleGrant.role == Role.COORDINATOR) & (RoleGrant.org_id == Organisation.id),
                (RoleGrant.role == Role.METHODIST) & (RoleGrant.org_id == Organisation.parent_id),
                RoleGrant.role == Role.ADMIN,
            ),
        )
        .join(
            User,
            (User.id == RoleGrant.user_id)
            & ((RoleGrant.role != Role.ADMIN) | (User.acting_municipality_id == Organisation.parent_id)),
        )
        .where(Organisation.id.in_(school_ids))
        .distinct()
    )
    chats: dict[int, list[tuple[int, str]]] = {}
    for school_id, tg_id, language in rows:
        chats.setdefault(school_id, []).append((tg_id, language))
    return chats


async def approver_chats(session: AsyncSession, *, school_id: int) -> list[tuple[int, str]]:
    """Telegram ids and languages of the school's coordinators and its municipality's methodists."""
    return (await approver_chats_of_schools(session, {school_id})).get(school_id, [])


def organiser_municipality(actor: Actor) -> int:
    """The municipality a methodist acts on: their events, news, catalogue and communities."""
    municipalities = actor.orgs(Role.METHODIST)
    if not municipalities:
        raise Forbidden()
    return municipalities[0]
