"""Files people send: size checked before anything is fetched, downloaded by file id, and a rejected
file's problems reported row by row (with a spreadsheet when the list is long)."""

import asyncio
import io
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from typing import TypeVar

from aiogram.types import BufferedInputFile, CallbackQuery, Document, InlineKeyboardMarkup, Message

from handlers.common.context import Ctx
from handlers.common.i18n import Translator
from handlers.common.notify import SEND_FAILURES
from services.errors import InvalidInput, RosterRejected, RowProblem
from services.files.reading import MAX_FILE_BYTES, ReadProgress
from services.files.writing import write_table, write_table_off_loop

PROBLEMS_IN_MESSAGE = 15
PROGRESS_EVERY = 3.0  # seconds between updates of "rows read so far"


def check_size(document: Document) -> None:
    if (document.file_size or 0) > MAX_FILE_BYTES:
        raise InvalidInput("file-too-big", limit=MAX_FILE_BYTES // (1024 * 1024))


async def ask_for_file(
    callback: CallbackQuery,
    t: Translator,
    *,
    sheet: str,
    columns: Sequence[str],
    example: Sequence[object],
    filename: str,
    caption: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Answer the button with the file's template (its columns and one example row) and what to send; `markup` is
    the step's keyboard (its «Отмена»)."""
    template = write_table(t.plain(sheet), list(columns), [example])
    await callback.answer()
    assert isinstance(callback.message, Message)
    await callback.message.answer_document(
        BufferedInputFile(template, filename=filename), caption=t(caption), reply_markup=markup
    )


async def uploaded(message: Message, ctx: Ctx) -> tuple[bytes, str]:
    """The content and name of the document in the message (within the size limit)."""
    document = message.document
    assert document is not None
    check_size(document)
    return await download(ctx, document.file_id), document.file_name or ""


async def download(ctx: Ctx, file_id: str) -> bytes:
    """A file someone sent, fetched from Telegram by its id."""
    file = await ctx.bot.get_file(file_id)
    buffer = io.BytesIO()
    await ctx.bot.download_file(file.file_path or "", buffer)
    return buffer.getvalue()


@asynccontextmanager
async def reading_progress(message: Message, t: Translator) -> AsyncIterator[ReadProgress]:
    """Rows read so far, for the import inside the block: shown only if reading takes a while."""
    progress = ReadProgress()
    task = asyncio.create_task(_show_progress(message, t, progress))
    try:
        yield progress
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def _show_progress(message: Message, t: Translator, progress: ReadProgress) -> None:
    shown: Message | None = None
    rows = 0
    while True:
        await asyncio.sleep(PROGRESS_EVERY)
        if progress.rows == rows:
            continue
        rows = progress.rows
        text = t("file-reading", rows=rows)
        with suppress(*SEND_FAILURES):  # progress is a courtesy: never the reason an import fails
            if shown is None:
                shown = await message.answer(text)
            else:
                await shown.edit_text(text)


Imported = TypeVar("Imported")


async def run_import(
    message: Message, ctx: Ctx, importer: Callable[[bytes, str, ReadProgress], Awaitable[Imported]]
) -> Imported | None:
    """The file the person sent, imported with a progress message; a rejected file is answered with its
    problems and gives None (nothing was written)."""
    content, file_name = await uploaded(message, ctx)
    try:
        async with reading_progress(message, ctx.t) as progress:
            return await importer(content, file_name, progress)
    except RosterRejected as rejected:
        await report_problems(message, ctx.t, rejected)
        return None


async def report_problems(message: Message, t: Translator, rejected: RosterRejected) -> None:
    """Say what is wrong, row by row: the first few in the message, the first thousand as a spreadsheet."""
    problems = rejected.problems
    lines = [_problem_line(t, problem) for problem in problems[:PROBLEMS_IN_MESSAGE]]
    text = t("roster-rejected", count=rejected.total) + "\n" + "\n".join(lines)
    if rejected.total > PROBLEMS_IN_MESSAGE:
        text += "\n" + t("roster-more-problems", count=rejected.total - PROBLEMS_IN_MESSAGE)
    await message.answer(text)
    if len(problems) > PROBLEMS_IN_MESSAGE:
        table = await write_table_off_loop(
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
