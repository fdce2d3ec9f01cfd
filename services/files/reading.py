"""Reading spreadsheets people send: XLSX, or CSV in UTF-8/cp1251 with `;` or `,`."""

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from services.errors import InvalidInput, RowProblem

MAX_FILE_BYTES = 10 * 1024 * 1024


def read_table(content: bytes, filename: str) -> Iterator[list[object]]:
    """The rows of the first sheet (or of the CSV), as lists of cell values."""
    if len(content) > MAX_FILE_BYTES:
        raise InvalidInput("file-too-big", limit=MAX_FILE_BYTES // (1024 * 1024))
    name = filename.lower()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, IndexError) as error:
            raise InvalidInput("file-unreadable") from error
        return (list(row) for row in sheet.iter_rows(values_only=True))
    if name.endswith(".csv"):
        return iter(read_csv(content))
    raise InvalidInput("file-wrong-type")


def read_csv(content: bytes) -> list[list[object]]:
    # Excel on Russian Windows saves CSV in cp1251 with ";"; everything else writes UTF-8 with ",".
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1251", errors="replace")
    if "\x00" in text:
        raise InvalidInput("file-unreadable")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def text_of(value: object) -> str:
    """A cell as text with spacing normalised (Excel's 12.0 becomes "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def named_rows(
    content: bytes, filename: str, columns: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[RowProblem], list[tuple[int, dict[str, object]]]]:
    """Missing required columns as problems, and each non-empty row (with its line number) by column title.

    Titles match case-insensitively; an optional column that is absent reads as None."""
    table = read_table(content, filename)
    header = [text_of(cell).casefold() for cell in next(table, [])]
    positions = {name: header.index(name.casefold()) for name in columns if name.casefold() in header}
    problems = [RowProblem(1, name, "missing-column") for name in required if name not in positions]
    if problems:
        return problems, []
    rows = []
    for line, cells in enumerate(table, start=2):
        value = {
            name: cells[positions[name]] if positions.get(name, len(cells)) < len(cells) else None for name in columns
        }
        if any(text_of(cell) for cell in value.values()):
            rows.append((line, value))
    return problems, rows


def date_of(value: object) -> date | None:
    """A cell as a date: a spreadsheet date, or text typed as ДД.ММ.ГГГГ; None when it is neither."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(text_of(value), "%d.%m.%Y").date()
    except ValueError:
        return None
