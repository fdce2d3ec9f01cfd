"""Pairs for coordinators and methodists: made one by one or from a file, the overview of their scope
with meetings by month, the XLSX exports, completing or dissolving a pair."""

from datetime import timedelta
from functools import partial

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.keyboards import MenuAction, message_of, page_row, short
from handlers.common.navigation import confirm_keyboard, show, step_keyboard, with_nav
from handlers.common.notify import outgoing
from handlers.common.people_search import answer_people
from handlers.common.uploads import ask_for_file, run_import
from handlers.mentoring.callbacks import MentorAct, PairsPage, PairStep
from handlers.mentoring.plan import month_name
from handlers.mentoring.relay import OVERVIEW
from services.errors import InvalidInput
from services.files.writing import write_table_off_loop
from services.mentoring.meetings import meeting_log
from services.mentoring.numbers import scope_summary
from services.mentoring.pairs import (
    PairView,
    PersonCard,
    clean_reason,
    create_pair,
    end_pair,
    managed_pair,
    require_pair_manager,
    scope_pairs,
)
from services.mentoring.pairs_import import COLUMNS as IMPORT_COLUMNS
from services.mentoring.pairs_import import TEMPLATE_EXAMPLE, import_pairs
from services.models.mentoring import PairKind, PairStatus
from services.models.people import Role
from services.numbers import parse_id
from services.outbox import NewDelivery

router = Router(name="mentoring_pairs")


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class PairForm(StatesGroup):
    mentor = State()
    mentee = State()


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class PairsUpload(StatesGroup):
    file = State()


# --- Making a pair: find the mentor, find the mentee, choose the kind.


@router.callback_query(MentorAct.filter(F.action == "new"))
async def pair_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    """Also «‹ Назад» from the mentee's step: the form starts over from the mentor."""
    require_pair_manager(ctx.actor)
    await state.clear()
    await state.set_state(PairForm.mentor)
    await callback.answer()
    await show(callback, ctx.t("pair-ask-mentor"), step_keyboard(ctx.t, back=OVERVIEW))


@router.message(PairForm.mentor, F.text, ~F.text.startswith("/"))
@router.message(PairForm.mentee, F.text, ~F.text.startswith("/"))
async def pair_search(message: Message, state: FSMContext, ctx: Ctx) -> None:
    step = "mentor" if await state.get_state() == PairForm.mentor.state else "mentee"
    back = MentorAct(action="new") if step == "mentee" else OVERVIEW
    await answer_people(
        message,
        ctx,
        lambda person_id: PairStep(step=step, value=str(person_id)),
        finish=lambda builder: step_keyboard(ctx.t, builder, back=back),
    )


