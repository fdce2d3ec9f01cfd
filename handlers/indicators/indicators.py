"""/indicators: the support system's indicators for one's scope (a coordinator's school, a methodist's
municipality, the admin's region) and period, with the people and schools behind each number, charts
and the XLSX report. Every number comes from services/indicators.py."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.context import Ctx
from handlers.common.door import staff_only
from handlers.common.i18n import Translator
from handlers.common.keyboards import MenuAction, OrgPage, OrgPick, message_of, org_page_keyboard, short
from services.errors import Forbidden, InvalidInput
from services.indicators.calculation import (
    PERIOD_KINDS,
    IndicatorValue,
    ManualEntry,
    SetReport,
    choose_set,
    compute,
    enter_manual_value,
    is_met,
    people_without_age,
    period_of,
    scope_of,
    set_target,
)
from services.indicators.charts import schools_chart, trend_chart
from services.indicators.measures import not_counted, without_age
from services.indicators.presets import EQ, LE, PERCENT, PRESETS, YESNO
from services.indicators.readings import reading
from services.indicators.snapshots import trend
from services.indicators.spec import Period
from services.indicators.workbook import indicator_workbook
from services.models.people import OrgKind, Role
from services.people.orgs import list_orgs

router = Router(name="indicators")
BEHIND_SHOWN = 5
HISTORY_SHOWN = 5  # earlier manual entries shown under the latest


class Ind(CallbackData, prefix="iv"):
    action: str  # table, detail, schools, trend, rebuild, xlsx, sets, set, target, manual
    org: Id
    kind: str = "school_year"
    back: Index = 0
    no: str = ""


@staff_only(Role.ADMIN, Role.METHODIST, Role.COORDINATOR)
class IndicatorForm(StatesGroup):
    target = State()
    manual = State()


def home_scope(ctx: Ctx) -> int:
    """Where /indicators opens: the methodist's municipality, the coordinator's school, the admin's region."""
    for role in (Role.METHODIST, Role.COORDINATOR):
        if orgs := ctx.actor.orgs(role):
            return orgs[0]
    if ctx.actor.has(Role.ADMIN):
        return ctx.actor.orgs(Role.ADMIN)[0]
    raise Forbidden()


@router.message(Command("indicators"))
async def indicators_command(message: Message, state: FSMContext, ctx: Ctx) -> None:
    await state.clear()
    text, markup = await _table(ctx, Ind(action="table", org=home_scope(ctx)))
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuAction.filter(F.item == "indicators"))
async def indicators_button(callback: CallbackQuery, ctx: Ctx) -> None:
    text, markup = await _table(ctx, Ind(action="table", org=home_scope(ctx)))
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=markup)


