"""Asking to join without an invite: choose municipality and school, type ФИО; managers decide with one tap."""

from collections.abc import Callable

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id
from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, OrgPage, OrgPick, message_of, org_page_keyboard
from handlers.common.menu import main_menu, menu_text, refresh_commands
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from services.models.people import OrgKind
from services.outbox import NewDelivery
from services.people.joins import Decision, JoinRequestView, create_join_request, decide_join_request
from services.people.orgs import get_org, list_orgs

router = Router(name="join")


class JoinForm(StatesGroup):
    full_name = State()


class JoinDecision(CallbackData, prefix="jr"):
    request: Id
    approve: bool


@router.callback_query(MenuAction.filter(F.item == "join"))
async def join_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await callback.answer()
    await state.clear()  # «‹ Назад» from a later step lands here
    t = ctx.t
    if ctx.actor.is_teacher:
        await show(callback, t("join-already-member"), with_nav(t))
        return
    page = await list_orgs(ctx.session, kind=OrgKind.MUNICIPALITY)
    if not page.items:
        await show(callback, t("join-no-municipalities"), with_nav(ctx.t))
        return
    await show(callback, t("join-choose-municipality"), _step(ctx, org_page_keyboard(t, page, purpose="jm")))


@router.callback_query(OrgPage.filter(F.purpose.in_({"jm", "js"})))
async def join_turn_page(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    kind = OrgKind.MUNICIPALITY if callback_data.purpose == "jm" else OrgKind.SCHOOL
    page = await list_orgs(ctx.session, kind=kind, parent_id=callback_data.parent or None, page=callback_data.page)
    await callback.answer()
    markup = org_page_keyboard(ctx.t, page, purpose=callback_data.purpose, parent=callback_data.parent)
    back = MenuAction(item="join") if kind == OrgKind.SCHOOL else None
    await message_of(callback).edit_reply_markup(reply_markup=_step(ctx, markup, back))


@router.callback_query(OrgPick.filter(F.purpose == "jm"))
async def join_pick_municipality(callback: CallbackQuery, callback_data: OrgPick, state: FSMContext, ctx: Ctx) -> None:
    municipality = await get_org(ctx.session, callback_data.org, OrgKind.MUNICIPALITY)
    page = await list_orgs(ctx.session, kind=OrgKind.SCHOOL, parent_id=municipality.id)
    await state.clear()  # «‹ Назад» from the name step lands here
    await callback.answer()
    t = ctx.t
    if not page.items:
        await show(callback, t("join-no-schools", municipality=municipality.name), with_nav(ctx.t))
        return
    markup = org_page_keyboard(t, page, purpose="js", parent=municipality.id)
    text = t("join-choose-school", municipality=municipality.name)
    await show(callback, text, _step(ctx, markup, MenuAction(item="join")))


@router.callback_query(OrgPick.filter(F.purpose == "js"))
async def join_pick_school(callback: CallbackQuery, callback_data: OrgPick, state: FSMContext, ctx: Ctx) -> None:
    school = await get_org(ctx.session, callback_data.org, OrgKind.SCHOOL)
    await state.set_state(JoinForm.full_name)
    await state.update_data(school_id=school.id)
    await callback.answer()
    back = OrgPick(purpose="jm", org=school.parent_id or 0)
    await show(callback, ctx.t("join-type-name", school=school.name), step_keyboard(ctx.t, back=back))


@router.message(JoinForm.full_name, F.text, ~F.text.startswith("/"))
async def join_full_name(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    school_id = (await state.get_data())["school_id"]

    def notice(request: JoinRequestView, chat_id: int, language: str) -> NewDelivery:
        t = ctx.translations.get(language)
        text = t("join-request", name=request.full_name, school=request.school, municipality=request.municipality)
        return outgoing(f"join-request:{request.id}:{chat_id}", chat_id, text, _decision_keyboard(t, request.id))

    request = await create_join_request(
        ctx.session, actor=ctx.actor, school_id=school_id, full_name=message.text, now=ctx.now(), notice=notice
    )
    await state.clear()
    # Said plainly who decides: the school's coordinator, else the municipality's methodist, else the administrator.
    await message.answer(
        ctx.t("join-sent", who=request.decider.value, school=request.school, municipality=request.municipality),
        reply_markup=with_nav(ctx.t),
    )


@router.message(JoinForm.full_name, ~F.text.startswith("/"))
async def join_full_name_not_text(message: Message, ctx: Ctx) -> None:
    await message.answer(ctx.t("join-bad-name"), reply_markup=step_keyboard(ctx.t))


@router.callback_query(JoinDecision.filter())
async def join_decide(callback: CallbackQuery, callback_data: JoinDecision, ctx: Ctx) -> None:
    decision = await decide_join_request(
        ctx.session,
        actor=ctx.actor,
        request_id=callback_data.request,
        approve=callback_data.approve,
        now=ctx.now(),
        notice=_decision_notice(ctx, callback_data.request),
    )
    key = "join-approved-by-you" if decision.approved else "join-rejected-by-you"
    await callback.answer()
    await show(callback, ctx.t(key, name=decision.full_name), with_nav(ctx.t))
    if decision.approved:  # the commands their new roles allow (a setting of their chat, not a message)
        requester = decision.requester
        await refresh_commands(ctx.bot, ctx.translations.get(requester.language), requester)


def _decision_notice(ctx: Ctx, request_id: int) -> Callable[[Decision], NewDelivery]:
    """The requester is told the decision; once approved, with the menu their roles now open."""

    def notice(decision: Decision) -> NewDelivery:
        requester = decision.requester
        t = ctx.translations.get(requester.language)
        key = f"join-decided:{request_id}"
        if decision.approved:
            text = t("join-approved") + "\n\n" + menu_text(t, requester)
            return outgoing(key, requester.tg_id, text, main_menu(t, requester))
        return outgoing(key, requester.tg_id, t("join-rejected"))

    return notice


def _step(ctx: Ctx, markup: InlineKeyboardMarkup, back: CallbackData | None = None) -> InlineKeyboardMarkup:
    """A choice of the join form: «Отмена» under it (the form holds nothing yet; the person may leave)."""
    return step_keyboard(ctx.t, markup, back=back)


def _decision_keyboard(t: Translator, request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("join-approve"), callback_data=JoinDecision(request=request_id, approve=True))
    builder.button(text=t.plain("join-reject"), callback_data=JoinDecision(request=request_id, approve=False))
    return builder.as_markup()
