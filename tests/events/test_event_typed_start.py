"""The event wizard's start typed whole (ДД.ММ.ГГГГ ЧЧ:ММ) skips the day and time steps; «‹ Назад» from the next
step still goes to the time step, of the day typed, as if they had been chosen."""

from tests.support.conversation import Harness, ru, texts
from tests.support.route_setup import methodist_and_teacher


async def test_back_from_the_length_after_a_typed_start_asks_the_time_of_that_day(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/events")
    await methodist.press_key("event-new")
    await methodist.send("Практикум по функциональной грамотности")
    await methodist.press_key("event-kind-seminar")
    assert ru("event-ask-end") in texts(await methodist.send("10.12.2026 15:00"))
    replies = await methodist.press_key("nav-back")
    assert ru("event-ask-time", day="10.12.2026") in texts(replies)
    assert ru("door-conversation-lost") not in texts(replies)
    assert ru("event-ask-end") in texts(await methodist.press("15:00"))
