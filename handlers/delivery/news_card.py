"""An event's card under a news item: choosing one of the municipality's events still open for sign-up, or taking
the card off, from the preview. The card carries «Записаться», which works for every recipient."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import short
from handlers.common.navigation import show, step_keyboard
from handlers.delivery.compose import CHOICES_PER_PAGE, NewsForm, first_step, news_preview_again, pages_row, position_of
from handlers.delivery.news import News, page_of
from handlers.events.views import announcement_text, signup_button
from services.delivery.news import attach_card, news_events
from services.errors import InvalidInput
from services.events.events import EventCard

router = Router(name="news_card")


@router.callback_query(NewsForm.preview, News.filter(F.step == "cards"))
async def news_cards(callback: CallbackQuery, callback_data: News, ctx: Ctx) -> None:
    """The municipality's events still open for sign-up, to put one's card under the news."""
    page = page_of(callback_data)
    events, total = await news_events(
        ctx.session, actor=ctx.actor, now=ctx.now(), open_only=True, page=page, per_page=CHOICES_PER_PAGE
    )
    back = News(step="preview", broadcast=callback_data.broadcast)
    await callback.answer()
    if not total:
        await show(callback, ctx.t("news-none-open-event"), step_keyboard(ctx.t, first_step(ctx.t, "event"), back=back))
        return
    builder = InlineKeyboardBuilder()
    for index, event in enumerate(events):
        builder.button(
            text=short(f"{event.local_start:%d.%m %H:%M} {event.title}", 60),
            callback_data=News(step="card", broadcast=callback_data.broadcast, value=f"{page}.{index}"),
        )
    builder.adjust(1)
    builder.attach(
        pages_row(ctx.t, page, total, lambda n: News(step="cards", broadcast=callback_data.broadcast, value=str(n)))
    )
    await show(callback, ctx.t("news-choose-card"), step_keyboard(ctx.t, builder, back=back))


@router.callback_query(NewsForm.preview, News.filter(F.step == "card"))
async def news_card(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    page, index = position_of(callback_data.value)
    events, _total = await news_events(
        ctx.session, actor=ctx.actor, now=ctx.now(), open_only=True, page=page, per_page=CHOICES_PER_PAGE
    )
    if index >= len(events):
        raise InvalidInput("stale-button")
    text, markup = news_event_card(ctx.t, events[index])
    await attach_card(
        ctx.session,
        actor=ctx.actor,
        broadcast_id=callback_data.broadcast,
        card=text,
        markup=markup.model_dump_json(exclude_none=True),
    )
    await news_preview_again(callback, callback_data, state, ctx)


@router.callback_query(NewsForm.preview, News.filter(F.step == "uncard"))
async def news_uncard(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    await attach_card(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast, card=None, markup=None)
    await news_preview_again(callback, callback_data, state, ctx)


def news_event_card(t: Translator, card: EventCard) -> tuple[str, InlineKeyboardMarkup]:
    """An event's card under a news item and its «Записаться» button, which works for every recipient (the events
    service checks whether the event is for them when they press it). The one place news couples to events."""
    return announcement_text(t, card), InlineKeyboardMarkup(inline_keyboard=[[signup_button(t, card.id)]])
