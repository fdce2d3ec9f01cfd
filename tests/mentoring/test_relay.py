"""A person in a pair can just write: the text goes to the other side after one tap (with several pairs the tap
says to whom), through the outbox, escaped; people without pairs keep getting «Не понял»."""

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.common.i18n import Translations
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.delivery import deliver, outbox_size
from tests.support.factories import import_roster, invite_to_school, join_with_consent, roster_row, xlsx
from tests.support.mentoring_setup import MENTEE, MENTOR, make_pair

RUSSIAN = Translations().get("ru")
SECOND_MENTEE = "Сидорова Мария Ивановна"


async def test_with_one_pair_a_typed_text_goes_to_the_other_side_after_one_tap(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    queued = await outbox_size(session)
    replies = await mentee.send("Можно посетить ваш <b>урок</b> в четверг?")
    assert replies[-1].text == ru("relay-confirm")
    assert replies[-1].buttons() == [ru("relay-send-mentor", name=MENTOR), ru("nav-cancel")]
    assert await outbox_size(session) == queued  # nothing goes before the tap
    draft = replies[-1]
    replies = await mentee.press_key("relay-send-mentor", name=MENTOR)
    assert replies[-1].method == "EditMessageText" and replies[-1].message_id == draft.message_id
    assert replies[-1].text == ru("relay-sent", name=MENTOR)
    assert ru("nav-menu") in replies[-1].buttons()
    assert await outbox_size(session) == queued + 1  # queued in the same transaction
    await deliver(harness)
    expected = RUSSIAN("relay-text-from-mentee", name=MENTEE, text="Можно посетить ваш <b>урок</b> в четверг?")
    assert mentor.last.text == expected and "&lt;b&gt;урок&lt;/b&gt;" in mentor.last.text
    assert mentor.last.buttons() == [ru("relay-reply")]

    replies = await mentee.press_key("relay-send-mentor", name=MENTOR)  # a second tap on the same draft
    assert replies[-1].text == ru("relay-draft-gone")
    assert await outbox_size(session) == queued + 1

    received = mentor.last
    replies = await mentor.press_key("relay-reply")  # the reply is asked below, the received text stays
    assert replies[-1].method == "SendMessage" and replies[-1].text == ru("relay-ask")
    assert ru("nav-cancel") in replies[-1].buttons()
    assert mentor.messages()[mentor.messages().index(received)].text == expected
    replies = await mentor.send("Да, приходите на третий урок.")
    assert ru("relay-sent", name=MENTEE) in texts(replies)
    await deliver(harness)  # what is written in the form goes through the outbox too
    assert mentee.last.text == RUSSIAN("relay-text-from-mentor", name=MENTOR, text="Да, приходите на третий урок.")
    assert harness.telegram.refused == []


async def test_a_cancelled_draft_is_not_sent(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _mentor, mentee = trio
    await make_pair(methodist)
    queued = await outbox_size(session)
    await mentee.send("Черновик, который я передумала отправлять")
    replies = await mentee.press_key("nav-cancel")
    assert ru("menu-mentor") in replies[-1].buttons()
    assert await outbox_size(session) == queued
    assert harness.telegram.refused == []


async def test_people_without_pairs_still_get_not_understood(
    harness: Harness, trio: tuple[Person, Person, Person]
) -> None:
    methodist, mentor, mentee = trio
    for person in (methodist, mentor, mentee):
        replies = await person.send("Здравствуйте")
        assert replies[-1].text == ru("not-understood")
    outsider = harness.person(777)
    await join_with_consent(outsider)
    assert (await outsider.send("Привет"))[-1].text == ru("not-understood")


async def test_with_several_pairs_the_bot_asks_whom_and_refuses_someone_not_in_the_bot(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await import_roster(methodist, xlsx([roster_row(SECOND_MENTEE, birth="02.02.1998", start="01.09.2025")]))
    await make_pair(methodist, mentee=SECOND_MENTEE)

    replies = await mentor.send("Напоминаю про открытый урок")
    assert replies[-1].text == ru("relay-choose")
    assert replies[-1].buttons() == [
        ru("relay-send-mentee", name=MENTEE),
        ru("relay-send-mentee", name=SECOND_MENTEE),
        ru("nav-cancel"),
    ]
    queued = await outbox_size(session)
    replies = await mentor.press_key("relay-send-mentee", name=SECOND_MENTEE)  # she has not joined the bot
    assert replies[-1].text == ru("relay-not-joined", name=SECOND_MENTEE)
    assert await outbox_size(session) == queued
    await mentor.press_key("relay-send-mentee", name=MENTEE)
    await deliver(harness)
    assert "Напоминаю про открытый урок" in mentee.last.text
    assert harness.telegram.refused == []


async def test_a_mentor_invited_by_role_sees_what_happens_next(
    harness: Harness, trio: tuple[Person, Person, Person]
) -> None:
    methodist, _mentor, _mentee = trio
    token = await invite_to_school(methodist, "role-mentor", "МБОУ СОШ № 1")
    invited = harness.person(603, "Светлана")
    await join_with_consent(invited, token)
    await invited.send("/menu")
    assert ru("menu-mentor") in invited.last.buttons()
    replies = await invited.press_key("menu-mentor")
    assert ru("mentor-waiting") in replies[-1].text
    assert replies[-1].buttons() == [ru("self-link-start"), ru("nav-menu")]  # not in the roster: the way in
    await invited.send("/help")
    assert ru("help-item-mentor") in invited.last.text
    assert harness.telegram.refused == []
