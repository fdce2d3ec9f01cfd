"""`fill_demo`: the demo municipality written once, in one transaction, by the product's own services;
on a second run only fresh invites."""

import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.demo.cast import Cast, Member, cast_the_municipality, recast
from services.demo.events import fill_events
from services.demo.guard import demo_municipality, refuse_real_data
from services.demo.mentoring import fill_mentoring
from services.demo.news import fill_communities, fill_news
from services.demo.routes import fill_catalogue, fill_diagnostics, fill_recent_diagnostics, fill_routes
from services.indicators.calculation import load_scope
from services.indicators.snapshots import TREND_MONTHS, take
from services.mentoring.plan import add_months, month_of
from services.models.people import Invite, Organisation, Person, Role, User
from services.people.invites import new_token
from services.people.orgs import get_org

SEED = 2026  # the same demo every time


@dataclass(frozen=True)
class DemoInvite:
    """One way in: `who` is methodist, coordinator, mentor, mentee (the young specialist) or teacher; no
    token when someone has already joined as that person."""

    who: str
    role: Role | None
    full_name: str | None
    person_id: int | None
    token: str | None


@dataclass(frozen=True)
class Demo:
    """What the command prints and a test needs: the municipality and the five ways into it."""

    municipality_id: int
    invites: list[DemoInvite]

    def invite(self, who: str) -> DemoInvite:
        return next(invite for invite in self.invites if invite.who == who)


async def fill_demo(session: AsyncSession, *, region_id: int, now: datetime, ttl_days: int) -> Demo:
    """Fill the demo municipality under the region (once) and issue one fresh invite per demo role;
    RealDataFound, with nothing written, when the database holds anything but the demo."""
    municipality_id = await demo_municipality(session, region_id)
    await refuse_real_data(session, region_id=region_id, municipality_id=municipality_id)
    try:
        await _retire_invites(session, municipality_id or 0, now)
        async with _savepoints(session) as steps:
            if municipality_id is None:
                cast = await _fill(steps, region_id, now)
            else:
                cast = await recast(steps, await get_org(steps, municipality_id))
            invites = await _invite(steps, cast, now, ttl_days)
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    return Demo(cast.municipality.id, invites)


@asynccontextmanager
async def _savepoints(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """A session in the same transaction whose commits are savepoints: the services commit after each
    step as they do for a person, and the demo is still all or nothing. SQLite begins the transaction
    only at the first write, and a savepoint before it would commit on release: write something first."""
    steps = AsyncSession(
        bind=await session.connection(), join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield steps
    finally:
        await steps.close()


async def _fill(session: AsyncSession, region_id: int, now: datetime) -> Cast:
    rng = random.Random(SEED)
    cast = await cast_the_municipality(session, region=await get_org(session, region_id), now=now)
    year_ago = now - timedelta(days=365)
    await fill_catalogue(session, cast, year_ago)
    await fill_routes(session, cast, await fill_diagnostics(session, cast, now, rng), now)
    await fill_recent_diagnostics(session, cast, now, rng)
    await fill_events(session, cast, now)
    await fill_mentoring(session, cast, now)
    await fill_communities(session, cast, now)
    await fill_news(session, cast, now)
    scope = await load_scope(session, cast.municipality.id)
    first = add_months(month_of(now.date()), -TREND_MONTHS)
    for month in range(TREND_MONTHS):
        await take(session, scope=scope, month=add_months(first, month), now=now)
    return cast


async def _retire_invites(session: AsyncSession, municipality_id: int, now: datetime) -> None:
    """The unused invites of an earlier run expire, so only the printed ones work. The first write, even
    when there is nothing to retire (see _savepoints)."""
    demo_orgs = select(Organisation.id).where(
        or_(Organisation.id == municipality_id, Organisation.parent_id == municipality_id)
    )
    demo_people = select(Person.id).where(Person.school_id.in_(demo_orgs))
    await session.execute(
        update(Invite)
        .where(Invite.used_at.is_(None), or_(Invite.org_id.in_(demo_orgs), Invite.person_id.in_(demo_people)))
        .values(expires_at=now)
    )


async def _invite(session: AsyncSession, cast: Cast, now: datetime, ttl_days: int) -> list[DemoInvite]:
    """One invite per demo role (the rows an invite list would write): the methodist's grants the role
    on the municipality; the others link their roster person, with the role on their organisation."""
    school = cast.orgs[cast.coordinator.org].id
    ways: list[tuple[str, Role | None, int | None, Member | None]] = [
        ("methodist", Role.METHODIST, cast.municipality.id, None),
        ("coordinator", Role.COORDINATOR, school, cast.coordinator),
        ("mentor", Role.MENTOR, school, cast.mentor),
        ("mentee", None, None, cast.mentee),
        ("teacher", None, None, cast.teacher),
    ]
    joined = set(await session.scalars(select(User.person_id).where(User.person_id.in_([p.id for p in cast.invited]))))
    invites = []
    for who, role, org_id, person in ways:
        person_id = person.id if person else None
        token = None if person_id in joined else new_token()
        if token is not None:
            session.add(
                Invite(
                    token=token,
                    person_id=person_id,
                    role=role,
                    org_id=org_id,
                    created_by_user_id=cast.office.user_id,
                    created_at=now,
                    expires_at=now + timedelta(days=ttl_days),
                )
            )
        invites.append(DemoInvite(who, role, person.full_name if person else None, person_id, token))
    await session.commit()
    return invites
