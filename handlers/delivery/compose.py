"""Composing a news item, step by step: the text (optionally with one photo or document), the audience chosen by
buttons, the exact number of recipients and a preview. From the preview an event's card may be put under it
(news_card.py) and it is sent now or at a chosen day and time (news_sending.py). Every step can be cancelled or
left back to the step before."""

from collections.abc import Callable

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, message_of, page_row, short
from handlers.common.navigation import show, step_keyboard
from handlers.common.uploads import check_size
from handlers.delivery.news import News, page_of
from handlers.events.views import EventAct
from services.delivery.news import check_text, create_draft, news_events, own_broadcast, set_audience, shown_text
from services.delivery.news_audience import AUDIENCE_KINDS, ROLE_CHOICES, Audience, count_recipients, scope_subjects
from services.errors import InvalidInput
from services.models.people import OrgKind, Role
from services.numbers import parse_whole
from services.people.access import organiser_municipality
from services.people.orgs import list_orgs

router = Router(name="news_compose")
CHOICES_PER_PAGE = 8
MAX_INDEX = 10_000
# An audience picker with nothing in it says what to do first: schools and subjects come from the roster.
NOTHING_TO_CHOOSE = {
    "schools": ("news-none-schools", "roster"),
    "subjects": ("news-none-subjects", "roster"),
    "event": ("news-none-event", "event"),
}


@staff_only(Role.METHODIST)
class NewsForm(StatesGroup):
    content = State()
    audience = State()
    preview = State()
    when = State()
    time = State()


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
    await show(message, ctx.t("news-ask-audience"), _kinds_keyboard(ctx.t, draft.id))


