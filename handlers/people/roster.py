"""/roster: the template, the file upload with its validation report, new schools to confirm, invites back."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, message_of
from handlers.common.navigation import show, step_keyboard, with_nav
from handlers.common.uploads import check_size, download, reading_progress, report_problems
from services.db import in_turns
from services.errors import RosterRejected
from services.files.reading import ReadProgress
from services.files.writing import write_table_off_loop
from services.models.people import Role
from services.people.invites import PersonInvite, issue_person_invites
from services.people.roster import import_roster, import_scope, plan_import
from services.people.roster_file import RosterRow, read_roster, roster_template

router = Router(name="roster")
SCHOOLS_IN_MESSAGE = 30


@staff_only(Role.METHODIST, Role.COORDINATOR)
class RosterUpload(StatesGroup):
    file = State()
    confirm = State()


class ConfirmSchools(CallbackData, prefix="rs"):
    create: bool


@router.message(Command("roster"))
async def roster_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await _send_template(message, state, ctx)


@router.callback_query(MenuAction.filter(F.item == "roster"))
async def roster_button(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await callback.answer()
    await _send_template(message_of(callback), state, ctx)


async def _send_template(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """The template is a file (a new message); its caption asks for the filled-in file, with «Отмена»."""
    scope = await import_scope(ctx.session, ctx.actor)
    target = scope.school.name if scope.school else scope.municipality.name
    await state.set_state(RosterUpload.file)
    await message.answer_document(
        BufferedInputFile(roster_template(), filename="roster-template.xlsx"),
        caption=ctx.t("roster-template", scope=target),
        reply_markup=step_keyboard(ctx.t),
    )


@router.message(RosterUpload.file, F.document)
async def roster_file(message: Message, state: FSMContext, ctx: Ctx) -> None:
    document = message.document
    assert document is not None
    check_size(document)
    checking = await message.answer(ctx.t("roster-checking"))
    try:
        async with reading_progress(message, ctx.t) as progress:
            rows = await _read_rows(ctx, document.file_id, document.file_name or "", progress)
        plan = await plan_import(ctx.session, actor=ctx.actor, rows=rows)
    except RosterRejected as rejected:
        await report_problems(message, ctx.t, rejected, step_keyboard(ctx.t))
        return
    if not plan.new_schools:
        await _import(message, state, ctx, rows, confirmed=False)
        return
    await state.set_state(RosterUpload.confirm)
    await state.update_data(file_id=document.file_id, file_name=document.file_name)
    names = "\n".join(f"• {name}" for name in plan.new_schools[:SCHOOLS_IN_MESSAGE])
    more = max(0, len(plan.new_schools) - SCHOOLS_IN_MESSAGE)
    await checking.edit_text(
        ctx.t("roster-new-schools", count=len(plan.new_schools), municipality=plan.scope.municipality.name)
        + "\n"
        + ctx.t("roster-school-list", names=names, more=more),
        reply_markup=_confirm_keyboard(ctx.t),
    )


@router.callback_query(RosterUpload.confirm, ConfirmSchools.filter())
async def roster_confirm(callback: CallbackQuery, callback_data: ConfirmSchools, state: FSMContext, ctx: Ctx) -> None:
    await callback.answer()
    message = message_of(callback)
    if not callback_data.create:
        await state.clear()
        await show(callback, ctx.t("roster-cancelled"), with_nav(ctx.t))
        return
    await message.edit_reply_markup(reply_markup=None)  # one tap imports once
    data = await state.get_data()
    rows = await _read_rows(ctx, data["file_id"], data["file_name"] or "")
    await _import(message, state, ctx, rows, confirmed=True)


@router.message(RosterUpload.file, ~F.text.startswith("/"))
async def roster_not_a_file(message: Message, ctx: Ctx) -> None:
    await message.answer(ctx.t("roster-send-file"), reply_markup=step_keyboard(ctx.t))


async def _read_rows(ctx: Ctx, file_id: str, file_name: str, progress: ReadProgress | None = None) -> list[RosterRow]:
    """Download the file again by its id (nothing is kept between steps) and validate it."""
    return await read_roster(await download(ctx, file_id), file_name, today=ctx.now().date(), progress=progress)


async def _import(message: Message, state: FSMContext, ctx: Ctx, rows: list[RosterRow], *, confirmed: bool) -> None:
    """Write the roster, report the counts and send the invites file."""
    try:
        result = await import_roster(
            ctx.session, actor=ctx.actor, rows=rows, confirm_new_schools=confirmed, now=ctx.now()
        )
    except RosterRejected as rejected:
        await report_problems(message, ctx.t, rejected, step_keyboard(ctx.t))
        return
    await state.clear()
    invites = await issue_person_invites(
        ctx.session,
        person_ids=list(result.person_ids),
        created_by=ctx.actor.user_id,
        now=ctx.now(),
        ttl_days=ctx.settings.invite_ttl_days,
    )
    # The result is a screen (the counts and the way on: the menu, where the checklist shows the next step); the
    # invites file after it carries information only.
    text = ctx.t(
        "roster-imported",
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        schools=result.schools_created,
    )
    await message.answer(text, reply_markup=with_nav(ctx.t))
    table = await _invites_table(ctx, invites)
    await message.answer_document(BufferedInputFile(table, filename="invites.xlsx"), caption=ctx.t("roster-invites"))


async def _invites_table(ctx: Ctx, invites: list[PersonInvite]) -> bytes:
    t = ctx.t
    # The link up to the token, built once: 20 000 calls of create_start_link held the event loop.
    link_prefix = await create_start_link(ctx.bot, "")
    joined = t.plain("invite-joined")
    rows: list[tuple[str, str, str, str]] = []
    async for chunk in in_turns(invites):  # 20 000 invites: the event loop serves others between chunks
        rows.extend(
            (invite.school, invite.full_name, joined, "")
            if invite.token is None or invite.expires_at is None
            else (invite.school, invite.full_name, link_prefix + invite.token, f"{invite.expires_at:%d.%m.%Y}")
            for invite in chunk
        )
    header = [t.plain("col-school"), t.plain("col-name"), t.plain("col-invite"), t.plain("col-valid-until")]
    return await write_table_off_loop(t.plain("invites-sheet"), header, rows)


def _confirm_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("roster-create-schools"), callback_data=ConfirmSchools(create=True))
    builder.button(text=t.plain("nav-keep"), callback_data=ConfirmSchools(create=False))
    builder.adjust(1)
    return step_keyboard(t, builder)
