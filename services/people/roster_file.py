"""Reading and validating a roster file (XLSX, or CSV in UTF-8/cp1251 with `;` or `,`).

The column titles are the file format shared with methodists' spreadsheets, so they are
fixed Russian words (with English aliases) rather than interface text.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from services.errors import RosterRejected, RowProblem
from services.files.reading import ReadProgress, read_table, text_of
from services.files.worker import in_worker
from services.files.writing import write_table
from services.models.people import OrgType
from services.people.joins import FULL_NAME
from services.people.persons import add_years, name_key

MAX_PROBLEMS = 1_000

COLUMNS: dict[str, tuple[str, ...]] = {
    # field: (title in the template, accepted aliases…)
    "full_name": ("ФИО", "фамилия имя отчество", "full name"),
    "school": ("Организация", "школа", "оо", "school"),
    "position": ("Должность", "position"),
    "subjects": ("Предметы", "предмет", "subjects"),
    "birth_date": ("Дата рождения", "birth date"),
    "work_start": ("Начало педагогической деятельности", "начало педагогической работы", "work start"),
    "is_manager": ("Руководитель", "manager"),
    "is_active": ("Работает", "активен", "active"),
    "email": ("E-mail", "email", "эл. почта"),
    "phone": ("Телефон", "phone"),
    "org_type": ("Тип организации", "тип оо", "org type"),
}
ORG_TYPE_NAMES = {
    "общеобразовательная": OrgType.GENERAL,
    "дошкольная": OrgType.PRESCHOOL,
    "дополнительного образования": OrgType.ADDITIONAL,
    "профессиональная": OrgType.VOCATIONAL,
    "другая": OrgType.OTHER,
}
REQUIRED = ("full_name", "position", "birth_date", "work_start")
TEMPLATE_EXAMPLE = (
    "Иванова Мария Петровна",
    "МБОУ СОШ № 1",
    "учитель",
    "математика, информатика",
    "14.03.1996",
    "01.09.2023",
    "нет",
    "да",
    "ivanova@example.ru",
    "+7 900 000-00-00",
    "общеобразовательная",
)
YES = {"да", "д", "1", "yes", "y", "true", "+"}
NO = {"нет", "н", "0", "no", "n", "false", "-", ""}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y")

Report = Callable[..., None]  # report(field, code, value="") records one problem


@dataclass(frozen=True)
class RosterRow:
    line: int
    full_name: str
    school: str
    position: str
    subjects: tuple[str, ...]
    birth_date: date
    work_start: date
    is_manager: bool
    is_active: bool
    email: str | None
    phone: str | None
    org_type: OrgType | None = None  # the school's type, when the file says it
    # Worked out once, in the worker process that reads the file: the import looks them up for every row.
    key: tuple[str, date] = field(init=False, compare=False)  # how a person is matched: name and birth date
    school_key: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (name_key(self.full_name), self.birth_date))
        object.__setattr__(self, "school_key", name_key(self.school))


async def read_roster(
    content: bytes, filename: str, *, today: date, progress: ReadProgress | None = None
) -> list[RosterRow]:
    """`parse_roster` in the worker process: checking 20 000 rows must not stop the bot answering others."""
    return await in_worker(parse_roster, content, filename, today=today, progress=progress)


def parse_roster(
    content: bytes, filename: str, *, today: date, progress: ReadProgress | None = None
) -> list[RosterRow]:
    """Every row of the file, valid; otherwise RosterRejected listing every problem found."""
    table = iter(read_table(content, filename, progress))
    header = next(table, None)
    if header is None:
        raise RosterRejected([RowProblem(1, "", "empty")])
    positions, problems = _map_header(header)
    if problems:
        raise RosterRejected(problems)
    rows: list[RosterRow] = []
    first_line: dict[tuple[str, date], int] = {}
    for line, cells in enumerate(table, start=2):
        if not any(text_of(cell) for cell in cells):
            continue
        values = {field: cells[index] if index < len(cells) else None for field, index in positions.items()}
        row = _validate_row(line, values, today, problems)
        if row is None:
            continue
        if row.key in first_line:
            problems.append(RowProblem(line, COLUMNS["full_name"][0], "duplicate", str(first_line[row.key])))
            continue
        first_line[row.key] = line
        rows.append(row)
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise RosterRejected(problems)
    if not rows:
        raise RosterRejected([RowProblem(2, "", "empty")])
    return rows


def _header_key(title: object) -> str:
    return " ".join(text_of(title).replace("ё", "е").split()).casefold()


def _map_header(header: list[object]) -> tuple[dict[str, int], list[RowProblem]]:
    aliases = {_header_key(alias): field for field, names in COLUMNS.items() for alias in names}
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        field = aliases.get(_header_key(title))
        if field is not None and field not in positions:
            positions[field] = index
    problems = [RowProblem(1, COLUMNS[field][0], "missing-column") for field in REQUIRED if field not in positions]
    return positions, problems


def _validate_row(line: int, values: dict[str, object], today: date, problems: list[RowProblem]) -> RosterRow | None:
    found: list[RowProblem] = []

    def problem(field: str, code: str, value: object = "") -> None:
        found.append(RowProblem(line, COLUMNS[field][0], code, text_of(value)[:60]))

    full_name = text_of(values.get("full_name"))
    if not full_name:
        problem("full_name", "required")
    elif len(full_name) > 300 or not FULL_NAME.match(full_name):
        problem("full_name", "bad-name", full_name)
    school = text_of(values.get("school"))
    if len(school) > 300:
        problem("school", "too-long", school)
    position = text_of(values.get("position"))
    if not position:
        problem("position", "required")
    elif len(position) > 200:
        problem("position", "too-long", position)
    subjects = tuple(dict.fromkeys(s.strip() for s in re.split(r"[,;/]", text_of(values.get("subjects"))) if s.strip()))
    if any(len(subject) > 100 for subject in subjects):
        problem("subjects", "too-long")
    birth_date = _date(values.get("birth_date"), "birth_date", problem)
    if birth_date and not add_years(today, -100) < birth_date <= add_years(today, -16):
        problem("birth_date", "bad-age", values.get("birth_date"))
        birth_date = None
    work_start = _date(values.get("work_start"), "work_start", problem)
    if work_start and work_start > today:
        problem("work_start", "in-future", values.get("work_start"))
    elif work_start and birth_date and work_start < add_years(birth_date, 14):
        problem("work_start", "before-age-14", values.get("work_start"))
    is_manager = _flag(values.get("is_manager"), "is_manager", False, problem)
    is_active = _flag(values.get("is_active"), "is_active", True, problem)
    email = text_of(values.get("email")) or None
    if email and (len(email) > 200 or not EMAIL.match(email)):
        problem("email", "bad-email", email)
    phone = text_of(values.get("phone")) or None
    if phone and not (10 <= len(re.sub(r"\D", "", phone)) <= 15 and re.fullmatch(r"[\d\s()+\-]+", phone)):
        problem("phone", "bad-phone", phone)
    org_type_name = " ".join(text_of(values.get("org_type")).casefold().split())
    org_type = ORG_TYPE_NAMES.get(org_type_name)
    if org_type_name and org_type is None:
        problem("org_type", "bad-choice", org_type_name)
    problems.extend(found)
    if found or birth_date is None or work_start is None:
        return None
    return RosterRow(
        line,
        full_name,
        school,
        position,
        subjects,
        birth_date,
        work_start,
        is_manager,
        is_active,
        email,
        phone,
        org_type,
    )


def _date(value: object, field: str, problem: Report) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = text_of(value)
    if not text:
        problem(field, "required")
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    problem(field, "bad-date", text)
    return None


def _flag(value: object, field: str, default: bool, problem: Report) -> bool:
    text = text_of(value).casefold()
    if not text:
        return default
    if text in YES:
        return True
    if text not in NO:
        problem(field, "bad-flag", text)
    return False


def roster_template() -> bytes:
    """The roster file a methodist fills in: every column the importer reads, with one example row."""
    return write_table("Реестр", [names[0] for names in COLUMNS.values()], [TEMPLATE_EXAMPLE])
