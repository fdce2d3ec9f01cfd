"""A route item: details and history, edits, removal, and reporting it done with evidence."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.keyboards import message_of
from handlers.routes.routes import review_notice, screen
from handlers.routes.views import (
    ItemAction,
    ItemEdit,
    RouteAction,
    evidence_text,
    item_keyboard,
    item_text,
)
from services.errors import Forbidden, InvalidInput
from services.models.routes import ActivityKind, Area, EvidenceKind
from services.routes.reports import EvidenceIn, check_evidence, report_item
from services.routes.review import evidence_of, history_of
from services.routes.routes import EDITABLE_FIELDS, edit_item, get_item, remove_item, require_item_editor

router = Router(name="route_items")
MAX_EVIDENCE = 10


class ItemEditForm(StatesGroup):
    value = State()


class ReportForm(StatesGroup):
    evidence = State()


@router.callback_query(ItemAction.filter(F.action == "open"))
async def item_open(callback: CallbackQuery, callback_data: ItemAction, ctx: Ctx) -> None:
    item, route, owner = await get_item(
        ctx.session, actor=ctx.actor, item_id=callback_data.item, today=ctx.now().date()
    )
    history = await history_of(ctx.session, actor=ctx.actor, route_id=route.id, item_id=item.id)
    await callback.answer()
    markup = item_keyboard(ctx.t, item, route, owner=owner)
    await message_of(callback).edit_text(item_text(ctx.t, item, history), reply_markup=markup)
    if not owner:
        await send_evidence(ctx, message_of(callback).chat.id, item.id)


@router.callback_query(ItemAction.filter(F.action == "remove"))
async def item_remove(callback: CallbackQuery, callback_data: ItemAction, ctx: Ctx) -> None:
    route = await remove_item(ctx.session, actor=ctx.actor, item_id=callback_data.item, now=ctx.now())
    await callback.answer(ctx.t.plain("route-item-removed"))
    text, markup = screen(ctx, route)
    await message_of(callback).edit_text(text, reply_markup=markup)


@router.callback_query(ItemAction.filter(F.action == "edit"))
async def item_edit_menu(callback: CallbackQuery, callback_data: ItemAction, ctx: Ctx) -> None:
    item, route, _owner = await get_item(
        ctx.session, actor=ctx.actor, item_id=callback_data.item, today=ctx.now().date()
    )
    if not route.editable:
        raise InvalidInput("route-not-editable")
    builder = InlineKeyboardBuilder()
    for field in EDITABLE_FIELDS:
        builder.button(text=ctx.t.plain(f"edit-{field}"), callback_data=ItemEdit(item=item.id, field=field))
    builder.button(text=ctx.t.plain("back-to-route"), callback_data=RouteAction(action="show", route=route.id))
    builder.adjust(2)
    await callback.answer()
    await message_of(callback).edit_text(ctx.t("edit-choose", title=item.title), reply_markup=builder.as_markup())


@router.callback_query(ItemEdit.filter())
async def item_edit_field(callback: CallbackQuery, callback_data: ItemEdit, state: FSMContext, ctx: Ctx) -> None:
    """Kind and area are chosen by buttons and saved at once; title, hours and deadline are typed next."""
    field, item_id, t = callback_data.field, callback_data.item, ctx.t
    if callback_data.chosen:
        value = "" if callback_data.value == "-" else callback_data.value
        item = await edit_item(ctx.session, actor=ctx.actor, item_id=item_id, field=field, value=value, now=ctx.now())
        await callback.answer(t.plain("edit-saved"))
        await message_of(callback).edit_text(t("edit-done", title=item.title))
        return
    await require_item_editor(ctx.session, actor=ctx.actor, item_id=item_id)
    await callback.answer()
    if field in ("kind", "area"):
        options = [kind.value for kind in ActivityKind] if field == "kind" else [area.value for area in Area] + ["-"]
        builder = InlineKeyboardBuilder()
        for option in options:
            label = t.plain("area-none") if option == "-" else t.plain(f"{field}-{option}")
            builder.button(text=label, callback_data=ItemEdit(item=item_id, field=field, value=option, chosen=True))
        builder.adjust(2)
        await message_of(callback).edit_text(t(f"edit-ask-{field}"), reply_markup=builder.as_markup())
        return
    await state.set_state(ItemEditForm.value)
    await state.update_data(item_id=item_id, field=field)
    await message_of(callback).answer(t(f"edit-ask-{field}"))


@router.message(ItemEditForm.value, F.text, ~F.text.startswith("/"))
async def item_edit_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    data = await state.get_data()
    item = await edit_item(
        ctx.session, actor=ctx.actor, item_id=data["item_id"], field=data["field"], value=message.text, now=ctx.now()
    )
    await state.clear()
    await message.answer(ctx.t("edit-done", title=item.title))


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
    await message_of(callback).answer(ctx.t("report-ask", title=item.title))


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
    builder.button(text=ctx.t.plain("nav-cancel"), callback_data=RouteAction(action="show"))
    builder.adjust(1)
    await message.answer(ctx.t("report-added", count=len(evidence)), reply_markup=builder.as_markup())


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
    await message_of(callback).edit_text(text, reply_markup=markup)


async def send_evidence(ctx: Ctx, chat_id: int, item_id: int) -> None:
    """Show a reviewer what the teacher attached: files as they are, links and texts in one message."""
    evidence = await evidence_of(ctx.session, actor=ctx.actor, item_id=item_id)
    for piece in evidence:
        if piece.kind == EvidenceKind.DOCUMENT and piece.file_id:
            await ctx.bot.send_document(chat_id, piece.file_id)
        elif piece.kind == EvidenceKind.PHOTO and piece.file_id:
            await ctx.bot.send_photo(chat_id, piece.file_id)
    if text := evidence_text(ctx.t, evidence):
        await ctx.bot.send_message(chat_id, text)
