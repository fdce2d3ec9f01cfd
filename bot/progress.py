"""The author's view of a broadcast being delivered: one message updated every few seconds, then the
final report."""

import contextlib

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bot.resources import Resources
from services.delivery.news_reports import Report, finish, sending_reports, set_progress_message


async def update_progress(bot: Bot, resources: Resources) -> None:
    now = resources.clock.now()
    async with resources.session_factory() as session:
        for report in await sending_reports(session):
            if report.progress_chat_id is None:
                continue
            t = resources.translations.get(report.language)
            if report.left == 0:
                if await finish(session, broadcast_id=report.id, now=now):
                    text = t("news-done", id=report.id, sent=report.sent, total=report.recipients, failed=report.failed)
                    await _show(bot, report, text)
                    await bot.send_message(report.progress_chat_id, text)
                continue
            elapsed = (now - report.released_at).total_seconds() if report.released_at else 0
            rate = report.sent / elapsed if elapsed > 0 else 0
            text = t(
                "news-progress",
                id=report.id,
                sent=report.sent,
                failed=report.failed,
                left=report.left,
                rate=f"{rate:.1f}",
                minutes=f"{report.left / rate / 60:.0f}" if rate else "—",
            )
            message_id = await _show(bot, report, text)
            if report.progress_message_id is None:
                await set_progress_message(session, broadcast_id=report.id, message_id=message_id)


async def _show(bot: Bot, report: Report, text: str) -> int:
    """Edit the progress message, or send it the first time; returns its id."""
    assert report.progress_chat_id is not None
    if report.progress_message_id is not None:
        # Unchanged since the last update, or deleted by the author: either way nothing to do.
        with contextlib.suppress(TelegramBadRequest):
            await bot.edit_message_text(text, chat_id=report.progress_chat_id, message_id=report.progress_message_id)
        return report.progress_message_id
    return (await bot.send_message(report.progress_chat_id, text)).message_id
