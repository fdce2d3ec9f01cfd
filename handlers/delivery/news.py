"""/news: a methodist writes a news item (text, optionally one photo or document), chooses the audience
by buttons, sees the exact number of recipients and a preview, and sends it now or at a local time.
Delivery itself is the sender's job (bot/sender.py); this router only composes and reports."""

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.keyboards import MenuAction, message_of, page_row, short
from handlers.common.navigation import show, step_keyboard
from handlers.common.uploads import check_size
from services.delivery.news import (
    AUDIENCE_KINDS,
    ROLE_CHOICES,
    Audience,
    Report,
    cancel,
    check_text,
    create_draft,
    history,
    own_broadcast,
    plain_text,
    schedule,
    scope_subjects,
    send_now,
    set_audience,
    set_progress_message,
)
from services.errors import InvalidInput
from services.events.organise import organised_events, parse_local
from services.models.delivery import BroadcastStatus
from services.models.people import OrgKind, Role
from services.numbers import parse_whole
from services.people.access import organiser_municipality
from services.people.orgs import get_org, list_orgs

router = Router(name="news")
CHOICES_PER_PAGE = 8
MAX_PAGE = 10_000  # a page or a position on it, as carried in a button


class News(CallbackData, prefix="nw"):
    step: str  # new, kind, pick, page, done, now, later, cancel
    broadcast: Id = 0
    value: str = ""


@staff_only(Role.METHODIST)
class NewsForm(StatesGroup):
    content = State()
    audience = State()
    when = State()


@router.message(Command("news"))
async def news_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await _news_screen(ctx)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuAction.filter(F.item == "news"))
async def news_button(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await _news_screen(ctx)
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=markup)


async def _news_screen(ctx: Ctx) -> tuple[str, InlineKeyboardMarkup]:
    """Past broadcasts with their reports; a new one; cancelling a scheduled one."""
    reports = await history(ctx.session, actor=ctx.actor)
    timezone = await _timezone(ctx)
    lines = [ctx.t("news-title")] + [_report_line(ctx, report, timezone) for report in reports]
    if not reports:
        lines.append(ctx.t("news-none"))
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("news-new"), callback_data=News(step="new"))
    for report in reports:
        if report.status == BroadcastStatus.SCHEDULED:
            builder.button(
                text=ctx.t.plain("news-cancel-one", id=report.id),
                callback_data=News(step="cancel", broadcast=report.id),
            )
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


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


async def _timezone(ctx: Ctx) -> str:
    return (await get_org(ctx.session, organiser_municipality(ctx.actor))).timezone


