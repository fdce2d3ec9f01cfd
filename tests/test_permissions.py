"""Every action checks role and scope on the server: by command and by forged callback data."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.people import Invite, Organisation, OrgKind, Person
from tests.support.conversation import Harness, ru, texts
from tests.support.conversation import Person as Chatter
from tests.support.factories import (
    admin_with_municipality,
    import_roster,
    join_with_consent,
    methodist_of,
    read_xlsx,
    roster_row,
    start_token,
    xlsx,
)

MUNICIPALITY = "Одинцовский городской округ"
REFUSAL = ru("error-forbidden")


@pytest.fixture
async def teacher(harness: Harness) -> Chatter:
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    methodist = await methodist_of(harness, admin, MUNICIPALITY)
    replies = await import_roster(methodist, xlsx([roster_row("Петрова Анна Сергеевна")]))
    token = start_token(str(read_xlsx(replies[-1].file_data or b"")[1][2]))
    teacher = harness.person(501, "Анна")
    await join_with_consent(teacher, token)
    return teacher


async def test_teacher_menu_and_commands_offer_no_manager_actions(harness: Harness, teacher: Chatter) -> None:
    assert harness.telegram.commands[501] == ["start", "help", "settings", "route", "events", "mentor", "communities"]


@pytest.mark.parametrize("command", ["/roster", "/invite", "/orgs", "/news", "/indicators"])
async def test_teacher_is_refused_manager_commands(harness: Harness, teacher: Chatter, command: str) -> None:
    replies = await teacher.send(command)
    assert REFUSAL in texts(replies)


@pytest.mark.parametrize(
    "callback_data",
    [
        "m:roster",
        "m:invite",
        "m:orgs",
        "ir:methodist",
        "ir:coordinator",
        "pick:im:2:methodist",
        "pick:is:3:mentor",
        "addm",
        "iv:table:2:school_year:0:",
        "iv:xlsx:3:year:0:",
        "iv:set:2:school_year:0:penza",
        "cm:new:0::0",
        "nw:new:0:",
    ],
)
async def test_teacher_forging_manager_buttons_is_refused_and_nothing_changes(
    harness: Harness, teacher: Chatter, session: AsyncSession, callback_data: str
) -> None:
    invites_before = await session.scalar(select(func.count()).select_from(Invite))
    replies = await teacher.tap(callback_data)
    assert REFUSAL in replies[-1].text  # an alert, or a message when the button was already answered
    assert [reply.method for reply in replies].count("answerCallbackQuery") == 1
    assert await session.scalar(select(func.count()).select_from(Invite)) == invites_before


async def test_forged_roster_confirmation_outside_an_upload_is_stale(
    harness: Harness, teacher: Chatter, session: AsyncSession
) -> None:
    replies = await teacher.tap("rs:1")
    assert ru("stale-button") in replies[-1].text
    assert await session.scalar(select(func.count()).where(Organisation.kind == OrgKind.SCHOOL)) == 1
    assert await session.scalar(select(func.count()).select_from(Person)) == 1


@pytest.mark.parametrize("callback_data", ["jr:notanumber:maybe", "ir:nonsense", "x" * 64, "lang"])
async def test_garbage_callback_data_is_answered_as_stale(
    harness: Harness, teacher: Chatter, callback_data: str
) -> None:
    replies = await teacher.tap(callback_data)
    assert ru("stale-button") in replies[-1].text


async def test_methodist_cannot_appoint_a_coordinator_in_another_municipality(
    harness: Harness, session: AsyncSession
) -> None:
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    await admin.send("/orgs")
    await admin.press_key("orgs-add")
    await admin.send("Другой район")
    await admin.press("Moscow")
    ours = await methodist_of(harness, admin, MUNICIPALITY, tg_id=100)
    theirs = await methodist_of(harness, admin, "Другой район", tg_id=200)
    await import_roster(theirs, xlsx([roster_row(school="Чужая школа")]))
    foreign_school = await session.scalar(select(Organisation.id).where(Organisation.name == "Чужая школа"))
    invites_before = await session.scalar(select(func.count()).select_from(Invite))
    replies = await ours.tap(f"pick:is:{foreign_school}:coordinator")
    assert REFUSAL in replies[-1].text
    assert await session.scalar(select(func.count()).select_from(Invite)) == invites_before


async def test_unconsented_user_cannot_use_commands_before_start(harness: Harness) -> None:
    stranger = harness.person(999)
    replies = await stranger.send("/roster")
    assert [reply.text for reply in replies] == [harness.resources["translations"].get("ru")("door-consent-first")]
