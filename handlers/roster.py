"""/roster: the template, the file upload with its validation report, new schools to confirm, invites back."""

import io

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from bot.settings import Settings
from handlers.keyboards import MenuAction
from services.access import Actor
from services.clock import Clock
from services.errors import InvalidInput, RosterRejected, RowProblem
from services.invites import issue_person_invites
from services.roster import import_roster, import_scope, plan_import
from services.roster_file import MAX_FILE_BYTES, RosterRow, parse_roster
from services.spreadsheets import roster_template, write_table

router = Router(name="roster")
PROBLEMS_IN_MESSAGE = 15


class RosterUpload(StatesGroup):
    file = State()
    confirm = State()


class ConfirmSchools(CallbackData, prefix="rs"):
    create: bool


@router.message(Command("roster"))
async def roster_command(
    message: Message, session: AsyncSession, actor: Actor, state: FSMContext, t: Translator
) -> None:
    await _send_template(message, session, actor, state, t)


@router.callback_query(MenuAction.filter(F.item == "roster"))
async def roster_button(
    callback: CallbackQuery, session: AsyncSession, actor: Actor, state: FSMContext, t: Translator
) -> None:
    await callback.answer()
    assert isinstance(callback.message, Message)
    await _send_template(callback.message, session, actor, state, t)


async def _send_template(
    message: Message, session: AsyncSession, actor: Actor, state: FSMContext, t: Translator
) -> None:
    scope = await import_scope(session, actor)
    target = scope.school.name if scope.school else scope.municipality.name
    await state.set_state(RosterUpload.file)
    await message.answer_document(
        BufferedInputFile(roster_template(), filename="roster-template.xlsx"),
        caption=t("roster-template", scope=target),
    )


@router.message(RosterUpload.file, F.document)
async def roster_file(
    message: Message,
    session: AsyncSession,
    actor: Actor,
    state: FSMContext,
    t: Translator,
    settings: Settings,
    clock: Clock,
    bot: Bot,
) -> None:
    document = message.document
    assert document is not None
    if (document.file_size or 0) > MAX_FILE_BYTES:
        raise InvalidInput("roster-too-big", limit=MAX_FILE_BYTES // (1024 * 1024))
    progress = await message.answer(t("roster-checking"))
    file = await bot.get_file(document.file_id)
    try:
        rows = _parse(await _download(bot, file.file_path or ""), document.file_name or "", clock)
        plan = await plan_import(session, actor=actor, rows=rows)
    except RosterRejected as rejected:
        await _report_problems(message, t, rejected.problems)
        return
    if plan.new_schools:
        await state.set_state(RosterUpload.confirm)
        await state.update_data(file_id=document.file_id, file_name=document.file_name)
        names = "\n".join(f"• {name}" for name in plan.new_schools[:30])
        await progress.edit_text(
            t("roster-new-schools", count=len(plan.new_schools), municipality=plan.scope.municipality.name)
            + "\n"
            + t("roster-school-list", names=names, more=max(0, len(plan.new_schools) - 30)),
            reply_markup=_confirm_keyboard(t),
        )
        return
    await _import(message, session, actor, state, t, settings, clock, bot, rows, confirmed=False)


@router.callback_query(RosterUpload.confirm, ConfirmSchools.filter())
async def roster_confirm(
    callback: CallbackQuery,
    callback_data: ConfirmSchools,
    session: AsyncSession,
    actor: Actor,
    state: FSMContext,
    t: Translator,
    settings: Settings,
    clock: Clock,
    bot: Bot,
) -> None:
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.edit_reply_markup(reply_markup=None)
    if not callback_data.create:
        await state.clear()
        await callback.message.answer(t("roster-cancelled"))
        return
    data = await state.get_data()
    document = await bot.get_file(data["file_id"])
    content = await _download(bot, document.file_path or "")
    rows = _parse(content, data["file_name"] or "", clock)
    await _import(callback.message, session, actor, state, t, settings, clock, bot, rows, confirmed=True)


@router.message(RosterUpload.file)
async def roster_not_a_file(message: Message, t: Translator) -> None:
    await message.answer(t("roster-send-file"))


async def _download(bot: Bot, file_path: str) -> bytes:
    buffer = io.BytesIO()
    await bot.download_file(file_path, buffer)
    return buffer.getvalue()


def _parse(content: bytes, file_name: str, clock: Clock) -> list[RosterRow]:
    return parse_roster(content, file_name, today=clock.now().date())


async def _report_problems(message: Message, t: Translator, problems: list[RowProblem]) -> None:
    """Say what is wrong, row by row; the full list goes as a spreadsheet when it is long."""
    lines = [_problem_line(t, problem) for problem in problems[:PROBLEMS_IN_MESSAGE]]
    text = t("roster-rejected", count=len(problems)) + "\n" + "\n".join(lines)
    if len(problems) > PROBLEMS_IN_MESSAGE:
        text += "\n" + t("roster-more-problems", count=len(problems) - PROBLEMS_IN_MESSAGE)
    await message.answer(text)
    if len(problems) > PROBLEMS_IN_MESSAGE:
        table = write_table(
            t.plain("roster-problems-sheet"),
            [t.plain("col-row"), t.plain("col-column"), t.plain("col-problem")],
            [(p.line, p.column, t.plain(f"problem-{p.code}", value=p.value)) for p in problems],
        )
        await message.answer_document(BufferedInputFile(table, filename="roster-problems.xlsx"))


def _problem_line(t: Translator, problem: RowProblem) -> str:
    return t(
        "roster-problem",
        line=problem.line,
        column=problem.column or "—",
        problem=t.plain(f"problem-{problem.code}", value=problem.value),
    )


async def _import(
    message: Message,
    session: AsyncSession,
    actor: Actor,
    state: FSMContext,
    t: Translator,
    settings: Settings,
    clock: Clock,
    bot: Bot,
    rows: list[RosterRow],
    *,
    confirmed: bool,
) -> None:
    now = clock.now()
    try:
        result = await import_roster(session, actor=actor, rows=rows, confirm_new_schools=confirmed, now=now)
    except RosterRejected as rejected:
        await _report_problems(message, t, rejected.problems)
        return
    await state.clear()
    invites = await issue_person_invites(
        session,
        person_ids=list(result.person_ids),
        created_by=actor.user_id,
        now=now,
        ttl_days=settings.invite_ttl_days,
    )
    await message.answer(
        t(
            "roster-imported",
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            schools=result.schools_created,
        )
    )
    rows_out = []
    for invite in invites:
        if invite.token is None or invite.expires_at is None:
            rows_out.append((invite.school, invite.full_name, t.plain("invite-joined"), ""))
        else:
            link = await create_start_link(bot, invite.token)
            rows_out.append((invite.school, invite.full_name, link, f"{invite.expires_at:%d.%m.%Y}"))
    table = write_table(
        t.plain("invites-sheet"),
        [t.plain("col-school"), t.plain("col-name"), t.plain("col-invite"), t.plain("col-valid-until")],
        rows_out,
    )
    await message.answer_document(BufferedInputFile(table, filename="invites.xlsx"), caption=t("roster-invites"))


def _confirm_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("roster-create-schools"), callback_data=ConfirmSchools(create=True))
    builder.button(text=t.plain("cancel"), callback_data=ConfirmSchools(create=False))
    return builder.as_markup()