def _kinds_keyboard(t: Translator, broadcast_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for kind in AUDIENCE_KINDS:
        builder.button(
            text=t.plain(f"news-audience-{kind}"), callback_data=News(step="kind", broadcast=broadcast_id, value=kind)
        )
    builder.adjust(2)
    return step_keyboard(t, builder, back=News(step="new"))


@router.callback_query(News.filter(F.step == "kinds"))
async def news_kinds(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    """Back to choosing the audience, from a picker or the preview."""
    await own_broadcast(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    await state.set_state(NewsForm.audience)
    await state.update_data(broadcast=callback_data.broadcast, values=[])
    await callback.answer()
    await show(callback, ctx.t("news-ask-audience"), _kinds_keyboard(ctx.t, callback_data.broadcast))


@router.callback_query(News.filter(F.step == "kind"))
async def news_kind(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    kind = callback_data.value
    if kind not in AUDIENCE_KINDS:
        raise InvalidInput("stale-button")
    await own_broadcast(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    if kind in ("all", "young", "mentors"):
        await _choose_audience(callback, state, ctx, callback_data.broadcast, Audience(kind))
        return
    await state.set_state(NewsForm.audience)
    await state.update_data(broadcast=callback_data.broadcast, kind=kind, values=[])
    text, markup = await _choices(ctx, callback_data.broadcast, kind, [], page=0)
    await callback.answer()
    await show(callback, text, markup)


async def _options(ctx: Ctx, kind: str, page: int) -> tuple[list[tuple[str, str]], int]:
    """(value, label) choices of one page for an audience kind, and how many there are in all."""
    municipality_id = organiser_municipality(ctx.actor)
    if kind == "schools":
        found = await list_orgs(
            ctx.session, kind=OrgKind.SCHOOL, parent_id=municipality_id, page=page, per_page=CHOICES_PER_PAGE
        )
        return [(str(org.id), org.name) for org in found.items], found.total
    if kind == "roles":
        return [(role, ctx.t.plain(f"news-role-{role}")) for role in ROLE_CHOICES], len(ROLE_CHOICES)
    if kind == "subjects":
        subjects = await scope_subjects(ctx.session, municipality_id=municipality_id)
        return [(s, s) for s in subjects[page * CHOICES_PER_PAGE : (page + 1) * CHOICES_PER_PAGE]], len(subjects)
    events, total = await news_events(
        ctx.session, actor=ctx.actor, now=ctx.now(), open_only=False, page=page, per_page=CHOICES_PER_PAGE
    )
    return [(str(event.id), f"{event.local_start:%d.%m} {event.title}") for event in events], total


async def _choices(
    ctx: Ctx, broadcast_id: int, kind: str, chosen: list[str], *, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    options, total = await _options(ctx, kind, page)
    back = News(step="kinds", broadcast=broadcast_id)
    if not total:
        text_key, first = NOTHING_TO_CHOOSE[kind]
        return ctx.t(text_key), step_keyboard(ctx.t, first_step(ctx.t, first), back=back)
    builder = InlineKeyboardBuilder()
    for index, (value, label) in enumerate(options):
        mark = "✅ " if value in chosen else ""
        # Subjects can be long: the button carries the position on the page, not the text.
        builder.button(
            text=mark + short(label, 50),
            callback_data=News(step="pick", broadcast=broadcast_id, value=f"{page}.{index}"),
        )
    builder.adjust(1)
    builder.attach(pages_row(ctx.t, page, total, lambda n: News(step="page", broadcast=broadcast_id, value=str(n))))
    if kind != "event":
        done = InlineKeyboardBuilder()
        done.button(
            text=ctx.t.plain("news-chosen", count=len(chosen)), callback_data=News(step="done", broadcast=broadcast_id)
        )
        builder.attach(done)
    return ctx.t(f"news-choose-{kind}"), step_keyboard(ctx.t, builder, back=back)


def pages_row(
    t: Translator, page: int, total: int, callback_for: Callable[[int], CallbackData]
) -> InlineKeyboardBuilder:
    pages = max(1, -(-total // CHOICES_PER_PAGE))
    return page_row(t, page, pages, callback_for, total=total, size=CHOICES_PER_PAGE)


def first_step(t: Translator, first: str) -> InlineKeyboardBuilder:
    """Nothing to choose from: the button that makes something, a new event or the roster."""
    builder = InlineKeyboardBuilder()
    if first == "event":
        builder.button(text=t.plain("event-new"), callback_data=EventAct(action="new", event=0))
    else:
        builder.button(text=t.plain("menu-roster"), callback_data=MenuAction(item="roster"))
    return builder


def position_of(value: str) -> tuple[int, int]:
    """The page and the index on it that a choice button carries."""
    page_text, _, index_text = value.partition(".")
    page, index = parse_whole(page_text, low=0, high=MAX_INDEX), parse_whole(index_text, low=0, high=MAX_INDEX)
    if page is None or index is None:
        raise InvalidInput("stale-button")
    return page, index


@router.callback_query(NewsForm.audience, News.filter(F.step == "page"))
async def news_page(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    text, markup = await _choices(
        ctx, callback_data.broadcast, data["kind"], data["values"], page=page_of(callback_data)
    )
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(NewsForm.audience, News.filter(F.step == "pick"))
async def news_pick(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    page, index = position_of(callback_data.value)
    options, _total = await _options(ctx, data["kind"], page)
    if index >= len(options):
        raise InvalidInput("stale-button")
    value = options[index][0]
    if data["kind"] == "event":
        await _choose_audience(callback, state, ctx, callback_data.broadcast, Audience("event", [value]))
        return
    chosen = [v for v in data["values"] if v != value] if value in data["values"] else [*data["values"], value]
    await state.update_data(values=chosen)
    text, markup = await _choices(ctx, callback_data.broadcast, data["kind"], chosen, page=page)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(NewsForm.audience, News.filter(F.step == "done"))
async def news_done(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    if not data["values"]:
        await callback.answer(ctx.t.plain("news-choose-something"), show_alert=True)
        return
    await _choose_audience(callback, state, ctx, callback_data.broadcast, Audience(data["kind"], data["values"]))


async def _choose_audience(
    callback: CallbackQuery, state: FSMContext, ctx: Ctx, broadcast_id: int, audience: Audience
) -> None:
    count = await set_audience(
        ctx.session, actor=ctx.actor, broadcast_id=broadcast_id, audience=audience, today=ctx.now().date()
    )
    if not count:
        await callback.answer()
        await show(callback, ctx.t("news-no-recipients"), _kinds_keyboard(ctx.t, broadcast_id))
        return
    await _preview(callback, state, ctx, broadcast_id, count)


@router.callback_query(News.filter(F.step == "preview"))
async def news_preview_again(callback: CallbackQuery, callback_data: News, state: FSMContext, ctx: Ctx) -> None:
    """Back to the preview from choosing a time or an event's card."""
    broadcast = await own_broadcast(ctx.session, actor=ctx.actor, broadcast_id=callback_data.broadcast)
    audience = Audience.from_json(broadcast.audience)
    count = await count_recipients(ctx.session, broadcast.org_id, audience, ctx.now().date())
    await _preview(callback, state, ctx, broadcast.id, count)


async def _preview(callback: CallbackQuery, state: FSMContext, ctx: Ctx, broadcast_id: int, count: int) -> None:
    """The exact number of recipients on the tapped message, then the news as they will see it (a photo or a
    document as itself) with what to do with it."""
    broadcast = await own_broadcast(ctx.session, actor=ctx.actor, broadcast_id=broadcast_id)
    await state.set_state(NewsForm.preview)
    await state.update_data(broadcast=broadcast_id)
    await callback.answer()
    header = ctx.t("news-preview", count=count)
    if broadcast.card:
        header += "\n" + ctx.t("news-preview-card", button=ctx.t.plain("event-sign-up"))
    await show(callback, header)
    builder = InlineKeyboardBuilder()
    for step in ("now", "later"):
        builder.button(text=ctx.t.plain(f"news-{step}"), callback_data=News(step=step, broadcast=broadcast_id))
    card_step = ("uncard", "news-card-remove") if broadcast.card else ("cards", "news-card-attach")
    builder.button(text=ctx.t.plain(card_step[1]), callback_data=News(step=card_step[0], broadcast=broadcast_id))
    builder.adjust(2)
    markup = step_keyboard(ctx.t, builder, back=News(step="kinds", broadcast=broadcast_id))
    message, text = message_of(callback), shown_text(broadcast)
    if broadcast.media_kind == "photo" and broadcast.file_id:
        await message.answer_photo(broadcast.file_id, caption=text, reply_markup=markup)
    elif broadcast.media_kind == "document" and broadcast.file_id:
        await message.answer_document(broadcast.file_id, caption=text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)
