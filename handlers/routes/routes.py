"""/route for a teacher: see the route, build it from the diagnostic and the catalogue, submit, report items."""

from datetime import date

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.dates import DatePick, date_keyboard
from handlers.common.door import staff_only
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, page_row, short
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from handlers.common.people_search import answer_people
from handlers.routes.views import (
    CataloguePick,
    ItemAction,
    OwnItemArea,
    OwnItemKind,
    RouteAction,
    activity_text,
    route_keyboard,
    route_text,
)
from services.errors import Forbidden
from services.models.people import Role
from services.models.routes import ActivityKind, Area, RouteStatus
from services.outbox import NewDelivery
from services.routes.items import (
    activity_for_route,
    add_activity,
    add_own_item,
    catalogue_for_route,
    check_deadline,
    clean_title,
    parse_deadline,
)
from services.routes.review import is_reviewer
from services.routes.routes import RouteView, get_route, latest_route, require_route_editor, start_route
from services.routes.submission import ReviewNotice, ReviewRequest, submit_route

router = Router(name="routes")
OWN_ITEM_DEADLINE = "own_item"  # the date picker of the own-item form


class OwnItemForm(StatesGroup):
    title = State()
    deadline = State()


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class TeacherSearch(StatesGroup):
    name = State()


class TeacherRoute(CallbackData, prefix="tr"):
    person: Id


@router.message(Command("route"))
async def route_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await _route_screen(ctx, page=0)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuAction.filter(F.item == "route"))
async def route_button(callback: CallbackQuery, ctx: Ctx) -> None:
    text, markup = await _route_screen(ctx, page=0)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(RouteAction.filter(F.action == "show"))
async def route_show(callback: CallbackQuery, callback_data: RouteAction, state: FSMContext, ctx: Ctx) -> None:
    """The actor's own route (route 0), or a given route for its owner or their manager."""
    await state.clear()
    if callback_data.route:
        route = await get_route(ctx.session, actor=ctx.actor, route_id=callback_data.route, today=ctx.now().date())
        text, markup = screen(ctx, route, page=callback_data.page)
    else:
        text, markup = await _route_screen(ctx, page=callback_data.page)
    await callback.answer()
    await show(callback, text, markup)


async def _route_screen(ctx: Ctx, *, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The teacher's own route in a few lines, items as buttons; reviewers also get their queues."""
    t, actor = ctx.t, ctx.actor
    reviewer = is_reviewer(actor)
    if actor.person_id is None:
        if not reviewer:
            raise Forbidden()
        return t("review-title"), _review_entry(t)
    route = await latest_route(ctx.session, actor=actor, person_id=actor.person_id, today=ctx.now().date())
    if route is None:
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("route-start"), callback_data=RouteAction(action="start"))
        builder.button(text=t.plain("self-assessment-start"), callback_data=RouteAction(action="self"))
        if reviewer:
            builder.button(text=t.plain("review-menu"), callback_data=RouteAction(action="review_menu"))
        builder.adjust(1)
        return t("route-none"), with_nav(t, builder)
    return screen(ctx, route, page=page)