@router.callback_query(Ind.filter(F.action == "table"))
async def table_button(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    text, markup = await _table(ctx, callback_data)
    await callback.answer()
    await message_of(callback).edit_text(text, reply_markup=markup)


async def _report(ctx: Ctx, data: Ind) -> SetReport:
    if data.kind not in PERIOD_KINDS or not 0 <= data.back <= 60:
        raise InvalidInput("stale-button")
    scope = await scope_of(ctx.session, actor=ctx.actor, org_id=data.org)
    period = period_of(data.kind, ctx.now().date(), data.back)
    return await compute(ctx.session, scope=scope, period=period, now=ctx.now())


def value_text(t: Translator, row: IndicatorValue, value: float | None) -> str:
    if value is None:
        return t.plain("indicator-no-data")
    if row.definition.unit == YESNO:
        return t.plain("indicator-yes" if value >= 0.5 else "indicator-no")
    if row.definition.unit == PERCENT:
        return f"{value:.1f} %".replace(".", ",")
    return f"{value:g}"


def target_text(t: Translator, row: IndicatorValue) -> str:
    if row.target is None:
        return "—"
    sign = {EQ: "=", LE: "≤"}.get(row.definition.comparator, "≥")
    return f"{sign} {value_text(t, row, row.target)}"


def status_text(t: Translator, row: IndicatorValue, met: bool | None) -> str:
    """Met, not met, in progress (the target's horizon is not over), or no data."""
    if met is None and row.value is not None and row.target is not None and not row.final:
        return t.plain("indicator-in-progress", until=f"{row.window.end:%d.%m.%Y}")
    return t.plain({True: "indicator-met", False: "indicator-not-met", None: "indicator-unknown"}[met])


def mark(row: IndicatorValue) -> str:
    if row.met is None and row.value is not None and not row.final:
        return "⏳"
    return {True: "✅", False: "⚠️", None: "▫️"}[row.met]


def entered_text(t: Translator, entry: ManualEntry) -> str:
    return t.plain("indicator-entered", who=entry.entered_by or "—", at=f"{entry.entered_at:%d.%m.%Y %H:%M}")


def period_text(t: Translator, kind: str, period: Period) -> str:
    """As people say it: «ноябрь 2026», «IV квартал 2026», «2026/27 учебный год», «2026 год»."""
    start = period.start
    return t.plain(
        f"period-{kind}",
        month_no=start.month,
        quarter=(start.month - 1) // 3 + 1,
        year=str(start.year),  # a string: Fluent would print a number as «2 026»
        next=f"{(start.year + 1) % 100:02d}",
    )


async def _table(ctx: Ctx, data: Ind) -> tuple[str, InlineKeyboardMarkup]:
    """№, short name, value, target and ✅/⚠️ for every indicator; buttons to each, periods, files."""
    report = await _report(ctx, data)
    t = ctx.t
    lines = [
        t("indicators-title", scope=report.scope.name, period=period_text(t, data.kind, report.period)),
        t("indicators-set", title=report.indicators.title),
    ]
    for row in report.rows:
        lines.append(
            t(
                "indicators-line",
                mark=mark(row),
                no=row.definition.no,
                name=("✍️ " if row.manual else "") + row.definition.short,
                value=value_text(t, row, row.value),
                target=target_text(t, row),
            )
        )
    builder = InlineKeyboardBuilder()
    for row in report.rows:
        builder.button(
            text=row.definition.no,
            callback_data=Ind(action="detail", org=data.org, kind=data.kind, back=data.back, no=row.definition.no),
        )
    builder.adjust(6)
    periods = InlineKeyboardBuilder()
    for kind in PERIOD_KINDS:
        label = ("• " if kind == data.kind else "") + t.plain(f"period-kind-{kind}")
        periods.button(text=label, callback_data=Ind(action="table", org=data.org, kind=kind))
    periods.button(text="◀", callback_data=Ind(action="table", org=data.org, kind=data.kind, back=data.back + 1))
    if data.back:
        periods.button(text="▶", callback_data=Ind(action="table", org=data.org, kind=data.kind, back=data.back - 1))
    periods.adjust(4)
    builder.attach(periods)
    tools = InlineKeyboardBuilder()
    tools.button(
        text=t.plain("indicators-xlsx"), callback_data=Ind(action="xlsx", org=data.org, kind=data.kind, back=data.back)
    )
    if report.scope.kind != OrgKind.SCHOOL:
        picker = OrgPage(purpose="ind", parent=data.org)
        # A municipality's table picks a school, a region's a municipality.
        pick = "indicators-pick-school" if report.scope.kind == OrgKind.MUNICIPALITY else "indicators-pick-municipality"
        tools.button(text=t.plain(pick), callback_data=picker)
    if report.scope.kind == OrgKind.MUNICIPALITY and data.org in ctx.actor.orgs(Role.METHODIST):
        tools.button(text=t.plain("indicators-sets"), callback_data=Ind(action="sets", org=data.org))
    tools.adjust(2)
    builder.attach(tools)
    return "\n".join(lines), builder.as_markup()


@router.callback_query(OrgPage.filter(F.purpose == "ind"))
async def pick_org(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    """The schools of a municipality (or the municipalities of the region), to open one's indicators."""
    scope = await scope_of(ctx.session, actor=ctx.actor, org_id=callback_data.parent)
    kind = OrgKind.SCHOOL if scope.kind == OrgKind.MUNICIPALITY else OrgKind.MUNICIPALITY
    page = await list_orgs(ctx.session, kind=kind, parent_id=scope.org_id, page=callback_data.page)
    await callback.answer()
    markup = org_page_keyboard(ctx.t, page, purpose="ind", parent=scope.org_id)
    await message_of(callback).answer(ctx.t("indicators-pick"), reply_markup=markup)


@router.callback_query(OrgPick.filter(F.purpose == "ind"))
async def org_picked(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    text, markup = await _table(ctx, Ind(action="table", org=callback_data.org))
    await callback.answer()
    await message_of(callback).answer(text, reply_markup=markup)


def _row(report: SetReport, no: str) -> IndicatorValue:
    for row in report.rows:
        if row.definition.no == no:
            return row
    raise InvalidInput("stale-button")


@router.callback_query(Ind.filter(F.action == "detail"))
async def detail(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    """The full name, the numbers behind the value, and whom it is about: schools furthest behind, or a
    school's people not yet counted."""
    report = await _report(ctx, callback_data)
    row = _row(report, callback_data.no)
    t = ctx.t
    lines = [
        t("indicator-name", no=row.definition.no, name=row.definition.name),
        t(
            "indicator-value",
            value=value_text(t, row, row.value),
            target=target_text(t, row),
            status=status_text(t, row, row.met),
        ),
        t("indicator-window", start=f"{row.window.start:%d.%m.%Y}", end=f"{row.window.end:%d.%m.%Y}"),
    ]
    if row.manual:
        lines.append("✍️ " + entered_text(t, row.manual[-1]))
        lines += [
            t("indicator-history-line", value=value_text(t, row, entry.value), entered=entered_text(t, entry))
            for entry in row.manual[-HISTORY_SHOWN - 1 : -1]
        ]
    if row.denominator:
        lines.append(t("indicator-fraction", numerator=row.numerator or 0, denominator=row.denominator))
    if row.definition.each_school and row.target is not None:
        short_of = [s for s in row.schools if not is_met(s.value, row.definition.comparator, row.target)]
        lines.append(t("indicator-each-school", count=len(short_of)))
    if row.second is not None:
        lines.append(t("indicator-second", counted=row.second[0], of=row.second[1]))
    lines.append(t("indicator-reading", reading=reading(row.definition)))
    if row.unknown_age:
        lines.append(t("indicator-unknown-age", count=row.unknown_age))
        missing = await without_age(ctx.session, row.definition.spec, report.scope.schools, report.as_of)
        lines += [t("indicator-person", name=short(name, 60)) for name in missing]
    if report.scope.kind == OrgKind.SCHOOL:
        names = await not_counted(ctx.session, row.definition.spec, report.scope.org_id, row.window, ctx.now())
        if names:
            lines.append(t("indicator-not-counted", count=len(names)))
            lines += [t("indicator-person", name=short(name, 60)) for name in names]
    else:
        behind = sorted((s for s in row.schools if s.value is not None), key=lambda s: s.value or 0)[:BEHIND_SHOWN]
        if behind:
            lines.append(t("indicator-behind"))
            lines += [
                t(
                    "indicator-school",
                    name=short(s.name, 60),
                    value=value_text(t, row, s.value),
                    numerator=s.numerator,
                    denominator=s.denominator,
                )
                for s in behind
            ]
    builder = InlineKeyboardBuilder()
    same = {"org": callback_data.org, "kind": callback_data.kind, "back": callback_data.back, "no": row.definition.no}
    if row.schools:
        builder.button(text=t.plain("indicator-schools-chart"), callback_data=Ind(action="schools", **same))
    if row.definition.measure != "manual":
        builder.button(text=t.plain("indicator-trend"), callback_data=Ind(action="trend", **same))
    if report.scope.municipality_id in ctx.actor.orgs(Role.METHODIST) and report.scope.kind == OrgKind.MUNICIPALITY:
        builder.button(text=t.plain("indicator-set-target"), callback_data=Ind(action="target", **same))
    if row.definition.measure == "manual":
        builder.button(text=t.plain("indicator-enter-value"), callback_data=Ind(action="manual", **same))
    builder.button(
        text=t.plain("indicator-back"),
        callback_data=Ind(action="table", org=callback_data.org, kind=callback_data.kind, back=callback_data.back),
    )
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).answer("\n".join(lines), reply_markup=builder.as_markup())


@router.callback_query(Ind.filter(F.action == "schools"))
async def schools_picture(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    report = await _report(ctx, callback_data)
    row = _row(report, callback_data.no)
    values = [(s.name, s.value) for s in row.schools if s.value is not None]
    await callback.answer()
    if not values:
        await message_of(callback).answer(ctx.t("indicator-no-data-chart"))
        return
    unit = "%" if row.definition.unit == PERCENT else ""
    picture = schools_chart(f"{row.definition.no}. {row.definition.short}", values, row.target, unit)
    await message_of(callback).answer_photo(
        BufferedInputFile(picture, filename="schools.png"),
        caption=ctx.t("indicator-chart-caption", name=row.definition.short),
    )


@router.callback_query(Ind.filter(F.action.in_({"trend", "rebuild"})))
async def trend_picture(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    scope = await scope_of(ctx.session, actor=ctx.actor, org_id=callback_data.org)
    report = await _report(ctx, callback_data)
    row = _row(report, callback_data.no)
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
    builder.button(
        text=ctx.t.plain("indicator-rebuild"),
        callback_data=Ind(
            action="rebuild",
            org=callback_data.org,
            kind=callback_data.kind,
            back=callback_data.back,
            no=row.definition.no,
        ),
    )
    await callback.answer()
    await message_of(callback).answer_photo(
        BufferedInputFile(picture, filename="trend.png"),
        caption=ctx.t("indicator-trend-caption", name=row.definition.short),
        reply_markup=builder.as_markup(),
    )


@router.callback_query(Ind.filter(F.action == "xlsx"))
async def report_file(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    report = await _report(ctx, callback_data)
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
        BufferedInputFile(content, filename=name), caption=ctx.t("indicators-xlsx-caption")
    )


@router.callback_query(Ind.filter(F.action == "sets"))
async def sets_menu(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    if callback_data.org not in ctx.actor.orgs(Role.METHODIST):
        raise Forbidden()
    builder = InlineKeyboardBuilder()
    for code, preset in PRESETS.items():
        builder.button(text=short(preset.title, 60), callback_data=Ind(action="set", org=callback_data.org, no=code))
    builder.adjust(1)
    await callback.answer()
    await message_of(callback).answer(ctx.t("indicators-choose-set"), reply_markup=builder.as_markup())


@router.callback_query(Ind.filter(F.action == "set"))
async def set_chosen(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    await choose_set(
        ctx.session, actor=ctx.actor, municipality_id=callback_data.org, set_code=callback_data.no, now=ctx.now()
    )
    text, markup = await _table(ctx, Ind(action="table", org=callback_data.org))
    await callback.answer(ctx.t.plain("settings-saved"))
    await message_of(callback).edit_text(text, reply_markup=markup)


@router.callback_query(Ind.filter(F.action.in_({"target", "manual"})))
async def number_begin(callback: CallbackQuery, callback_data: Ind, state: FSMContext, ctx: Ctx) -> None:
    await scope_of(ctx.session, actor=ctx.actor, org_id=callback_data.org)
    form = IndicatorForm.target if callback_data.action == "target" else IndicatorForm.manual
    await state.set_state(form)
    await state.update_data(
        org=callback_data.org, kind=callback_data.kind, back=callback_data.back, no=callback_data.no
    )
    await callback.answer()
    await message_of(callback).answer(ctx.t(f"indicator-ask-{callback_data.action}"))


@router.message(IndicatorForm.target, F.text, ~F.text.startswith("/"))
@router.message(IndicatorForm.manual, F.text, ~F.text.startswith("/"))
async def number_save(message: Message, state: FSMContext, ctx: Ctx) -> None:
    assert message.text is not None
    number = _number(message.text)
    data = await state.get_data()
    if await state.get_state() == IndicatorForm.target.state:
        await set_target(
            ctx.session,
            actor=ctx.actor,
            municipality_id=data["org"],
            indicator_no=data["no"],
            target=number,
            now=ctx.now(),
        )
    else:
        period = period_of(data["kind"], ctx.now().date(), data["back"])
        await enter_manual_value(
            ctx.session,
            actor=ctx.actor,
            org_id=data["org"],
            indicator_no=data["no"],
            period=period,
            value=number,
            now=ctx.now(),
        )
    await state.clear()
    text, markup = await _table(ctx, Ind(action="table", org=data["org"], kind=data["kind"], back=data["back"]))
    await message.answer(text, reply_markup=markup)


def _number(text: str) -> float:
    """A number as people type it: 60, 62,5, 62.5 %, да/нет."""
    cleaned = text.strip().casefold().rstrip("%").strip().replace(",", ".")
    words = {"да": 1.0, "yes": 1.0, "нет": 0.0, "no": 0.0}
    if cleaned in words:
        return words[cleaned]
    try:
        return float(cleaned)
    except ValueError as error:
        raise InvalidInput("indicator-bad-number") from error
