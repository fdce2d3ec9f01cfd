"""The indicator report as XLSX, in the form of the regulations' own tables: a sheet for the scope and
one per school, set up to be readable when printed (landscape, one page wide, wrapped names), each row with
how it is counted and who entered a manual value; then every manual value ever entered for the period with
who entered it and when (the history behind the latest one), and the people without a birth or start date,
so the roster gets fixed."""

from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from services.files.writing import put_row, sheet_title, workbook_bytes
from services.indicators.calculation import IndicatorValue, ManualEntry, SetReport, judge
from services.indicators.readings import reading

HEADER = (
    "№",
    "Показатель",
    "Значение",
    "Целевое значение",
    "Выполнение",
    "Числитель",
    "Знаменатель",
    "Как считается",
    "Внесено вручную",
    "Нет данных о возрасте",
)
WIDTHS = {"A": 6, "B": 70, "C": 12, "D": 16, "E": 16, "F": 12, "G": 12, "H": 70, "I": 24, "J": 12}
WITHOUT_AGE = "Нет данных о возрасте"
MANUAL = "Внесено вручную"
MANUAL_HEADER = ("№", "Показатель", "Значение", "Кем внесено", "Когда")


ValueText = Callable[[IndicatorValue, float | None], str]  # a value (or target) as the row's unit shows it
TargetText = Callable[[IndicatorValue], str]
StatusText = Callable[[IndicatorValue, bool | None], str]
EnteredText = Callable[[ManualEntry], str]


def indicator_workbook(
    report: SetReport,
    without_age: dict[str, list[str]],
    *,
    value_text: ValueText,
    target_text: TargetText,
    status_text: StatusText,
    entered_text: EnteredText,
) -> bytes:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    texts = (value_text, target_text, status_text, entered_text)
    _fill(first, report.scope.name, report, None, *texts)
    used = {first.title, WITHOUT_AGE, MANUAL}
    for school in report.rows[0].schools if report.rows else []:
        _fill(workbook.create_sheet(), _sheet_title(school.name, used), report, school.school_id, *texts)
    if any(row.manual for row in report.rows):
        _manual_history(workbook.create_sheet(MANUAL), report, value_text)
    if without_age:
        sheet = workbook.create_sheet(WITHOUT_AGE)
        put_row(sheet, ["№", "ФИО"])
        for no, names in without_age.items():
            for name in names:
                put_row(sheet, [no, name])
    return workbook_bytes(workbook)


def _manual_history(sheet: Worksheet, report: SetReport, value_text: ValueText) -> None:
    """Every entry of each manual value, oldest first: a corrected value keeps its earlier readings."""
    put_row(sheet, list(MANUAL_HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in report.rows:
        for entry in row.manual:
            put_row(
                sheet,
                [
                    row.definition.no,
                    row.definition.short,
                    value_text(row, entry.value),
                    entry.entered_by or "—",
                    f"{entry.entered_at:%d.%m.%Y %H:%M}",
                ],
            )
    for column, width in zip("ABCDE", (6, 40, 12, 36, 18), strict=True):
        sheet.column_dimensions[column].width = width


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
    entered_text: EnteredText,
) -> None:
    sheet.title = sheet_title(title) or "ОО"
    put_row(sheet, [f"{report.scope.name if school_id is None else title}: {report.indicators.title}"])
    put_row(sheet, [f"{report.period.start:%d.%m.%Y} – {report.period.end:%d.%m.%Y}, на {report.as_of:%d.%m.%Y}"])
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
        met = row.met if school_id is None else judge(value, row.definition.comparator, row.target, row.final)
        put_row(
            sheet,
            [
                row.definition.no,
                row.definition.name,
                ("✍️ " if row.manual and school_id is None else "") + value_text(row, value),
                target_text(row),
                status_text(row, met),
                numerator,
                denominator or None,
                reading(row.definition),
                entered_text(row.manual[-1]) if row.manual and school_id is None else None,
                row.unknown_age or None if school_id is None else None,
            ],
        )
        for wrapped in (2, 8):
            sheet.cell(sheet.max_row, wrapped).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
