"""The first day in a municipality: what a methodist still has to set up, checked across areas in one query."""

from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.events import Event
from services.models.indicators import IndicatorChoice
from services.models.people import Invite, Organisation, Person, Role, RoleGrant
from services.models.routes import Activity

# The set-up steps, in the order a methodist does them.
STEPS = ("roster", "coordinators", "catalogue", "event", "indicators")


@dataclass(frozen=True)
class Step:
    name: str
    done: bool


async def first_day_checklist(session: AsyncSession, *, municipality_id: int) -> tuple[Step, ...]:
    """The set-up steps of a municipality, each ticked when done; empty once all are done."""
    schools = select(Organisation.id).where(Organisation.parent_id == municipality_id).scalar_subquery()
    # Inviting a coordinator is done once the invite is made, before anyone has opened it.
    coordinators = or_(
        exists().where(RoleGrant.role == Role.COORDINATOR, RoleGrant.org_id.in_(schools)),
        exists().where(Invite.role == Role.COORDINATOR, Invite.org_id.in_(schools)),
    )
    row = (
        await session.execute(
            select(
                exists().where(Person.school_id.in_(schools)),
                coordinators,
                exists().where(Activity.municipality_id == municipality_id),
                exists().where(Event.municipality_id == municipality_id),
                exists().where(IndicatorChoice.org_id == municipality_id),
            )
        )
    ).one()
    steps = tuple(Step(name, bool(done)) for name, done in zip(STEPS, row, strict=True))
    return () if all(step.done for step in steps) else steps