@router.callback_query(PairForm.mentor, PairStep.filter(F.step == "mentor"))
async def pair_mentor_chosen(callback: CallbackQuery, callback_data: PairStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(mentor_id=parse_id(callback_data.value) or 0)
    await _ask_mentee(callback, state, ctx)


@router.callback_query(PairForm.mentee, PairStep.filter(F.step == "back"))
async def _ask_mentee(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    """The mentee's step (also «‹ Назад» from the kind)."""
    await state.set_state(PairForm.mentee)
    await callback.answer()
    await show(callback, ctx.t("pair-ask-mentee"), step_keyboard(ctx.t, back=MentorAct(action="new")))


@router.callback_query(PairForm.mentee, PairStep.filter(F.step == "mentee"))
async def pair_mentee_chosen(callback: CallbackQuery, callback_data: PairStep, state: FSMContext, ctx: Ctx) -> None:
    await state.update_data(mentee_id=parse_id(callback_data.value) or 0)
    builder = InlineKeyboardBuilder()
    for kind in PairKind:
        builder.button(
            text=ctx.t.plain(f"pair-kind-{kind.value}"), callback_data=PairStep(step="kind", value=kind.value)
        )
    builder.adjust(1)
    await callback.answer()
    back = PairStep(step="back", value="mentee")
    await show(callback, ctx.t("pair-ask-kind"), step_keyboard(ctx.t, builder, back=back))


@router.callback_query(PairForm.mentee, PairStep.filter(F.step == "kind"))  # the steps of a PairForm
async def pair_create(callback: CallbackQuery, callback_data: PairStep, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    if callback_data.value not in PairKind._value2member_map_ or "mentee_id" not in data:
        await callback.answer(ctx.t.plain("stale-button"), show_alert=True)
        return
    created = await create_pair(
        ctx.session,
        actor=ctx.actor,
        mentor_id=data["mentor_id"],
        mentee_id=data["mentee_id"],
        kind=PairKind(callback_data.value),
        now=ctx.now(),
        mentor_limit=ctx.settings.mentor_limit,
        notice=partial(_announcement, ctx),
    )
    await state.clear()
    await callback.answer()
    pair = created.view
    text = ctx.t("pair-created", mentor=pair.mentor.full_name, mentee=pair.mentee.full_name)
    if created.warning:
        text += "\n" + ctx.t(created.warning)
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("pair-new-another"), callback_data=MentorAct(action="new"))
    builder.button(text=ctx.t.plain("pairs-overview"), callback_data=MentorAct(action="pairs"))
    builder.adjust(1)
    await show(callback, text, with_nav(ctx.t, builder, back=OVERVIEW))


def _announcement(ctx: Ctx, pair: PairView, card: PersonCard) -> NewDelivery:
    """A new pair's mentor or mentee is told who the other is."""
    assert card.tg_id is not None  # the service tells only those with a chat
    t = ctx.translations.get(card.language)
    is_mentor = card.person_id == pair.mentor.person_id
    other, key = (pair.mentee, "pair-told-mentor") if is_mentor else (pair.mentor, "pair-told-mentee")
    builder = InlineKeyboardBuilder()
    builder.button(text=t.plain("menu-mentor"), callback_data=MenuAction(item="mentor"))
    text = t(key, name=other.full_name, school=other.school)
    return outgoing(f"pair-told:{pair.id}:{card.tg_id}", card.tg_id, text, builder.as_markup())


# --- Overview for coordinators and methodists: pairs of their scope, those without meetings, exports.

SILENT_AFTER = timedelta(days=30)
PAIRS_PER_PAGE = 10


@router.callback_query(MentorAct.filter(F.action == "pairs"))
async def scope_overview(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()  # «‹ Назад» from the file upload lands here
    text, markup = await _overview(ctx, page=0)
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(PairsPage.filter())
async def scope_overview_page(callback: CallbackQuery, callback_data: PairsPage, ctx: Ctx) -> None:
    text, markup = await _overview(ctx, page=callback_data.page)
    await callback.answer()
    await show(callback, text, markup)


async def _overview(ctx: Ctx, *, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """Counts, meetings by month and silent pairs of the scope; the active pairs page by page."""
    rows = await scope_pairs(ctx.session, actor=ctx.actor)
    today = ctx.now().date()
    summary = await scope_summary(ctx.session, actor=ctx.actor, today=today)
    active = [row for row in rows if row.status == PairStatus.ACTIVE]
    silent = [row for row in active if (row.last_meeting or row.started_on) < today - SILENT_AFTER]
    t = ctx.t
    months = " · ".join(f"{month_name(t, month)} — {count}" for month, count in summary.meetings_by_month)
    lines = [
        t("pairs-title", active=len(active), meetings=sum(row.meetings for row in active), silent=len(silent)),
        t(
            "pairs-people",
            mentors=summary.mentors,
            mentees=summary.mentees,
            young_paired=summary.young_in_pairs,
            young_total=summary.young_total,
        ),
        t("pairs-by-month", months=months),
    ]
    lines += [t("pairs-silent-line", mentor=short(row.mentor, 40), mentee=short(row.mentee, 40)) for row in silent[:20]]
    if len(silent) > 20:
        lines.append(t("pairs-silent-more", count=len(silent) - 20))
    pages = max(1, -(-len(active) // PAIRS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    builder = InlineKeyboardBuilder()
    for row in active[page * PAIRS_PER_PAGE : (page + 1) * PAIRS_PER_PAGE]:
        builder.button(
            text=f"{short(row.mentor, 25)} → {short(row.mentee, 25)}",
            callback_data=MentorAct(action="manage", pair=row.id),
        )
    builder.adjust(1)
    builder.attach(page_row(t, page, pages, lambda n: PairsPage(page=n), total=len(active), size=PAIRS_PER_PAGE))
    tools = InlineKeyboardBuilder()
    tools.button(text=t.plain("pairs-export"), callback_data=MentorAct(action="export"))
    tools.button(text=t.plain("pairs-import"), callback_data=MentorAct(action="import"))
    tools.adjust(1)
    builder.attach(tools)
    return "\n".join(lines), with_nav(t, builder, back=OVERVIEW)


@router.callback_query(MentorAct.filter(F.action == "import"))
async def import_begin(callback: CallbackQuery, state: FSMContext, ctx: Ctx) -> None:
    require_pair_manager(ctx.actor)
    await state.set_state(PairsUpload.file)
    await ask_for_file(
        callback,
        ctx.t,
        sheet="pairs-sheet",
        columns=IMPORT_COLUMNS,
        example=TEMPLATE_EXAMPLE,
        filename="mentoring-pairs-template.xlsx",
        caption="pairs-import-ask",
        markup=step_keyboard(ctx.t, back=MentorAct(action="pairs")),
    )


@router.message(PairsUpload.file, F.document)
async def import_file(message: Message, state: FSMContext, ctx: Ctx) -> None:
    counts = await run_import(
        message,
        ctx,
        lambda content, file_name, progress: import_pairs(
            ctx.session,
            actor=ctx.actor,
            content=content,
            file_name=file_name,
            now=ctx.now(),
            mentor_limit=ctx.settings.mentor_limit,
            progress=progress,
        ),
    )
    if counts is None:
        return
    created, skipped = counts
    await state.clear()
    await message.answer(
        ctx.t("pairs-imported", created=created, skipped=skipped),
        reply_markup=with_nav(ctx.t, back=MentorAct(action="pairs")),
    )


@router.callback_query(MentorAct.filter(F.action == "export"))
async def scope_export(callback: CallbackQuery, ctx: Ctx) -> None:
    """Two spreadsheets: the pairs with their meeting counts, and the meeting log."""
    t = ctx.t
    pairs = await scope_pairs(ctx.session, actor=ctx.actor)
    header = [t.plain(f"pairs-col-{n}") for n in range(9)]
    pair_rows = [
        (
            row.school,
            row.mentor,
            row.mentee,
            t.plain(f"pair-kind-{row.kind.value}"),
            t.plain(f"pair-status-{row.status.value}"),
            f"{row.started_on:%d.%m.%Y}",
            row.meetings,
            f"{row.last_meeting:%d.%m.%Y}" if row.last_meeting else "",
            row.result or "",
        )
        for row in pairs
    ]
    meetings = await meeting_log(ctx.session, actor=ctx.actor)
    log_header = [t.plain(f"meetings-col-{n}") for n in range(9)]
    log_rows = [
        (
            row.school,
            row.mentor,
            row.mentee,
            f"{row.held_on:%d.%m.%Y}",
            row.minutes,
            t.plain("meeting-online" if row.online else "meeting-offline"),
            row.topic,
            row.notes,
            t.plain(f"meeting-{row.status.value}"),
        )
        for row in meetings
    ]
    await callback.answer()
    message = message_of(callback)
    await message.answer_document(
        BufferedInputFile(
            await write_table_off_loop(t.plain("pairs-sheet"), header, pair_rows), filename="mentoring-pairs.xlsx"
        )
    )
    await message.answer_document(
        BufferedInputFile(
            await write_table_off_loop(t.plain("meetings-sheet"), log_header, log_rows),
            filename="mentoring-meetings.xlsx",
        )
    )


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class EndForm(StatesGroup):
    reason = State()


@router.callback_query(MentorAct.filter(F.action == "manage"))
async def pair_manage(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    """A manager's card of a pair: complete it or dissolve it (a reason is asked next, then a confirmation)."""
    pair = await managed_pair(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    await state.clear()  # «‹ Назад» from the reason, «Нет» to the confirmation land here
    t = ctx.t
    builder = InlineKeyboardBuilder()
    for action in ("complete", "dissolve"):
        builder.button(text=t.plain(f"pair-{action}"), callback_data=MentorAct(action=action, pair=pair.id))
    builder.adjust(2)
    text = t(
        "pair-manage",
        mentor=pair.mentor.full_name,
        mentee=pair.mentee.full_name,
        kind=t.plain(f"pair-kind-{pair.kind.value}"),
        start=f"{pair.started_on:%d.%m.%Y}",
        last=f"{pair.last_meeting:%d.%m.%Y}" if pair.last_meeting else "—",
    )
    await callback.answer()
    await show(callback, text, with_nav(t, builder, back=MentorAct(action="pairs")))


@router.callback_query(MentorAct.filter(F.action.in_({"complete", "dissolve"})))
async def pair_end_begin(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    await managed_pair(ctx.session, actor=ctx.actor, pair_id=callback_data.pair)
    await state.set_state(EndForm.reason)
    await state.update_data(pair_id=callback_data.pair, completed=callback_data.action == "complete")
    await callback.answer()
    back = MentorAct(action="manage", pair=callback_data.pair)
    await show(callback, ctx.t(f"pair-ask-reason-{callback_data.action}"), step_keyboard(ctx.t, back=back))


@router.message(EndForm.reason, F.text, ~F.text.startswith("/"))
async def pair_end_confirm(message: Message, state: FSMContext, ctx: Ctx) -> None:
    """The reason typed, the consequence is stated before anything changes; typing again replaces the reason."""
    assert message.text is not None
    data = await state.get_data()
    reason = clean_reason(message.text)
    pair = await managed_pair(ctx.session, actor=ctx.actor, pair_id=data["pair_id"])
    await state.update_data(reason=reason)
    key = "pair-end-ask-completed" if data["completed"] else "pair-end-ask-dissolved"
    markup = confirm_keyboard(
        ctx.t,
        yes=MentorAct(action="end_yes", pair=pair.id),
        no=MentorAct(action="manage", pair=pair.id),
        yes_key="pair-complete" if data["completed"] else "pair-dissolve",
    )
    await message.answer(
        ctx.t(key, mentor=pair.mentor.full_name, mentee=pair.mentee.full_name, text=reason), reply_markup=markup
    )


@router.callback_query(EndForm.reason, MentorAct.filter(F.action == "end_yes"))
async def pair_end(callback: CallbackQuery, callback_data: MentorAct, state: FSMContext, ctx: Ctx) -> None:
    data = await state.get_data()
    if data["pair_id"] != callback_data.pair or "reason" not in data:
        raise InvalidInput("stale-button")
    pair = await end_pair(
        ctx.session,
        actor=ctx.actor,
        pair_id=data["pair_id"],
        completed=data["completed"],
        reason=data["reason"],
        now=ctx.now(),
        notice=partial(_end_notice, ctx),
    )
    await state.clear()
    await callback.answer()
    status = ctx.t.plain(f"pair-status-{pair.status.value}")
    text = ctx.t("pair-ended", mentor=pair.mentor.full_name, mentee=pair.mentee.full_name, status=status)
    await show(callback, text, with_nav(ctx.t, back=MentorAct(action="pairs")))


def _end_notice(ctx: Ctx, pair: PairView, card: PersonCard) -> NewDelivery:
    """The pair's people are told it was completed or dissolved."""
    assert card.tg_id is not None  # the service tells only those with a chat
    t = ctx.translations.get(card.language)
    text = t(
        "pair-ended-notice",
        mentor=pair.mentor.full_name,
        mentee=pair.mentee.full_name,
        status=t.plain(f"pair-status-{pair.status.value}"),
    )
    return outgoing(f"pair-ended:{pair.id}:{card.tg_id}", card.tg_id, text)
