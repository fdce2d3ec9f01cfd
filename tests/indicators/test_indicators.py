"""/indicators and /communities through the real bot: the table, a number's details and the people behind
it, charts, the XLSX report, targets, manual values, another set; communities joined and imported."""

import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs import take_snapshots
from services.models.indicators import Snapshot
from services.models.people import Organisation, OrgKind
from tests.support.conversation import Harness, ru, shows, texts
from tests.support.delivery import run_job
from tests.support.factories import admin_with_municipality, methodist_of, xlsx
from tests.support.route_setup import MUNICIPALITY, methodist_and_teacher

TEACHER = "Петрова Анна Сергеевна"
FGOS = "Реализуют обновлённые ФГОС"  # an indicator's name, from the preset


async def school_id(session: AsyncSession) -> int:
    found = await session.scalar(select(Organisation.id).where(Organisation.kind == OrgKind.SCHOOL))
    assert found is not None
    return found


async def test_a_methodist_reads_the_table_and_the_people_behind_a_number(
    harness: Harness, session: AsyncSession
) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    replies = await methodist.send("/indicators")
    table = replies[-1].text
    year = ru("period-school_year", year="2026", next="27")
    assert ru("indicators-title", scope=MUNICIPALITY, period=year) in table
    diagnosed = {"no": "1", "name": "Прошли диагностику", "value": "100,0 %"}
    assert ru("indicators-line", mark="✅", **diagnosed, target="≥ 60,0 %") in table  # diagnosed on 01.11.2026
    # the school year is not over: 0 % is progress so far, not a verdict
    assert shows(table, "indicators-line", mark="⏳", no="2а", name="Разработан ИОМ", value="0,0 %")
    assert shows(table, "indicators-line", mark="▫️", no="4", name=FGOS, value=ru("indicator-no-data"))
    replies = await methodist.press("1")
    assert ru("indicator-fraction", numerator=1, denominator=1) in replies[-1].text
    school = ru("indicator-school", name="МБОУ СОШ № 1", value="100,0 %", numerator=1, denominator=1)
    assert f"{ru('indicator-behind')}\n{school}" in replies[-1].text
    replies = await methodist.press_key("indicator-schools-chart")
    assert replies[-1].method == "SendPhoto" and (replies[-1].file_data or b"").startswith(b"\x89PNG")
    replies = await methodist.press_key("indicator-trend")
    assert replies[-1].method == "SendPhoto"
    # 12 months × (13 rows of the municipality + 9 of the school: manual values are not per school)
    assert await session.scalar(select(func.count()).select_from(Snapshot)) == 12 * (13 + 9)
    await methodist.send("/indicators")
    await methodist.press(ru("indicators-pick-school"))
    replies = await methodist.press("МБОУ СОШ № 1")
    assert shows(replies[-1].text, "indicators-title", scope="МБОУ СОШ № 1")
    replies = await methodist.press("2а")
    assert f"{ru('indicator-not-counted', count=1)}\n{ru('indicator-person', name=TEACHER)}" in replies[-1].text


async def test_the_xlsx_report_has_the_regulations_columns_and_a_sheet_per_school(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/indicators")
    replies = await methodist.press_key("indicators-xlsx")
    book = load_workbook(io.BytesIO(replies[-1].file_data or b""))
    assert book.sheetnames == [MUNICIPALITY[:31], "МБОУ СОШ № 1"]
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][:7] == ("№", "Показатель", "Значение", "Целевое значение", "Выполнение", "Числитель", "Знаменатель")
    assert rows[2][7:] == ("Как считается", "Внесено вручную", "Нет данных о возрасте")
    assert rows[3][0] == "1" and rows[3][1].startswith("Доля педагогических работников и управленческих кадров")
    assert rows[3][2:7] == ("100,0 %", "≥ 60,0 %", ru("indicator-met"), 1, 1)
    assert "самооценка не считается" in str(rows[3][7])
    assert sheet.page_setup.orientation == "landscape"


