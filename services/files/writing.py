"""Writing XLSX files people open in Excel: templates, invite lists, error reports, registers.

Every cell the bot writes goes through `put_row`, so text from people is always stored as text: a name
that starts with "=" is never run as a formula (OWASP "CSV injection"), and characters XML cannot hold are
dropped instead of failing the whole export."""

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from services.files.worker import in_worker

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_TEXT_LIMIT = 32_767  # Excel's limit for one cell


def put_row(sheet: Worksheet, values: Sequence[object]) -> None:
    """Append a row: numbers and dates stay what they are, text is stored as text."""
    sheet.append([_text_cell(sheet, value) if isinstance(value, str) else value for value in values])


def _text_cell(sheet: Worksheet, value: str) -> str | Cell:
    text = _safe_text(value)
    if not text.startswith(FORMULA_STARTS):
        return text
    # Marked as text and shown with Excel's leading quote: visible as typed, never evaluated.
    cell = Cell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _safe_text(value: str) -> str:
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))[:CELL_TEXT_LIMIT]


def sheet_title(name: str) -> str:
    r"""A text as a sheet name Excel accepts: at most 31 characters, none of []:*?/\ or control characters."""
    return "".join(ch for ch in _safe_text(name) if ch not in "[]:*?/\\")[:31]


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_table(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """One sheet: a bold header, the rows, columns wide enough to read."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title(title) or "Sheet"
    put_row(sheet, list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(title)) for title in header]
    for row in rows:
        put_row(sheet, list(row))
        widths = [max(width, len(str(value or ""))) for width, value in zip(widths, row, strict=False)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)


async def write_table_off_loop(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """`write_table` in the worker process: a register or an invite list of 20 000 rows takes seconds to build,
    and the bot keeps answering others meanwhile."""
    return await in_worker(write_table, title, list(header), list(rows))
