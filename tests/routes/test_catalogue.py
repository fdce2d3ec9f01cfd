"""The catalogue through the real bot: filtered by the teacher's deficits with a preview before adding, paged both
ways with a count; the methodist's «Каталог и диагностика» with template files; the by-hand diagnostic form."""

import pytest

from services.routes import catalogue, diagnostics
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.factories import read_xlsx
from tests.support.route_setup import CATALOGUE, methodist_and_teacher, open_catalogue_menu, table

# Ten activities for a competence nobody in the fixture lacks, so the deficit filter has something to leave out.
COMMUNICATION = [[f"Общение с родителями, часть {n:02}", "семинар", 4, "", "коммуникативные"] for n in range(10)]


@pytest.fixture
async def people(harness: Harness) -> tuple[Person, Person]:
    return await methodist_and_teacher(harness)


async def test_the_catalogue_shows_the_deficits_first_pages_both_ways_and_previews_before_adding(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, teacher = people
    await open_catalogue_menu(methodist)
    await methodist.press_key("upload-catalogue")
    await methodist.send_document("catalogue.xlsx", table([*CATALOGUE, *COMMUNICATION]))
    await teacher.send("/route")
    await teacher.press_key("route-start")
    replies = await teacher.press_key("route-add-catalogue")
    deficits = ", ".join(ru(f"area-{area}") for area in ("digital", "methodical"))
    assert ru("catalogue-choose-deficits", areas=deficits) in replies[-1].text
    assert not any("Общение" in button for button in replies[-1].buttons())
    assert {ru("catalogue-show-all"), ru("nav-back"), ru("nav-menu")} <= set(replies[-1].buttons())

    replies = await teacher.press_key("catalogue-show-all")
    assert ru("page-range", first=1, last=8, total=12) in replies[-1].buttons()
    replies = await teacher.press("›")
    assert ru("page-range", first=9, last=12, total=12) in replies[-1].buttons()
    replies = await teacher.press("‹")
    assert ru("page-range", first=1, last=8, total=12) in replies[-1].buttons()

    replies = await teacher.press("Общение с родителями, часть 00")
    assert "Общение с родителями, часть 00" in replies[-1].text and ru("kind-seminar") in replies[-1].text
    assert {ru("catalogue-add"), ru("nav-back")} <= set(replies[-1].buttons())
    replies = await teacher.press_key("catalogue-add")
    assert ru("route-progress", done=0, total=3, overdue=0) in replies[-1].text
    assert harness.telegram.refused == []


async def test_the_methodists_menu_leads_to_the_catalogue_and_both_uploads_send_their_template(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, _teacher = people
    await methodist.send("/help")
    assert ru("help-item-catalogue") in methodist.last.text
    replies = await open_catalogue_menu(methodist)
    assert ru("catalogue-menu-title").split("\n")[0] in replies[-1].text
    for key, columns in (("upload-catalogue", catalogue.COLUMNS), ("upload-diagnostics", diagnostics.COLUMNS)):
        await open_catalogue_menu(methodist)
        replies = await methodist.press_key(key)
        template = read_xlsx(replies[-1].file_data or b"")
        assert template[0] == columns and len(template) == 2  # the columns and an example row
        assert ru("nav-cancel") in replies[-1].buttons()
    # The template, sent back as it is, imports: its example is the fixture's diagnostic, loaded already.
    replies = await methodist.send_document("diagnostics-template.xlsx", replies[-1].file_data or b"")
    assert ru("diagnostics-imported", added=0, skipped=1) in texts(replies)
    assert harness.telegram.refused == []


async def test_hiding_an_activity_is_asked_first_and_no_keeps_it(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, _teacher = people
    await open_catalogue_menu(methodist)
    replies = await methodist.press_key("catalogue-manage")
    assert {ru("nav-back"), ru("nav-menu")} <= set(replies[-1].buttons())
    await methodist.press("Цифровые инструменты учителя")
    replies = await methodist.press_key("catalogue-hide")
    assert ru("catalogue-hide-confirm", title="Цифровые инструменты учителя") in replies[-1].text
    replies = await methodist.press_key("nav-keep")
    assert ru("catalogue-hide") in replies[-1].buttons()
    await methodist.press_key("nav-back")
    assert "Цифровые инструменты учителя" in methodist.last.buttons()
    assert harness.telegram.refused == []


async def test_the_diagnostic_form_goes_back_refuses_a_future_date_and_leads_on_when_saved(
    harness: Harness, people: tuple[Person, Person]
) -> None:
    methodist, _teacher = people
    await open_catalogue_menu(methodist)
    replies = await methodist.press_key("diagnostic-by-hand")
    assert ru("nav-cancel") in replies[-1].buttons()
    await methodist.send("петрова")
    await methodist.press("Петрова Анна Сергеевна · МБОУ СОШ № 1")
    replies = await methodist.press_key("diagnostic-kind-school")
    assert {ru("nav-back"), ru("nav-cancel")} <= set(replies[-1].buttons())
    replies = await methodist.press_key("nav-back")
    assert ru("diagnostic-choose-kind") in replies[-1].text
    await methodist.press_key("diagnostic-kind-school")
    await methodist.press_key("level-basic")
    await methodist.press_key("area-digital")
    replies = await methodist.press_key("diagnostic-next")
    assert "30" not in replies[-1].buttons()  # the clock stands on 23 November: later days are not offered
    assert ru("diagnostic-date-future") in texts(await methodist.send("01.12.2026"))
    replies = await methodist.send("20.11.2026")
    assert ru("diagnostic-saved") in replies[-1].text
    assert {ru("diagnostic-open-route"), ru("nav-menu")} <= set(replies[-1].buttons())
    replies = await methodist.press_key("diagnostic-open-route")
    assert "Петрова Анна Сергеевна" in replies[-1].text
    assert harness.telegram.refused == []
