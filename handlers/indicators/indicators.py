"""/indicators: the support system's indicators for one's scope (a coordinator's school, a methodist's
municipality, the admin's region) and period, with the people and schools behind each number, and the
pickers that open another school's or municipality's table. Every number comes from services/indicators.

Charts and the XLSX report are in exports.py; targets and values entered by hand in manual.py."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.context import Ctx
from handlers.common.keyboards import MenuAction, OrgPage, OrgPick, org_page_keyboard, short
from handlers.common.navigation import show, with_nav
from handlers.indicators.format import entered_text, mark, period_text, status_text, target_text, value_text
from services.errors import Forbidden, InvalidInput
from services.indicators.calculation import (
    PERIOD_KINDS,
    IndicatorValue,
    Scope,
    SetReport,
    choose_set,
    compute,
    is_met,
    period_of,
    scope_of,
)
from services.indicators.measures import not_counted, without_age
from services.indicators.presets import PRESETS
from services.indicators.readings import reading
from services.models.people import OrgKind, Role
from services.people.orgs import list_orgs

router = Router(name="indicators")
BEHIND_SHOWN = 5
HISTORY_SHOWN = 5  # earlier manual entries shown under the latest
PICKER = "ind"  # the OrgPage/OrgPick purpose of the school and municipality pickers
# An empty picker says what to do first, with that menu item: schools come from the roster, municipalities are
# added on the organisations screen.
NOTHING_TO_PICK = {
    OrgKind.SCHOOL: ("indicators-pick-none-school", "roster"),
    OrgKind.MUNICIPALITY: ("indicators-pick-none-municipality", "orgs"),
}


class Ind(CallbackData, prefix="iv"):
    action: str  # table, detail, schools, trend, rebuild, xlsx, sets, set, target, manual, yes, no
    org: Id
    kind: str = "school_year"
    back: Index = 0
    no: str = ""

    def to(self, action: str) -> "Ind":
        """The same indicator, scope and period, another screen."""
        return Ind(action=action, org=self.org, kind=self.kind, back=self.back, no=self.no)


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
    text, markup = await table(ctx, Ind(action="table", org=home_scope(ctx)))
    await show(message, text, markup)


@router.callback_query(MenuAction.filter(F.item == "indicators"))
async def indicators_button(callback: CallbackQuery, ctx: Ctx) -> None:
    text, markup = await table(ctx, Ind(action="table", org=home_scope(ctx)))
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(Ind.filter(F.action == "table"))
async def table_button(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    text, markup = await table(ctx, callback_data)
    await callback.answer()
    await show(callback, text, markup)


async def report_for(ctx: Ctx, data: Ind) -> SetReport:
    """The indicators of the button's scope and period, after checking the person may see them."""
    if data.kind not in PERIOD_KINDS or not 0 <= data.back <= 60:
        raise InvalidInput("stale-button")
    scope = await scope_of(ctx.session, actor=ctx.actor, org_id=data.org)
    period = period_of(data.kind, ctx.now().date(), data.back)
    return await compute(ctx.session, scope=scope, period=period, now=ctx.now())


def row_of(report: SetReport, no: str) -> IndicatorValue:
    for row in report.rows:
        if row.definition.no == no:
            return row
    raise InvalidInput("stale-button")


def _parent(ctx: Ctx, scope: Scope) -> CallbackData | None:
    """A picked school's or municipality's table goes back to the picker it was chosen from."""
    if scope.org_id == home_scope(ctx):
        return None
    if scope.kind == OrgKind.SCHOOL and scope.municipality_id is not None:
        return OrgPage(purpose=PICKER, parent=scope.municipality_id)
    if scope.kind == OrgKind.MUNICIPALITY and ctx.actor.has(Role.ADMIN):
        return OrgPage(purpose=PICKER, parent=home_scope(ctx))
    return None


async def table(ctx: Ctx, data: Ind) -> tuple[str, InlineKeyboardMarkup]:
    """№, short name, value, target and ✅/⚠️ for every indicator; buttons to each, periods, files."""
    report = await report_for(ctx, data)
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
        # A municipality's table picks a school, a region's a municipality.
        tools.button(text=t.plain(_pick_key(report.scope.kind)), callback_data=OrgPage(purpose=PICKER, parent=data.org))
    if report.scope.kind == OrgKind.MUNICIPALITY and data.org in ctx.actor.orgs(Role.METHODIST):
        tools.button(text=t.plain("indicators-sets"), callback_data=Ind(action="sets", org=data.org))
    tools.adjust(2)
    builder.attach(tools)
    return "\n".join(lines), with_nav(t, builder, back=_parent(ctx, report.scope))


def _pick_key(kind: OrgKind) -> str:
    return "indicators-pick-school" if kind == OrgKind.MUNICIPALITY else "indicators-pick-municipality"


