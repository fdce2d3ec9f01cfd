"""/news through the real bot: compose, choose the audience, preview, send now or later; the sender
delivers and the author sees the report."""

from datetime import timedelta

from aiogram.types import MessageEntity

from tests.conftest import FrozenClock
from tests.support.conversation import Harness, Person, ru, texts
from tests.support.delivery import deliver
from tests.support.route_setup import methodist_and_teacher


async def compose(methodist: Person, text: str, entities: list[MessageEntity] | None = None) -> None:
    await methodist.send("/news")
    await methodist.press_key("news-new")
    await methodist.send(text, entities=entities)


async def test_a_methodist_sends_formatted_news_to_everyone_and_sees_the_report(harness: Harness) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    assert "нет прав" in texts(await teacher.send("/news"))
    replies = await methodist.send("/news")
    assert "Рассылок пока не было" in texts(replies)
    await methodist.press_key("news-new")
    replies = await methodist.send(
        "Семинар <завтра> в 15:00 & не опаздывайте", entities=[MessageEntity(type="bold", offset=0, length=7)]
    )
    assert ru("news-ask-audience") in replies[-1].text
    replies = await methodist.press_key("news-audience-all")
    assert "Получателей: <b>2</b>" in texts(replies)  # the teacher and the methodist
    preview = "<b>Семинар</b> &lt;завтра&gt; в 15:00 &amp; не опаздывайте"
    assert replies[-1].text == preview
    replies = await methodist.press_key("news-now")
    assert "поставлена в очередь: 2 получателя." in texts(replies)
    assert await deliver(harness) == 2
    assert teacher.last.text == preview
    assert ru("news-done", id=1, sent=2, total=2, failed=0) == methodist.last.text
    replies = await methodist.send("/news")
    assert "✅ №1" in replies[-1].text and "доставлено: 2 из 2" in replies[-1].text
    assert "нет прав" in texts(await teacher.tap("nw:now:1:"))
    harness.telegram.blocked.add(teacher.user.id)
    await compose(methodist, "Вторая новость")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-now")
    await deliver(harness)
    assert ru("news-done", id=2, sent=1, total=2, failed=1) == methodist.last.text
    await compose(methodist, "Третья новость")
    replies = await methodist.press_key("news-audience-all")
    assert "Получателей: <b>1</b>" in texts(replies)  # who blocked the bot is skipped from now on


async def test_audiences_are_chosen_by_buttons_and_counted_exactly(harness: Harness) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    await compose(methodist, "Только для СОШ № 1")
    await methodist.press(ru("news-audience-schools"))
    await methodist.press("МБОУ СОШ № 1")
    replies = await methodist.press_key("news-chosen", count=1)
    assert "Получателей: <b>1</b>" in texts(replies)
    await compose(methodist, "Для математиков")
    await methodist.press_key("news-audience-subjects")
    await methodist.press("математика")
    await methodist.press("✅ математика")  # ticked twice is not ticked
    replies = await methodist.press_key("news-chosen", count=0)
    assert "хотя бы одно" in replies[-1].text
    await methodist.press("математика")
    assert "Получателей: <b>1</b>" in texts(await methodist.press_key("news-chosen", count=1))
    await compose(methodist, "Наставникам")
    replies = await methodist.press_key("news-audience-mentors")
    assert "нет ни одного получателя" in replies[-1].text  # nobody mentors yet: choose again
    replies = await methodist.press_key("news-audience-young")
    assert "Получателей: <b>1</b>" in texts(replies)
    await methodist.send("/news")
    await methodist.press_key("news-new")
    await methodist.send_photo("Афиша семинара")
    assert ru("news-ask-audience") in methodist.last.text
    await methodist.press_key("news-audience-roles")
    await methodist.press_key("news-role-teacher")
    await methodist.press_key("news-chosen", count=1)
    await methodist.press_key("news-now")
    await deliver(harness)
    assert (teacher.last.method, teacher.last.text) == ("SendPhoto", "Афиша семинара")


async def test_bad_news_is_refused_clearly_and_scheduled_news_goes_at_its_time(
    harness: Harness, clock: FrozenClock
) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    await methodist.send("/news")
    await methodist.press_key("news-new")
    replies = await methodist.send_document("big.pdf", b"%PDF", file_size=30 * 1024 * 1024)
    assert "слишком большой" in texts(replies)
    await compose(methodist, "А" * 4097)
    assert ru("news-too-long", length=4097, limit=4096) == methodist.last.text
    await methodist.send_photo("Б" * 1025)
    assert ru("news-too-long", length=1025, limit=1024) == methodist.last.text
    await methodist.send("Завтра методический день")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    assert "уже прошло" in texts(await methodist.send("01.01.2020 10:00"))
    assert "Не понял дату и время" in texts(await methodist.send("завтра утром"))
    local = clock.now() + timedelta(hours=3, minutes=30)  # Moscow is UTC+3: half an hour from now
    replies = await methodist.send(f"{local:%d.%m.%Y %H:%M}")
    assert "запланирована на" in texts(replies)
    assert await deliver(harness) == 0
    clock.moment += timedelta(minutes=31)
    assert await deliver(harness) == 2
    assert teacher.last.text == "Завтра методический день"
    await compose(methodist, "Отменится")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    await methodist.send(f"{local + timedelta(days=1):%d.%m.%Y %H:%M}")
    assert "нет прав" in texts(await teacher.tap("nw:cancel:2:"))
    await methodist.send("/news")
    replies = await methodist.press_key("news-cancel-one", id=2)
    assert "не получит никто" in replies[-1].text  # the consequence, before anything is done
    replies = await methodist.press_key("nav-keep")
    assert ru("news-cancel-one", id=2) in replies[-1].buttons()  # «Нет» returns to the list, still scheduled
    await methodist.press_key("news-cancel-one", id=2)
    replies = await methodist.press_key("news-cancel-yes")
    assert ru("news-cancelled", id=2) in replies[-1].text and "✖️ №2" in replies[-1].text
    clock.moment += timedelta(days=2)
    assert await deliver(harness) == 0
    assert "уже не отменить" in texts(await methodist.tap("nw:cancel:2:"))
    assert "уже не отменить" in texts(await methodist.tap("nw:drop:2:"))
