"""An answer refused at a step of a conversation keeps the way out: when the refusal comes as a message of its own
(the press was already answered), that message carries «✖️ Отмена», as every step does, and it leaves the form."""

from tests.support.conversation import Harness, ru, texts
from tests.support.route_setup import methodist_and_teacher


async def test_a_time_already_past_is_refused_with_cancel_under_the_refusal(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/news")
    await methodist.press_key("news-new")
    await methodist.send("Совещание руководителей РМО")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    await methodist.press("23")  # today: the clock stands at 12:00 in Moscow
    replies = await methodist.press("09:00")
    refusal = next(reply for reply in replies if reply.text == ru("news-in-past"))
    assert refusal.buttons() == [ru("nav-cancel")]
    replies = await methodist.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)
    assert harness.telegram.refused == []


async def test_a_refusal_outside_a_conversation_has_no_cancel(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/news")
    await methodist.press_key("news-new")
    await methodist.send("Совещание руководителей РМО")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    await methodist.press("23")
    await methodist.send("/cancel")  # the form is left; its old buttons are history
    replies = await methodist.press("09:00")
    assert all(ru("nav-cancel") not in reply.buttons() for reply in replies)