async def test_the_xlsx_report_keeps_every_manual_value_with_who_entered_it_and_when(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/indicators")
    for value in ("75", "80"):
        await methodist.press("4")
        await methodist.press_key("indicator-enter-value")
        await methodist.send(value)
    replies = await methodist.press_key("indicators-xlsx")
    book = load_workbook(io.BytesIO(replies[-1].file_data or b""))
    assert book.sheetnames == [MUNICIPALITY[:31], "МБОУ СОШ № 1", "Внесено вручную"]
    history = list(book["Внесено вручную"].iter_rows(values_only=True))
    assert history[0] == ("№", "Показатель", "Значение", "Кем внесено", "Когда")
    assert [row[:3] for row in history[1:]] == [
        ("4", "Реализуют обновлённые ФГОС", "75,0 %"),
        ("4", "Реализуют обновлённые ФГОС", "80,0 %"),
    ]  # oldest first: the corrected value keeps its earlier reading
    assert history[1][3] == history[2][3] == "Методист"
    latest = next(row for row in book.worksheets[0].iter_rows(values_only=True) if row[0] == "4")
    assert latest[2] == "✍️ 80,0 %" and latest[8] == ru("indicator-entered", who=history[2][3], at=history[2][4])


async def test_targets_manual_values_and_another_set(harness: Harness) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    await methodist.send("/indicators")
    await methodist.press("1")
    await methodist.press_key("indicator-set-target")
    replies = await methodist.send("95,5")
    assert shows(
        replies[-1].text, "indicators-line", no="1", name="Прошли диагностику", value="100,0 %", target="≥ 95,5 %"
    )
    await methodist.press("4")
    await methodist.press_key("indicator-enter-value")
    assert ru("indicator-bad-number") in texts(await methodist.send("много"))
    assert ru("indicator-bad-value") in texts(await methodist.send("140"))
    replies = await methodist.send("75")
    assert shows(
        replies[-1].text, "indicators-line", no="4", name=f"✍️ {FGOS}", value="75,0 %"
    )  # marked as entered by hand
    await methodist.press("4")
    await methodist.press_key("indicator-enter-value")
    await methodist.send("80")
    replies = await methodist.press("4")
    detail = replies[-1].text
    assert shows(detail, "indicator-value", value="80,0 %") and shows(detail, "indicator-entered")
    assert shows(detail, "indicator-history-line", value="75,0 %")  # the history stays visible
    assert shows(detail, "indicator-reading", reading="Бот этого не знает")
    await methodist.press_key("nav-back")
    await methodist.press_key("period-kind-year")  # another period: the value was entered for the school year only
    assert shows(methodist.last.text, "indicators-line", no="4", name=FGOS, value=ru("indicator-no-data"))
    await methodist.press_key("indicators-sets")
    replies = await methodist.press("Балахтинский район: 33 показателя программы ММС")
    assert "C10. Наставники и наставляемые" in replies[-1].text
    assert ru("error-forbidden") in texts(await teacher.tap("iv:target:2:school_year:0:1"))


async def test_communities_are_joined_from_the_bot_and_imported_and_counted(harness: Harness) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    await methodist.send("/communities")
    await methodist.press_key("communities-new")
    await methodist.send("РМО учителей <математики>")
    replies = await methodist.press_key("community-level-municipal")
    assert shows(replies[-1].text, "communities-created", name="РМО учителей <математики>")
    replies = await teacher.send("/communities")
    assert shows(replies[-1].text, "communities-line", members=0)
    replies = await teacher.press("➕ РМО учителей <математики>")
    assert (
        shows(replies[-1].text, "communities-line", members=1)
        and "✅ РМО учителей <математики>" in replies[-1].buttons()
    )
    await methodist.send("/indicators")
    assert shows(methodist.last.text, "indicators-line", no="12", name="В МО и сообществах", value="100,0 %")
    await teacher.press("✅ РМО учителей <математики>")
    await methodist.send("/communities")
    await methodist.press_key("communities-upload")
    header = ["ФИО", "Дата рождения", "Сообщество"]
    replies = await methodist.send_document(
        "members.xlsx", xlsx([[TEACHER, "14.03.1996", "РМО химиков"]], header=header)
    )
    assert shows(texts(replies), "problem-bad-choice")
    replies = await methodist.send_document(
        "members.xlsx", xlsx([[TEACHER, "14.03.1996", "рмо учителей <математики>"]], header=header)
    )
    assert ru("communities-imported", count=1) in texts(replies)
    await teacher.send("/communities")
    assert "✅ РМО учителей <математики>" in teacher.last.buttons()


async def test_the_monthly_job_snapshots_the_month_just_ended_once(harness: Harness, session: AsyncSession) -> None:
    await methodist_and_teacher(harness)
    assert await run_job(harness, take_snapshots) == 1  # the one municipality, for October 2026
    months = set(await session.scalars(select(Snapshot.month)))
    assert months == {date(2026, 10, 1)}
    assert await run_job(harness, take_snapshots) == 0


async def test_indicator_screens_redraw_in_place_and_lead_back_to_their_parent(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/indicators")
    table = methodist.last
    assert table.buttons()[-1:] == [ru("nav-menu")]  # the top screen: menu only
    replies = await methodist.press("1")
    assert (replies[-1].method, replies[-1].message_id) == ("EditMessageText", table.message_id)
    assert replies[-1].buttons()[-2:] == [ru("nav-back"), ru("nav-menu")]
    replies = await methodist.press_key("nav-back")
    assert ru("indicators-pick-school") in replies[-1].buttons() and replies[-1].message_id == table.message_id
    replies = await methodist.press_key("indicators-pick-school")
    assert ru("page-range", first=1, last=1, total=1) not in replies[-1].buttons()  # one page: no paging row
    assert replies[-1].buttons()[-2:] == [ru("nav-back"), ru("nav-menu")]
    await methodist.press("МБОУ СОШ № 1")
    replies = await methodist.press_key("nav-back")  # a picked school's table goes back to the picker
    assert ru("indicators-pick") == replies[-1].text
    await methodist.press_key("nav-back")
    await methodist.press_key("indicators-sets")
    replies = await methodist.press_key("nav-back")
    assert ru("indicators-sets") in replies[-1].buttons()
    await methodist.press("1")
    replies = await methodist.press_key("indicator-trend")
    assert replies[-1].method == "SendPhoto" and replies[-1].buttons()[-2:] == [ru("nav-back"), ru("nav-menu")]
    replies = await methodist.press_key("nav-back")  # from a picture: the indicator again
    assert ru("indicator-trend") in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_entering_a_value_by_hand_can_be_cancelled_or_left_back_to_the_indicator(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/indicators")
    await methodist.press("4")
    replies = await methodist.press_key("indicator-enter-value")
    assert replies[-1].buttons() == [ru("nav-back"), ru("nav-cancel")]
    replies = await methodist.press_key("nav-back")
    assert ru("indicator-enter-value") in replies[-1].buttons()
    replies = await methodist.send("75")  # the conversation was left: the number is not kept
    assert "75,0 %" not in texts(replies)
    await methodist.press_key("indicator-set-target")
    replies = await methodist.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)
    await methodist.send("/indicators")
    assert shows(methodist.last.text, "indicators-line", no="4", name=FGOS, value=ru("indicator-no-data"))
    assert harness.telegram.refused == []


async def test_a_picker_with_nothing_to_pick_says_what_to_do_first(harness: Harness) -> None:
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    methodist = await methodist_of(harness, admin, MUNICIPALITY)
    await methodist.send("/indicators")
    replies = await methodist.press_key("indicators-pick-school")
    assert replies[-1].text == ru("indicators-pick-none-school")
    assert replies[-1].buttons() == [ru("menu-roster"), ru("nav-back"), ru("nav-menu")]
    replies = await methodist.press_key("menu-roster")
    assert any(reply.method == "SendDocument" for reply in replies)  # the roster's template, to fill in
    await admin.send("/indicators")
    replies = await admin.press_key("indicators-pick-municipality")
    assert ru("indicators-pick") == replies[-1].text and MUNICIPALITY in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_a_yes_or_no_value_is_chosen_by_a_tap(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/indicators")
    await methodist.press_key("indicators-sets")
    await methodist.press("Балахтинский район: 33 показателя программы ММС")
    await methodist.press("A1")
    replies = await methodist.press_key("indicator-enter-value")
    assert replies[-1].buttons() == [ru("indicator-yes"), ru("indicator-no"), ru("nav-back"), ru("nav-cancel")]
    replies = await methodist.press_key("indicator-yes")
    assert shows(replies[-1].text, "indicators-line", no="A1", name="✍️ Положение о ММС", value=ru("indicator-yes"))
    assert harness.telegram.refused == []
