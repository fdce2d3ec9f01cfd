"""The first day of an installation: the admin works in a municipality as its methodist, the methodist's menu
starts with a checklist that ticks itself, pickers with nothing to pick say what to do first, and a mentor invited
by role is linked to their roster person."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.events import Event, EventKind
from services.models.indicators import IndicatorChoice
from services.models.people import Organisation, User
from services.models.routes import Activity, ActivityKind
from tests.conftest import ADMIN_ID, FrozenClock
from tests.support.conversation import Harness, ru, shows, texts
from tests.support.factories import (
    admin_with_municipality,
    import_roster,
    invite_to_school,
    join_with_consent,
    methodist_of,
    roster_row,
    xlsx,
)

MUNICIPALITY = "Кстовский муниципальный округ"
SCHOOL = "МБОУ СОШ № 1"
REFUSAL = ru("error-forbidden")


def step(name: str, done: bool) -> str:
    return f"{'✅' if done else '▫️'} {ru(f'checklist-{name}')}"


async def test_admin_on_a_fresh_install_works_in_a_municipality_as_its_methodist(harness: Harness) -> None:
    admin = harness.person(ADMIN_ID, "Админ")
    await join_with_consent(admin)
    # Nothing to choose yet: the picker says so, with the button that adds a municipality.
    replies = await admin.press_key("menu-municipality")
    assert replies[-1].text == ru("acting-no-municipalities")
    assert replies[-1].buttons() == [ru("orgs-add"), ru("nav-menu")]
    await admin.press_key("orgs-add")
    assert ru("nav-cancel") in admin.last.buttons()
    await admin.send(MUNICIPALITY)
    replies = await admin.press("Moscow")
    assert ru("menu-municipality") in replies[-1].buttons()
    replies = await admin.press_key("menu-municipality")
    # The menu now is a methodist's, of that municipality, with the first-day checklist on top.
    menu = replies[-1]
    assert ru("acting-in", municipality=MUNICIPALITY) in menu.text
    assert step("roster", False) in menu.buttons()
    assert {ru("menu-roster"), ru("menu-events"), ru("menu-news"), ru("menu-orgs")} <= set(menu.buttons())
    assert "roster" in harness.telegram.commands[ADMIN_ID]

    replies = await import_roster(admin, xlsx([roster_row("Петрова Анна Сергеевна", school=SCHOOL)]))
    assert shows(texts(replies), "roster-imported", created=1)
    replies = await admin.send("/events")
    assert REFUSAL not in texts(replies) and ru("event-new") in replies[-1].buttons()
    replies = await admin.send("/indicators")
    assert REFUSAL not in texts(replies) and MUNICIPALITY in texts(replies)
    replies = await admin.send("/start")
    assert step("roster", True) in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_checklist_ticks_each_step_when_done_and_is_gone_when_all_are(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    methodist = await methodist_of(harness, await admin_with_municipality(harness, MUNICIPALITY), MUNICIPALITY)
    replies = await methodist.send("/start")
    assert ru("checklist-title") in replies[-1].text
    names = ("roster", "coordinators", "catalogue", "event", "indicators")
    assert replies[-1].buttons()[:5] == [step(name, False) for name in names]

    await import_roster(methodist, xlsx([roster_row("Петрова Анна Сергеевна", school=SCHOOL)]))
    await methodist.send("/start")
    replies = await methodist.press(step("coordinators", False))  # the step's button opens the screen that does it
    assert replies[-1].text == ru("invite-choose-school")
    await invite_to_school(methodist, "role-coordinator", SCHOOL)
    replies = await methodist.send("/start")
    assert replies[-1].buttons()[:3] == [step("roster", True), step("coordinators", True), step("catalogue", False)]

    # The other areas' steps, done by their own screens elsewhere; here only their traces matter.
    municipality = await session.scalar(select(Organisation.id).where(Organisation.name == MUNICIPALITY))
    organiser = await session.scalar(select(User.id).where(User.tg_id == methodist.user.id))
    assert municipality is not None and organiser is not None
    now = clock.now()
    session.add(
        Activity(municipality_id=municipality, title="Курс", kind=ActivityKind.COURSE, areas="", created_at=now)
    )
    session.add(
        Event(
            municipality_id=municipality,
            organiser_user_id=organiser,
            title="Семинар",
            kind=next(iter(EventKind)),
            starts_at=now + timedelta(days=7),
            ends_at=now + timedelta(days=7, hours=2),
            timezone="Europe/Moscow",
            checkin_code="123456",
            created_at=now,
        )
    )
    await session.commit()
    replies = await methodist.send("/start")
    assert replies[-1].buttons()[4] == step("indicators", False)
    session.add(IndicatorChoice(org_id=municipality, set_code="penza", chosen_by_user_id=organiser, chosen_at=now))
    await session.commit()
    replies = await methodist.send("/start")
    assert ru("checklist-title") not in replies[-1].text
    assert not any(button.startswith(("✅", "▫️")) for button in replies[-1].buttons())
    assert harness.telegram.refused == []


async def test_pickers_with_nothing_to_pick_say_what_to_do_first(harness: Harness) -> None:
    admin = harness.person(ADMIN_ID, "Админ")
    await join_with_consent(admin)
    await admin.send("/invite")
    replies = await admin.press_key("role-methodist")
    assert replies[-1].text == ru("invite-no-municipalities")
    assert replies[-1].buttons() == [ru("menu-orgs"), ru("nav-back"), ru("nav-menu")]

    await admin.send("/orgs")
    await admin.press_key("orgs-add")
    await admin.send(MUNICIPALITY)
    await admin.press("Moscow")
    methodist = await methodist_of(harness, admin, MUNICIPALITY)
    await methodist.send("/invite")
    replies = await methodist.press_key("role-mentor")
    assert replies[-1].text == ru("invite-no-schools")  # schools come with the roster
    assert replies[-1].buttons()[0] == ru("menu-roster")
    replies = await methodist.press_key("menu-roster")
    assert replies[-1].file_name == "roster-template.xlsx"
    assert harness.telegram.refused == []


async def test_mentor_invited_by_role_is_linked_to_their_roster_person_and_gets_mentoring(
    harness: Harness, session: AsyncSession
) -> None:
    methodist = await methodist_of(harness, await admin_with_municipality(harness, MUNICIPALITY), MUNICIPALITY)
    await import_roster(
        methodist,
        xlsx([roster_row("Орлова Ольга Игоревна", school=SCHOOL, birth="01.02.1980")]),
    )
    await methodist.send("/invite")
    await methodist.press_key("role-mentor")
    replies = await methodist.press(SCHOOL)
    assert ru("nav-skip") in replies[-1].buttons() and ru("nav-cancel") in replies[-1].buttons()
    replies = await methodist.send("Смирнов")  # nobody of that name: say so, and stay on the step
    assert ru("nav-cancel") in replies[-1].buttons()
    token = await invite_to_school(methodist, "role-mentor", SCHOOL, person="Орлова Ольга Игоревна")

    mentor = harness.person(650, "Ольга")
    await join_with_consent(mentor, token)
    welcome = texts(mentor.messages())
    assert "Орлова Ольга Игоревна" in welcome and ru("role-mentor") in welcome
    assert ru("menu-mentor") in mentor.last.buttons()
    person_id = await session.scalar(select(User.person_id).where(User.tg_id == 650))
    assert person_id is not None
    replies = await mentor.send("/mentor")
    assert REFUSAL not in texts(replies)


async def test_a_person_from_another_school_cannot_be_named_in_an_invite(harness: Harness) -> None:
    methodist = await methodist_of(harness, await admin_with_municipality(harness, MUNICIPALITY), MUNICIPALITY)
    rows = [roster_row("Орлова Ольга Игоревна", school=SCHOOL), roster_row("Иванова Мария Петровна", school="Лицей")]
    await import_roster(methodist, xlsx(rows))
    await methodist.send("/invite")
    await methodist.press_key("role-coordinator")
    await methodist.press(SCHOOL)
    await methodist.send("Иванова")
    replies = await methodist.press(next(b for b in methodist.last.buttons() if b.startswith("Иванова")))
    assert ru("invite-person-other-school") in texts(replies)
    assert "start=" not in texts(replies)


async def test_schools_come_with_the_roster_so_the_admins_type_picker_offers_the_way(harness: Harness) -> None:
    admin = await admin_with_municipality(harness, MUNICIPALITY)
    await admin.send("/orgs")
    await admin.press_key("orgs-types")
    replies = await admin.press(MUNICIPALITY)
    assert replies[-1].text == ru("orgs-no-schools", municipality=MUNICIPALITY)
    replies = await admin.press_key("menu-municipality")
    assert ru("acting-in", municipality=MUNICIPALITY) in replies[-1].text
    assert harness.telegram.refused == []
