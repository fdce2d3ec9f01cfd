"""The demo fills only a database that holds nothing but the demo: this finds what else is there."""

from sqlalchemy import ColumnElement, Select, exists, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.demo.cast import MUNICIPALITY
from services.models.people import JoinRequest, Organisation, OrgKind, Person, Role, RoleGrant, User


class RealDataFound(Exception):
    """The database holds organisations, people or accounts outside the demo; `found` names the kinds
    (organisations, people, users). Only the demo command meets it, never a person in the bot."""

    def __init__(self, found: list[str]) -> None:
        super().__init__(", ".join(found))
        self.found = found


async def demo_municipality(session: AsyncSession, region_id: int) -> int | None:
    return await session.scalar(
        select(Organisation.id).where(
            Organisation.parent_id == region_id,
            Organisation.kind == OrgKind.MUNICIPALITY,
            Organisation.name == MUNICIPALITY,
        )
    )


async def refuse_real_data(session: AsyncSession, *, region_id: int, municipality_id: int | None) -> None:
    """Raise RealDataFound unless every organisation is the region or in the demo municipality, every
    roster person is in it, and every account is a demo account, an admin, or linked to the demo (joined
    through a demo invite, or asked to join a demo school)."""
    demo_orgs = select(Organisation.id).where(
        or_(Organisation.id == (municipality_id or 0), Organisation.parent_id == (municipality_id or 0))
    )
    other_orgs = select(Organisation.id).where(Organisation.id != region_id, Organisation.id.not_in(demo_orgs))
    other_people = select(Person.id).where(Person.school_id.not_in(demo_orgs))
    demo_user: ColumnElement[bool] = or_(
        User.tg_id < 0,  # the demo's own accounts (cast.py)
        User.person_id.in_(select(Person.id).where(Person.school_id.in_(demo_orgs))),
        exists().where(RoleGrant.user_id == User.id, RoleGrant.role == Role.ADMIN),
        exists().where(RoleGrant.user_id == User.id, RoleGrant.org_id.in_(demo_orgs)),
        exists().where(JoinRequest.user_id == User.id, JoinRequest.school_id.in_(demo_orgs)),
    )
    other_users = select(User.id).where(not_(demo_user))
    kinds = {"organisations": other_orgs, "people": other_people, "users": other_users}
    found = [kind for kind, query in kinds.items() if await _any(session, query)]
    if found:
        raise RealDataFound(found)


async def _any(session: AsyncSession, query: Select[int]) -> bool:
    return bool(await session.scalar(select(func.count()).select_from(query.limit(1).subquery())))
