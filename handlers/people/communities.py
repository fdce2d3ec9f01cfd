"""/communities: the municipality's methodical associations and professional communities. Teachers
join or leave with one tap; methodists add communities and upload members from a file."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.keyboards import MenuAction, page_row, short
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.uploads import ask_for_file, run_import
from services.errors import InvalidInput
from services.models.indicators import CommunityLevel
from services.models.people import Role
from services.people.access import organiser_municipality
from services.people.communities import (
    COLUMNS,
    clean_community_name,
    communities_for,
    create_community,
    import_members,
    set_membership,
)

router = Router(name="communities")
PER_PAGE = 10
LIST = MenuAction(item="communities")  # the list, the parent of the forms here


class CommunityAct(CallbackData, prefix="cm"):
    action: str  # join, leave, new, level, upload, page
    community: Id = 0
    value: str = ""
    page: Index = 0


@staff_only(Role.METHODIST)
class CommunityForm(StatesGroup):
    name = State()
    file = State()


@router.message(Command("communities"))
async def communities_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    await show(message, *await _screen(ctx, 0))


@router.callback_query(MenuAction.filter(F.item == "communities"))
async def communities_button(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()  # «‹ Назад» from a form lands here
    text, markup = await _screen(ctx, 0)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(CommunityAct.filter(F.action == "page"))
async def communities_page(callback: CallbackQuery, callback_data: CommunityAct, ctx: Ctx) -> None:
    text, markup = await _screen(ctx, callback_data.page)
    await callback.answer()
    await show(callback, text, markup)


async def _screen(ctx: Ctx, page: int, note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    """One page of the municipality's communities (a line and, for a teacher, a join/leave button each)."""
    _municipality, communities = await communities_for(ctx.session, actor=ctx.actor)
    t = ctx.t
    pages = max(1, -(-len(communities) // PER_PAGE))
    page = min(page, pages - 1)
    shown = communities[page * PER_PAGE : (page + 1) * PER_PAGE]
    lines = [note, t("communities-title")] if note else [t("communities-title")]
    lines += [
        t("communities-line", name=c.name, level=t.plain(f"community-level-{c.level.value}"), members=c.members)
        for c in shown
    ]
    if not communities:
        lines.append(t("communities-none"))
    builder = InlineKeyboardBuilder()
    if ctx.actor.person_id is not None:
        for c in shown:
            action = "leave" if c.mine else "join"
            builder.button(
                text=("✅ " if c.mine else "➕ ") + short(c.name, 50),
                callback_data=CommunityAct(action=action, community=c.id, page=page),
            )
    builder.adjust(1)
    builder.attach(
        page_row(
            t,
            page,
            pages,
            lambda n: CommunityAct(action="page", page=n),
            total=len(communities),
            size=PER_PAGE,
        )
    )
    if ctx.actor.has(Role.METHODIST):
        tools = InlineKeyboardBuilder()
        tools.button(text=t.plain("communities-new"), callback_data=CommunityAct(action="new"))
        tools.button(text=t.plain("communities-upload"), callback_data=CommunityAct(action="upload"))
        tools.adjust(1)
        builder.attach(tools)
    return "\n".join(lines), with_nav(t, builder)


@router.callback_query(CommunityAct.filter(F.action.in_({"join", "leave"})))
async def membership(callback: CallbackQuery, callback_data: CommunityAct, ctx: Ctx) -> None:
    await set_membership(
        ctx.session,
        actor=ctx.actor,
        community_id=callback_data.community,
        member=callback_data.action == "join",
        today=ctx.now().date(),
    )
    text, markup = await _screen(ctx, callback_data.page)
    await callback.answer(ctx.t.plain(f"communities-{callback_data.action}-done"))
    await show(callback, text, markup)


@router.callback_query(CommunityAct.filter(F.action == "new"))
async def new_community(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    organiser_municipality(ctx.actor)
    await state.set_state(CommunityForm.name)
    await callback.answer()
    await show(callback, ctx.t("communities-ask-name"), step_keyboard(ctx.t, back=LIST))


@router.message(CommunityForm.name, F.text, ~F.text.startswith("/"))
async def community_name(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    await state.update_data(name=clean_community_name(message.text))
    builder = InlineKeyboardBuilder()
    for level in CommunityLevel:
        builder.button(
            text=ctx.t.plain(f"community-level-{level.value}"),
            callback_data=CommunityAct(action="level", value=level.value),
        )
    builder.adjust(1)
    markup = step_keyboard(ctx.t, builder, back=CommunityAct(action="new"))
    await message.answer(ctx.t("communities-ask-level"), reply_markup=markup)


@router.callback_query(CommunityForm.name, CommunityAct.filter(F.action == "level"))
async def community_level(callback: CallbackQuery, callback_data: CommunityAct, state: FSMContext, ctx: Ctx) -> None:
    if callback_data.value not in CommunityLevel._value2member_map_:
        raise InvalidInput("stale-button")
    community = await create_community(
        ctx.session,
        actor=ctx.actor,
        name=(await state.get_data())["name"],
        level=CommunityLevel(callback_data.value),
        now=ctx.now(),
    )
    await state.clear()
    await callback.answer()
    await show(callback, *await _screen(ctx, 0, note=ctx.t("communities-created", name=community.name)))


@router.callback_query(CommunityAct.filter(F.action == "upload"))
async def upload_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    organiser_municipality(ctx.actor)
    await state.set_state(CommunityForm.file)
    await ask_for_file(
        callback,
        ctx.t,
        sheet="communities-sheet",
        columns=COLUMNS,
        example=("Иванова Мария Петровна", "14.03.1996", "РМО учителей математики"),
        filename="community-members.xlsx",
        caption="communities-upload-ask",
        markup=step_keyboard(ctx.t, back=LIST),
    )


@router.message(CommunityForm.file, F.document)
async def upload_file(message: Message, state: FSMContext, ctx: Ctx) -> None:
    added = await run_import(
        message,
        ctx,
        lambda content, file_name, progress: import_members(
            ctx.session,
            actor=ctx.actor,
            content=content,
            file_name=file_name,
            today=ctx.now().date(),
            progress=progress,
        ),
        step_keyboard(ctx.t, back=LIST),
    )
    if added is None:
        return
    await state.clear()
    await show(message, *await _screen(ctx, 0, note=ctx.t("communities-imported", count=added)))
