"""The worker process that reads and writes spreadsheets: errors come back as they were raised, progress
comes back while a file is read, and a worker that dies refuses the file without taking the next one down."""

import io
import os
from datetime import date

import pytest
from openpyxl import load_workbook

from services.errors import InvalidInput, RosterRejected
from services.files.reading import MAX_ROWS, ReadProgress, read_rows
from services.files.worker import in_worker
from services.files.writing import write_table_off_loop
from services.people.roster_file import read_roster
from tests.support.factories import roster_row, xlsx


async def test_a_rejected_roster_comes_back_with_every_problem() -> None:
    rows = [roster_row(name=f"Иванова Мария {index}", birth="31.02.1996") for index in range(3)]
    with pytest.raises(RosterRejected) as rejected:
        await read_roster(xlsx(rows), "r.xlsx", today=date(2026, 11, 23))
    assert rejected.value.total == len(rejected.value.problems) >= 3
    assert {problem.line for problem in rejected.value.problems} >= {2, 3, 4}
    with pytest.raises(InvalidInput) as refused:
        await read_rows(b"not a spreadsheet", "r.pdf")
    assert refused.value.key == "file-wrong-type"


async def test_rows_read_are_counted_while_the_file_is_read() -> None:
    progress = ReadProgress()
    rows = await read_rows(xlsx([roster_row()] * 50), "r.xlsx", progress)
    assert len(rows) == 51 and progress.rows == 51
    with pytest.raises(InvalidInput) as refused:
        await read_rows(xlsx([["x"]] * (MAX_ROWS + 5)), "r.xlsx", progress)
    assert refused.value.key == "file-too-many-rows"
    assert progress.rows == MAX_ROWS + 1  # counted as they streamed, and no further than the limit


async def test_a_worker_that_dies_refuses_the_file_and_the_next_job_gets_a_new_one() -> None:
    with pytest.raises(InvalidInput) as refused:
        await in_worker(os._exit, 3)
    assert refused.value.key == "file-damaged"
    table = await write_table_off_loop("Лист", ["ФИО"], [["Иванова Мария Петровна"]])
    assert load_workbook(io.BytesIO(table)).worksheets[0]["A2"].value == "Иванова Мария Петровна"
