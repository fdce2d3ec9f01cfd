"""A mentee who proposed a meeting entry learns the mentor's answer: confirmed or rejected, through the outbox in
the transaction of the answer, with the way to the log; the mentor's own entries answered by the mentee tell nobody."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.common.i18n import Translations
from services.models.delivery import Delivery
from services.models.mentoring import Meeting, MeetingStatus
from tests.support.conversation import Harness, Person, ru
from tests.support.delivery import deliver, outbox_size
from tests.support.mentoring_setup import MENTOR, log, make_pair, start_meeting

RUSSIAN = Translations().get("ru")


async def propose(mentee: Person, topic: str) -> None:
    """The mentee's proposal from /mentor: yesterday, 60 minutes, in person, the topic, no notes."""
    await mentee.send("/mentor")
    await mentee.press_key("meeting-propose")
    await mentee.press_key("meeting-yesterday")
    await mentee.press("60")
    await mentee.press_key("meeting-offline")
    await mentee.send(topic)
    await mentee.press_key("meeting-no-notes")
    await deliver(mentee.harness)  # the mentor's request to confirm


async def test_the_proposer_is_told_the_entry_is_confirmed_and_opens_the_log(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await propose(mentee, "Посещение <урока> наставника")
    meeting = await session.scalar(select(Meeting))
    assert meeting is not None and meeting.logged_by_mentee
    queued = await outbox_size(session)
    replies = await mentor.press_key("meeting-confirm")
    assert replies[-1].text == ru("meeting-proposal-confirmed")
    assert await outbox_size(session) == queued + 1  # queued with the answer, nothing sent directly
    row = await session.scalar(select(Delivery).where(Delivery.key == f"meeting-answer:{meeting.id}"))
    assert row is not None and row.chat_id == mentee.user.id
    await deliver(harness)
    told = mentee.last
    expected = RUSSIAN(
        "meeting-proposal-answer-confirmed",
        name=MENTOR,
        date=f"{meeting.held_on:%d.%m.%Y}",
        topic="Посещение <урока> наставника",
    )
    assert told.text == expected and "&lt;урока&gt;" in told.text
    assert told.buttons() == [ru("meeting-log-open")]
    replies = await mentee.press_key("meeting-log-open")
    assert "✅" in replies[-1].text and "Посещение &lt;урока&gt; наставника" in replies[-1].text
    assert harness.telegram.refused == []


async def test_the_proposer_is_told_the_entry_is_rejected_once(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await propose(mentee, "Открытый урок")
    request = mentor.last
    await mentor.press_key("meeting-dispute")
    meeting = await session.scalar(select(Meeting))
    assert meeting is not None and meeting.status == MeetingStatus.DISPUTED
    await deliver(harness)
    assert mentee.last.text == RUSSIAN(
        "meeting-proposal-answer-disputed", name=MENTOR, date=f"{meeting.held_on:%d.%m.%Y}", topic="Открытый урок"
    )
    queued = await outbox_size(session)
    again = await mentor.tap(f"ma:{meeting.id}:1", on=request)  # a second tap on the old request
    assert again[-1].text == ru("meeting-already-answered")
    assert await outbox_size(session) == queued  # told once
    assert harness.telegram.refused == []


async def test_the_mentee_answering_the_mentors_entry_tells_nobody(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await start_meeting(mentor)
    await log(mentor)
    queued = await outbox_size(session)
    replies = await mentee.press_key("meeting-confirm")
    assert replies[-1].text == ru("meeting-confirmed")
    assert await outbox_size(session) == queued
