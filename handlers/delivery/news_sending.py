"""Sending the composed news: at once (with a progress message that the sender keeps updated), or at a day
chosen in the calendar and a time chosen or typed (or the whole date and time typed)."""

import re
from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.dates import DatePick, date_keyboard
from handlers.common.keyboards import message_of
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.delivery.compose import NewsForm
from handlers.delivery.news import News, timezone_of
from services.delivery.news import own_broadcast, schedule, send_now
from services.delivery.news_reports import set_progress_message
from services.errors import InvalidInput
from services.events.organise import parse_local

router = Router(name="news_sending")
NEWS_DAY = "news_day"  # the date picker of the «when» step
COMMON_TIMES = ("09:00", "10:00", "12:00", "15:00", "18:00")
TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


@router.callback_query(News.filter(F.step == "now"))
async def news_send_now(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    message = message_of(callback)
    count = await send_now(
        ctx.session,
        actor=ctx.actor,
        broadcast_id=callback_data.broadcast,
        progress_chat_id=message.chat.id,
        now=ctx.now(),
    )
    await state.clear()
    await callback.answer()
    # The preview stays as a copy of what went out, with the way on; the progress message below is updated.
    await message.edit_reply_markup(reply_markup=with_nav(ctx.t, back=News(step="list")))
    progress = await message.answer(ctx.t("news-queued", id=callback_data.broadcast, count=count))
    await set_progress_message(ctx.session, broadcast_id=callback_data.broadcast, message_id=progress.message_id)


@router.callback_query(News.filter(F.step == "later"))
async def news_later(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    """The day: chosen in the calendar, or the day and time typed at once."""
    await own_broadcast(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    await state.set_state(NewsForm.when)
    await state.update_data(broadcast=callback_data.broadcast)
    back = News(step="preview", broadcast=callback_data.broadcast)
    await callback.answer()
    await show(
        callback, ctx.t("news-ask-when"), date_keyboard(ctx.t, NEWS_DAY, ctx.now().date(), presets=False, back=back)
    )


@router.callback_query(NewsForm.when, DatePick.filter((F.purpose == NEWS_DAY) & (F.day > 0)))
async def news_day(callback: CallbackQuery, callback_data: DatePick, state: FSMContext, ctx: Ctx) -> None:
    """The day is chosen: now the time, from the common ones or typed."""
    day = callback_data.chosen()  # a day already past is refused with the time, as a typed one is
    data = await state.get_data()
    await state.set_state(NewsForm.time)
    await state.update_data(day=day.toordinal())
    builder = InlineKeyboardBuilder()
    for time in COMMON_TIMES:
        # «:» separates callback data fields; the button carries 09.00, which a typed time may be too.
        value = time.replace(":", ".")
        builder.button(text=time, callback_data=News(step="time", broadcast=data["broadcast"], value=value))
    builder.adjust(len(COMMON_TIMES))
    back = News(step="later", broadcast=data["broadcast"])
    await callback.answer()
    await show(callback, ctx.t("news-ask-time", date=f"{day:%d.%m.%Y}"), step_keyboard(ctx.t, builder, back=back))


@router.message(NewsForm.when, F.text, ~F.text.startswith("/"))
async def news_when_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _schedule(message, state, ctx, message.text)


@router.message(NewsForm.time, F.text, ~F.text.startswith("/"))
async def news_time_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """A time for the chosen day, or a whole other day and time."""
    assert message.text is not None
    await _schedule(message, state, ctx, await _on_chosen_day(state, message.text))


@router.callback_query(NewsForm.time, News.filter(F.step == "time"))
async def news_time_chosen(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    if not TIME.match(callback_data.value):
        raise InvalidInput("stale-button")
    await callback.answer()
    await _schedule(callback, state, ctx, await _on_chosen_day(state, callback_data.value))


async def _on_chosen_day(state: FSMContext, text: str) -> str:
    """«ЧЧ:ММ» on the day chosen before, as ДД.ММ.ГГГГ ЧЧ:ММ; anything else is taken as a whole date and time."""
    found = TIME.match(text.strip())
    if not found:
        return text
    day = date.fromordinal((await state.get_data())["day"])
    return f"{day:%d.%m.%Y} {int(found[1]):02d}:{found[2]}"


async def _schedule(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, text: str) -> None:
    at = parse_local(text, await timezone_of(ctx))
    chat_id = event.chat.id if isinstance(event, Message) else message_of(event).chat.id
    broadcast = await schedule(
        ctx.session,
        actor=ctx.actor,
        broadcast_id=(await state.get_data())["broadcast"],
        at=at,
        progress_chat_id=chat_id,
        now=ctx.now(),
    )
    await state.clear()
    text = ctx.t("news-scheduled", id=broadcast.id, when=f"{at:%d.%m.%Y %H:%M}")
    await show(event, text, with_nav(ctx.t, back=News(step="list")))
