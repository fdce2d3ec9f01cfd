"""Benchmark: validate and import a 10 000-row roster into a fresh SQLite database, then re-import it.

Run: .venv/bin/python -m bench.roster_import [rows]
"""

import asyncio
import io
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from services.db import create_engine, create_session_factory, migrate
from services.models.people import Organisation, OrgKind, Role
from services.people.access import Actor, Grant
from services.people.invites import issue_person_invites
from services.people.roster import import_roster
from services.people.roster_file import COLUMNS, parse_roster

SURNAMES = ("Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова", "Попова", "Волкова", "Зайцева")
NAMES = ("Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Светлана", "Татьяна")


def unique_word(number: int) -> str:
    """A different word of letters for every number, so every row is a different person."""
    letters = "абвгдежзиклмнопрстуфхцчшэюя"
    word = ""
    while True:
        number, digit = divmod(number, len(letters))
        word += letters[digit]
        if number == 0:
            return "Т" + word


def roster_xlsx(rows: int, today: date) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([names[0] for names in COLUMNS.values()])
    for index in range(rows):
        birth = today - timedelta(days=8000 + index % 12000)
        sheet.append(
            [
                f"{SURNAMES[index % 8]} {NAMES[index // 8 % 8]} {unique_word(index // 64)}овна",
                f"Школа № {index % 40 + 1}",
                "учитель",
                "математика, физика",
                birth.strftime("%d.%m.%Y"),
                (birth + timedelta(days=8000)).strftime("%d.%m.%Y"),
                "нет",
                "да",
                "",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def main(rows: int) -> None:
    now = datetime.now(UTC)
    content = roster_xlsx(rows, now.date())
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        await migrate(engine)
        async with create_session_factory(engine)() as session:
            region = Organisation(kind=OrgKind.REGION, name="Регион", timezone="Europe/Moscow", created_at=now)
            session.add(region)
            await session.flush()
            municipality = Organisation(
                kind=OrgKind.MUNICIPALITY, name="Район", parent_id=region.id, timezone="Europe/Moscow", created_at=now
            )
            session.add(municipality)
            await session.commit()
            actor = Actor(
                user_id=0,
                tg_id=0,
                person_id=None,
                language="ru",
                consented=True,
                grants=(Grant(Role.METHODIST, municipality.id),),
            )

            started = time.perf_counter()
            parsed = parse_roster(content, "roster.xlsx", today=now.date())
            parse_time = time.perf_counter() - started
            result = await import_roster(session, actor=actor, rows=parsed, confirm_new_schools=True, now=now)
            import_time = time.perf_counter() - started - parse_time
            invites = await issue_person_invites(
                session, person_ids=list(result.person_ids), created_by=None, now=now, ttl_days=30
            )
            total = time.perf_counter() - started

            again = time.perf_counter()
            repeat = await import_roster(
                session,
                actor=actor,
                rows=parse_roster(content, "roster.xlsx", today=now.date()),
                confirm_new_schools=True,
                now=now,
            )
            repeat_time = time.perf_counter() - again
        await engine.dispose()
    print(f"file: {rows} rows, {len(content) / 1024:.0f} KiB XLSX")
    print(f"parse+validate: {parse_time:.2f} s ({rows / parse_time:,.0f} rows/s)")
    print(f"import (new):   {import_time:.2f} s ({rows / import_time:,.0f} rows/s), {result.schools_created} schools")
    print(f"invites:        {len(invites)} issued; total {total:.2f} s ({rows / total:,.0f} rows/s end to end)")
    print(f"re-import:      {repeat_time:.2f} s ({rows / repeat_time:,.0f} rows/s), {repeat.unchanged} unchanged")
    print(f"re-import / first import time ratio: {repeat_time / total:.2f}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
