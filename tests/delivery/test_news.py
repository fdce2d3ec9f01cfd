"""/news through the real bot: compose, choose the audience, preview, send now or later; the sender
delivers and the author sees the report."""

from datetime import timedelta

from aiogram.types import MessageEntity
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.models.events import Event, EventKind, Registration
from services.models.people import Organisation, OrgKind, User
from tests.conftest import ADMIN_ID, FrozenClock
from tests.support.conversation import Harness, Person, ru, shows, texts
from tests.support.delivery import deliver
from tests.support.factories import methodist_of
from tests.support.route_setup import MUNICIPALITY, methodist_and_teacher


async def compose(methodist: Person, text: str, entities: list[MessageEntity] | None = None) -> None:
    await methodist.send("/news")
    await methodist.press_key("news-new")
    await methodist.send(text, entities=entities)


async def test_a_methodist_sends_formatted_news_to_everyone_and_sees_the_report(harness: Harness) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    assert ru("error-forbidden") in texts(await teacher.send("/news"))
    replies = await methodist.send("/news")
    assert ru("news-none") in texts(replies)
    await methodist.press_key("news-new")
    replies = await methodist.send(
        "Семинар <завтра> в 15:00 & не опаздывайте", entities=[MessageEntity(type="bold", offset=0, length=7)]
    )
    assert ru("news-ask-audience") in replies[-1].text
    replies = await methodist.press_key("news-audience-all")
    assert ru("news-preview", count=2) in texts(replies)  # the teacher and the methodist
    preview = "<b>Семинар</b> &lt;завтра&gt; в 15:00 &amp; не опаздывайте"
    assert replies[-1].text == preview
    replies = await methodist.press_key("news-now")
    assert ru("news-queued", id=1, count=2) in texts(replies)
    assert await deliver(harness) == 2
    assert teacher.last.text == preview
    assert ru("news-done", id=1, sent=2, total=2, failed=0) == methodist.last.text
    replies = await methodist.send("/news")
    assert shows(replies[-1].text, "news-line-done", id=1, sent=2, total=2)
    assert ru("error-forbidden") in texts(await teacher.tap("nw:now:1:"))
    harness.telegram.blocked.add(teacher.user.id)
    await compose(methodist, "Вторая новость")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-now")
    await deliver(harness)
    assert ru("news-done", id=2, sent=1, total=2, failed=1) == methodist.last.text
    await compose(methodist, "Третья новость")
    replies = await methodist.press_key("news-audience-all")
    assert ru("news-preview", count=1) in texts(replies)  # who blocked the bot is skipped from now on


async def test_audiences_are_chosen_by_buttons_and_counted_exactly(harness: Harness) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    await compose(methodist, "Только для СОШ № 1")
    await methodist.press(ru("news-audience-schools"))
    await methodist.press("МБОУ СОШ № 1")
    replies = await methodist.press_key("news-chosen", count=1)
    assert ru("news-preview", count=1) in texts(replies)
    await compose(methodist, "Для математиков")
    await methodist.press_key("news-audience-subjects")
    await methodist.press("математика")
    await methodist.press("✅ математика")  # ticked twice is not ticked
    replies = await methodist.press_key("news-chosen", count=0)
    assert ru("news-choose-something") in replies[-1].text
    await methodist.press("математика")
    assert ru("news-preview", count=1) in texts(await methodist.press_key("news-chosen", count=1))
    await compose(methodist, "Наставникам")
    replies = await methodist.press_key("news-audience-mentors")
    assert ru("news-no-recipients") in replies[-1].text  # nobody mentors yet: choose again
    replies = await methodist.press_key("news-audience-young")
    assert ru("news-preview", count=1) in texts(replies)
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
    assert shows(texts(replies), "file-too-big")
    await compose(methodist, "А" * 4097)
    assert ru("news-too-long", length=4097, limit=4096) == methodist.last.text
    await methodist.send_photo("Б" * 1025)
    assert ru("news-too-long", length=1025, limit=1024) == methodist.last.text
    await methodist.send("Завтра методический день")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    assert ru("news-in-past") in texts(await methodist.send("01.01.2020 10:00"))
    assert ru("event-bad-datetime") in texts(await methodist.send("завтра утром"))
    local = clock.now() + timedelta(hours=3, minutes=30)  # Moscow is UTC+3: half an hour from now
    replies = await methodist.send(f"{local:%d.%m.%Y %H:%M}")
    assert shows(texts(replies), "news-scheduled")
    assert await deliver(harness) == 0
    clock.moment += timedelta(minutes=31)
    assert await deliver(harness) == 2
    assert teacher.last.text == "Завтра методический день"
    await compose(methodist, "Отменится")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    await methodist.send(f"{local + timedelta(days=1):%d.%m.%Y %H:%M}")
    assert ru("error-forbidden") in texts(await teacher.tap("nw:cancel:2:"))
    await methodist.send("/news")
    replies = await methodist.press_key("news-cancel-one", id=2)
    assert shows(replies[-1].text, "news-cancel-question", id=2)  # the consequence, before anything is done
    replies = await methodist.press_key("nav-keep")
    assert ru("news-cancel-one", id=2) in replies[-1].buttons()  # «Нет» returns to the list, still scheduled
    await methodist.press_key("news-cancel-one", id=2)
    replies = await methodist.press_key("news-cancel-yes")
    assert ru("news-cancelled", id=2) in replies[-1].text and shows(replies[-1].text, "news-line-cancelled", id=2)
    clock.moment += timedelta(days=2)
    assert await deliver(harness) == 0
    assert ru("news-not-cancellable") in texts(await methodist.tap("nw:cancel:2:"))
    assert ru("news-not-cancellable") in texts(await methodist.tap("nw:drop:2:"))


