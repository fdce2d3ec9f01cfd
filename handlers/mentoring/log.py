"""The pair's meeting log, for both its people: newest first, a page at a time, with the answers still owed."""

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.keyboards import page_row, short
from handlers.common.navigation import show, with_nav
from handlers.mentoring.callbacks import MeetingAnswer, MeetingLogPage, MentorAct
from handlers.mentoring.relay import pair_parent
from services.mentoring.meetings import pair_log
from services.mentoring.pairs import pair_for
from services.models.mentoring import MeetingStatus

router = Router(name="mentoring_log")
LOG_PAGE = 10
STATUS_MARK = {MeetingStatus.PENDING: "⏳", MeetingStatus.CONFIRMED: "✅", MeetingStatus.DISPUTED: "❌"}


@router.callback_query(MentorAct.filter(F.action == "log"))
async def log_open(callback: CallbackQuery, callback_data: MentorAct, ctx: Ctx) -> None:
    await callback.answer()
    await show(callback, *await _log_screen(ctx, callback_data.pair, 0))


@router.callback_query(MeetingLogPage.filter())
async def log_page(callback: CallbackQuery, callback_data: MeetingLogPage, ctx: Ctx) -> None:
    await callback.answer()
    await show(callback, *await _log_screen(ctx, callback_data.pair, callback_data.page))


async def _log_screen(ctx: Ctx, pair_id: int, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """Newest first, a page at a time: date, length, format, topic and whether it is confirmed."""
    _pair, is_mentor = await pair_for(ctx.session, actor=ctx.actor, pair_id=pair_id)
    t = ctx.t
    entries, total = await pair_log(ctx.session, actor=ctx.actor, pair_id=pair_id, page=page, size=LOG_PAGE)
    pages = max(1, -(-total // LOG_PAGE))
    if page >= pages:  # a forged or outdated page: the last one
        page = pages - 1
        entries, total = await pair_log(ctx.session, actor=ctx.actor, pair_id=pair_id, page=page, size=LOG_PAGE)
    lines = [t("meeting-log-title", count=total)]
    lines += [
        t(
            "meeting-log-line",
            mark=STATUS_MARK[entry.status],
            date=f"{entry.held_on:%d.%m.%Y}",
            minutes=entry.minutes,
            format=t.plain("meeting-online" if entry.online else "meeting-offline"),
            topic=short(entry.topic, 80),
        )
        for entry in entries
    ]
    lines.append(t("meeting-log-legend") if entries else t("meeting-log-empty"))
    builder = InlineKeyboardBuilder()
    for entry in entries:  # entries waiting for this person's answer can be answered here too
        if entry.status == MeetingStatus.PENDING and entry.logged_by_mentee == is_mentor:
            day = f"{entry.held_on:%d.%m}"
            for confirmed, answer in ((True, "meeting-log-confirm"), (False, "meeting-log-dispute")):
                builder.button(
                    text=t.plain(answer, date=day), callback_data=MeetingAnswer(meeting=entry.id, confirmed=confirmed)
                )
    builder.adjust(2)
    key = "mentor-card-meeting" if is_mentor else "meeting-propose"
    builder.row(InlineKeyboardButton(text=t.plain(key), callback_data=MentorAct(action="meeting", pair=pair_id).pack()))
    builder.attach(page_row(t, page, pages, lambda n: MeetingLogPage(pair=pair_id, page=n), total=total, size=LOG_PAGE))
    return "\n".join(lines), with_nav(t, builder, back=pair_parent(pair_id, is_mentor))
