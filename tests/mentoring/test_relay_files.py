"""«✉️ Написать» goes through the outbox: a text, a photo or a document written in the form is queued in the
transaction that accepts it, and the sender delivers it (after a restart too) under the line naming the writer."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.common.i18n import Translations
from services.mentoring.relay import MAX_CAPTION
from services.models.delivery import Delivery, DeliveryStatus
from tests.support.conversation import Harness, Person, ru
from tests.support.delivery import deliver, outbox_size
from tests.support.mentoring_setup import MENTEE, MENTOR, make_pair

RUSSIAN = Translations().get("ru")


async def test_a_photo_with_its_caption_is_queued_and_delivered_by_the_sender(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await mentee.send("/mentor")
    await mentee.press_key("mentor-write-mentor")
    queued = await outbox_size(session)
    before = len(mentor.messages())
    replies = await mentee.send_photo(caption="Моя <доска> после урока", photo_id="board1")
    assert replies[-1].text == ru("relay-sent", name=MENTOR)
    assert ru("nav-menu") in replies[-1].buttons()
    assert len(mentor.messages()) == before  # nothing goes straight from the handler
    row = await session.scalar(select(Delivery).order_by(Delivery.id.desc()).limit(1))
    assert row is not None and await outbox_size(session) == queued + 1
    assert (row.media_kind, row.file_id, row.status) == ("photo", "board1", DeliveryStatus.PENDING)

    assert await deliver(harness) == 1  # a sender started afresh finds it in the outbox
    received = mentor.last
    assert received.method == "SendPhoto"
    assert received.text == RUSSIAN("relay-text-from-mentee", name=MENTEE, text="Моя <доска> после урока")
    assert "&lt;доска&gt;" in received.text  # the writer's text is escaped
    assert received.buttons() == [ru("relay-reply")]
    assert await deliver(harness) == 0  # sent once
    assert harness.telegram.refused == []


async def test_a_document_without_caption_carries_the_line_naming_the_writer(
    harness: Harness, trio: tuple[Person, Person, Person]
) -> None:
    methodist, mentor, mentee = trio
    await make_pair(methodist)
    await mentor.send("/mentor")
    await mentor.press(next(b for b in mentor.last.buttons() if MENTEE in b))
    await mentor.press_key("mentor-card-write")
    replies = await mentor.send_document("plan.pdf", b"%PDF plan")
    assert replies[-1].text == ru("relay-sent", name=MENTEE)
    await deliver(harness)
    assert mentee.last.method == "SendDocument" and mentee.last.file_data == b"%PDF plan"
    assert mentee.last.text == RUSSIAN("relay-from-mentor", name=MENTOR)
    await mentee.press_key("relay-reply")  # the answer goes back the same way
    await mentee.send("Спасибо, посмотрю!")
    await deliver(harness)
    assert mentor.last.text == RUSSIAN("relay-text-from-mentee", name=MENTEE, text="Спасибо, посмотрю!")
    assert harness.telegram.refused == []


async def test_a_caption_too_long_for_a_file_is_refused_and_the_form_stays(
    harness: Harness, trio: tuple[Person, Person, Person], session: AsyncSession
) -> None:
    methodist, _mentor, mentee = trio
    await make_pair(methodist)
    await mentee.send("/mentor")
    await mentee.press_key("mentor-write-mentor")
    queued = await outbox_size(session)
    replies = await mentee.send_photo(caption="а" * (MAX_CAPTION + 1))
    assert replies[-1].text == ru("relay-too-long", limit=MAX_CAPTION)
    assert await outbox_size(session) == queued
    replies = await mentee.send_photo(caption="Короче")
    assert replies[-1].text == ru("relay-sent", name=MENTOR)
    assert await outbox_size(session) == queued + 1
