"""A route item: details and history, edits, removal, and reporting it done with evidence."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.dates import DatePick, date_keyboard
from handlers.common.keyboards import message_of
from handlers.common.navigation import confirm_keyboard, show, step_keyboard, with_nav
from handlers.routes.routes import review_notice, screen
from handlers.routes.views import (
    ItemAction,
    ItemEdit,
    evidence_text,
    item_keyboard,
    item_text,
)
from services.errors import Forbidden, InvalidInput
from services.models.routes import ActivityKind, Area, EvidenceKind
from services.routes.items import EDITABLE_FIELDS, check_deadline, edit_item, remove_item
from services.routes.reports import EvidenceIn, check_evidence, report_item
from services.routes.review import evidence_of, history_of
from services.routes.routes import get_item, require_item_editor

router = Router(name="route_items")
MAX_EVIDENCE = 10
ITEM_DEADLINE = "item_deadline"  # the date picker of an item's deadline edit
COMMON_HOURS = ("6", "18", "36", "72")


class ItemEditForm(StatesGroup):
    value = State()


class ReportForm(StatesGroup):
    evidence = State()


@router.callback_query(ItemAction.filter(F.action == "open"))
async def item_open(callback: CallbackQuery, callback_data: ItemAction, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    await show_item(callback, ctx, callback_data.item)


async def show_item(
    event: CallbackQuery | Message, ctx: Ctx, item_id: int, note: str = "", toast: str | None = None
) -> None:
    """An item's screen; a tap is answered (with `toast`, if given) once the item is found and may be seen. A
    reviewer first gets what the teacher attached (files as they are, links and texts in one message), then the
    screen under it, so the decision buttons come after the evidence."""
    item, route, owner = await get_item(ctx.session, actor=ctx.actor, item_id=item_id, today=ctx.now().date())
    history = await history_of(ctx.session, actor=ctx.actor, route_id=route.id, item_id=item.id)
    if isinstance(event, CallbackQuery):
        await event.answer(toast)
    text = (note + "\n\n" if note else "") + item_text(ctx.t, item, history)
    markup = item_keyboard(ctx.t, item, route, owner=owner)
    if not owner and await send_evidence(ctx, _chat_of(event), item.id):
        await ctx.bot.send_message(_chat_of(event), text, reply_markup=markup)
        return
    await show(event, text, markup)


def _chat_of(event: CallbackQuery | Message) -> int:
    return (message_of(event) if isinstance(event, CallbackQuery) else event).chat.id


@router.callback_query(ItemAction.filter(F.action == "remove"))
async def item_remove_ask(callback: CallbackQuery, callback_data: ItemAction, ctx: Ctx) -> None:
    item, _route, _owner = await get_item(
        ctx.session, actor=ctx.actor, item_id=callback_data.item, today=ctx.now().date()
    )
    await require_item_editor(ctx.session, actor=ctx.actor, item_id=item.id)
    await callback.answer()
    markup = confirm_keyboard(
        ctx.t, yes=ItemAction(action="remove_yes", item=item.id), no=ItemAction(action="open", item=item.id)
    )
    await show(callback, ctx.t("item-remove-confirm", title=item.title), markup)


@router.callback_query(ItemAction.filter(F.action == "remove_yes"))
async def item_remove(callback: CallbackQuery, callback_data: ItemAction, ctx: Ctx) -> None:
    route = await remove_item(ctx.session, actor=ctx.actor, item_id=callback_data.item, now=ctx.now())
    await callback.answer(ctx.t.plain("route-item-removed"))
    text, markup = screen(ctx, route, note=ctx.t("route-item-removed"))
    await show(callback, text, markup)


@router.callback_query(ItemAction.filter(F.action == "edit"))
async def item_edit_menu(callback: CallbackQuery, callback_data: ItemAction, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    item, route, _owner = await get_item(
        ctx.session, actor=ctx.actor, item_id=callback_data.item, today=ctx.now().date()
    )
    if not route.editable:
        raise InvalidInput("route-not-editable")
    builder = InlineKeyboardBuilder()
    for field in EDITABLE_FIELDS:
        builder.button(text=ctx.t.plain(f"edit-{field}"), callback_data=ItemEdit(item=item.id, field=field))
    builder.adjust(2)
    await callback.answer()
    markup = with_nav(ctx.t, builder, back=ItemAction(action="open", item=item.id))
    await show(callback, ctx.t("edit-choose", title=item.title), markup)


@router.callback_query(ItemEdit.filter())
async def item_edit_field(callback: CallbackQuery, callback_data: ItemEdit, state: FSMContext, ctx: Ctx) -> None:
    """Kind, area and common hours are chosen by buttons and saved at once; a title, other hours and a deadline
    (chosen from the calendar or typed) are the next step."""
    field, item_id, t = callback_data.field, callback_data.item, ctx.t
    if callback_data.chosen:
        value = "" if callback_data.value == "-" else callback_data.value
        await state.clear()
        await _save_edit(callback, ctx, item_id, field, value)
        return
    await require_item_editor(ctx.session, actor=ctx.actor, item_id=item_id)
    await callback.answer()
    back = ItemAction(action="edit", item=item_id)
    builder = InlineKeyboardBuilder()
    if field in ("kind", "area"):
        options = [kind.value for kind in ActivityKind] if field == "kind" else [area.value for area in Area] + ["-"]
        for option in options:
            label = t.plain("area-none") if option == "-" else t.plain(f"{field}-{option}")
            builder.button(text=label, callback_data=ItemEdit(item=item_id, field=field, value=option, chosen=True))
        builder.adjust(2)
        await show(callback, t(f"edit-ask-{field}"), with_nav(t, builder, back=back))
        return
    await state.set_state(ItemEditForm.value)
    await state.update_data(item_id=item_id, field=field)
    if field == "deadline":
        markup = date_keyboard(t, ITEM_DEADLINE, ctx.now().date(), back=back)
    elif field == "hours":
        for hours in COMMON_HOURS:
            builder.button(text=hours, callback_data=ItemEdit(item=item_id, field=field, value=hours, chosen=True))
        builder.adjust(len(COMMON_HOURS))
        no_hours = ItemEdit(item=item_id, field=field, value="0", chosen=True)
        markup = step_keyboard(t, builder, skip=no_hours, back=back)
    else:
        markup = step_keyboard(t, back=back)
    await show(callback, t(f"edit-ask-{field}"), markup)


@router.message(ItemEditForm.value, F.text, ~F.text.startswith("/"))
async def item_edit_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    data = await state.get_data()
    await _save_edit(message, ctx, data["item_id"], data["field"], message.text)
    await state.clear()


@router.callback_query(ItemEditForm.value, DatePick.filter((F.purpose == ITEM_DEADLINE) & (F.day > 0)))
async def item_deadline_chosen(callback: CallbackQuery, callback_data: DatePick, state: FSMContext, ctx: Ctx) -> None:
    deadline = check_deadline(callback_data.chosen(), ctx.now().date())
    data = await state.get_data()
    await _save_edit(callback, ctx, data["item_id"], "deadline", f"{deadline:%d.%m.%Y}")
    await state.clear()


async def _save_edit(event: CallbackQuery | Message, ctx: Ctx, item_id: int, field: str, value: str) -> None:
    item = await edit_item(ctx.session, actor=ctx.actor, item_id=item_id, field=field, value=value, now=ctx.now())
    note = ctx.t("edit-done", title=item.title)
    await show_item(event, ctx, item.id, note=note, toast=ctx.t.plain("edit-saved"))


@router.callback_query(ItemAction.filter(F.action == "report"))
async def report_begin(callback: CallbackQuery, callback_data: ItemAction, state: FSMContext, ctx: Ctx) -> None:
    item, _route, owner = await get_item(
        ctx.session, actor=ctx.actor, item_id=callback_data.item, today=ctx.now().date()
    )
    if not owner:
        raise Forbidden()
    await state.set_state(ReportForm.evidence)
    await state.update_data(item_id=item.id, evidence=[])
    await callback.answer()
    back = ItemAction(action="open", item=item.id)
    await show(callback, ctx.t("report-ask", title=item.title), step_keyboard(ctx.t, back=back))


@router.message(ReportForm.evidence, ~F.text.startswith("/"))
async def report_evidence(message: Message, state: FSMContext, ctx: Ctx) -> None:
    piece = check_evidence(_evidence_of(message))
    data = await state.get_data()
    evidence = data["evidence"]
    if len(evidence) >= MAX_EVIDENCE:
        raise InvalidInput("evidence-too-many", limit=MAX_EVIDENCE)
    evidence.append(piece.__dict__ | {"kind": piece.kind.value})
    await state.update_data(evidence=evidence)
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("report-send"), callback_data=ItemAction(action="send", item=data["item_id"]))
    markup = step_keyboard(ctx.t, builder, back=ItemAction(action="open", item=data["item_id"]))
    await message.answer(ctx.t("report-added", count=len(evidence)), reply_markup=markup)


def _evidence_of(message: Message) -> EvidenceIn:
    if message.document is not None:
        document = message.document
        return EvidenceIn(EvidenceKind.DOCUMENT, document.file_id, document.file_name, document.file_size)
    if message.photo:
        photo = message.photo[-1]  # the largest size
        return EvidenceIn(EvidenceKind.PHOTO, photo.file_id, None, photo.file_size)
    text = message.text or message.caption or ""
    kind = EvidenceKind.LINK if text.strip().startswith(("http://", "https://")) else EvidenceKind.TEXT
    if message.text is None and message.caption is None:
        raise InvalidInput("evidence-wrong-type")
    return EvidenceIn(kind, text=text)


@router.callback_query(ReportForm.evidence, ItemAction.filter(F.action == "send"))
async def report_send(callback: CallbackQuery, callback_data: ItemAction, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    if data.get("item_id") != callback_data.item:
        raise Forbidden()
    evidence = [EvidenceIn(**piece | {"kind": EvidenceKind(piece["kind"])}) for piece in data["evidence"]]
    route = await report_item(
        ctx.session,
        actor=ctx.actor,
        item_id=callback_data.item,
        evidence=evidence,
        now=ctx.now(),
        notice=review_notice(ctx),
    )
    await state.clear()
    await callback.answer()
    text, markup = screen(ctx, route, note=ctx.t("report-sent"))
    await show(callback, text, markup)


async def send_evidence(ctx: Ctx, chat_id: int, item_id: int) -> bool:
    """Show a reviewer what the teacher attached: files as they are, links and texts in one message. False when
    there is nothing."""
    evidence = await evidence_of(ctx.session, actor=ctx.actor, item_id=item_id)
    for piece in evidence:
        if piece.kind == EvidenceKind.DOCUMENT and piece.file_id:
            await ctx.bot.send_document(chat_id, piece.file_id)
        elif piece.kind == EvidenceKind.PHOTO and piece.file_id:
            await ctx.bot.send_photo(chat_id, piece.file_id)
    if text := evidence_text(ctx.t, evidence):
        await ctx.bot.send_message(chat_id, text)
    return bool(evidence)
