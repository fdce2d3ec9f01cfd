"""Joining: consent, personal invites (valid, used, expired, someone else's), role invites, the menu."""

from datetime import timedelta

import pytest

from services.checklist import STEPS
from tests.conftest import ADMIN_ID, FrozenClock
from tests.support.conversation import Harness, Person, ru, shows, texts
from tests.support.factories import (
    admin_with_municipality,
    import_roster,
    invite_to_school,
    join_with_consent,
    methodist_of,
    read_xlsx,
    roster_row,
    start_token,
    xlsx,
)

MUNICIPALITY = "Одинцовский городской округ"


@pytest.fixture
async def methodist(harness: Harness) -> Person:
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    return await methodist_of(harness, admin, MUNICIPALITY)


async def invite_links(methodist: Person, rows: list[list[str]]) -> dict[str, str]:
    """Import a roster and read the invites file the bot sends back: ФИО -> token."""
    replies = await import_roster(methodist, xlsx(rows))
    invites = next(reply for reply in replies if reply.file_name == "invites.xlsx")
    assert invites.file_data is not None
    table = read_xlsx(invites.file_data)
    return {str(name): start_token(str(link)) for _school, name, link, _until in table[1:] if "start=" in str(link)}


async def test_first_start_asks_consent_once_and_stores_it(harness: Harness) -> None:
    admin = harness.person(ADMIN_ID, "Админ")
    replies = await admin.send("/start")
    assert shows(texts(replies), "consent-ask", policy="none")
    assert replies[-1].buttons() == [ru("consent-button")]
    replies = await admin.press(ru("consent-button"))
    assert ru("cmd-start") in texts(replies)
    assert ru("role-admin") in texts(replies)
    replies = await admin.send("/start")
    assert not shows(texts(replies), "consent-ask", policy="none")
    assert ru("cmd-start") in texts(replies)


async def test_admin_gets_admin_commands_in_their_chat(harness: Harness) -> None:
    await join_with_consent(harness.person(ADMIN_ID, "Админ"))
    assert harness.telegram.commands[ADMIN_ID] == ["start", "help", "settings", "orgs", "indicators", "invite"]


async def test_admin_creates_municipality_and_appoints_methodist_by_invite(harness: Harness) -> None:
    methodist = await methodist_of(harness, await admin_with_municipality(harness, MUNICIPALITY), MUNICIPALITY)
    assert ru("role-methodist") in methodist.last.text
    assert ru("cmd-start") in methodist.last.text
    assert harness.telegram.commands[methodist.user.id] == [
        "start",
        "help",
        "settings",
        "route",
        "events",
        "mentor",
        "news",
        "indicators",
        "communities",
        "roster",
        "invite",
    ]


async def test_teacher_joins_by_personal_invite_and_sees_menu(harness: Harness, methodist: Person) -> None:
    tokens = await invite_links(methodist, [roster_row("Петрова Анна Сергеевна")])
    teacher = harness.person(501, "Анна")
    await teacher.send(f"/start {tokens['Петрова Анна Сергеевна']}")
    replies = await teacher.press(ru("consent-button"))
    assert ru("invite-linked", name="Петрова Анна Сергеевна") in texts(replies)
    assert replies[-1].buttons() == [
        ru(f"menu-{item}") for item in ("route", "events", "mentor", "communities", "profile", "settings", "help")
    ]
    replies = await teacher.press_key("menu-profile")
    profile = {"name": "Петрова Анна Сергеевна", "school": "МБОУ СОШ № 1", "diagnostic": "none"}
    assert shows(texts(replies), "profile", **profile, young="yes")  # born 1996, started 2024


async def test_used_invite_is_refused_to_a_second_account(harness: Harness, methodist: Person) -> None:
    token = (await invite_links(methodist, [roster_row("Петрова Анна Сергеевна")]))["Петрова Анна Сергеевна"]
    await join_with_consent(harness.person(501), token)
    stranger = harness.person(502)
    await stranger.send(f"/start {token}")
    replies = await stranger.press(ru("consent-button"))
    assert ru("invite-used") in texts(replies)
    assert not shows(texts(replies), "invite-linked")


