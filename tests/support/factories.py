"""Small builders for test data: roster files, and people brought in through the real conversations."""

import csv
import io
import re
from collections.abc import Sequence

from openpyxl import Workbook, load_workbook

from services.people.roster_file import COLUMNS
from tests.conftest import ADMIN_ID
from tests.support.conversation import Harness, Person, ru
from tests.support.fake_telegram import Sent

HEADER = [names[0] for names in COLUMNS.values()]
START_LINK = re.compile(r"start=([A-Za-z0-9_-]+)")


def roster_row(
    name: str = "Иванова Мария Петровна",
    school: str = "МБОУ СОШ № 1",
    position: str = "учитель",
    subjects: str = "математика",
    birth: str = "14.03.1996",
    start: str = "01.09.2024",
    manager: str = "нет",
    active: str = "да",
    email: str = "",
    phone: str = "",
    org_type: str = "",
) -> list[str]:
    return [name, school, position, subjects, birth, start, manager, active, email, phone, org_type]


def xlsx(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[object]], *, encoding: str = "utf-8", delimiter: str = ",", header: Sequence[str] = HEADER
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def read_xlsx(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def start_token(text: str) -> str:
    match = START_LINK.search(text)
    assert match, f"no invite link in {text!r}"
    return match.group(1)


async def join_with_consent(person: Person, token: str = "") -> None:
    await person.send(f"/start {token}".strip())
    await person.press(ru("consent-button"))


async def admin_with_municipality(harness: Harness, name: str = "Одинцовский городской округ") -> Person:
    admin = harness.person(ADMIN_ID, "Админ")
    await join_with_consent(admin)
    await admin.send("/orgs")
    await admin.press_key("orgs-add")
    await admin.send(name)
    await admin.press("Moscow")
    return admin


async def methodist_of(harness: Harness, admin: Person, municipality: str, tg_id: int = 100) -> Person:
    await admin.send("/invite")
    await admin.press_key("role-methodist")
    replies = await admin.press(municipality)
    methodist = harness.person(tg_id, "Методист")
    await join_with_consent(methodist, start_token(replies[-1].text))
    return methodist


async def invite_to_school(inviter: Person, role_key: str, school: str, person: str | None = None) -> str:
    """A coordinator's or mentor's invite made through /invite: the school, then their roster person found by
    surname (or «Пропустить ›»); the token of the link."""
    await inviter.send("/invite")
    await inviter.press_key(role_key)
    await inviter.press(school)
    if person is None:
        replies = await inviter.press_key("nav-skip")
    else:
        await inviter.send(person.split()[0])
        replies = await inviter.press(next(b for b in inviter.last.buttons() if b.startswith(person)))
    return start_token(replies[-1].text)


async def import_roster(methodist: Person, content: bytes, file_name: str = "roster.xlsx") -> list[Sent]:
    """Send a roster file after /roster, confirming new schools if the bot asks."""
    await methodist.send("/roster")
    replies = await methodist.send_document(file_name, content)
    if ru("roster-create-schools") in replies[-1].buttons():
        replies = await methodist.press_key("roster-create-schools")
    return replies
