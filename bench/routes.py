"""Benchmark: a teacher opening a 30-item route, and a methodist's review queue among 100 000 reported items.

Run: .venv/bin/python -m bench.routes [items]
Prints milliseconds per request of our own work (services plus rendering), on a fresh SQLite file.
"""

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from bench.setup import fresh_database, municipality_with_teachers
from handlers.common.i18n import Translations
from handlers.routes.views import route_keyboard, route_text
from services.models.people import Role
from services.models.routes import ActivityKind, ItemStatus, Route, RouteItem, RouteStatus
from services.people.access import Actor, Grant
from services.routes.register import status_counts
from services.routes.review import item_queue, route_queue
from services.routes.routes import latest_route

ITEMS_PER_TEACHER = 10
SCHOOLS = 50


async def fill(session: AsyncSession, items: int, now: datetime) -> tuple[int, int]:
    """A municipality whose teachers have approved routes with every item reported; one teacher has 30 items."""
    teachers = items // ITEMS_PER_TEACHER + 1
    municipality_id, person_ids = await municipality_with_teachers(session, schools=SCHOOLS, teachers=teachers, now=now)
    await session.execute(
        insert(Route),
        [
            {"person_id": person_id, "status": RouteStatus.IN_PROGRESS, "created_at": now, "submitted_at": now}
            for person_id in person_ids
        ],
    )
    rows = [
        {
            "route_id": n // ITEMS_PER_TEACHER + 2,
            "title": f"Мероприятие {n}",
            "kind": ActivityKind.SEMINAR,
            "deadline": now.date() + timedelta(days=n % 200),
            "status": ItemStatus.REPORTED,
            "reported_at": now - timedelta(minutes=n),
        }
        for n in range(items)
    ]
    rows += [
        {
            "route_id": 1,
            "title": f"Пункт маршрута номер {n} с достаточно длинным названием",
            "kind": ActivityKind.COURSE,
            "deadline": now.date() + timedelta(days=n),
            "status": ItemStatus.PLANNED,
        }
        for n in range(30)
    ]
    for start in range(0, len(rows), 20_000):
        await session.execute(insert(RouteItem), rows[start : start + 20_000])
    await session.commit()
    return municipality_id, person_ids[0]  # whose route (id 1) has the 30 items


async def timed(label: str, call: Callable[[], Awaitable[Any]], repeat: int = 20) -> None:
    await call()  # warm up caches and the statement cache
    started = time.perf_counter()
    for _ in range(repeat):
        await call()
    print(f"{label:<44} {(time.perf_counter() - started) / repeat * 1000:8.1f} ms")


async def main(items: int) -> None:
    now = datetime.now(UTC)
    t = Translations().get("ru")
    async with fresh_database() as factory:
        async with factory() as session:
            started = time.perf_counter()
            municipality_id, teacher_id = await fill(session, items, now)
            print(
                f"filled {items:,} reported items for {items // ITEMS_PER_TEACHER:,} teachers "
                f"in {time.perf_counter() - started:.1f} s"
            )
        teacher = Actor(user_id=0, tg_id=0, person_id=teacher_id, language="ru", consented=True)
        methodist = Actor(
            user_id=0,
            tg_id=0,
            person_id=None,
            language="ru",
            consented=True,
            grants=(Grant(Role.METHODIST, municipality_id),),
        )

        async def open_route() -> None:
            async with factory() as session:
                route = await latest_route(session, actor=teacher, person_id=teacher_id, today=now.date())
                assert route is not None and len(route.items) == 30
                route_text(t, route)
                route_keyboard(t, route, page=0, owner=True, reviewer_menu=False)

        async def with_session(call: Callable[[AsyncSession], Awaitable[Any]]) -> None:
            async with factory() as session:
                await call(session)

        await timed("teacher opens a 30-item route", open_route)
        await timed(
            "methodist: review queue, first page",
            lambda: with_session(lambda s: item_queue(s, actor=methodist, page=0)),
        )
        await timed(
            "methodist: review queue, page 1000",
            lambda: with_session(lambda s: item_queue(s, actor=methodist, page=1000)),
        )
        await timed(
            "methodist: routes to approve", lambda: with_session(lambda s: route_queue(s, actor=methodist, page=0))
        )
        await timed(
            "methodist: route counts by school",
            lambda: with_session(lambda s: status_counts(s, actor=methodist)),
            repeat=5,
        )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
