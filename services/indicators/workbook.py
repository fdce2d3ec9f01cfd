"""The indicator report as XLSX, in the form of the regulations' own tables: a sheet for the scope and
one per school, set up to be readable when printed (landscape, one page wide, wrapped names)."""

from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from services.files.writing import put_row, sheet_title, workbook_bytes
from services.indicators.calculation import IndicatorValue, SetReport, is_met

HEADER = ("№", "Показатель", "Значение", "Целевое значение", "Выполнение", "Числитель", "Знаменатель")
WIDTHS = {"A": 6, "B": 70, "C": 12, "D": 16, "E": 16, "F": 12, "G": 12}


ValueText = Callable[[IndicatorValue, float | None], str]  # a value (or target) as the row's unit shows it
TargetText = Callable[[IndicatorValue], str]
StatusText = Callable[[bool | None], str]


def indicator_workbook(
    report: SetReport, *, value_text: ValueText, target_text: TargetText, status_text: StatusText
) -> bytes:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    texts = (value_text, target_text, status_text)
    _fill(first, report.scope.name, report, None, *texts)
    used = {first.title}
    for school in report.rows[0].schools if report.rows else []:
        _fill(workbook.create_sheet(), _sheet_title(school.name, used), report, school.school_id, *texts)
    return workbook_bytes(workbook)


def _sheet_title(name: str, used: set[str]) -> str:
    """A school's sheet name, unique in the book."""
    base = sheet_title(name)[:28] or "ОО"
    title, n = base, 1
    while title in used:
        n += 1
        title = f"{base[:25]} {n}"
    used.add(title)
    return title


def _fill(
    sheet: Worksheet,
    title: str,
    report: SetReport,
    school_id: int | None,
    value_text: ValueText,
    target_text: TargetText,
    status_text: StatusText,
) -> None:
    sheet.title = sheet_title(title) or "ОО"
    put_row(sheet, [f"{report.scope.name if school_id is None else title}: {report.indicators.title}"])
    put_row(sheet, [f"{report.period.start:%d.%m.%Y} – {report.period.end:%d.%m.%Y}"])
    put_row(sheet, list(HEADER))
    sheet["A1"].font = Font(bold=True, size=12)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in report.rows:
        value, numerator, denominator = row.value, row.numerator, row.denominator
        if school_id is not None:
            school = next((s for s in row.schools if s.school_id == school_id), None)
            value, numerator, denominator = (
                (school.value, school.numerator, school.denominator) if school else (None, None, None)
            )
        put_row(
            sheet,
            [
                row.definition.no,
                row.definition.name,
                value_text(row, value),
                target_text(row),
                status_text(is_met(value, row.definition.comparator, row.target)),
                numerator,
                denominator or None,
            ],
        )
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