async def test_expired_invite_is_refused(harness: Harness, methodist: Person, clock: FrozenClock) -> None:
    token = (await invite_links(methodist, [roster_row("Петрова Анна Сергеевна")]))["Петрова Анна Сергеевна"]
    clock.moment += timedelta(days=31)
    teacher = harness.person(501)
    await teacher.send(f"/start {token}")
    replies = await teacher.press(ru("consent-button"))
    assert ru("invite-expired") in texts(replies)


async def test_someone_elses_invite_is_refused_to_a_linked_teacher(harness: Harness, methodist: Person) -> None:
    tokens = await invite_links(
        methodist, [roster_row("Петрова Анна Сергеевна"), roster_row("Орлова Ольга Игоревна", birth="01.02.1980")]
    )
    teacher = harness.person(501)
    await join_with_consent(teacher, tokens["Петрова Анна Сергеевна"])
    replies = await teacher.send(f"/start {tokens['Орлова Ольга Игоревна']}")
    assert ru("invite-foreign") in texts(replies)
    colleague = harness.person(503)
    replies = await colleague.send(f"/start {tokens['Орлова Ольга Игоревна']}")
    replies = await colleague.press(ru("consent-button"))
    assert ru("invite-linked", name="Орлова Ольга Игоревна") in texts(replies)


@pytest.mark.parametrize("token", ["doesnotexist123", "bad<token>&", "x" * 80])
async def test_unknown_or_malformed_token_is_refused(harness: Harness, token: str) -> None:
    person = harness.person(501)
    await person.send(f"/start {token}")
    replies = await person.press(ru("consent-button"))
    assert ru("invite-unknown") in texts(replies)


async def test_reimport_gives_the_same_invites(harness: Harness, methodist: Person) -> None:
    rows = [roster_row("Петрова Анна Сергеевна")]
    first = await invite_links(methodist, rows)
    second = await invite_links(methodist, rows)
    assert first == second


async def test_joined_teacher_is_marked_in_the_invites_file(harness: Harness, methodist: Person) -> None:
    rows = [roster_row("Петрова Анна Сергеевна"), roster_row("Орлова Ольга Игоревна", birth="01.02.1980")]
    tokens = await invite_links(methodist, rows)
    await join_with_consent(harness.person(501), tokens["Петрова Анна Сергеевна"])
    assert list(await invite_links(methodist, rows)) == ["Орлова Ольга Игоревна"]


async def test_methodist_invites_a_coordinator_who_gets_coordinator_commands(
    harness: Harness, methodist: Person
) -> None:
    await invite_links(methodist, [roster_row("Петрова Анна Сергеевна", school="МБОУ Лицей № 7")])
    token = await invite_to_school(methodist, "role-coordinator", "МБОУ Лицей № 7")
    coordinator = harness.person(600, "Координатор")
    await join_with_consent(coordinator, token)
    assert any(ru("role-coordinator") in sent.text for sent in coordinator.messages())
    assert coordinator.last.text == ru("self-link-ask", org="МБОУ Лицей № 7")  # the invite named nobody
    assert harness.telegram.commands[coordinator.user.id] == [
        "start",
        "help",
        "settings",
        "route",
        "events",
        "mentor",
        "indicators",
        "roster",
        "invite",
    ]
    await coordinator.send("/invite")
    assert coordinator.last.buttons() == [ru("role-mentor"), ru("nav-menu")]


async def test_help_is_built_from_the_menu_the_person_has(harness: Harness, methodist: Person) -> None:
    await methodist.send("/start")
    checklist = {f"{mark} {ru(f'checklist-{step}')}" for mark in ("✅", "▫️") for step in STEPS}
    menu = [button for button in methodist.last.buttons() if button not in checklist]
    assert ru("menu-roster") in menu
    replies = await methodist.send("/help")
    help_text = texts(replies)
    for button in menu:
        assert button in help_text
    assert ru("help-item-orgs") not in help_text  # an admin's button the methodist does not have
    assert ru("nav-menu") in replies[-1].buttons()
