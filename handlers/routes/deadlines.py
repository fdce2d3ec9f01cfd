"""Moving a deadline of an approved route: the teacher picks a date and a reason, the reviewers get a notice with
«Согласовать» and «Отказать», one tap decides, and the teacher is told."""

from datetime import date

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Index
from handlers.common.context import Ctx
from handlers.common.dates import DatePick, date_keyboard
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from handlers.routes.items import show_item
from handlers.routes.review import decision_notice
from handlers.routes.views import DeadlineDecision, ItemAction
from services.errors import InvalidInput
from services.outbox import NewDelivery
from services.routes.deadlines import (
    DeadlineChange,
    DeadlineNotice,
    decide_deadline_change,
    movable_item,
    request_deadline_change,
)
from services.routes.items import check_deadline, parse_deadline
from services.routes.submission import ReviewRequest

router = Router(name="route_deadlines")
NEW_DEADLINE = "deadline_move"  # the date picker of the request
REASONS = 4  # ready-made reasons: deadline-reason-1 … deadline-reason-4


class DeadlineForm(StatesGroup):
    date = State()
    reason = State()


class DeadlineReason(CallbackData, prefix="dr"):
    """A ready-made reason, by its number (1…REASONS)."""

    reason: Index


@router.callback_query(ItemAction.filter(F.action == "deadline"))
async def deadline_begin(callback: CallbackQuery, callback_data: ItemAction, state: FSMContext, ctx: Ctx) -> None:
    item = await movable_item(ctx.session, actor=ctx.actor, item_id=callback_data.item, today=ctx.now().date())
    await state.set_state(DeadlineForm.date)
    await state.update_data(item_id=item.id)
    await callback.answer()
    markup = date_keyboard(ctx.t, NEW_DEADLINE, ctx.now().date(), back=ItemAction(action="open", item=item.id))
    await show(callback, ctx.t("deadline-ask-date", title=item.title, deadline=f"{item.deadline:%d.%m.%Y}"), markup)


@router.message(DeadlineForm.date, F.text, ~F.text.startswith("/"))
async def deadline_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _ask_reason(message, state, ctx, parse_deadline(message.text, ctx.now().date()))


@router.callback_query(DeadlineForm.date, DatePick.filter((F.purpose == NEW_DEADLINE) & (F.day > 0)))
async def deadline_chosen(callback: CallbackQuery, callback_data: DatePick, state: FSMContext, ctx: Ctx) -> None:
    deadline = check_deadline(callback_data.chosen(), ctx.now().date())
    await callback.answer()
    await _ask_reason(callback, state, ctx, deadline)


async def _ask_reason(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, deadline: date) -> None:
    await state.update_data(deadline=deadline.toordinal())
    await state.set_state(DeadlineForm.reason)
    item_id = (await state.get_data())["item_id"]
    builder = InlineKeyboardBuilder()
    for number in range(1, REASONS + 1):
        builder.button(text=ctx.t.plain(f"deadline-reason-{number}"), callback_data=DeadlineReason(reason=number))
    builder.adjust(1)
    markup = step_keyboard(ctx.t, builder, back=ItemAction(action="deadline", item=item_id))
    await show(event, ctx.t("deadline-ask-reason", deadline=f"{deadline:%d.%m.%Y}"), markup)


@router.message(DeadlineForm.reason, F.text, ~F.text.startswith("/"))
async def reason_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _send_request(message, state, ctx, message.text)


@router.callback_query(DeadlineForm.reason, DeadlineReason.filter())
async def reason_chosen(callback: CallbackQuery, callback_data: DeadlineReason, state: FSMContext, ctx: Ctx) -> None:
    if not 1 <= callback_data.reason <= REASONS:
        raise InvalidInput("stale-button")
    await _send_request(callback, state, ctx, ctx.t.plain(f"deadline-reason-{callback_data.reason}"))


async def _send_request(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, reason: str) -> None:
    data = await state.get_data()
    item = await request_deadline_change(
        ctx.session,
        actor=ctx.actor,
        item_id=data["item_id"],
        deadline=date.fromordinal(data["deadline"]),
        reason=reason,
        now=ctx.now(),
        notice=deadline_notice(ctx),
    )
    await state.clear()
    await show_item(event, ctx, item.id, note=ctx.t("deadline-asked"))


def deadline_notice(ctx: Ctx) -> DeadlineNotice:
    """The message asking one reviewer to decide a deadline change in one tap."""

    def notice(request: ReviewRequest, change: DeadlineChange) -> NewDelivery:
        t = ctx.translations.get(request.language)
        text = t(
            "deadline-waiting",
            title=request.item_title,
            name=request.person_name,
            deadline=f"{change.old:%d.%m.%Y}",
            date=f"{change.new:%d.%m.%Y}",
            comment=change.reason,
        )
        builder = InlineKeyboardBuilder()
        builder.button(
            text=t.plain("deadline-approve"), callback_data=DeadlineDecision(request=change.request_id, approve=True)
        )
        builder.button(
            text=t.plain("deadline-refuse"), callback_data=DeadlineDecision(request=change.request_id, approve=False)
        )
        builder.button(text=t.plain("review-open"), callback_data=ItemAction(action="open", item=request.item_id or 0))
        builder.adjust(2, 1)
        key = f"deadline-request:{change.request_id}:{request.chat_id}"
        return outgoing(key, request.chat_id, text, builder.as_markup())

    return notice


@router.callback_query(DeadlineDecision.filter())
async def deadline_decided(callback: CallbackQuery, callback_data: DeadlineDecision, ctx: Ctx) -> None:
    item, name = await decide_deadline_change(
        ctx.session,
        actor=ctx.actor,
        request_id=callback_data.request,
        approve=callback_data.approve,
        now=ctx.now(),
        notice=decision_notice(ctx),
    )
    await callback.answer()
    key = "deadline-approved" if callback_data.approve else "deadline-refused"
    text = ctx.t(key, title=item.title, name=name, deadline=f"{item.deadline:%d.%m.%Y}")
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("review-open"), callback_data=ItemAction(action="open", item=item.id))
    await show(callback, text, with_nav(ctx.t, builder))
