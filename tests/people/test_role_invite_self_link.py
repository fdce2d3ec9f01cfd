"""A mentor's invite made without naming anyone: whoever opens it finds themselves in the school's roster by their
full name and taps «Это я», so the mentor gets their pairs and the menu for them; a person already linked to another
account is never offered nor linked; «Меня нет в реестре» goes on to the menu, and the mentor's screen offers the
step again later."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.people import Person, User
from tests.support.conversation import Harness, ru, shows, texts
from tests.support.conversation import Person as Chat
from tests.support.delivery import deliver
from tests.support.factories import import_roster, invite_to_school, join_with_consent, roster_row, xlsx
from tests.support.mentoring_setup import MENTEE, MENTOR, make_pair
from tests.support.route_setup import methodist_and_teacher

SCHOOL = "МБОУ СОШ № 1"


async def school_with_a_pair(harness: Harness) -> tuple[Chat, Chat]:
    """A methodist, the mentee in the bot, the mentor only in the roster, and their pair."""
    methodist, mentee = await methodist_and_teacher(harness)
    rows = [roster_row(MENTOR, position="учитель математики", birth="01.02.1980", start="01.09.2003")]
    await import_roster(methodist, xlsx(rows))
    await make_pair(methodist)
    return methodist, mentee


async def test_the_mentor_finds_themselves_and_gets_their_pairs(harness: Harness, session: AsyncSession) -> None:
    methodist, mentee = await school_with_a_pair(harness)
    token = await invite_to_school(methodist, "role-mentor", SCHOOL)
    mentor = harness.person(610, "Ольга")
    await join_with_consent(mentor, token)
    assert mentor.last.text == ru("self-link-ask", org=SCHOOL)
    assert ru("self-link-not-listed") in mentor.last.buttons() and ru("nav-cancel") in mentor.last.buttons()

    replies = await mentor.send("Орлова")  # a surname alone is not enough: the roster is not browsed
    assert replies[-1].text == ru("self-link-full-name")
    replies = await mentor.send("Орлова Ольга")
    assert replies[-1].text.startswith(ru("self-link-nobody", name="Орлова Ольга", org=SCHOOL).splitlines()[0])
    replies = await mentor.send("  орлова  ольга ИГОРЕВНА ")  # case and spacing aside, the exact ФИО
    assert replies[-1].text == ru("self-link-found", org=SCHOOL)
    me = ru("self-link-this-is-me", name=MENTOR, position="учитель математики")
    assert replies[-1].buttons()[0] == me
    replies = await mentor.press(me)
    assert ru("invite-linked", name=MENTOR).split(",")[0] in replies[-1].text
    assert ru("menu-mentor") in replies[-1].buttons()
    linked = await session.scalar(
        select(Person.full_name).join(User, User.person_id == Person.id).where(User.tg_id == 610)
    )
    assert linked == MENTOR
    assert "mentor" in harness.telegram.commands[610]

    replies = await mentor.send("/mentor")  # the pair made before they joined is theirs now
    assert any(MENTEE in button for button in replies[-1].buttons())
    await mentee.send("/mentor")
    await mentee.press_key("mentor-write-mentor")
    assert ru("relay-sent", name=MENTOR) in texts(await mentee.send("Здравствуйте!"))
    await deliver(harness)
    assert "Здравствуйте!" in mentor.last.text
    # The school's methodist is told who linked themselves to whom, so a wrong link does not go unseen.
    told = [sent.text for sent in methodist.messages() if shows(sent.text, "self-link-told", name=MENTOR, org=SCHOOL)]
    assert len(told) == 1
    assert harness.telegram.refused == []


async def test_a_person_linked_to_another_account_is_never_offered_nor_linked(
    harness: Harness, session: AsyncSession
) -> None:
    methodist, _mentee = await school_with_a_pair(harness)
    elsewhere = "Сидорова Мария Павловна"
    await import_roster(methodist, xlsx([roster_row(elsewhere, school="МБОУ Лицей № 7", birth="03.03.1985")]))
    token = await invite_to_school(methodist, "role-mentor", SCHOOL)
    stranger = harness.person(611, "Кто-то")
    await join_with_consent(stranger, token)
    replies = await stranger.send(MENTEE)  # the mentee is in the bot already
    assert replies[-1].text.startswith(ru("self-link-nobody", name=MENTEE, org=SCHOOL).splitlines()[0])
    taken = await session.scalar(select(Person.id).where(Person.full_name == MENTEE))
    replies = await stranger.tap(f"sl:{taken}")  # a forged «Это я» for her
    assert ru("self-link-taken") in texts(replies)
    replies = await stranger.send(elsewhere)  # only the invite's school is searched
    assert replies[-1].text.startswith(ru("self-link-nobody", name=elsewhere, org=SCHOOL).splitlines()[0])
    replies = await stranger.tap(f"sl:{await session.scalar(select(Person.id).where(Person.full_name == elsewhere))}")
    assert ru("error-not-found") in texts(replies)
    user = await session.scalar(select(User).where(User.tg_id == 611))
    assert user is not None and user.person_id is None

    replies = await stranger.press_key("self-link-not-listed")
    assert ru("self-link-skipped") in replies[-1].text
    assert ru("menu-mentor") in replies[-1].buttons()  # the role stays; the roster link can come later
    await session.refresh(user)
    assert user.person_id is None

    replies = await stranger.send("/mentor")  # later, the mentor's screen leads back to the same step
    assert ru("mentor-not-in-roster") in texts(replies)
    replies = await stranger.press_key("self-link-start")
    assert replies[-1].text == ru("self-link-ask", org=SCHOOL)
    await stranger.send(MENTOR)
    replies = await stranger.press(ru("self-link-this-is-me", name=MENTOR, position="учитель математики"))
    assert ru("menu-mentor") in replies[-1].buttons()
    replies = await stranger.send("/mentor")
    assert any(MENTEE in button for button in replies[-1].buttons())
    assert ru("self-link-start") not in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_an_invite_naming_the_person_asks_nothing(harness: Harness) -> None:
    methodist, _mentee = await school_with_a_pair(harness)
    token = await invite_to_school(methodist, "role-mentor", SCHOOL, person=MENTOR)
    mentor = harness.person(612, "Ольга")
    await join_with_consent(mentor, token)
    assert ru("self-link-ask", org=SCHOOL) not in texts(mentor.messages())
    assert ru("menu-mentor") in mentor.last.buttons()


async def test_a_coordinator_who_skipped_the_step_finds_themselves_from_the_menu(harness: Harness) -> None:
    methodist, _mentee = await school_with_a_pair(harness)
    token = await invite_to_school(methodist, "role-coordinator", SCHOOL)
    coordinator = harness.person(613, "Ольга")
    await join_with_consent(coordinator, token)
    replies = await coordinator.press_key("self-link-not-listed")
    assert ru("self-link-start") in replies[-1].buttons()  # the menu keeps the way back to the step
    replies = await coordinator.send("/menu")
    assert shows(replies[-1].text, "home-not-in-roster")
    replies = await coordinator.press_key("self-link-start")
    assert replies[-1].text == ru("self-link-ask", org=SCHOOL)
    await coordinator.send(MENTOR)
    replies = await coordinator.press(ru("self-link-this-is-me", name=MENTOR, position="учитель математики"))
    assert ru("self-link-start") not in replies[-1].buttons()
    assert harness.telegram.refused == []
