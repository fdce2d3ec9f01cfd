"""Shared set-up for route tests: a municipality with a catalogue, a diagnosed teacher, an approved route."""

from collections.abc import Sequence

from tests.support.conversation import Harness, Person, ru, texts
from tests.support.delivery import deliver
from tests.support.factories import (
    admin_with_municipality,
    import_roster,
    join_with_consent,
    methodist_of,
    read_xlsx,
    roster_row,
    start_token,
    xlsx,
)
from tests.support.fake_telegram import Sent

MUNICIPALITY = "Одинцовский городской округ"
CATALOGUE: list[list[object]] = [
    ["Название", "Вид", "Часы", "Реестр", "Компетенции"],
    ["Формирование функциональной грамотности", "курс", 36, "ФР", "методические, предметные"],
    ["Цифровые инструменты учителя", "семинар", 6, "", "цифровые"],
]
DIAGNOSTICS = [
    ["ФИО", "Дата рождения", "Дата диагностики", "Вид", "Уровень", "Дефициты"],
    ["Петрова Анна Сергеевна", "14.03.1996", "01.11.2026", "региональная", "базовый", "методические, цифровые"],
]


def table(rows: Sequence[Sequence[object]]) -> bytes:
    return xlsx(rows[1:], header=[str(cell) for cell in rows[0]])


async def methodist_and_teacher(harness: Harness) -> tuple[Person, Person]:
    """A methodist whose municipality has a catalogue and a diagnosed teacher who joined the bot."""
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    methodist = await methodist_of(harness, admin, MUNICIPALITY)
    replies = await import_roster(methodist, xlsx([roster_row("Петрова Анна Сергеевна")]))
    token = start_token(str(read_xlsx(replies[-1].file_data or b"")[1][2]))
    await open_catalogue_menu(methodist)
    await methodist.press(ru("upload-catalogue"))
    replies = await methodist.send_document("catalogue.xlsx", table(CATALOGUE))
    assert ru("catalogue-imported", created=2, updated=0) in texts(replies)
    await open_catalogue_menu(methodist)
    await methodist.press_key("upload-diagnostics")
    replies = await methodist.send_document("diagnostics.xlsx", table(DIAGNOSTICS))
    assert ru("diagnostics-imported", added=1, skipped=0) in texts(replies)
    teacher = harness.person(501, "Анна")
    await join_with_consent(teacher, token)
    return methodist, teacher


async def approved_route(people: tuple[Person, Person], fresh: bool = True) -> tuple[Person, Person]:
    methodist, teacher = people
    await teacher.send("/route")
    if fresh:
        await teacher.press(ru("route-start"))
    await teacher.send("/route")
    await teacher.press_key("route-submit")
    await deliver(teacher.harness)  # the reviewers' notice goes through the outbox
    await methodist.press_key("review-open")
    await methodist.press_key("review-approve")
    await deliver(teacher.harness)
    return methodist, teacher


async def report_first_item(teacher: Person, proof: str) -> list[Sent]:
    await teacher.send("/route")
    await teacher.press(next(b for b in teacher.last.buttons() if "Формирование" in b))
    await teacher.press_key("item-report")
    await teacher.send(proof)
    replies = await teacher.press_key("report-send")
    await deliver(teacher.harness)
    return replies


async def open_review_menu(person: Person) -> list[Sent]:
    """/route, then the reviewer's menu: the way into every review and upload screen."""
    await person.send("/route")
    return await person.press(ru("review-menu"))


async def open_catalogue_menu(person: Person) -> list[Sent]:
    """The methodist's main menu, then «Каталог и диагностика»: the catalogue and the uploads."""
    await person.send("/start")
    return await person.press(ru("menu-catalogue"))
