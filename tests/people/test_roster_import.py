"""Roster import: template, validation report, all-or-nothing, cp1251 CSV, re-import, new schools, scope."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import InvalidInput, RosterRejected
from services.files.reading import MAX_FILE_BYTES
from services.models.people import Organisation, OrgKind, OrgType, Person, PersonSubject
from services.people.roster_file import parse_roster
from tests.support.conversation import Harness, ru, shows, texts
from tests.support.conversation import Person as Chatter
from tests.support.factories import (
    HEADER,
    admin_with_municipality,
    csv_bytes,
    import_roster,
    invite_to_school,
    join_with_consent,
    methodist_of,
    read_xlsx,
    roster_row,
    xlsx,
)

TODAY = date(2026, 11, 23)
MUNICIPALITY = "Балахтинский район"


@pytest.fixture
async def methodist(harness: Harness) -> Chatter:
    return await methodist_of(harness, await admin_with_municipality(harness, MUNICIPALITY), MUNICIPALITY)


async def count(session: AsyncSession, model: type) -> int:
    return await session.scalar(select(func.count()).select_from(model)) or 0


async def test_roster_sends_a_template_that_imports_as_is(
    harness: Harness, methodist: Chatter, session: AsyncSession
) -> None:
    replies = await methodist.send("/roster")
    template = replies[-1]
    assert template.file_name == "roster-template.xlsx" and template.file_data
    assert read_xlsx(template.file_data)[0] == tuple(HEADER)
    replies = await methodist.send_document("roster-template.xlsx", template.file_data)
    replies = await methodist.press_key("roster-create-schools")
    assert shows(texts(replies), "roster-imported", created=1)
    assert await count(session, Person) == 1


async def test_valid_file_is_imported_with_schools_subjects_and_invites(
    harness: Harness, methodist: Chatter, session: AsyncSession
) -> None:
    rows = [
        roster_row("Иванова Мария Петровна", subjects="математика; информатика"),
        roster_row(
            "Петров Пётр Петрович",
            school="МБОУ Гимназия № 2",
            subjects="",
            birth="1980-05-01",
            start="2003-09-01",
            manager="да",
        ),
    ]
    await methodist.send("/roster")
    replies = await methodist.send_document("roster.xlsx", xlsx(rows))
    assert shows(texts(replies), "roster-new-schools", count=2)
    assert "МБОУ Гимназия № 2" in texts(replies)
    replies = await methodist.press_key("roster-create-schools")
    assert ru("roster-imported", created=2, updated=0, unchanged=0, schools=2) in texts(replies)
    invites = read_xlsx(replies[-1].file_data or b"")
    assert [row[1] for row in invites[1:]] == ["Петров Пётр Петрович", "Иванова Мария Петровна"]
    assert all("https://t.me/nms_test_bot?start=" in str(row[2]) for row in invites[1:])
    assert await count(session, Organisation) == 4  # region, municipality, two schools
    subjects = await session.scalars(select(PersonSubject.subject).order_by(PersonSubject.subject))
    assert list(subjects) == ["информатика", "математика"]


async def test_the_roster_file_sets_each_schools_organisation_type(
    harness: Harness, methodist: Chatter, session: AsyncSession
) -> None:
    rows = [
        roster_row("Иванова Мария Петровна"),
        roster_row("Петрова Анна Ивановна", school="МБДОУ Детский сад № 5", org_type="Дошкольная"),
    ]
    await methodist.send("/roster")
    await methodist.send_document("roster.xlsx", xlsx(rows))
    await methodist.press_key("roster-create-schools")
    types = dict((await session.execute(select(Organisation.name, Organisation.org_type))).all())
    # A school the file does not type stays general-education; the kindergarten is a ДОО.
    assert types["МБОУ СОШ № 1"] == OrgType.GENERAL and types["МБДОУ Детский сад № 5"] == OrgType.PRESCHOOL
    bad = [roster_row("Сидорова Ольга Ивановна", org_type="вуз")]
    await methodist.send("/roster")
    assert ru("problem-bad-choice", value="вуз") in texts(await methodist.send_document("roster.xlsx", xlsx(bad)))


async def test_declining_new_schools_writes_nothing(
    harness: Harness, methodist: Chatter, session: AsyncSession
) -> None:
    await methodist.send("/roster")
    await methodist.send_document("roster.xlsx", xlsx([roster_row()]))
    replies = await methodist.press_key("nav-keep")
    assert ru("roster-cancelled") in texts(replies)
    assert await count(session, Person) == 0
    assert await session.scalar(select(func.count()).where(Organisation.kind == OrgKind.SCHOOL)) == 0


async def test_reimporting_the_same_file_changes_nothing(
    harness: Harness, methodist: Chatter, session: AsyncSession
) -> None:
    content = xlsx([roster_row("Иванова Мария Петровна"), roster_row("Орлова Ольга Игоревна", birth="01.02.1980")])
    await import_roster(methodist, content)
    updated_at = list(await session.scalars(select(Person.updated_at).order_by(Person.id)))
    replies = await import_roster(methodist, content)
    assert shows(texts(replies), "roster-imported", created=0, updated=0, unchanged=2)
    assert await count(session, Person) == 2
    session.expire_all()
    assert list(await session.scalars(select(Person.updated_at).order_by(Person.id))) == updated_at


async def test_reimport_updates_changed_people_matched_by_name_and_birth_date(
    harness: Harness, methodist: Chatter, session: AsyncSession
) -> None:
    await import_roster(methodist, xlsx([roster_row("Иванова Мария Петровна", position="учитель")]))
    replies = await import_roster(
        methodist, xlsx([roster_row("ИВАНОВА  Мария Петровна", position="заместитель директора", subjects="физика")])
    )
    assert shows(texts(replies), "roster-imported", created=0, updated=1)
    person = await session.scalar(select(Person))
    assert person is not None and person.position == "заместитель директора"
    assert [s.subject for s in person.subjects] == ["физика"]


async def test_cp1251_csv_with_semicolons_is_read(harness: Harness, methodist: Chatter, session: AsyncSession) -> None:
    content = csv_bytes([roster_row("Ёлкина Алёна Юрьевна")], encoding="cp1251", delimiter=";")
    replies = await import_roster(methodist, content, "roster.csv")
    assert shows(texts(replies), "roster-imported", created=1)
    assert await session.scalar(select(Person.full_name)) == "Ёлкина Алёна Юрьевна"


async def test_utf8_csv_with_commas_is_read(harness: Harness, methodist: Chatter) -> None:
    replies = await import_roster(methodist, csv_bytes([roster_row(subjects="история")]), "roster.csv")
    assert shows(texts(replies), "roster-imported", created=1)


async def test_one_bad_row_rejects_the_whole_file_with_row_and_column(
    harness: Harness, methodist: Chatter, session: AsyncSession
) -> None:
    rows = [roster_row("Иванова Мария Петровна"), roster_row("Орлова Ольга Игоревна", birth="31.02.1990")]
    await methodist.send("/roster")
    replies = await methodist.send_document("roster.xlsx", xlsx(rows))
    assert ru("roster-rejected", count=1) in texts(replies)
    problem = ru("problem-bad-date", value="31.02.1990")
    assert ru("roster-problem", line=3, column="Дата рождения", problem=problem) in texts(replies)
    assert await count(session, Person) == 0


async def test_many_problems_come_with_a_full_report_file(harness: Harness, methodist: Chatter) -> None:
    rows = [roster_row("Иванова Мария Петровна", birth="вчера") for _ in range(40)]
    await methodist.send("/roster")
    replies = await methodist.send_document("roster.xlsx", xlsx(rows))
    assert ru("roster-more-problems", count=25) in texts(replies)
    report = read_xlsx(replies[-1].file_data or b"")
    assert len(report) == 41 and report[1][:2] == (2, "Дата рождения")


async def test_huge_file_is_refused_before_download(harness: Harness, methodist: Chatter) -> None:
    await methodist.send("/roster")
    replies = await methodist.send_document("roster.xlsx", b"x", file_size=MAX_FILE_BYTES + 1)
    assert shows(texts(replies), "file-too-big")
    assert not any(type(request).__name__ == "GetFile" for request in harness.telegram.requests)


@pytest.mark.parametrize(
    ("file_name", "content", "answer"),
    [
        ("roster.pdf", b"%PDF-1.4", "file-wrong-type"),
        ("roster.xlsx", b"not a zip at all", "file-damaged"),
        ("roster.csv", b"", "problem-empty"),
    ],
)
async def test_wrong_or_broken_files_get_a_clear_answer(
    harness: Harness, methodist: Chatter, file_name: str, content: bytes, answer: str
) -> None:
    await methodist.send("/roster")
    replies = await methodist.send_document(file_name, content)
    assert ru(answer) in texts(replies)


async def test_text_instead_of_a_file_is_answered(harness: Harness, methodist: Chatter) -> None:
    await methodist.send("/roster")
    replies = await methodist.send("вот")
    assert ru("roster-send-file") in texts(replies)


async def test_coordinator_may_import_only_their_school(
    harness: Harness, methodist: Chatter, session: AsyncSession
) -> None:
    await import_roster(methodist, xlsx([roster_row(school="МБОУ СОШ № 1")]))
    coordinator = harness.person(600)
    await join_with_consent(coordinator, await invite_to_school(methodist, "role-coordinator", "МБОУ СОШ № 1"))
    replies = await import_roster(coordinator, xlsx([roster_row("Орлова Ольга Игоревна", school="МБОУ СОШ № 99")]))
    assert shows(texts(replies), "problem-other-school")
    replies = await import_roster(coordinator, xlsx([roster_row("Орлова Ольга Игоревна", school="")]))
    assert shows(texts(replies), "roster-imported", created=1)
    assert await count(session, Person) == 2


def problems_of(row: list[str]) -> list[tuple[str, str]]:
    with pytest.raises(RosterRejected) as rejected:
        parse_roster(xlsx([row]), "r.xlsx", today=TODAY)
    return [(problem.column, problem.code) for problem in rejected.value.problems]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (roster_row(name=""), ("ФИО", "required")),
        (roster_row(name="Иванова"), ("ФИО", "bad-name")),
        (roster_row(name="Иванова 123 Петровна"), ("ФИО", "bad-name")),
        (roster_row(position=""), ("Должность", "required")),
        (roster_row(position="у" * 201), ("Должность", "too-long")),
        (roster_row(birth=""), ("Дата рождения", "required")),
        (roster_row(birth="1990/13/45"), ("Дата рождения", "bad-date")),
        (roster_row(birth="01.01.2015"), ("Дата рождения", "bad-age")),
        (roster_row(start="01.09.2030"), ("Начало педагогической деятельности", "in-future")),
        (roster_row(birth="01.01.1990", start="01.09.2000"), ("Начало педагогической деятельности", "before-age-14")),
        (roster_row(manager="возможно"), ("Руководитель", "bad-flag")),
        (roster_row(email="not-an-email"), ("E-mail", "bad-email")),
        (roster_row(phone="12-34"), ("Телефон", "bad-phone")),
    ],
)
def test_each_kind_of_bad_cell_is_named(row: list[str], expected: tuple[str, str]) -> None:
    assert problems_of(row) == [expected]


def test_duplicate_person_in_one_file_points_to_the_first_row() -> None:
    with pytest.raises(RosterRejected) as rejected:
        parse_roster(xlsx([roster_row(), roster_row(name="иванова мария петровна")]), "r.xlsx", today=TODAY)
    assert [(p.line, p.code, p.value) for p in rejected.value.problems] == [(3, "duplicate", "2")]


def test_a_leap_day_birth_date_is_checked_without_crashing() -> None:
    rows = parse_roster(xlsx([roster_row(birth="29.02.1996", start="28.02.2010")]), "r.xlsx", today=TODAY)
    assert rows[0].birth_date == date(1996, 2, 29)
    assert problems_of(roster_row(birth="29.02.1996", start="27.02.2010")) == [
        ("Начало педагогической деятельности", "before-age-14")
    ]


def test_missing_required_columns_are_listed() -> None:
    with pytest.raises(RosterRejected) as rejected:
        parse_roster(xlsx([["Иванова Мария Петровна"]], header=["ФИО"]), "r.xlsx", today=TODAY)
    assert {p.column for p in rejected.value.problems} == {
        "Должность",
        "Дата рождения",
        "Начало педагогической деятельности",
    }


def test_excel_dates_and_english_headers_are_accepted() -> None:
    header = ["Full name", "School", "Position", "Subjects", "Birth date", "Work start"]
    rows = parse_roster(
        xlsx([["Иванова Мария Петровна", "СОШ 1", "учитель", "", date(1990, 1, 2), date(2015, 9, 1)]], header=header),
        "r.xlsx",
        today=TODAY,
    )
    assert rows[0].birth_date == date(1990, 1, 2) and rows[0].is_active and not rows[0].is_manager


def test_oversized_content_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_roster(b"x" * (MAX_FILE_BYTES + 1), "r.csv", today=TODAY)


async def test_an_admin_sets_a_schools_organisation_type_in_orgs(harness: Harness, session: AsyncSession) -> None:
    admin = await admin_with_municipality(harness, "Балахтинский район")
    methodist = await methodist_of(harness, admin, "Балахтинский район")
    await import_roster(methodist, xlsx([roster_row("Иванова Мария Петровна", school="МБДОУ Детский сад № 1")]))
    await admin.send("/orgs")
    await admin.press_key("orgs-types")
    await admin.press("Балахтинский район")
    await admin.press("МБДОУ Детский сад № 1")
    replies = await admin.press_key("org-type-preschool")
    assert ru("orgs-type-set", name="МБДОУ Детский сад № 1", org_type=ru("org-type-preschool")) in replies[-1].text
    org_type = await session.scalar(select(Organisation.org_type).where(Organisation.kind == OrgKind.SCHOOL))
    assert org_type == OrgType.PRESCHOOL
    school = await session.scalar(select(Organisation.id).where(Organisation.kind == OrgKind.SCHOOL))
    assert ru("error-forbidden") in texts(await methodist.tap(f"otype:{school}:other"))  # only admins
