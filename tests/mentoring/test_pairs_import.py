"""Pairs from a file: every row checked against the roster and the pairing rules, all or nothing."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.mentoring.pairs_import import COLUMNS
from services.models.mentoring import MentorPair, PairKind
from tests.support.conversation import Harness, Person, ru, shows, texts
from tests.support.factories import csv_bytes, import_roster, roster_row, xlsx
from tests.support.fake_telegram import Sent
from tests.support.mentoring_setup import MENTEE, MENTOR

YOUNG = "молодой специалист"


async def upload(methodist: Person, name: str, content: bytes) -> list[Sent]:
    await methodist.send("/mentor")
    await methodist.press_key("pairs-overview")
    replies = await methodist.press_key("pairs-import")
    assert replies[-1].file_name == "mentoring-pairs-template.xlsx"
    assert replies[-1].buttons() == [ru("nav-back"), ru("nav-cancel")]  # the upload step can be left
    return await methodist.send_document(name, content)


async def count_pairs(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(MentorPair)) or 0


async def test_a_file_with_any_bad_row_creates_nothing_and_says_every_problem(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _mentor, _mentee = trio
    rows = [
        (MENTOR, "", MENTEE, "", YOUNG, "", ""),
        ("Иванов Иван Иванович", "", MENTEE, "", YOUNG, "", ""),
        (MENTEE, "", MENTOR, "", YOUNG, "", ""),
        (MENTOR, "", MENTOR, "", "равный — равному", "", ""),
        (MENTOR, "", MENTEE, "", YOUNG, "", ""),
        (MENTOR, "", MENTEE, "", "странный", "01.09.2026", "01.08.2026"),
    ]
    replies = await upload(methodist, "pairs.xlsx", xlsx(rows, header=COLUMNS))
    text = texts(replies)
    for key in (
        "problem-not-in-roster",
        "problem-not-young",
        "problem-pair-self",
        "problem-bad-choice",
        "problem-end-before-start",
    ):
        assert shows(text, key), key
    assert ru("problem-duplicate", value="2") in text
    assert await count_pairs(session) == 0


async def test_a_good_csv_creates_pairs_once_and_namesakes_need_a_birth_date(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, _mentee = trio
    await import_roster(methodist, xlsx([roster_row(MENTOR, birth="05.05.1975", start="01.09.2000")]))
    row = [MENTOR, "", MENTEE, "", YOUNG, "01.09.2026", "31.05.2027"]
    content = csv_bytes([row], encoding="cp1251", delimiter=";", header=COLUMNS)
    assert shows(texts(await upload(methodist, "pairs.csv", content)), "problem-ambiguous")
    row[1] = "01.02.1980"
    content = csv_bytes([row], encoding="cp1251", delimiter=";", header=COLUMNS)
    assert ru("pairs-imported", created=1, skipped=0) in texts(await upload(methodist, "pairs.csv", content))
    assert ru("pairs-imported", created=0, skipped=1) in texts(await upload(methodist, "pairs.csv", content))
    pair = await session.scalar(select(MentorPair))
    assert pair is not None and pair.kind == PairKind.YOUNG and f"{pair.planned_end:%d.%m.%Y}" == "31.05.2027"
    await mentor.send("/mentor")
    assert any(MENTEE in button for button in mentor.last.buttons())


async def test_the_mentor_limit_holds_for_files_and_strangers_cannot_import(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    names = [
        f"Сидорова Мария {patronymic}" for patronymic in ("Ивановна", "Петровна", "Олеговна", "Юрьевна", "Львовна")
    ]
    await import_roster(methodist, xlsx([roster_row(name) for name in names]))
    rows = [(MENTOR, "", name, "", YOUNG, "", "") for name in [MENTEE, *names]]
    replies = await upload(methodist, "pairs.xlsx", xlsx(rows, header=COLUMNS))
    assert ru("problem-mentor-limit", value=5) in texts(replies)
    assert await count_pairs(session) == 0
    assert ru("error-forbidden") in (await mentee.tap("mt:import:0"))[-1].text
    assert ru("error-forbidden") in (await mentor.tap("mt:pairs:0"))[-1].text
