"""Reading spreadsheets people send: XLSX, or CSV in UTF-8/cp1251 with `;` or `,`.

A file is untrusted input: it is read in the worker process (so the bot keeps answering others meanwhile),
row by row with a row limit that counts empty rows too (so a sheet of a million blank rows costs as little
as a short one), and anything broken in it is refused as damaged rather than raised."""

import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from services.errors import InvalidInput, RowProblem
from services.files.worker import ReadProgress as ReadProgress  # where the importers have always found it
from services.files.worker import in_worker

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000  # the most rows below the header any import reads, empty ones included
MAX_COLUMNS = 50  # cells further right are not read (a sheet may claim 16 384 columns)
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an XLSX is a zip: refuse a small file that unpacks to gigabytes
# What openpyxl, zipfile and the XML parsers raise on a broken file: its parts are missing (KeyError),
# cut short (EOFError, BadZipFile), badly compressed (zlib.error), not XML (SyntaxError is the base of
# both ElementTree's ParseError and lxml's XMLSyntaxError), or hold values that make no sense (ValueError,
# TypeError, OverflowError: e.g. a date cell of 10^20 days), or claim an encryption or compression zipfile
# cannot undo (RuntimeError, and its NotImplementedError); a CSV cell longer than the csv module takes
# (csv.Error).
DAMAGED = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    IndexError,
    EOFError,
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    OverflowError,
    AttributeError,
    RuntimeError,
    csv.Error,
)


async def read_rows(content: bytes, filename: str, progress: ReadProgress | None = None) -> list[list[object]]:
    """The rows of the first sheet (or of the CSV), read in the worker process; the header is the first row."""
    return await in_worker(read_table, content, filename, progress=progress)


def read_table(content: bytes, filename: str, progress: ReadProgress | None = None) -> list[list[object]]:
    """The rows of the first sheet (or of the CSV), as lists of cell values, at most MAX_ROWS + 1 of them.

    Raises InvalidInput: too big, too many rows, not XLSX/CSV, or damaged."""
    if len(content) > MAX_FILE_BYTES:
        raise InvalidInput("file-too-big", limit=MAX_FILE_BYTES // (1024 * 1024))
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows: Iterable[list[object]] = _xlsx_rows(content)
    elif name.endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise InvalidInput("file-wrong-type")
    try:
        return _limited(rows, progress or ReadProgress())
    except DAMAGED as error:
        raise InvalidInput("file-damaged") from error


def _limited(rows: Iterable[list[object]], progress: ReadProgress) -> list[list[object]]:
    """Take rows as they stream, and stop as soon as there is one more than the limit."""
    taken: list[list[object]] = []
    for row in rows:
        if len(taken) > MAX_ROWS:
            raise InvalidInput("file-too-many-rows", limit=MAX_ROWS)
        taken.append(row)
        progress.rows = len(taken)
    return taken


def _xlsx_rows(content: bytes) -> Iterator[list[object]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if sum(part.file_size for part in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise InvalidInput("file-damaged")
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # The size a file claims for its sheet is not trusted: too small would hide rows, too big would
        # pad a million empty ones. Rows are read as they are in the file, cut at MAX_COLUMNS.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _csv_rows(content: bytes) -> Iterator[list[object]]:
    # Excel on Russian Windows saves CSV in cp1251 with ";"; everything else writes UTF-8 with ",".
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1251", errors="replace")
    # Text files hold no control characters but tabs and line ends: these are binary (a renamed XLSX, a
    # picture, a file full of NULs).
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text[:65536]) or "\x00" in text:
        raise InvalidInput("file-damaged")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        yield list(row[:MAX_COLUMNS])


def text_of(value: object) -> str:
    """A cell as text with spacing normalised (Excel's 12.0 becomes "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


async def named_rows(
    content: bytes,
    filename: str,
    columns: tuple[str, ...],
    required: tuple[str, ...],
    progress: ReadProgress | None = None,
) -> tuple[list[RowProblem], list[tuple[int, dict[str, object]]]]:
    """Missing required columns as problems, and each non-empty row (with its line number) by column title.

    Titles match case-insensitively; an optional column that is absent reads as None."""
    table = iter(await read_rows(content, filename, progress))
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
