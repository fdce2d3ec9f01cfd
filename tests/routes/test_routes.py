"""ИОМ through the real bot: diagnostic → proposal → submit → return → resubmit → approve → report → confirm."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.routes import ItemStatus, Route, RouteItem, RouteStatus
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, shows, texts
from tests.support.delivery import deliver
from tests.support.factories import (
    import_roster,
    join_with_consent,
    methodist_of,
    read_xlsx,
    roster_row,
    start_token,
    xlsx,
)
from tests.support.route_setup import (
    CATALOGUE,
    DIAGNOSTICS,
    approved_route,
    methodist_and_teacher,
    open_review_menu,
    report_first_item,
    table,
)


@pytest.fixture
async def people(harness: Harness) -> tuple[Person, Person]:
    return await methodist_and_teacher(harness)


async def test_the_whole_route_cycle(harness: Harness, people: tuple[Person, Person], session: AsyncSession) -> None:
    methodist, teacher = people
    replies = await teacher.send("/route")
    assert ru("route-none") in texts(replies)
    replies = await teacher.press(ru("route-start"))
    assert shows(texts(replies), "route-proposed", count=2)
    assert ru("route-progress", done=0, total=2, overdue=0) in replies[-1].text
    buttons = replies[-1].buttons()
    assert any("Формирование функциональной грамотности" in button for button in buttons)

    replies = await teacher.press_key("route-submit")
    assert ru("history-submitted") in texts(replies)
    await deliver(harness)
    assert ru("review-route-waiting", name="Петрова Анна Сергеевна") in methodist.last.text
    await methodist.press_key("review-open")
    await methodist.press_key("review-return")
    replies = await methodist.send("Добавьте, пожалуйста, стажировку")
    assert ru("review-route-returned", name="Петрова Анна Сергеевна") in texts(replies)
    await deliver(harness)
    assert ru("route-status-returned") in teacher.last.text and "Добавьте, пожалуйста, стажировку" in teacher.last.text

    await teacher.send("/route")
    await teacher.press(ru("route-add-own"))
    await teacher.send("Стажировка в МБОУ Лицей № 7")
    await teacher.press_key("kind-internship")
    await teacher.press_key("area-methodical")
    replies = await teacher.send("15.02.2027")
    assert ru("route-progress", done=0, total=3, overdue=0) in texts(replies)
    await teacher.press_key("route-submit")
    await deliver(harness)
    await methodist.press_key("review-open")
    replies = await methodist.press_key("review-approve")
    assert ru("review-route-approved", name="Петрова Анна Сергеевна") in texts(replies)
    await deliver(harness)
    assert ru("route-approved-owner") in teacher.last.text

    for title in (
        "Формирование функциональной грамотности",
        "Цифровые инструменты учителя",
        "Стажировка в МБОУ Лицей № 7",
    ):
        await teacher.send("/route")
        await teacher.press(next(b for b in teacher.last.buttons() if title in b))
        await teacher.press_key("item-report")
        await teacher.send_document("certificate.pdf", b"%PDF-1.4 certificate")
        replies = await teacher.send("https://example.org/report")
        assert ru("report-added", count=2) in texts(replies)
        replies = await teacher.press_key("report-send")
        assert ru("report-sent") in texts(replies)
        await deliver(harness)
        assert shows(methodist.last.text, "review-item-waiting", name="Петрова Анна Сергеевна")
        replies = await methodist.press_key("review-open")
        assert any(reply.method == "SendDocument" for reply in replies)  # the certificate, as the teacher sent it
        assert "https://example.org/report" in texts(replies)
        replies = await methodist.press_key("item-confirm")
        assert ru("history-confirmed") in texts(replies)

    await deliver(harness)
    assert ru("history-implemented") in teacher.last.text
    route = await session.scalar(select(Route))
    assert route is not None and route.status == RouteStatus.IMPLEMENTED
    statuses = set(await session.scalars(select(RouteItem.status)))
    assert statuses == {ItemStatus.CONFIRMED}

    await open_review_menu(methodist)
    replies = await methodist.press_key("review-register")
    register = read_xlsx(replies[-1].file_data or b"")
    assert register[0][:3] == tuple(ru(f"register-col-{index}") for index in range(3))
    assert len(register) == 4
    assert {row[7] for row in register[1:]} == {ru("item-status-confirmed")}
    assert register[1][11] == "https://example.org/report"


async def test_returned_report_can_be_reported_again(harness: Harness, people: tuple[Person, Person]) -> None:
    methodist, teacher = await approved_route(people)
    await report_first_item(teacher, "Сертификат о прохождении курса")
    await methodist.press_key("review-open")
    await methodist.press_key("item-return")
    replies = await methodist.press_key("review-no-comment")
    assert shows(texts(replies), "review-item-returned")
    await deliver(harness)
    assert shows(teacher.last.text, "item-returned-owner")
    replies = await report_first_item(teacher, "Исправленный отчёт")
    assert ru("report-sent") in texts(replies)


async def test_double_tap_on_confirm_changes_nothing(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    methodist, teacher = await approved_route(people)
    await report_first_item(teacher, "Сертификат")
    await methodist.press_key("review-open")
    await methodist.press_key("item-confirm")
    replies = await methodist.press_key("item-confirm")
    assert replies[-1].text == ru("item-already-reviewed") and replies[-1].alert
    assert await session.scalar(select(func.count()).where(RouteItem.status == ItemStatus.CONFIRMED)) == 1


async def test_bad_dates_and_evidence_get_clear_answers(
    harness: Harness, people: tuple[Person, Person], clock: FrozenClock
) -> None:
    _methodist, teacher = people
    await teacher.send("/route")
    await teacher.press(ru("route-start"))
    await teacher.press(ru("route-add-own"))
    await teacher.send("Курсы по ИИ")
    await teacher.press_key("kind-course")
    await teacher.press_key("area-digital")
    assert ru("route-bad-date") in texts(await teacher.send("скоро"))
    assert ru("route-deadline-past") in texts(await teacher.send("01.01.2020"))
    assert ru("route-deadline-far") in texts(await teacher.send("01.01.2035"))
    assert ru("route-item-added") in texts(await teacher.send("01.06.2027"))

    _methodist, teacher = await approved_route(people, fresh=False)
    await teacher.send("/route")
    await teacher.press(next(b for b in teacher.last.buttons() if "Формирование" in b))
    await teacher.press_key("item-report")
    assert ru("evidence-wrong-type") in texts(await teacher.send_document("virus.exe", b"MZ"))
    assert ru("evidence-too-big", limit=20) in texts(
        await teacher.send_document("big.pdf", b"x", file_size=21 * 1024 * 1024)
    )
    assert ru("evidence-bad-link") in texts(await teacher.send("https://bad link"))
    replies = await teacher.send_document("ok.pdf", b"%PDF")
    assert ru("report-added", count=1) in texts(replies)


async def test_an_approved_route_cannot_be_edited_even_by_forged_buttons(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    _methodist, teacher = await approved_route(people)
    item_id = await session.scalar(select(RouteItem.id).order_by(RouteItem.id))
    route_id = await session.scalar(select(Route.id))
    replies = await teacher.tap(f"it:remove:{item_id}")
    assert ru("route-not-editable") in replies[-1].text
    replies = await teacher.tap(f"rt:own:{route_id}:0")
    assert ru("route-not-editable") in replies[-1].text
    assert await session.scalar(select(func.count()).select_from(RouteItem)) == 2


async def test_another_teacher_cannot_touch_someone_elses_route(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    methodist, teacher = people
    await teacher.send("/route")
    await teacher.press(ru("route-start"))
    replies = await import_roster(methodist, xlsx([roster_row("Орлова Ольга Игоревна", birth="01.02.1980")]))
    tokens = read_xlsx(replies[-1].file_data or b"")
    other = harness.person(502)
    await join_with_consent(
        other, start_token(next(str(row[2]) for row in tokens if row[1] == "Орлова Ольга Игоревна"))
    )
    item_id = await session.scalar(select(RouteItem.id))
    route_id = await session.scalar(select(Route.id))
    for forged in (
        f"it:open:{item_id}",
        f"it:remove:{item_id}",
        f"rt:submit:{route_id}:0",
        f"it:confirm:{item_id}",
        f"rt:approve:{route_id}:0",
        f"ca:{route_id}:1:0",
        f"ca:{route_id}:1:1",
        f"it:remove_yes:{item_id}",
        f"it:deadline:{item_id}",
    ):
        replies = await other.tap(forged)
        assert ru("error-forbidden") in replies[-1].text, forged
    route = await session.scalar(select(Route))
    assert route is not None and route.status == RouteStatus.DRAFT and len(route.items) == 2


async def test_a_reviewer_outside_the_scope_is_refused(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    _methodist, teacher = people
    await teacher.send("/route")
    await teacher.press(ru("route-start"))
    await teacher.press_key("route-submit")
    admin = harness.person(1)
    await admin.send("/orgs")
    await admin.press_key("orgs-add")
    await admin.send("Другой район")
    await admin.press("Moscow")
    stranger = await methodist_of(harness, admin, "Другой район", tg_id=200)
    route_id = await session.scalar(select(Route.id))
    replies = await stranger.tap(f"rt:approve:{route_id}:0")
    assert ru("error-forbidden") in replies[-1].text
    replies = await open_review_menu(stranger)
    assert ru("review-routes", count=0) in replies[-1].buttons()


async def test_self_assessment_feeds_the_proposal(harness: Harness, people: tuple[Person, Person]) -> None:
    _methodist, teacher = people
    await teacher.send("/route")
    await teacher.press_key("self-assessment-start")
    for answer in (4, 4, 3, 3, 1):
        replies = await teacher.press_key(f"self-assessment-{answer}")
    assert ru("self-assessment-done", deficits=ru("area-digital")) in texts(replies)
    replies = await teacher.press(ru("route-start"))
    assert shows(texts(replies), "route-proposed", count=1)


async def test_a_methodist_enters_a_diagnostic_by_hand_and_the_route_follows_it(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, teacher = people
    await open_review_menu(methodist)
    await methodist.press_key("diagnostic-by-hand")
    assert ru("diagnostic-search-short") in texts(await methodist.send("П"))
    assert ru("diagnostic-nobody") in texts(await methodist.send("Сидоров"))
    await methodist.send("петрова")
    await methodist.press("Петрова Анна Сергеевна · МБОУ СОШ № 1")
    await methodist.press_key("diagnostic-kind-school")
    await methodist.press_key("level-low")
    await methodist.press_key("area-digital")
    await methodist.press_key("area-subject")
    await methodist.press("✅ " + ru("area-subject"))  # a second tap takes the mark off
    await methodist.press_key("diagnostic-next")
    replies = await methodist.press("2")  # the 2nd of this month: the calendar offers the days up to today
    assert ru("diagnostic-saved") in texts(replies)
    assert ru("nav-menu") in replies[-1].buttons()
    await teacher.send("/route")
    replies = await teacher.press(ru("route-start"))
    assert shows(texts(replies), "route-proposed", count=1)
    await teacher.send("/start")
    replies = await teacher.press_key("menu-profile")
    assert shows(texts(replies), "profile", level=ru("level-low"))


async def test_every_field_of_an_item_can_be_edited_while_the_route_is_a_draft(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    _methodist, teacher = people
    await teacher.send("/route")
    await teacher.press(ru("route-start"))
    await teacher.press(next(b for b in teacher.last.buttons() if "Цифровые" in b))
    await teacher.press_key("event-edit")
    await teacher.press_key("edit-title")
    changed = ru("edit-done", title="Цифровая образовательная среда")
    assert changed in texts(await teacher.send("Цифровая образовательная среда"))
    item_id = await session.scalar(select(RouteItem.id).where(RouteItem.title == "Цифровая образовательная среда"))
    for field, typed, answer in (
        ("hours", "сорок", ru("route-bad-hours")),
        ("hours", "24", changed),
        ("deadline", "31.02.2027", ru("route-bad-date")),
        ("deadline", "01.04.2027", changed),
    ):
        await teacher.tap(f"ie:{item_id}:{field}::0")
        assert answer in texts(await teacher.send(typed))
    await teacher.tap(f"ie:{item_id}:kind::0")
    await teacher.press_key("kind-internship")
    await teacher.tap(f"ie:{item_id}:area::0")
    await teacher.press_key("area-none")
    session.expire_all()
    item = await session.get_one(RouteItem, item_id)
    assert (item.hours, f"{item.deadline:%d.%m.%Y}", item.kind.value, item.area) == (
        24,
        "01.04.2027",
        "internship",
        None,
    )
    replies = await teacher.tap(f"ie:{item_id}:kind:nonsense:1")
    assert ru("error-invalid-input") in replies[-1].text


async def test_an_approved_route_refuses_forged_edits(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    _methodist, teacher = await approved_route(people)
    item_id = await session.scalar(select(RouteItem.id))
    replies = await teacher.tap(f"ie:{item_id}:kind:contest:1")
    assert ru("route-not-editable") in replies[-1].text


async def test_a_methodist_builds_and_submits_a_route_for_a_teacher(
    harness: Harness, people: tuple[Person, Person], session: AsyncSession
) -> None:
    methodist, teacher = people
    await open_review_menu(methodist)
    await methodist.press(ru("review-teacher-route"))
    await methodist.send("Петрова")
    replies = await methodist.press("Петрова Анна Сергеевна · МБОУ СОШ № 1")
    assert shows(texts(replies), "route-proposed", count=2)
    assert "Петрова Анна Сергеевна" in replies[-1].text
    await methodist.press(next(b for b in methodist.last.buttons() if "Цифровые" in b))
    await methodist.press_key("item-remove")
    await methodist.press_key("nav-confirm")
    replies = await methodist.press_key("route-submit")
    assert ru("history-submitted") in texts(replies)
    replies = await methodist.press_key("review-approve")
    assert ru("review-route-approved", name="Петрова Анна Сергеевна") in texts(replies)
    await deliver(harness)
    assert ru("route-approved-owner") in teacher.last.text
    route = await session.scalar(select(Route))
    assert route is not None and route.status == RouteStatus.APPROVED and len(route.items) == 1


async def test_methodist_hides_an_activity_and_a_reimport_brings_it_back(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, teacher = people
    await open_review_menu(methodist)
    await methodist.press(ru("catalogue-manage"))
    replies = await methodist.press("Цифровые инструменты учителя")
    assert shows(texts(replies), "catalogue-entry", kind=ru("kind-seminar"), hours=6)
    await methodist.press_key("catalogue-hide")
    replies = await methodist.press_key("nav-confirm")
    assert ru("catalogue-hidden-title", title="Цифровые инструменты учителя") in texts(replies)
    await teacher.send("/route")
    replies = await teacher.press(ru("route-start"))
    assert shows(texts(replies), "route-proposed", count=1)
    await methodist.press(ru("catalogue-manage"))
    await methodist.press(ru("upload-catalogue"))
    replies = await methodist.send_document("catalogue.xlsx", table(CATALOGUE))
    assert ru("catalogue-imported", created=0, updated=2) in texts(replies)


async def test_a_catalogue_file_with_bad_rows_is_rejected_whole(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, _teacher = people
    await open_review_menu(methodist)
    await methodist.press(ru("catalogue-manage"))
    await methodist.press(ru("upload-catalogue"))
    bad: list[list[object]] = [CATALOGUE[0], ["Новый курс", "лекция", "много", "ФР", "космические"]]
    replies = await methodist.send_document("catalogue.xlsx", table(bad))
    assert ru("roster-rejected", count=3) in texts(replies)
    problem = ru("problem-bad-choice", value="лекция")
    assert ru("roster-problem", line=2, column="Вид", problem=problem) in texts(replies)


async def test_teachers_cannot_manage_the_catalogue(harness: Harness, people: tuple[Person, Person]) -> None:
    _methodist, teacher = people
    for forged in ("rt:catalogue_list::0", "ce:1:1", "rt:upload_catalogue::0", "rt:diagnostic::0", "rt:teacher::0"):
        replies = await teacher.tap(forged.replace("::", ":0:"))
        assert ru("error-forbidden") in replies[-1].text, forged


async def test_a_diagnostics_file_with_someone_not_in_the_roster_is_rejected_whole(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, _teacher = people
    await open_review_menu(methodist)
    await methodist.press_key("upload-diagnostics")
    rows = [
        DIAGNOSTICS[0],
        ["Петрова Анна Сергеевна", "14.03.1996", "01.11.2026", "региональная", "базовый", "методические"],
        ["Неизвестная Ирина Павловна", "01.01.1990", "01.11.2026", "федеральная", "средний", "цифровые"],
    ]
    replies = await methodist.send_document("diagnostics.xlsx", table(rows))
    text = texts(replies)
    assert ru("roster-rejected", count=2) in text
    assert shows(text, "roster-problem", line=3, column="ФИО") and shows(text, "problem-not-in-roster")
    assert shows(text, "roster-problem", line=3, column="Уровень")
    replies = await methodist.send_document("diagnostics.xlsx", table(DIAGNOSTICS))
    assert ru("diagnostics-imported", added=0, skipped=1) in texts(replies)  # the fixture loaded this row already


async def test_a_deadline_is_chosen_from_presets_or_the_calendar_and_the_form_can_be_cancelled(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    _methodist, teacher = people
    await teacher.send("/route")
    await teacher.press(ru("route-start"))

    async def own_item(title: str) -> None:
        await teacher.press(ru("route-add-own"))
        await teacher.send(title)
        await teacher.press_key("kind-course")
        await teacher.press_key("area-digital")

    await own_item("Курсы по ИИ")
    replies = await teacher.press_key("date-preset-year", date="31.05.2027")  # the clock stands in November 2026
    assert ru("route-item-added") in texts(replies)
    assert any("31.05" in button for button in replies[-1].buttons())

    await own_item("Вебинар по функциональной грамотности")
    await teacher.press("›")  # December 2026
    assert ru("month-12") + " 2026" in teacher.last.buttons()
    await teacher.press("›")
    await teacher.press("‹")  # and back to December
    replies = await teacher.press("15")
    assert any("15.12" in button for button in replies[-1].buttons())

    await own_item("Отменённый пункт")
    replies = await teacher.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)
    await teacher.send("/route")
    assert not any("Отменённый" in button for button in teacher.last.buttons())
    assert harness.telegram.refused == []


async def test_a_forged_date_outside_the_calendar_is_refused(harness: Harness, people: tuple[Person, Person]) -> None:
    _methodist, teacher = people
    await teacher.send("/route")
    await teacher.press(ru("route-start"))
    await teacher.press(ru("route-add-own"))
    await teacher.send("Курсы")
    await teacher.press_key("kind-course")
    await teacher.press_key("area-digital")
    for data in ("dp:own_item:1:0", "dp:own_item:0:99999999", "dp:own_item:0:-5"):
        replies = await teacher.tap(data, on=teacher.last)
        assert replies and harness.telegram.refused == []
    replies = await teacher.press_key("date-preset-quarter", date="28.12.2026")
    assert ru("route-item-added") in texts(replies)