async def test_the_news_list_pages_both_ways_with_its_count(harness: Harness) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    for number in range(1, 12):
        await compose(methodist, f"Новость {number}")
        await methodist.press_key("news-audience-all")
        await methodist.press_key("news-now")
    replies = await methodist.send("/news")
    assert "№11" in replies[-1].text and "№1 " not in replies[-1].text
    assert ru("page-range", first=1, last=10, total=11) in replies[-1].buttons()
    replies = await methodist.press("›")
    assert replies[-1].method == "EditMessageText" and "№1 " in replies[-1].text and "№11" not in replies[-1].text
    assert ru("page-range", first=11, last=11, total=11) in replies[-1].buttons()
    replies = await methodist.press("‹")
    assert "№11" in replies[-1].text and replies[-1].buttons()[-1] == ru("nav-menu")
    assert harness.telegram.refused == []


async def test_every_step_of_composing_news_can_be_cancelled_or_left_back(harness: Harness, clock: FrozenClock) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await methodist.send("/news")
    replies = await methodist.press_key("news-new")
    assert replies[-1].buttons() == [ru("nav-cancel")]
    replies = await methodist.send("Методический день")
    assert replies[-1].buttons()[-2:] == [ru("nav-back"), ru("nav-cancel")]
    kinds = replies[-1]
    replies = await methodist.press_key("news-audience-schools")
    assert replies[-1].message_id == kinds.message_id
    assert replies[-1].buttons()[-2:] == [ru("nav-back"), ru("nav-cancel")]
    replies = await methodist.press_key("nav-back")
    assert replies[-1].text == ru("news-ask-audience")
    replies = await methodist.press_key("news-audience-event")  # no events yet: what to do first
    assert replies[-1].text == ru("news-none-event")
    assert replies[-1].buttons() == [ru("event-new"), ru("nav-back"), ru("nav-cancel")]
    await methodist.press_key("nav-back")
    await methodist.press_key("news-audience-all")
    preview = methodist.last
    assert preview.buttons() == [
        *(ru(key) for key in ("news-now", "news-later", "news-card-attach", "nav-back", "nav-cancel"))
    ]
    tomorrow = clock.now().date() + timedelta(days=1)
    replies = await methodist.press_key("news-later")
    assert str(tomorrow.day) in replies[-1].buttons() and ru("nav-back") in replies[-1].buttons()
    await methodist.press_key("nav-back")  # back to the preview
    assert ru("news-later") in methodist.last.buttons()
    await methodist.press_key("news-later")
    replies = await methodist.press(str(tomorrow.day))
    assert replies[-1].text == ru("news-ask-time", date=f"{tomorrow:%d.%m.%Y}")
    assert replies[-1].buttons() == ["09:00", "10:00", "12:00", "15:00", "18:00", ru("nav-back"), ru("nav-cancel")]
    await methodist.press_key("nav-back")  # back to the day
    await methodist.press(str(tomorrow.day))
    replies = await methodist.press("10:00")
    assert replies[-1].text == ru("news-scheduled", id=1, when=f"{tomorrow:%d.%m.%Y} 10:00")
    assert replies[-1].buttons() == [ru("nav-back"), ru("nav-menu")]
    await compose(methodist, "Вторая")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    await methodist.press(str(tomorrow.day))
    replies = await methodist.send("16:30")  # a time typed for the chosen day
    assert ru("news-scheduled", id=2, when=f"{tomorrow:%d.%m.%Y} 16:30") in texts(replies)
    await compose(methodist, "Третья")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    replies = await methodist.press_key("nav-cancel")
    assert ru("nav-cancelled") in texts(replies)
    replies = await methodist.send("/news")
    assert "№3" not in replies[-1].text  # the left draft is not a broadcast
    assert harness.telegram.refused == []


