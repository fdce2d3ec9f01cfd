"""An indicator's pictures (by school, by month) and the XLSX report of a table: files sent as new messages,
each with the way back to the screen it came from."""

from aiogram import F, Router
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.context import Ctx
from handlers.common.keyboards import message_of
from handlers.common.navigation import show, with_nav
from handlers.indicators.format import entered_text, status_text, target_text, value_text
from handlers.indicators.indicators import Ind, report_for, row_of
from services.indicators.calculation import people_without_age, scope_of
from services.indicators.charts import schools_chart, trend_chart
from services.indicators.definitions import PERCENT
from services.indicators.snapshots import trend
from services.indicators.workbook import indicator_workbook

router = Router(name="indicator_exports")


@router.callback_query(Ind.filter(F.action == "schools"))
async def schools_picture(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    report = await report_for(ctx, callback_data)
    row = row_of(report, callback_data.no)
    values = [(s.name, s.value) for s in row.schools if s.value is not None]
    await callback.answer()
    back = with_nav(ctx.t, back=callback_data.to("detail"))
    if not values:
        await show(callback, ctx.t("indicator-no-data-chart"), back)
        return
    unit = "%" if row.definition.unit == PERCENT else ""
    picture = schools_chart(f"{row.definition.no}. {row.definition.short}", values, row.target, unit)
    await message_of(callback).answer_photo(
        BufferedInputFile(picture, filename="schools.png"),
        caption=ctx.t("indicator-chart-caption", name=row.definition.short),
        reply_markup=back,
    )


@router.callback_query(Ind.filter(F.action.in_({"trend", "rebuild"})))
async def trend_picture(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    scope = await scope_of(ctx.session, actor=ctx.actor, org_id=callback_data.org)
    report = await report_for(ctx, callback_data)
    row = row_of(report, callback_data.no)
    points = await trend(
        ctx.session,
        scope=scope,
        set_code=report.indicators.code,
        indicator_no=row.definition.no,
        today=ctx.now().date(),
        now=ctx.now(),
        rebuild=callback_data.action == "rebuild",
    )
    unit = "%" if row.definition.unit == PERCENT else ""
    picture = trend_chart(f"{row.definition.no}. {row.definition.short}", points, row.target, unit)
    builder = InlineKeyboardBuilder()
    builder.button(text=ctx.t.plain("indicator-rebuild"), callback_data=callback_data.to("rebuild"))
    await callback.answer()
    await message_of(callback).answer_photo(
        BufferedInputFile(picture, filename="trend.png"),
        caption=ctx.t("indicator-trend-caption", name=row.definition.short),
        reply_markup=with_nav(ctx.t, builder, back=callback_data.to("detail")),
    )


@router.callback_query(Ind.filter(F.action == "xlsx"))
async def report_file(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    report = await report_for(ctx, callback_data)
    t = ctx.t
    content = indicator_workbook(
        report,
        await people_without_age(ctx.session, report),
        value_text=lambda row, value: value_text(t, row, value),
        target_text=lambda row: target_text(t, row),
        status_text=lambda row, met: status_text(t, row, met),
        entered_text=lambda entry: entered_text(t, entry),
    )
    await callback.answer()
    name = f"indicators-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}.xlsx"
    await message_of(callback).answer_document(
        BufferedInputFile(content, filename=name),
        caption=ctx.t("indicators-xlsx-caption"),
        reply_markup=with_nav(t, back=callback_data.to("table")),
    )