def screen(ctx: Ctx, route: RouteView, *, page: int = 0, note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    """A route as its owner or a manager sees it, with an optional line on top."""
    owner = route.person_id == ctx.actor.person_id
    text = (note + "\n\n" if note else "") + route_text(ctx.t, route)
    reviewer_menu = owner and is_reviewer(ctx.actor)
    return text, route_keyboard(ctx.t, route, page=page, owner=owner, reviewer_menu=reviewer_menu)


def _review_entry(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("review-menu"), callback_data=RouteAction(action="review_menu"))
    return with_nav(t, builder)


@router.callback_query(RouteAction.filter(F.action == "start"))
async def route_start(callback: CallbackQuery, ctx: Ctx) -> None:
    if ctx.actor.person_id is None:
        raise Forbidden()
    route = await start_route(ctx.session, actor=ctx.actor, person_id=ctx.actor.person_id, now=ctx.now())
    await callback.answer()
    text, markup = screen(ctx, route, note=ctx.t("route-proposed", count=len(route.items)))
    await show(callback, text, markup)


@router.callback_query(RouteAction.filter(F.action == "teacher"))
async def teacher_route_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    """A coordinator or methodist opens (or starts) the route of a teacher in their scope."""
    if not is_reviewer(ctx.actor):
        raise Forbidden()
    await state.set_state(TeacherSearch.name)
    await callback.answer()
    await show(callback, ctx.t("diagnostic-search"), step_keyboard(ctx.t, back=RouteAction(action="review_menu")))


@router.message(TeacherSearch.name, F.text, ~F.text.startswith("/"))
async def teacher_route_search(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await answer_people(message, ctx, lambda person_id: TeacherRoute(person=person_id))  # another name may follow


@router.callback_query(TeacherRoute.filter())
async def teacher_route_open(callback: CallbackQuery, callback_data: TeacherRoute, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()  # the search, if the route was found by one
    today = ctx.now().date()
    route = await latest_route(ctx.session, actor=ctx.actor, person_id=callback_data.person, today=today)
    note = ""
    if route is None or route.status == RouteStatus.IMPLEMENTED:
        route = await start_route(ctx.session, actor=ctx.actor, person_id=callback_data.person, now=ctx.now())
        note = ctx.t("route-proposed", count=len(route.items))
    await callback.answer()
    text, markup = screen(ctx, route, note=note)
    await show(callback, text, markup)


@router.callback_query(RouteAction.filter(F.action.in_({"catalogue", "catalogue_all"})))
async def catalogue_page(callback: CallbackQuery, callback_data: RouteAction, ctx: Ctx) -> None:
    """The catalogue to add from: first the activities for the diagnosed deficits, with a way to see all."""
    route_id, action, t = callback_data.route, callback_data.action, ctx.t
    found = await catalogue_for_route(
        ctx.session, actor=ctx.actor, route_id=route_id, page=callback_data.page, everything=action == "catalogue_all"
    )
    await callback.answer()
    builder = InlineKeyboardBuilder()
    for activity in found.activities:
        builder.button(
            text=short(activity.title, 60), callback_data=CataloguePick(route=route_id, activity=activity.id)
        )
    builder.adjust(1)
    pages = max(1, -(-found.total // found.per_page))
    builder.attach(
        page_row(
            t,
            callback_data.page,
            pages,
            lambda n: RouteAction(action=action, route=route_id, page=n),
            total=found.total,
            size=found.per_page,
        )
    )
    if found.deficits:
        other, key = (
            ("catalogue_all", "catalogue-show-all") if found.filtered else ("catalogue", "catalogue-show-deficits")
        )
        builder.row()
        builder.button(text=t.plain(key), callback_data=RouteAction(action=other, route=route_id))
    if not found.activities:  # nothing to choose: say so, and offer what can be done instead
        builder.row()
        builder.button(text=t.plain("route-add-own"), callback_data=RouteAction(action="own", route=route_id))
        text = t("catalogue-empty")
    elif found.filtered:
        text = t("catalogue-choose-deficits", areas=", ".join(t.plain(f"area-{area.value}") for area in found.deficits))
    else:
        text = t("catalogue-choose")
    await show(callback, text, with_nav(t, builder, back=RouteAction(action="show", route=route_id)))


@router.callback_query(CataloguePick.filter(~F.add))
async def catalogue_preview(callback: CallbackQuery, callback_data: CataloguePick, ctx: Ctx) -> None:
    """What the activity is, before it goes into the route."""
    t = ctx.t
    activity = await activity_for_route(
        ctx.session, actor=ctx.actor, route_id=callback_data.route, activity_id=callback_data.activity
    )
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t.plain("catalogue-add"),
        callback_data=CataloguePick(route=callback_data.route, activity=activity.id, add=True),
    )
    await callback.answer()
    back = RouteAction(action="catalogue", route=callback_data.route)
    await show(callback, activity_text(t, activity), with_nav(t, builder, back=back))


@router.callback_query(CataloguePick.filter(F.add))
async def catalogue_add(callback: CallbackQuery, callback_data: CataloguePick, ctx: Ctx) -> None:
    route = await add_activity(
        ctx.session,
        actor=ctx.actor,
        route_id=callback_data.route,
        activity_id=callback_data.activity,
        area=None,
        now=ctx.now(),
    )
    await callback.answer(ctx.t.plain("route-item-added"))
    text, markup = screen(ctx, route)
    await show(callback, text, markup)


@router.callback_query(RouteAction.filter(F.action == "own"))
async def own_item_begin(callback: CallbackQuery, callback_data: RouteAction, state: FSMContext, ctx: Ctx) -> None:
    await require_route_editor(ctx.session, actor=ctx.actor, route_id=callback_data.route)
    await state.set_state(OwnItemForm.title)
    await state.update_data(route_id=callback_data.route)
    await callback.answer()
    back = RouteAction(action="show", route=callback_data.route)
    await show(callback, ctx.t("own-item-title"), step_keyboard(ctx.t, back=back))


@router.message(OwnItemForm.title, F.text, ~F.text.startswith("/"))
async def own_item_title(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(title=clean_title(message.text))
    builder = InlineKeyboardBuilder()
    for kind in ActivityKind:
        builder.button(text=ctx.t.plain(f"kind-{kind.value}"), callback_data=OwnItemKind(kind=kind))
    builder.adjust(2)
    await message.answer(ctx.t("own-item-kind"), reply_markup=step_keyboard(ctx.t, builder))


@router.callback_query(OwnItemForm.title, OwnItemKind.filter())
async def own_item_kind(callback: CallbackQuery, callback_data: OwnItemKind, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(kind=callback_data.kind.value)
    builder = InlineKeyboardBuilder()
    for area in Area:
        builder.button(text=ctx.t.plain(f"area-{area.value}"), callback_data=OwnItemArea(area=area.value))
    builder.button(text=ctx.t.plain("area-none"), callback_data=OwnItemArea(area=""))
    builder.adjust(2)
    await callback.answer()
    await show(callback, ctx.t("own-item-area"), step_keyboard(ctx.t, builder))


@router.callback_query(OwnItemForm.title, OwnItemArea.filter())
async def own_item_area(callback: CallbackQuery, callback_data: OwnItemArea, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(area=callback_data.area)
    await state.set_state(OwnItemForm.deadline)
    await callback.answer()
    await show(callback, ctx.t("own-item-deadline"), date_keyboard(ctx.t, OWN_ITEM_DEADLINE, ctx.now().date()))


@router.message(OwnItemForm.deadline, F.text, ~F.text.startswith("/"))
async def own_item_deadline_typed(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await _add_own_item(message, state, ctx, parse_deadline(message.text, ctx.now().date()))


@router.callback_query(OwnItemForm.deadline, DatePick.filter((F.purpose == OWN_ITEM_DEADLINE) & (F.day > 0)))
async def own_item_deadline_chosen(
    callback: CallbackQuery, callback_data: DatePick, state: FSMContext, ctx: Ctx
) -> None:
    deadline = check_deadline(callback_data.chosen(), ctx.now().date())
    await callback.answer()
    await _add_own_item(callback, state, ctx, deadline)


async def _add_own_item(event: Message | CallbackQuery, state: FSMContext, ctx: Ctx, deadline: date) -> None:
    data = await state.get_data()
    route = await add_own_item(
        ctx.session,
        actor=ctx.actor,
        route_id=data["route_id"],
        title=data["title"],
        kind=ActivityKind(data["kind"]),
        area=Area(data["area"]) if data["area"] else None,
        hours=None,
        deadline=deadline,
        now=ctx.now(),
    )
    await state.clear()
    text, markup = screen(ctx, route, note=ctx.t("route-item-added"))
    await show(event, text, markup)


@router.callback_query(RouteAction.filter(F.action == "submit"))
async def route_submit(callback: CallbackQuery, callback_data: RouteAction, ctx: Ctx) -> None:
    route = await submit_route(
        ctx.session, actor=ctx.actor, route_id=callback_data.route, now=ctx.now(), notice=review_notice(ctx)
    )
    await callback.answer()
    text, markup = screen(ctx, route, note=ctx.t("route-submitted"))
    await show(callback, text, markup)


def review_notice(ctx: Ctx) -> ReviewNotice:
    """The message asking one reviewer to look at a submitted route or a reported item."""

    def notice(request: ReviewRequest) -> NewDelivery:
        t = ctx.translations.get(request.language)
        target: RouteAction | ItemAction
        if request.item_id is None:
            text = t("review-route-waiting", name=request.person_name)
            target = RouteAction(action="show", route=request.route_id)
        else:
            text = t("review-item-waiting", name=request.person_name, title=request.item_title)
            target = ItemAction(action="open", item=request.item_id)
        builder = InlineKeyboardBuilder()
        builder.button(text=t.plain("review-open"), callback_data=target)
        key = f"review-request:{request.route_id}:{request.item_id}:{request.chat_id}:{ctx.now():%Y%m%d%H%M%S%f}"
        return outgoing(key, request.chat_id, text, builder.as_markup())

    return notice
