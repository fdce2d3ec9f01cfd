"""Coordinators' and methodists' mentoring screens lead on and back: the pair wizard can be left or stepped back
at every step and ends on a screen with a way on, the pairs list pages both ways with the count, and ending a
pair states the consequence first."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.mentoring import MentorPair, PairKind, PairStatus
from services.models.people import Person as RosterPerson
from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, shows, texts
from tests.support.delivery import deliver
from tests.support.factories import import_roster, roster_row, xlsx
from tests.support.mentoring_setup import MENTEE, MENTOR, make_pair, pair_id

SURNAMES = (  # eleven mentees: one more than a page of pairs
    "Алексеева",
    "Борисова",
    "Васильева",
    "Григорьева",
    "Дмитриева",
    "Егорова",
    "Жукова",
    "Захарова",
    "Ильина",
    "Козлова",
    "Лебедева",
)


async def test_the_pair_wizard_steps_back_cancels_at_every_step_and_ends_on_a_screen_with_a_way_on(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _mentor, _mentee = trio
    await methodist.send("/mentor")
    overview = methodist.last
    replies = await methodist.press_key("pair-new")
    assert replies[-1].method == "EditMessageText" and replies[-1].message_id == overview.message_id
    assert replies[-1].buttons() == [ru("nav-back"), ru("nav-cancel")]
    replies = await methodist.send("Нет такой фамилии")
    assert ru("nav-cancel") in replies[-1].buttons()  # nobody found: the step can still be left
    replies = await methodist.send("Орлова")
    assert replies[-1].buttons()[-2:] == [ru("nav-back"), ru("nav-cancel")]
    await methodist.press(f"{MENTOR} · МБОУ СОШ № 1")
    await methodist.send("Петрова")
    await methodist.press(f"{MENTEE} · МБОУ СОШ № 1")
    assert ru("pair-kind-young") in methodist.last.buttons()
    replies = await methodist.press_key("nav-back")  # from the kind back to the mentee
    assert replies[-1].text == ru("pair-ask-mentee")
    replies = await methodist.press_key("nav-back")  # and back to the mentor
    assert replies[-1].text == ru("pair-ask-mentor")
    replies = await methodist.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)
    assert await session.scalar(select(func.count()).select_from(MentorPair)) == 0

    replies = await make_pair(methodist)
    assert replies[-1].buttons() == [ru("pair-new-another"), ru("pairs-overview"), ru("nav-back"), ru("nav-menu")]
    replies = await methodist.press_key("pairs-overview")
    assert f"{MENTOR} → {MENTEE}" in replies[-1].buttons() and ru("nav-menu") in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_the_pairs_list_pages_both_ways_with_the_count(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, _mentor, _mentee = trio
    rows = [roster_row(f"{surname} Анна Петровна", birth="01.01.1990") for surname in SURNAMES]
    await import_roster(methodist, xlsx(rows))
    mentor_id = await session.scalar(select(RosterPerson.id).where(RosterPerson.full_name == MENTOR))
    mentees = await session.scalars(select(RosterPerson.id).where(RosterPerson.full_name.like("% Анна Петровна")))
    session.add_all(
        MentorPair(
            mentor_id=mentor_id,
            mentee_id=mentee,
            kind=PairKind.PEER,
            started_on=clock.now().date(),
            planned_end=clock.now().date(),
            created_at=clock.now(),
        )
        for mentee in mentees
    )
    await session.commit()
    await methodist.send("/mentor")
    replies = await methodist.press_key("pairs-overview")
    assert ru("page-range", first=1, last=10, total=11) in replies[-1].buttons()
    replies = await methodist.press("‹")
    assert ru("page-range", first=11, last=11, total=11) in replies[-1].buttons()
    assert replies[-1].method == "EditMessageText"
    replies = await methodist.press("›")
    assert ru("page-range", first=1, last=10, total=11) in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_dissolving_a_pair_states_the_consequence_and_no_keeps_it(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _mentor, mentee = trio
    await make_pair(methodist)
    pair = await pair_id(harness)
    await methodist.send("/mentor")
    await methodist.press_key("pairs-overview")
    await methodist.press(f"{MENTOR} → {MENTEE}")
    card = methodist.last
    assert MENTOR in card.text and ru("nav-back") in card.buttons()
    await methodist.press_key("pair-dissolve")
    assert ru("nav-cancel") in methodist.last.buttons()
    replies = await methodist.send("Наставник переходит в другую школу")
    assert shows(replies[-1].text, "pair-end-ask-dissolved", text="Наставник переходит в другую школу")
    replies = await methodist.press_key("nav-keep")
    assert ru("pair-dissolve") in replies[-1].buttons()  # back at the pair's card
    assert (await session.get_one(MentorPair, pair)).status == PairStatus.ACTIVE
    assert (await methodist.send("Ещё текст"))[-1].text == ru("not-understood")  # the form was left

    await methodist.press_key("pair-dissolve")
    await methodist.send("Наставник переходит в другую школу")
    replies = await methodist.press_key("pair-dissolve")
    assert ru("pair-status-dissolved") in replies[-1].text and ru("nav-menu") in replies[-1].buttons()
    await deliver(harness)
    assert ru("pair-status-dissolved") in mentee.last.text
    stored = await session.get_one(MentorPair, pair)
    await session.refresh(stored)
    assert stored.status == PairStatus.DISSOLVED
    assert harness.telegram.refused == []
