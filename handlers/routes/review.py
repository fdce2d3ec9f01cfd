"""Reviewers of routes: queues oldest first, approve or return routes, confirm or return items, the register."""

from typing import Any

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.i18n import Translator
from handlers.common.keyboards import message_of, page_row, short
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from handlers.routes.items import show_item
from handlers.routes.routes import screen
from handlers.routes.views import ItemAction, RouteAction, item_text
from services.errors import Forbidden, InvalidInput
from services.files.writing import write_table_off_loop
from services.models.people import Role
from services.outbox import NewDelivery
from services.routes.register import register_rows, status_counts
from services.routes.review import (
    Decision,
    DecisionNotice,
    Queue,
    history_of,
    is_reviewer,
    item_queue,
    review_item,
    review_route,
    route_for_review,
    route_queue,
)

router = Router(name="route_review")
PER_PAGE = 8
COUNTS_PER_PAGE = 20
OWNER_TEXTS = {  # what the route's owner is told of each decision
    "approved": "route-approved-owner",
    "returned": "route-returned-owner",
    "confirmed": "item-confirmed-owner",
    "item_returned": "item-returned-owner",
    "implemented": "route-implemented-owner",
    "deadline_moved": "deadline-moved-owner",
    "deadline_refused": "deadline-refused-owner",
}
REASONS = 3  # ready-made reasons to return: review-reason-1 … review-reason-3


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class ReturnForm(StatesGroup):
    comment = State()


class ReturnReason(CallbackData, prefix="rn"):
    """Return a route ("r") or an item ("i") with a ready-made reason (1…REASONS) or without a comment (0)."""

    target: str
    id: Id
    reason: Index = 0


@router.callback_query(RouteAction.filter(F.action == "review_menu"))
async def review_menu(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    if not is_reviewer(ctx.actor):
        raise Forbidden()
    await state.clear()
    items_waiting = await item_queue(ctx.session, actor=ctx.actor, page=0, per_page=1)
    routes_waiting = await route_queue(ctx.session, actor=ctx.actor, page=0, per_page=1)
    t = ctx.t
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t.plain("review-items", count=_count(items_waiting)), callback_data=RouteAction(action="items_queue")
    )
    builder.button(
        text=t.plain("review-routes", count=_count(routes_waiting)), callback_data=RouteAction(action="routes_queue")
    )
    builder.button(text=t.plain("review-register"), callback_data=RouteAction(action="register"))
    builder.button(text=t.plain("review-counts"), callback_data=RouteAction(action="counts"))
    builder.button(text=t.plain("review-teacher-route"), callback_data=RouteAction(action="teacher"))
    builder.button(text=t.plain("diagnostic-by-hand"), callback_data=RouteAction(action="diagnostic"))
    builder.adjust(1)
    await callback.answer()
    await show(callback, t("review-title"), with_nav(t, builder))


@router.callback_query(RouteAction.filter(F.action == "items_queue"))
async def items_queue(callback: CallbackQuery, callback_data: RouteAction, ctx: Ctx) -> None:
    queue = await item_queue(ctx.session, actor=ctx.actor, page=callback_data.page, per_page=PER_PAGE)
    builder = InlineKeyboardBuilder()
    for entry in queue.entries:
        text = f"{entry.reported_at:%d.%m} {short(entry.person_name, 24)}: {short(entry.title, 30)}"
        builder.button(text=text, callback_data=ItemAction(action="open", item=entry.item_id))
    _pages(ctx.t, builder, "items_queue", queue)
    await callback.answer()
    text = ctx.t("review-items-title", count=_count(queue))
    await show(callback, text, with_nav(ctx.t, builder, back=RouteAction(action="review_menu")))


@router.callback_query(RouteAction.filter(F.action == "routes_queue"))
async def routes_queue(callback: CallbackQuery, callback_data: RouteAction, ctx: Ctx) -> None:
    queue = await route_queue(ctx.session, actor=ctx.actor, page=callback_data.page, per_page=PER_PAGE)
    builder = InlineKeyboardBuilder()
    for entry in queue.entries:
        text = f"{entry.submitted_at:%d.%m} {short(entry.person_name, 30)} ({entry.items})"
        builder.button(text=text, callback_data=RouteAction(action="show", route=entry.route_id))
    _pages(ctx.t, builder, "routes_queue", queue)
    await callback.answer()
    text = ctx.t("review-routes-title", count=_count(queue))
    await show(callback, text, with_nav(ctx.t, builder, back=RouteAction(action="review_menu")))


