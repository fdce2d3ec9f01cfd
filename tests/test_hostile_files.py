"""Hostile spreadsheets: damaged, mislabelled and huge files get a clear answer and write nothing; reading
one does not hold up anybody else; and every spreadsheet the bot writes keeps people's text as text."""

import asyncio
import io
import random
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.common.i18n import Translations
from handlers.common.uploads import PROBLEMS_IN_MESSAGE
from services.errors import InvalidInput, RosterRejected
from services.events.plan_import import COLUMNS as PLAN_COLUMNS
from services.files.reading import MAX_ROWS, ReadProgress, read_table
from services.files.worker import in_worker
from services.files.writing import write_table
from services.models.people import Base
from tests.support.conversation import Person, texts
from tests.support.factories import csv_bytes, read_xlsx, roster_row, xlsx
from tests.support.gates import hold_until, wait_for
from tests.support.route_setup import open_catalogue_menu, open_review_menu

ru = Translations().get("ru")
GOOD = xlsx([roster_row()])


def _rezip(content: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The same XLSX with each part changed (or dropped when `change` gives None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = change(part.filename, source.read(part))
            if data is not None:
                target.writestr(part.filename, data)
    return out.getvalue()


def _corrupt_deflate(content: bytes, part_name: str) -> bytes:
    """Overwrite bytes in the middle of one part's compressed stream, leaving the zip directory intact."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        part = archive.getinfo(part_name)
    data = bytearray(content)
    start = part.header_offset + 30 + len(part.filename.encode()) + len(part.extra)
    for offset in range(start + 2, start + min(part.compress_size, 40)):
        data[offset] ^= 0x5A
    return bytes(data)


def _many_empty_rows(count: int) -> bytes:
    """An XLSX of a few KB: a header and then `count` empty rows, as Excel writes formatted blank rows."""
    rows = "".join(f'<row r="{n}"/>' for n in range(2, count + 2)).encode()

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        head, tail = data.split(b"</row>", 1)
        return head + b"</row>" + rows + tail

    return _rezip(GOOD, change)


SHEET = "xl/worksheets/sheet1.xml"
DAMAGED: list[tuple[str, str, bytes]] = [
    ("an empty xlsx", "f.xlsx", b""),
    ("random bytes named xlsx", "f.xlsx", random.Random(1).randbytes(6000)),
    ("a truncated xlsx", "f.xlsx", GOOD[: len(GOOD) // 2]),
    ("a csv named xlsx", "f.xlsx", csv_bytes([roster_row()])),
    ("a corrupted deflate stream", "f.xlsx", _corrupt_deflate(GOOD, SHEET)),
    ("a missing workbook part", "f.xlsx", _rezip(GOOD, lambda name, data: None if name == "xl/workbook.xml" else data)),
    ("a sheet that is not XML", "f.xlsx", _rezip(GOOD, lambda name, data: b"<row><c" if name == SHEET else data)),
    ("a csv full of NULs", "f.csv", b"\x00" * 4096),
    ("binary garbage as csv", "f.csv", random.Random(2).randbytes(6000)),
    ("an xlsx named csv", "f.csv", GOOD),
    ("a csv cell of 200 000 characters", "f.csv", b"x;" + b"y" * 200_000),
]


@pytest.mark.parametrize(("case", "name", "content"), DAMAGED, ids=[case for case, _, _ in DAMAGED])
def test_a_damaged_file_is_refused_as_damaged(case: str, name: str, content: bytes) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_table(content, name)
    assert refused.value.key == "file-damaged", case


def test_no_cut_or_flipped_byte_of_a_spreadsheet_raises_anything_but_a_clear_refusal() -> None:
    shuffle = random.Random(3)
    variants = [GOOD[:cut] for cut in range(0, len(GOOD), max(1, len(GOOD) // 60))]
    for _ in range(200):
        data = bytearray(GOOD)
        data[shuffle.randrange(len(data))] ^= 1 << shuffle.randrange(8)
        variants.append(bytes(data))
    refused = 0
    for variant in variants:
        try:
            read_table(variant, "f.xlsx")
        except InvalidInput as error:
            assert error.key == "file-damaged"
            refused += 1
    assert refused > len(variants) // 2  # most damage is noticed; the rest fell where nothing is read


def test_a_sheet_of_300_000_empty_rows_is_refused_after_reading_one_row_past_the_limit() -> None:
    progress = ReadProgress()
    with pytest.raises(InvalidInput) as refused:
        read_table(_many_empty_rows(300_000), "roster.xlsx", progress)
    assert refused.value.key == "file-too-many-rows"
    assert progress.rows == MAX_ROWS + 1  # the header and MAX_ROWS rows; the next one stopped the reading


def test_a_sheet_at_the_row_limit_is_read() -> None:
    rows = read_table(_many_empty_rows(MAX_ROWS), "roster.xlsx")
    assert len(rows) == MAX_ROWS + 1


async def _table_sizes(session: AsyncSession) -> dict[str, int]:
    return {
        table.name: await session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    }


async def _open_roster(methodist: Person) -> None:
    await methodist.send("/roster")


async def _open_catalogue(methodist: Person) -> None:
    await open_catalogue_menu(methodist)
    await methodist.press(ru.plain("upload-catalogue"))


async def _open_diagnostics(methodist: Person) -> None:
    await open_catalogue_menu(methodist)
    await methodist.press(ru.plain("upload-diagnostics"))


async def _open_plan(methodist: Person) -> None:
    await methodist.send("/events")
    await methodist.press(ru.plain("event-plan"))


async def _open_pairs(methodist: Person) -> None:
    await methodist.send("/mentor")
    await methodist.press(ru.plain("pairs-overview"))
    await methodist.press(ru.plain("pairs-import"))


async def _open_members(methodist: Person) -> None:
    await methodist.send("/communities")
    await methodist.press(ru.plain("communities-upload"))


UPLOADS = {
    "roster": _open_roster,
    "catalogue": _open_catalogue,
    "diagnostics": _open_diagnostics,
    "event plan": _open_plan,
    "mentoring pairs": _open_pairs,
    "community members": _open_members,
}


async def test_every_upload_answers_a_damaged_file_clearly_and_writes_nothing(
    trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _mentor, _mentee = trio
    before = await _table_sizes(session)
    for upload, open_upload in UPLOADS.items():
        for case, name, content in [
            *DAMAGED[:5],
            DAMAGED[7],
            ("too many rows", "f.xlsx", _many_empty_rows(MAX_ROWS + 5)),
        ]:
            await open_upload(methodist)
            answer = texts(await methodist.send_document(name, content))
            expected = ru("file-too-many-rows", limit=MAX_ROWS) if case == "too many rows" else ru("file-damaged")
            assert expected in answer, f"{upload}, {case}: {answer!r}"
            assert ru("error-unexpected") not in answer
    session.expire_all()
    assert await _table_sizes(session) == before


async def test_while_a_file_is_being_read_another_person_is_answered(
    trio: tuple[Person, Person, Person], tmp_path: Path
) -> None:
    """The file worker process is held busy by a job that waits for a gate, and a roster is sent meanwhile:
    were the reading on the event loop, it would not wait for the worker, and nobody else would be answered
    until it ended."""
    methodist, mentor, _mentee = trio
    started, gate = tmp_path / "started", tmp_path / "gate"
    held = asyncio.create_task(in_worker(hold_until, str(started), str(gate), 30.0))
    assert await asyncio.to_thread(wait_for, started, 60)  # the worker is up and busy
    await methodist.send("/roster")
    upload = asyncio.create_task(methodist.send_document("roster.xlsx", xlsx([roster_row("Сидорова Ирина Павловна")])))
    replies = await mentor.send("/start")
    assert replies and not upload.done()
    gate.touch()
    assert await held
    replies = await upload
    assert replies[-1].file_name == "invites.xlsx"  # the held file was then imported as usual


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+2", "-3+4", "@SUM(A1:A2)", "\t=1", "\r=2", "=cmd|' /C calc'!A0"]


def test_the_writer_stores_every_formula_looking_text_as_the_same_text() -> None:
    when = datetime(2026, 12, 1, 10, 30)
    content = write_table("=sheet", ["=head", "Число"], [[text, 42] for text in FORMULAS] + [["\x01bell\x07", when]])
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    as_read = [text.replace("\r", "\n") for text in FORMULAS]  # XML keeps a line end as "\n"
    assert [sheet.cell(row, 1).value for row in range(2, 2 + len(FORMULAS))] == as_read
    assert sheet.cell(2, 2).value == 42 and sheet.cell(2, 2).data_type == "n"
    assert sheet.cell(len(FORMULAS) + 2, 1).value == "bell"  # characters XML cannot hold are dropped
    assert sheet.cell(len(FORMULAS) + 2, 2).value == when


async def test_a_route_item_titled_as_a_formula_is_text_in_the_register(
    trio: tuple[Person, Person, Person],
) -> None:
    methodist, _mentor, teacher = trio
    await teacher.send("/route")
    await teacher.press(ru.plain("route-start"))
    for title in FORMULAS[:4]:
        await teacher.send("/route")
        await teacher.press(ru.plain("route-add-own"))
        await teacher.send(title)
        await teacher.press(ru.plain("kind-internship"))
        await teacher.press(ru.plain("area-methodical"))
        await teacher.send(f"{date(2027, 2, 15):%d.%m.%Y}")
    await open_review_menu(methodist)
    replies = await methodist.press(ru.plain("review-register"))
    sheet = load_workbook(io.BytesIO(replies[-1].file_data or b"")).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert set(FORMULAS[:4]) <= {cell.value for cell in cells}


async def test_a_file_of_thousands_of_bad_rows_gets_a_short_report_and_the_first_thousand_in_a_file(
    trio: tuple[Person, Person, Person],
) -> None:
    methodist, _mentor, _mentee = trio
    bad = [["Семинар", "лекция", "10.12.2026 10:00", "10.12.2026 12:00", "", "", "", "", "", ""]] * 1500
    await _open_plan(methodist)
    replies = await methodist.send_document("plan.csv", csv_bytes(bad, header=PLAN_COLUMNS))
    report = next(reply for reply in replies if reply.method == "SendMessage")
    assert ru("roster-rejected", count=1500) in report.text
    assert ru("roster-more-problems", count=1500 - PROBLEMS_IN_MESSAGE) in report.text
    assert len(report.text) < 4096
    assert len(read_xlsx(replies[-1].file_data or b"")) == RosterRejected.MAX_REPORTED + 1