@router.callback_query(News.filter(F.step == "new"))
async def news_new(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    organiser_municipality(ctx.actor)
    await state.set_state(NewsForm.content)
    await callback.answer()
    await show(callback, ctx.t("news-ask-content"), step_keyboard(ctx.t))


@router.message(NewsForm.content, ~F.text.startswith("/"))
async def news_content(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """The text keeps its formatting (as Telegram HTML); one photo or document may come with it."""
    media_kind, file_id = None, None
    if message.photo:
        media_kind, file_id = "photo", message.photo[-1].file_id
    elif message.document:
        check_size(message.document)
        media_kind, file_id = "document", message.document.file_id
    elif not message.text:
        raise InvalidInput("news-wrong-type")
    check_text(message.text or message.caption or "", with_media=media_kind is not None)
    draft = await create_draft(
        ctx.session, actor=ctx.actor, html=message.html_text, media_kind=media_kind, file_id=file_id, now=ctx.now()
    )
    await state.set_state(NewsForm.audience)
    await state.update_data(broadcast=draft.id, values=[])
    await message.answer(ctx.t("news-ask-audience"), reply_markup=_kinds_keyboard(ctx, draft.id))


def _kinds_keyboard(ctx: Ctx, broadcast_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for kind in AUDIENCE_KINDS:
        builder.button(
            text=ctx.t.plain(f"news-audience-{kind}"),
            callback_data=News(step="kind", broadcast=broadcast_id, value=kind),
        )
    builder.adjust(2)
    return builder.as_markup()


@router.callback_query(News.filter(F.step == "kind"))
async def news_kind(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    kind = callback_data.value
    if kind not in AUDIENCE_KINDS:
        raise InvalidInput("stale-button")
    await own_broadcast(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    if kind in ("all", "young", "mentors"):
        await _preview(callback, ctx, callback_data.broadcast, Audience(kind))
        return
    await state.set_state(NewsForm.audience)
    await state.update_data(broadcast=callback_data.broadcast, kind=kind, values=[])
    text, markup = await _choices(ctx, callback_data.broadcast, kind, [], page=0)
    await callback.answer()
    await message_of(callback).edit_text(text, reply_markup=markup)


async def _options(ctx: Ctx, kind: str, page: int) -> tuple[list[tuple[str, str]], int]:
    """(value, label) choices of one page for an audience kind, and the number of pages."""
    municipality_id = organiser_municipality(ctx.actor)
    if kind == "schools":
        found = await list_orgs(
            ctx.session, kind=OrgKind.SCHOOL, parent_id=municipality_id, page=page, per_page=CHOICES_PER_PAGE
        )
        return [(str(org.id), org.name) for org in found.items], found.pages
    if kind == "roles":
        return [(role, ctx.t.plain(f"news-role-{role}")) for role in ROLE_CHOICES], 1
    if kind == "subjects":
        subjects = await scope_subjects(ctx.session, municipality_id=municipality_id)
        pages = max(1, -(-len(subjects) // CHOICES_PER_PAGE))
        return [(s, s) for s in subjects[page * CHOICES_PER_PAGE : (page + 1) * CHOICES_PER_PAGE]], pages
    events, has_next = await organised_events(
        ctx.session, actor=ctx.actor, now=ctx.now(), page=page, per_page=CHOICES_PER_PAGE
    )
    return [(str(event.id), f"{event.starts_at:%d.%m} {event.title}") for event in events], page + 1 + has_next


async def _choices(
    ctx: Ctx, broadcast_id: int, kind: str, chosen: list[str], *, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    options, pages = await _options(ctx, kind, page)
    builder = InlineKeyboardBuilder()
    for index, (value, label) in enumerate(options):
        mark = "✅ " if value in chosen else ""
        # Subjects can be long: the button carries the position on the page, not the text.
        builder.button(
            text=mark + short(label, 50),
            callback_data=News(step="pick", broadcast=broadcast_id, value=f"{page}.{index}"),
        )
    builder.adjust(1)
    builder.attach(page_row(ctx.t, page, pages, lambda n: News(step="page", broadcast=broadcast_id, value=str(n))))
    if kind != "event":
        done = InlineKeyboardBuilder()
        done.button(
            text=ctx.t.plain("news-chosen", count=len(chosen)), callback_data=News(step="done", broadcast=broadcast_id)
        )
        builder.attach(done)
    return ctx.t(f"news-choose-{kind}"), builder.as_markup()


@router.callback_query(NewsForm.audience, News.filter(F.step == "page"))
async def news_page(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    page = parse_whole(callback_data.value, low=0, high=MAX_PAGE) or 0
    text, markup = await _choices(ctx, callback_data.broadcast, data["kind"], data["values"], page=page)
    await callback.answer()
    await message_of(callback).edit_text(text, reply_markup=markup)


@router.callback_query(NewsForm.audience, News.filter(F.step == "pick"))
async def news_pick(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    page_text, _, index_text = callback_data.value.partition(".")
    page, index = parse_whole(page_text, low=0, high=MAX_PAGE), parse_whole(index_text, low=0, high=MAX_PAGE)
    if page is None or index is None:
        raise InvalidInput("stale-button")
    options, _pages = await _options(ctx, data["kind"], page)
    if index >= len(options):
        raise InvalidInput("stale-button")
    value = options[index][0]
    if data["kind"] == "event":
        await _preview(callback, ctx, callback_data.broadcast, Audience("event", [value]))
        return
    chosen = [v for v in data["values"] if v != value] if value in data["values"] else [*data["values"], value]
    await state.update_data(values=chosen)
    text, markup = await _choices(ctx, callback_data.broadcast, data["kind"], chosen, page=page)
    await callback.answer()
    await message_of(callback).edit_text(text, reply_markup=markup)


@router.callback_query(NewsForm.audience, News.filter(F.step == "done"))
async def news_done(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    if not data["values"]:
        await callback.answer(ctx.t.plain("news-choose-something"), show_alert=True)
        return
    await _preview(callback, ctx, callback_data.broadcast, Audience(data["kind"], data["values"]))


async def _preview(callback: CallbackQuery, ctx: Ctx, broadcast_id: int, audience: Audience) -> None:
    """The exact number of recipients, the message as they will see it, and what to do with it."""
    count = await set_audience(
        ctx.session, actor=ctx.actor, broadcast_id=broadcast_id, audience=audience, today=ctx.now().date()
    )
    await callback.answer()
    message = message_of(callback)
    if not count:
        await message.edit_text(ctx.t("news-no-recipients"), reply_markup=_kinds_keyboard(ctx, broadcast_id))
        return
    await message.edit_text(ctx.t("news-preview", count=count))
    broadcast = await own_broadcast(ctx.session, actor=ctx.actor, broadcast_id=broadcast_id)
    builder = InlineKeyboardBuilder()
    for step in ("now", "later", "cancel"):
        builder.button(text=ctx.t.plain(f"news-{step}"), callback_data=News(step=step, broadcast=broadcast_id))
    builder.adjust(2)
    markup = builder.as_markup()
    if broadcast.media_kind == "photo" and broadcast.file_id:
        await message.answer_photo(broadcast.file_id, caption=broadcast.text, reply_markup=markup)
    elif broadcast.media_kind == "document" and broadcast.file_id:
        await message.answer_document(broadcast.file_id, caption=broadcast.text, reply_markup=markup)
    else:
        await message.answer(broadcast.text, reply_markup=markup)


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
    await message.edit_reply_markup(reply_markup=None)
    progress = await message.answer(ctx.t("news-queued", id=callback_data.broadcast, count=count))
    await set_progress_message(ctx.session, broadcast_id=callback_data.broadcast, message_id=progress.message_id)


@router.callback_query(News.filter(F.step == "later"))
async def news_later(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    await own_broadcast(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    await state.set_state(NewsForm.when)
    await state.update_data(broadcast=callback_data.broadcast)
    await callback.answer()
    await message_of(callback).answer(ctx.t("news-ask-when"))


@router.message(NewsForm.when, F.text, ~F.text.startswith("/"))
async def news_schedule(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    timezone = await _timezone(ctx)
    at = parse_local(message.text, timezone)
    broadcast = await schedule(
        ctx.session,
        actor=ctx.actor,
        broadcast_id=(await state.get_data())["broadcast"],
        at=at,
        progress_chat_id=message.chat.id,
        now=ctx.now(),
    )
    await state.clear()
    await message.answer(ctx.t("news-scheduled", id=broadcast.id, when=f"{at:%d.%m.%Y %H:%M}"))


@router.callback_query(News.filter(F.step == "cancel"))
async def news_cancel(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    await cancel(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    await state.clear()
    await callback.answer()
    await message_of(callback).answer(ctx.t("news-cancelled", id=callback_data.broadcast))
