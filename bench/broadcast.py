"""Benchmark: a news broadcast through the outbox and the paced sender, and weekly digest composition.

The Bot API here answers instantly, so what is measured is our side: how close the sender stays to the
configured rate (target: at least 0.95 of it) and how long composing a region's digests takes.

Run: .venv/bin/python -m bench.broadcast [recipients] [rate] [digest people]
"""

import asyncio
import sys
import time
from collections.abc import AsyncGenerator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.types import Chat, Message
from sqlalchemy import insert, select

from bench.setup import fresh_database, municipality_with_teachers
from bot.resources import Resources
from bot.sender import Sender
from bot.settings import Settings
from handlers.common.i18n import Translations
from handlers.delivery.digests import render_digest
from services.clock import Clock
from services.delivery.digest_content import compose
from services.delivery.digests import due_recipients
from services.delivery.news import create_draft, send_now, set_audience
from services.delivery.news_audience import Audience
from services.models.events import Event, EventKind, EventStatus, Registration, RegistrationStatus
from services.models.people import Role, User
from services.models.routes import ActivityKind, ItemStatus, Route, RouteItem, RouteStatus
from services.people.access import Actor, Grant

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday, 12:00 in Moscow: digests are due
TOKEN = "123456:" + "A" * 35


class StoppedClock(Clock):
    def now(self) -> datetime:
        return NOW


class InstantTelegram(BaseSession):
    """A Bot API that accepts every message at once."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    async def close(self) -> None:
        pass

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        if isinstance(method, SendMessage):
            self.sent += 1
            return Message(message_id=self.sent, date=NOW, chat=Chat(id=int(method.chat_id), type="private"))
        return True

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""  # never asked for: the benchmark downloads nothing


async def main(recipients: int, rate: float, digest_people: int) -> None:
    await broadcast(recipients, rate)
    await digests(digest_people)


async def _people_with_users(session: Any, teachers: int, schools: int) -> tuple[int, list[int]]:
    municipality_id, person_ids = await municipality_with_teachers(session, schools=schools, teachers=teachers, now=NOW)
    rows = [
        {
            "tg_id": 1_000_000 + n,
            "person_id": p,
            "language": "ru",
            "display_name": "",
            "created_at": NOW,
            "consent_at": NOW,
        }
        for n, p in enumerate(person_ids)
    ]
    for start in range(0, len(rows), 20_000):
        await session.execute(insert(User), rows[start : start + 20_000])
    await session.commit()
    return municipality_id, person_ids


async def broadcast(recipients: int, rate: float) -> None:
    async with fresh_database() as factory:
        async with factory() as session:
            municipality_id, _people = await _people_with_users(session, recipients, schools=max(1, recipients // 100))
            author = User(tg_id=1, language="ru", display_name="", created_at=NOW, consent_at=NOW)
            session.add(author)
            await session.commit()
            actor = Actor(author.id, 1, None, "ru", True, (Grant(Role.METHODIST, municipality_id),))
            draft = await create_draft(
                session, actor=actor, html="<b>Новость</b>", media_kind=None, file_id=None, now=NOW
            )
            started = time.perf_counter()
            await set_audience(session, actor=actor, broadcast_id=draft.id, audience=Audience("all"), today=NOW.date())
            queued = await send_now(session, actor=actor, broadcast_id=draft.id, progress_chat_id=1, now=NOW)
            queueing = time.perf_counter() - started
        telegram = InstantTelegram()
        settings = Settings(_env_file=None, bot_token=TOKEN, send_rate=rate)
        resources = Resources(settings, factory, 0, StoppedClock(), Translations())
        sender = Sender(Bot(TOKEN, session=telegram), resources)
        started = time.perf_counter()
        await sender.drain()
        elapsed = time.perf_counter() - started
    achieved = telegram.sent / elapsed
    print(f"broadcast: {queued} deliveries written in {queueing:.2f} s")
    print(
        f"sender: {telegram.sent} messages in {elapsed:.1f} s = {achieved:.1f}/s "
        f"against a limit of {rate:g}/s: ratio {achieved / rate:.3f} (target ≥ 0.95)"
    )


async def digests(people: int) -> None:
    async with fresh_database() as factory:
        async with factory() as session:
            municipality_id, person_ids = await _people_with_users(session, people, schools=max(1, people // 100))
            await _activity(session, municipality_id, person_ids)
        async with factory() as session:
            started = time.perf_counter()
            due = await due_recipients(session, now=NOW)
            found = time.perf_counter() - started
            composed = await compose(session, due, now=NOW, silent_days=14)
            t = Translations().get("ru")
            texts = [render_digest(t, digest) for digest in composed]
            elapsed = time.perf_counter() - started
    print(
        f"digests: {len(due)} people due (found in {found:.2f} s), {len(texts)} digests composed and rendered "
        f"in {elapsed:.1f} s (target: under 60 s for 100 000)"
    )


async def _activity(session: Any, municipality_id: int, person_ids: list[int]) -> None:
    """Some of everything a digest reports: a route with items due for a third, events for a tenth."""
    organiser = await session.scalar(select(User.id).limit(1))
    events = [
        {
            "municipality_id": municipality_id,
            "organiser_user_id": organiser,
            "title": f"Семинар {n}",
            "kind": EventKind.SEMINAR,
            "starts_at": NOW + timedelta(days=2 + n),
            "ends_at": NOW + timedelta(days=2 + n, hours=2),
            "timezone": "Europe/Moscow",
            "status": EventStatus.ACTIVE,
            "checkin_code": "0000",
            "created_at": NOW - timedelta(days=1),
        }
        for n in range(10)
    ]
    await session.execute(insert(Event), events)
    event_ids = list(await session.scalars(select(Event.id)))
    registrations = [
        {
            "event_id": event_ids[n % len(event_ids)],
            "person_id": p,
            "status": RegistrationStatus.REGISTERED,
            "queued_at": NOW,
            "updated_at": NOW,
        }
        for n, p in enumerate(person_ids[::10])
    ]
    await session.execute(insert(Registration), registrations)
    routes = [{"person_id": p, "status": RouteStatus.APPROVED, "created_at": NOW} for p in person_ids[::3]]
    for start in range(0, len(routes), 20_000):
        await session.execute(insert(Route), routes[start : start + 20_000])
    route_ids = list(await session.scalars(select(Route.id)))
    items = [
        {
            "route_id": route_id,
            "title": "Курс",
            "kind": ActivityKind.COURSE,
            "deadline": date(2026, 11, 20) + timedelta(days=n % 20),
            "status": ItemStatus.PLANNED,
        }
        for route_id in route_ids
        for n in range(3)
    ]
    for start in range(0, len(items), 20_000):
        await session.execute(insert(RouteItem), items[start : start + 20_000])
    await session.commit()


if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:]]
    asyncio.run(main(*(args + [10_000, 500, 100_000][len(args) :])))
