"""The one navigation model: «🏠 Меню» redraws the menu in place, «✖️ Отмена» and /cancel leave a conversation
without saving, any other command leaves it too, and help lists exactly the person's menu."""

from tests.support.conversation import Harness, Person, ru, texts
from tests.support.route_setup import methodist_and_teacher


async def start_news(methodist: Person) -> None:
    await methodist.send("/news")
    await methodist.press_key("news-new")
    assert ru("nav-cancel") in methodist.last.buttons()


async def test_cancel_button_leaves_the_conversation_and_redraws_the_menu_in_place(harness: Harness) -> None:
    methodist, _ = await methodist_and_teacher(harness)
    await start_news(methodist)
    form = methodist.last
    replies = await methodist.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)  # the tap's answer says nothing was kept
    redrawn = [reply for reply in replies if reply.method == "EditMessageText"]
    assert redrawn and redrawn[0].message_id == form.message_id
    assert ru("menu-news") in redrawn[0].buttons()
    replies = await methodist.send("Текст, который уже не новость")
    assert ru("news-ask-audience") not in texts(replies)


async def test_cancel_command_leaves_the_conversation(harness: Harness) -> None:
    methodist, _ = await methodist_and_teacher(harness)
    await start_news(methodist)
    replies = await methodist.send("/cancel")
    assert ru("nav-cancelled") in texts(replies)
    assert ru("menu-news") in replies[-1].buttons()
    replies = await methodist.send("Текст после отмены")
    assert ru("news-ask-audience") not in texts(replies)


async def test_any_command_leaves_a_conversation_and_is_answered_as_itself(harness: Harness) -> None:
    methodist, _ = await methodist_and_teacher(harness)
    await start_news(methodist)
    replies = await methodist.send("/help")
    assert ru("help-item-news") in texts(replies)
    replies = await methodist.send("Текст после команды")
    assert ru("news-ask-audience") not in texts(replies)


async def test_menu_button_on_a_screen_redraws_the_menu_and_menu_command_sends_it(harness: Harness) -> None:
    _, teacher = await methodist_and_teacher(harness)
    await teacher.send("/help")
    help_screen = teacher.last
    replies = await teacher.press_key("nav-menu")
    assert replies[-1].method == "EditMessageText" and replies[-1].message_id == help_screen.message_id
    assert ru("menu-route") in replies[-1].buttons()
    replies = await teacher.send("/menu")
    assert replies[-1].method == "SendMessage" and ru("menu-route") in replies[-1].buttons()
    assert harness.telegram.refused == []
