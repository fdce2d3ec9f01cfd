"""/news: a methodist's broadcasts, latest first, paged with their delivery reports, and calling back a scheduled
one after a question that says what it means. Composing a new one is compose.py; delivering is the sender's job
(bot/sender.py)."""

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.keyboards import MenuAction, page_row, short
from handlers.common.navigation import confirm_keyboard, show, with_nav
from services.delivery.news import cancel, cancellable, plain_text
from services.delivery.news_reports import Report, history
from services.models.delivery import BroadcastStatus
from services.numbers import parse_whole
from services.people.access import organiser_municipality
from services.people.orgs import get_org

router = Router(name="news")
REPORTS_PER_PAGE = 10
MAX_PAGE = 10_000  # a page or a position on it, as carried in a button


class News(CallbackData, prefix="nw"):
    step: str  # list, new, kind, kinds, pick, page, done, preview, now, later, time, cards, card, uncard, cancel, drop
    broadcast: Id = 0
    value: str = ""  # a page, a position on a page (page.index), an audience kind or a time (HH:MM)


def page_of(data: News) -> int:
    return parse_whole(data.value, low=0, high=MAX_PAGE) or 0


async def timezone_of(ctx: Ctx) -> str:
    """The methodist's municipality's time zone: news times are typed and shown in it."""
    return (await get_org(ctx.session, organiser_municipality(ctx.actor))).timezone


@router.message(Command("news"))
async def news_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await news_screen(ctx)
    await show(message, text, markup)


@router.callback_query(MenuAction.filter(F.item == "news"))
async def news_button(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await news_screen(ctx)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(News.filter(F.step == "list"))
async def news_page(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    """Another page of the list, or the list again from a finished or left broadcast."""
    await state.clear()
    text, markup = await news_screen(ctx, page=page_of(callback_data))
    await callback.answer()
    await show(callback, text, markup)


async def news_screen(ctx: Ctx, *, page: int = 0, note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    """One page of past and scheduled broadcasts with their reports; a new one; cancelling a scheduled one."""
    reports, total = await history(ctx.session, actor=ctx.actor, page=page, per_page=REPORTS_PER_PAGE)
    timezone = await timezone_of(ctx)
    lines = ([note, ""] if note else []) + [ctx.t("news-title")]
    lines += [_report_line(ctx, report, timezone) for report in reports]
    if not total:
        lines.append(ctx.t("news-none"))
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("news-new"), callback_data=News(step="new"))
    for report in reports:
        if report.status == BroadcastStatus.SCHEDULED and report.author_user_id == ctx.actor.user_id:
            builder.button(
                text=ctx.t.plain("news-cancel-one", id=report.id),
                callback_data=News(step="cancel", broadcast=report.id, value=str(page)),
            )
    builder.adjust(1)
    pages = max(1, -(-total // REPORTS_PER_PAGE))
    builder.attach(
        page_row(ctx.t, page, pages, lambda n: News(step="list", value=str(n)), total=total, size=REPORTS_PER_PAGE)
    )
    return "\n".join(lines), with_nav(ctx.t, builder)


def _report_line(ctx: Ctx, report: Report, timezone: str) -> str:
    when = report.scheduled_at or report.released_at or report.created_at
    return ctx.t(
        f"news-line-{report.status.value}",
        id=report.id,
        when=f"{when.astimezone(ZoneInfo(timezone)):%d.%m.%Y %H:%M}",
        text=short(" ".join(plain_text(report.text).split()), 40),
        sent=report.sent,
        total=report.recipients,
        failed=report.failed,
        left=report.left,
    )


@router.callback_query(News.filter(F.step == "cancel"))
async def news_cancel_question(callback: CallbackQuery, callback_data: News, ctx: Ctx) -> None:
    """Calling a scheduled broadcast back cannot be undone: ask first, saying that nobody will get it."""
    broadcast = await cancellable(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    when = broadcast.scheduled_at.astimezone(ZoneInfo(await timezone_of(ctx))) if broadcast.scheduled_at else None
    text = ctx.t(
        "news-cancel-question",
        id=broadcast.id,
        text=short(" ".join(plain_text(broadcast.text).split()), 60),
        when=f"{when:%d.%m.%Y %H:%M}" if when else "—",
    )
    markup = confirm_keyboard(
        ctx.t,
        yes=News(step="drop", broadcast=broadcast.id, value=callback_data.value),
        no=News(step="list", value=callback_data.value),
        yes_key="news-cancel-yes",
    )
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(News.filter(F.step == "drop"))
async def news_cancel(callback: CallbackQuery, callback_data: News, ctx: Ctx) -> None:
    await cancel(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    note = ctx.t("news-cancelled", id=callback_data.broadcast)
    text, markup = await news_screen(ctx, page=page_of(callback_data), note=note)
    await callback.answer()
    await show(callback, text, markup)