@router.callback_query(OrgPage.filter(F.purpose == PICKER))
async def pick_org(callback: CallbackQuery, callback_data: OrgPage, ctx: Ctx) -> None:
    """The schools of a municipality (or the municipalities of the region), to open one's indicators; when there
    are none yet, what to do first."""
    scope = await scope_of(ctx.session, actor=ctx.actor, org_id=callback_data.parent)
    kind = OrgKind.SCHOOL if scope.kind == OrgKind.MUNICIPALITY else OrgKind.MUNICIPALITY
    page = await list_orgs(ctx.session, kind=kind, parent_id=scope.org_id, page=callback_data.page)
    await callback.answer()
    back = Ind(action="table", org=scope.org_id)
    if not page.total:
        text_key, first = NOTHING_TO_PICK[kind]
        builder = InlineKeyboardBuilder()
        builder.button(text=ctx.t.plain(f"menu-{first}"), callback_data=MenuAction(item=first))
        await show(callback, ctx.t(text_key), with_nav(ctx.t, builder, back=back))
        return
    markup = org_page_keyboard(ctx.t, page, purpose=PICKER, parent=scope.org_id)
    await show(callback, ctx.t("indicators-pick"), with_nav(ctx.t, markup, back=back))


@router.callback_query(OrgPick.filter(F.purpose == PICKER))
async def org_picked(callback: CallbackQuery, callback_data: OrgPick, ctx: Ctx) -> None:
    text, markup = await table(ctx, Ind(action="table", org=callback_data.org))
    await callback.answer()
    await show(callback, text, markup)


@router.callback_query(Ind.filter(F.action == "detail"))
async def detail(callback: CallbackQuery, callback_data: Ind, state: FSMContext, ctx: Ctx) -> None:
    """The full name, the numbers behind the value, and whom it is about: schools furthest behind, or a
    school's people not yet counted. «‹ Назад» from entering a number comes here, leaving that conversation."""
    await state.clear()
    report = await report_for(ctx, callback_data)
    row = row_of(report, callback_data.no)
    lines = [*_numbers(ctx, row), *await _whom(ctx, report, row)]
    t = ctx.t
    builder = InlineKeyboardBuilder()
    if row.schools:
        builder.button(text=t.plain("indicator-schools-chart"), callback_data=callback_data.to("schools"))
    if row.definition.measure != "manual":
        builder.button(text=t.plain("indicator-trend"), callback_data=callback_data.to("trend"))
    if report.scope.municipality_id in ctx.actor.orgs(Role.METHODIST) and report.scope.kind == OrgKind.MUNICIPALITY:
        builder.button(text=t.plain("indicator-set-target"), callback_data=callback_data.to("target"))
    if row.definition.measure == "manual":
        builder.button(text=t.plain("indicator-enter-value"), callback_data=callback_data.to("manual"))
    builder.adjust(1)
    await callback.answer()
    await show(callback, "\n".join(lines), with_nav(t, builder, back=callback_data.to("table")))


def _numbers(ctx: Ctx, row: IndicatorValue) -> list[str]:
    """The indicator's value, target, window, manual history and how it is counted."""
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
    return lines


async def _whom(ctx: Ctx, report: SetReport, row: IndicatorValue) -> list[str]:
    """The people without an age, and a school's people not yet counted or the schools furthest behind."""
    t = ctx.t
    lines = []
    if row.unknown_age:
        lines.append(t("indicator-unknown-age", count=row.unknown_age))
        missing = await without_age(ctx.session, row.definition.spec, report.scope.schools, report.as_of)
        lines += [t("indicator-person", name=short(name, 60)) for name in missing]
    if report.scope.kind == OrgKind.SCHOOL:
        names = await not_counted(ctx.session, row.definition.spec, report.scope.org_id, row.window, ctx.now())
        if names:
            lines.append(t("indicator-not-counted", count=len(names)))
            lines += [t("indicator-person", name=short(name, 60)) for name in names]
        return lines
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
    return lines


@router.callback_query(Ind.filter(F.action == "sets"))
async def sets_menu(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    if callback_data.org not in ctx.actor.orgs(Role.METHODIST):
        raise Forbidden()
    builder = InlineKeyboardBuilder()
    for code, preset in PRESETS.items():
        builder.button(text=short(preset.title, 60), callback_data=Ind(action="set", org=callback_data.org, no=code))
    builder.adjust(1)
    await callback.answer()
    back = Ind(action="table", org=callback_data.org)
    await show(callback, ctx.t("indicators-choose-set"), with_nav(ctx.t, builder, back=back))


@router.callback_query(Ind.filter(F.action == "set"))
async def set_chosen(callback: CallbackQuery, callback_data: Ind, ctx: Ctx) -> None:
    await choose_set(
        ctx.session, actor=ctx.actor, municipality_id=callback_data.org, set_code=callback_data.no, now=ctx.now()
    )
    text, markup = await table(ctx, Ind(action="table", org=callback_data.org))
    await callback.answer(ctx.t.plain("settings-saved"))
    await show(callback, text, markup)