async def add_event(session: AsyncSession, clock: FrozenClock, title: str, audience_role: str | None = None) -> None:
    """An event of the methodist's municipality, open for sign-up (made as the events' own wizard would)."""
    municipality = await session.scalar(select(Organisation).where(Organisation.kind == OrgKind.MUNICIPALITY))
    organiser = await session.scalar(select(User.id).where(User.tg_id == 100))
    assert municipality is not None and organiser is not None
    start = clock.now() + timedelta(days=8)
    session.add(
        Event(
            municipality_id=municipality.id,
            organiser_user_id=organiser,
            title=title,
            kind=EventKind.SEMINAR,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            timezone=municipality.timezone,
            place="ИМЦ, ауд. 12",
            capacity=10,
            audience_role=audience_role,
            checkin_code="123456",
            created_at=clock.now(),
        )
    )
    await session.commit()


async def test_a_news_item_carries_an_event_card_and_every_recipient_can_sign_up_from_it(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, teacher = await methodist_and_teacher(harness)
    await compose(methodist, "Приглашаем на семинар")
    await methodist.press_key("news-audience-all")
    replies = await methodist.press_key("news-card-attach")
    assert replies[-1].text == ru("news-none-open-event")  # nothing to attach: what to do first, with its button
    assert replies[-1].buttons() == [ru("event-new"), ru("nav-back"), ru("nav-cancel")]
    await methodist.press_key("nav-back")
    await add_event(session, clock, "Функциональная <грамотность>")
    await methodist.press_key("news-card-attach")
    replies = await methodist.press(next(b for b in methodist.last.buttons() if "Функциональная" in b))
    assert ru("news-preview-card", button=ru("event-sign-up")) in texts(replies)
    news = replies[-1]
    assert news.text.startswith("Приглашаем на семинар\n\n") and "Функциональная &lt;грамотность&gt;" in news.text
    assert ru("news-card-remove") in news.buttons() and ru("event-sign-up") not in news.buttons()
    await methodist.press_key("news-now")
    assert await deliver(harness) == 2
    assert teacher.last.text == news.text and teacher.last.buttons() == [ru("event-sign-up")]
    replies = await teacher.press_key("event-sign-up")
    assert ru("event-signed-up", title="Функциональная &lt;грамотность&gt;") in texts(replies)
    registered = await session.scalar(select(func.count()).select_from(Registration))
    assert registered == 1
    await add_event(session, clock, "Совещание руководителей", audience_role="manager")
    await compose(methodist, "Совещание")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-card-attach")
    await methodist.press(next(b for b in methodist.last.buttons() if "Совещание" in b))
    await methodist.press_key("news-now")
    await deliver(harness)
    replies = await teacher.press_key("event-sign-up")  # the button is for all; the event is not for a teacher
    assert ru("event-not-for-you") in texts(replies)
    assert await session.scalar(select(func.count()).select_from(Registration)) == 1
    assert harness.telegram.refused == []


async def test_an_event_card_that_would_not_fit_the_message_is_refused_and_can_be_removed(
    harness: Harness, session: AsyncSession, clock: FrozenClock
) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    await add_event(session, clock, "Семинар")
    await compose(methodist, "А" * 4060)
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-card-attach")
    replies = await methodist.press(next(b for b in methodist.last.buttons() if "Семинар" in b))
    assert shows(texts(replies), "news-card-too-long")  # the card adds about 60 characters
    await compose(methodist, "Короткая")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-card-attach")
    await methodist.press(next(b for b in methodist.last.buttons() if "Семинар" in b))
    replies = await methodist.press_key("news-card-remove")
    assert replies[-1].text == "Короткая" and ru("news-card-attach") in replies[-1].buttons()
    assert harness.telegram.refused == []


async def test_every_methodist_of_the_municipality_sees_its_news_and_only_the_author_calls_one_back(
    harness: Harness, clock: FrozenClock
) -> None:
    methodist, _teacher = await methodist_and_teacher(harness)
    colleague = await methodist_of(harness, harness.person(ADMIN_ID, "Админ"), MUNICIPALITY, tg_id=102)
    await compose(methodist, "Методический день переносится")
    await methodist.press_key("news-audience-all")
    await methodist.press_key("news-later")
    local = clock.now() + timedelta(days=1, hours=3)  # Moscow time, tomorrow
    await methodist.send(f"{local:%d.%m.%Y %H:%M}")
    replies = await colleague.send("/news")
    assert "Методический день переносится" in replies[-1].text
    assert ru("news-cancel-one", id=1) not in replies[-1].buttons()
    assert ru("error-forbidden") in texts(await colleague.tap("nw:cancel:1:0"))
    replies = await methodist.send("/news")
    assert ru("news-cancel-one", id=1) in replies[-1].buttons()
