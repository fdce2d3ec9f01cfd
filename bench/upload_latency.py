"""Benchmark: does a big upload hold up everybody else? A methodist sends the largest roster the bot takes
(tables.MAX_ROWS rows) through the real Dispatcher; meanwhile another person keeps sending /start. Prints the
worst and median wait for that /start, and the import's rows per second (goal: worst wait under 0.5 s).

The Bot API is the recording stand-in the tests use (tests/fake_telegram.py), so only our own work counts.

Run: .venv/bin/python -m bench.upload_latency [rows]
"""

import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime

from aiogram import Dispatcher
from aiogram.fsm.storage.memory import MemoryStorage

from bench.roster_import import roster_xlsx
from bench.setup import fresh_database
from bot.app import build_bot, build_dispatcher, settle_heap
from bot.resources import Resources
from bot.settings import Settings
from handlers.common.i18n import Translations, Translator
from services.clock import Clock
from services.files.reading import MAX_ROWS
from services.files.worker import start_worker
from services.people.orgs import ensure_region
from tests.support.conversation import Harness, Person
from tests.support.factories import admin_with_municipality, methodist_of
from tests.support.fake_telegram import FakeTelegram

ADMIN = 1
TOKEN = "123456789:AAEXAMPLEexampleEXAMPLEexample_-123"
PAUSE = 0.05  # between one /start and the next


async def _keep_starting(person: Person, upload: "asyncio.Task[object]") -> list[float]:
    waits = []
    while not upload.done():
        started = time.perf_counter()
        await person.send("/start")
        waits.append(time.perf_counter() - started)
        await asyncio.sleep(PAUSE)
    return waits


async def _upload(methodist: Person, content: bytes, t: Translator) -> float:
    """/roster, the file, then «create the schools» (the file is read again): the seconds it all took."""
    started = time.perf_counter()
    await methodist.send("/roster")
    replies = await methodist.send_document("roster.xlsx", content)
    assert t.plain("roster-create-schools") in replies[-1].buttons(), replies[-1].text[:300]
    replies = await methodist.press(t.plain("roster-create-schools"))
    assert replies[-1].file_name == "invites.xlsx", replies[-1].text[:300]
    return time.perf_counter() - started


async def main(rows: int, dispatcher: Dispatcher | None = None) -> None:
    """`dispatcher`: one already built (aiogram attaches routers to one dispatcher a process)."""
    content = roster_xlsx(rows, datetime.now(UTC).date())
    async with fresh_database() as session_factory:
        async with session_factory() as session:
            region = await ensure_region(session, name="Регион", timezone="Europe/Moscow", now=datetime.now(UTC))
        settings = Settings(_env_file=None, bot_token=TOKEN, admin_ids=frozenset({ADMIN}))
        telegram = FakeTelegram()
        resources = Resources(settings, session_factory, region.id, Clock(), Translations())
        if dispatcher is None:
            dispatcher = build_dispatcher()
        dispatcher.fsm.storage = MemoryStorage()
        harness = Harness(dispatcher, build_bot(settings, session=telegram), telegram, resources.as_data())
        admin = await admin_with_municipality(harness)
        methodist = await methodist_of(harness, admin, "Одинцовский городской округ")
        other = harness.person(900, "Другой")
        await other.send("/start")  # the first update of a kind builds aiogram's models: not the upload's doing
        await start_worker()  # as the bot does once it is built (bot/serve.py)
        settle_heap()
        # Translations are parsed once at start in the bot too: not inside the measured window.
        upload = asyncio.create_task(_upload(methodist, content, resources.translations.get("ru")))
        waits = await _keep_starting(other, upload)
        seconds = await upload
    print(f"file: {rows} rows, {len(content) / 1024:.0f} KiB XLSX (limit {MAX_ROWS} rows)")
    print(f"upload, check, confirm and import: {seconds:.2f} s ({rows / seconds:,.0f} rows/s)")
    print(
        f"another person's /start meanwhile: {len(waits)} answered, "
        f"worst wait {max(waits):.3f} s, median {statistics.median(waits):.3f} s (goal: worst < 0.5 s)"
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else MAX_ROWS))
