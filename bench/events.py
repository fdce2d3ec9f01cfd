"""Benchmark: event sign-ups per second on one process with SQLite, one after another and all at once.

Run: .venv/bin/python -m bench.events [people]
"""

import asyncio
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from bench.setup import fresh_database, municipality_with_teachers
from services.events.organise import EventInput, create_event
from services.events.seats import sign_up
from services.models.events import EventKind, RegistrationStatus
from services.models.people import Role, User
from services.people.access import Actor, Grant

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
EVENT = EventInput(
    title="Семинар", kind=EventKind.SEMINAR, starts_at=NOW + timedelta(days=7), ends_at=NOW + timedelta(days=7, hours=2)
)


async def main(people: int) -> None:
    async with fresh_database() as factory:
        async with factory() as session:
            municipality_id, person_ids = await municipality_with_teachers(session, schools=1, teachers=people, now=NOW)
            await session.execute(
                insert(User),
                [
                    {
                        "tg_id": 100_000 + n,
                        "person_id": person_id,
                        "language": "ru",
                        "display_name": "",
                        "created_at": NOW,
                    }
                    for n, person_id in enumerate(person_ids)
                ],
            )
            organiser = User(tg_id=1, language="ru", display_name="", created_at=NOW)
            session.add(organiser)
            await session.commit()
            methodist = Actor(organiser.id, 1, None, "ru", True, (Grant(Role.METHODIST, municipality_id),))
            half = len(person_ids) // 2
            sequential = await create_event(session, actor=methodist, data=replace(EVENT, capacity=half), now=NOW)
            concurrent = await create_event(session, actor=methodist, data=replace(EVENT, capacity=half), now=NOW)
        actors = [Actor(0, 0, person_id, "ru", True) for person_id in person_ids]

        async def one(actor: Actor, event_id: int) -> RegistrationStatus:
            async with factory() as own:
                return (await sign_up(own, actor=actor, event_id=event_id, now=NOW)).status

        started = time.perf_counter()
        for actor in actors:
            await one(actor, sequential.id)
        one_by_one = time.perf_counter() - started
        started = time.perf_counter()
        statuses = await asyncio.gather(*(one(actor, concurrent.id) for actor in actors))
        at_once = time.perf_counter() - started
    registered = statuses.count(RegistrationStatus.REGISTERED)
    print(f"{people} sign-ups for {half} seats (the rest waitlisted), SQLite, one process")
    print(f"one after another: {one_by_one:.2f} s ({people / one_by_one:,.0f} sign-ups/s)")
    print(f"all at once:       {at_once:.2f} s ({people / at_once:,.0f} sign-ups/s), {registered} seated")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