def _pages(t: Translator, builder: InlineKeyboardBuilder, action: str, queue: Queue[Any]) -> None:
    builder.adjust(1)
    # A count that stops at COUNT_CAP still pages: one more page while there are more.
    pages = max(1, -(-queue.total // PER_PAGE), queue.page + 1 + queue.has_next)
    builder.attach(
        page_row(t, queue.page, pages, lambda n: RouteAction(action=action, page=n), total=queue.total, size=PER_PAGE)
    )


def _count(queue: Queue[Any]) -> str:
    return f"{queue.total}+" if queue.more else str(queue.total)


@router.callback_query(RouteAction.filter(F.action == "next_item"))
async def next_item(callback: CallbackQuery, ctx: Ctx) -> None:
    """The oldest report waiting in the reviewer's queue, or the word that there is none."""
    queue = await item_queue(ctx.session, actor=ctx.actor, page=0, per_page=1)
    if queue.entries:
        await show_item(callback, ctx, queue.entries[0].item_id)
        return
    await callback.answer()
    await show(callback, ctx.t("review-queue-empty"), _review_way_on(ctx.t))


@router.callback_query(RouteAction.filter(F.action == "next_route"))
async def next_route(callback: CallbackQuery, ctx: Ctx) -> None:
    """The oldest route waiting for approval in the reviewer's queue, or the word that there is none."""
    queue = await route_queue(ctx.session, actor=ctx.actor, page=0, per_page=1)
    if not queue.entries:
        await callback.answer()
        await show(callback, ctx.t("review-queue-empty"), _review_way_on(ctx.t))
        return
    route = await route_for_review(
        ctx.session, actor=ctx.actor, route_id=queue.entries[0].route_id, today=ctx.now().date()
    )
    await callback.answer()
    await show(callback, *screen(ctx, route))


def _review_way_on(t: Translator, following: str | None = None) -> InlineKeyboardMarkup:
    """After a decision: «Следующий ›» (the next of the queue, when given), the review menu and the main menu."""
    builder = InlineKeyboardBuilder()
    if following:
        builder.button(text=t.plain("review-next"), callback_data=RouteAction(action=following))
    builder.button(text=t.plain("review-menu"), callback_data=RouteAction(action="review_menu"))
    builder.adjust(1)
    return with_nav(t, builder)


@router.callback_query(RouteAction.filter(F.action == "approve"))
async def approve_route(callback: CallbackQuery, callback_data: RouteAction, ctx: Ctx) -> None:
    route = await review_route(
        ctx.session,
        actor=ctx.actor,
        route_id=callback_data.route,
        approve=True,
        comment=None,
        now=ctx.now(),
        notice=decision_notice(ctx),
    )
    await callback.answer()
    text = ctx.t("review-route-approved", name=route.person_name)
    await show(callback, text, _review_way_on(ctx.t, "next_route"))


@router.callback_query(RouteAction.filter(F.action == "return"))
async def return_route_begin(callback: CallbackQuery, callback_data: RouteAction, state: FSMContext, ctx: Ctx) -> None:
    await route_for_review(ctx.session, actor=ctx.actor, route_id=callback_data.route, today=ctx.now().date())
    back = RouteAction(action="show", route=callback_data.route)
    await _ask_comment(callback, state, ctx, "r", callback_data.route, back)


@router.callback_query(ItemAction.filter(F.action == "return"))
async def return_item_begin(callback: CallbackQuery, callback_data: ItemAction, state: FSMContext, ctx: Ctx) -> None:
    if not is_reviewer(ctx.actor):
        raise Forbidden()
    back = ItemAction(action="open", item=callback_data.item)
    await _ask_comment(callback, state, ctx, "i", callback_data.item, back)


async def _ask_comment(
    callback: CallbackQuery, state: FSMContext, ctx: Ctx, target: str, target_id: int, back: CallbackData
) -> None:
    """Ready-made reasons as buttons, a comment typed, or none at all."""
    await state.set_state(ReturnForm.comment)
    await state.update_data(target=target, id=target_id)
    t = ctx.t
    builder = InlineKeyboardBuilder()
    for number in range(1, REASONS + 1):
        builder.button(
            text=t.plain(f"review-reason-{number}"),
            callback_data=ReturnReason(target=target, id=target_id, reason=number),
        )
    builder.button(text=t.plain("review-no-comment"), callback_data=ReturnReason(target=target, id=target_id))
    builder.adjust(1)
    await callback.answer()
    await show(callback, t("review-comment-ask"), step_keyboard(t, builder, back=back))


@router.message(ReturnForm.comment, F.text, ~F.text.startswith("/"))
async def return_with_comment(message: Message, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    text, following = await _return(ctx, data["target"], data["id"], message.text)
    await state.clear()
    await message.answer(text, reply_markup=_review_way_on(ctx.t, following))


@router.callback_query(ReturnReason.filter())
async def return_with_reason(callback: CallbackQuery, callback_data: ReturnReason, state: FSMContext, ctx: Ctx) -> None:
    if callback_data.reason > REASONS:
        raise InvalidInput("stale-button")
    comment = ctx.t.plain(f"review-reason-{callback_data.reason}") if callback_data.reason else None
    text, following = await _return(ctx, callback_data.target, callback_data.id, comment)
    await state.clear()
    await callback.answer()
    await show(callback, text, _review_way_on(ctx.t, following))


async def _return(ctx: Ctx, target: str, target_id: int, comment: str | None) -> tuple[str, str]:
    """Return a route or an item (the service checks scope and status) and tell its owner; gives what to say
    and which queue comes next."""
    if target == "r":
        route = await review_route(
            ctx.session,
            actor=ctx.actor,
            route_id=target_id,
            approve=False,
            comment=comment,
            now=ctx.now(),
            notice=decision_notice(ctx),
        )
        return ctx.t("review-route-returned", name=route.person_name), "next_route"
    item, route = await review_item(
        ctx.session,
        actor=ctx.actor,
        item_id=target_id,
        confirm=False,
        comment=comment,
        now=ctx.now(),
        notice=decision_notice(ctx),
    )
    return ctx.t("review-item-returned", title=item.title, name=route.person_name), "next_item"


@router.callback_query(ItemAction.filter(F.action == "confirm"))
async def confirm_item(callback: CallbackQuery, callback_data: ItemAction, ctx: Ctx) -> None:
    item, route = await review_item(
        ctx.session,
        actor=ctx.actor,
        item_id=callback_data.item,
        confirm=True,
        comment=None,
        now=ctx.now(),
        notice=decision_notice(ctx),
    )
    history = await history_of(ctx.session, actor=ctx.actor, route_id=route.id, item_id=item.id)
    await callback.answer(ctx.t.plain("review-item-confirmed"))
    text = ctx.t("review-item-confirmed") + "\n\n" + item_text(ctx.t, item, history)
    await show(callback, text, _review_way_on(ctx.t, "next_item"))


def decision_notice(ctx: Ctx) -> DecisionNotice:
    """The message telling a route's owner, in their language, what the reviewer decided, with the
    reviewer's comment if there is one."""

    def notice(decision: Decision) -> NewDelivery:
        t = ctx.translations.get(decision.language)
        deadline = f"{decision.deadline:%d.%m.%Y}" if decision.deadline else ""
        text = t(OWNER_TEXTS[decision.kind], title=decision.title, deadline=deadline)
        if decision.comment:
            text += "\n" + t("route-comment", comment=short(decision.comment, 1000))
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("route-open"), callback_data=RouteAction(action="show", route=decision.route_id))
        key = f"review:{decision.route_id}:{decision.kind}:{decision.chat_id}:{ctx.now():%Y%m%d%H%M%S%f}"
        return outgoing(key, decision.chat_id, text, builder.as_markup())

    return notice


@router.callback_query(RouteAction.filter(F.action == "register"))
async def export_register(callback: CallbackQuery, ctx: Ctx) -> None:
    rows = await register_rows(ctx.session, actor=ctx.actor)
    t = ctx.t
    header = [t.plain(f"register-col-{index}") for index in range(13)]
    table = await write_table_off_loop(t.plain("register-sheet"), header, [_register_row(t, row) for row in rows])
    await callback.answer()
    document = BufferedInputFile(table, filename="iom-register.xlsx")
    await message_of(callback).answer_document(document, caption=t("register-caption", count=len(rows)))


def _register_row(t: Translator, row: tuple[object, ...]) -> tuple[object, ...]:
    school, name, area, title, kind, hours, deadline, status, route_status, approved, confirmed, link, files = row
    return (
        school,
        name,
        t.plain(f"area-{area}") if area else "",
        title,
        t.plain(f"kind-{kind}"),
        hours,
        f"{deadline:%d.%m.%Y}",
        t.plain(f"item-status-{status}"),
        t.plain(f"route-status-{route_status}"),
        f"{approved:%d.%m.%Y}" if approved else "",
        f"{confirmed:%d.%m.%Y}" if confirmed else "",
        link or "",
        files,
    )


@router.callback_query(RouteAction.filter(F.action == "counts"))
async def counts_by_school(callback: CallbackQuery, callback_data: RouteAction, ctx: Ctx) -> None:
    counts = list((await status_counts(ctx.session, actor=ctx.actor)).items())
    t, page = ctx.t, callback_data.page
    lines = [t("counts-title")]
    for school, by_status in counts[page * COUNTS_PER_PAGE : (page + 1) * COUNTS_PER_PAGE]:
        parts = ", ".join(f"{t.plain(f'route-status-{status}')}: {count}" for status, count in by_status.items())
        lines.append(t("counts-line", school=short(school, 60), counts=parts))
    pages = max(1, -(-len(counts) // COUNTS_PER_PAGE))
    builder = page_row(
        t, page, pages, lambda n: RouteAction(action="counts", page=n), total=len(counts), size=COUNTS_PER_PAGE
    )
    await callback.answer()
    text = "\n".join(lines) if counts else t("counts-none")
    await show(callback, text, with_nav(t, builder, back=RouteAction(action="review_menu")))
