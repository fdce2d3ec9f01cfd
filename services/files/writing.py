"""Writing XLSX files people open in Excel: templates, invite lists, error reports."""

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def write_table(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """One sheet: a bold header, the rows, columns wide enough to read."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]  # Excel's limit for sheet names
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(title)) for title in header]
    for row in rows:
        sheet.append(list(row))
        widths = [max(width, len(str(value or ""))) for width, value in zip(widths, row, strict=False)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
