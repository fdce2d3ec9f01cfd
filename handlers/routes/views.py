"""How routes, items and queues look in a chat: texts and keyboards, within Telegram's limits."""

from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.callback_fields import Id, Index
from handlers.common.i18n import Translator
from handlers.common.keyboards import page_row, short
from handlers.common.navigation import with_nav
from services.models.routes import ActivityKind, Area, ItemStatus, RouteStatus
from services.routes.catalogue import ActivityView
from services.routes.review import EvidenceView, HistoryEntry
from services.routes.routes import ItemView, RouteView

ITEMS_PER_PAGE = 8
HISTORY_SHOWN = 10
EVIDENCE_SHOWN = 3500  # characters of links and texts, so the message stays within Telegram's 4096
STATUS_MARK = {ItemStatus.PLANNED: "▫️", ItemStatus.REPORTED: "⏳", ItemStatus.CONFIRMED: "✅", ItemStatus.RETURNED: "↩️"}


class RouteAction(CallbackData, prefix="rt"):
    """Screens and actions on a whole route (or the reviewer's lists); `route` 0 means "mine"."""

    action: str
    route: Id = 0
    page: Index = 0


class ItemAction(CallbackData, prefix="it"):
    action: str
    item: Id


class OwnItemKind(CallbackData, prefix="ok"):
    kind: ActivityKind


class OwnItemArea(CallbackData, prefix="oa"):
    area: Area | Literal[""]  # "" for none


class ItemEdit(CallbackData, prefix="ie"):
    """Edit one field of an item; `chosen` marks a value picked from buttons."""

    item: Id
    field: str
    value: str = ""
    chosen: bool = False


class CataloguePick(CallbackData, prefix="ca"):
    """A catalogue activity for a route: its preview, or (`add`) adding it."""

    route: Id
    activity: Id
    add: bool = False


class DeadlineDecision(CallbackData, prefix="dl"):
    """A reviewer's one tap on a deadline change request."""

    request: Id
    approve: bool


def route_text(t: Translator, route: RouteView) -> str:
    lines = [t("route-title", name=route.person_name, school=route.school)]
    lines.append(t("route-status", status=t.plain(f"route-status-{route.status.value}")))
    lines.append(t("route-progress", done=route.done, total=len(route.items), overdue=route.overdue))
    if route.comment:
        lines.append(t("route-comment", comment=short(route.comment, 500)))
    return "\n".join(lines)


def item_button(item: ItemView) -> str:
    warn = "❗" if item.overdue else ""
    return f"{STATUS_MARK[item.status]}{warn} {short(item.title, 40)} · {item.deadline:%d.%m}"


def item_text(t: Translator, item: ItemView, history: list[HistoryEntry]) -> str:
    lines = [
        t("item-title", title=item.title),
        t(
            "item-kind",
            kind=t.plain(f"kind-{item.kind.value}"),
            area=t.plain(f"area-{item.area.value}") if item.area else "—",
        ),
        t("item-hours", hours=item.hours or 0, registry=item.registry.value),
        t("item-deadline", deadline=f"{item.deadline:%d.%m.%Y}", late="yes" if item.overdue else "no"),
        t("item-status", status=t.plain(f"item-status-{item.status.value}")),
    ]
    if item.comment:
        lines.append(t("route-comment", comment=short(item.comment, 500)))
    if history:
        lines.append(t("item-history"))
        lines += [
            t(
                "history-line",
                at=f"{entry.at:%d.%m.%Y}",
                action=t.plain(f"history-{entry.action}"),
                who=short(entry.who, 60),
                comment=short(entry.comment or "", 150),
            )
            for entry in history[-HISTORY_SHOWN:]
        ]
    return "\n".join(lines)


def activity_text(t: Translator, activity: ActivityView) -> str:
    """A catalogue activity: what it is, how long, which registry, which competences it develops."""
    return t(
        "catalogue-entry",
        title=activity.title,
        kind=t.plain(f"kind-{activity.kind.value}"),
        hours=activity.hours or 0,
        registry=activity.registry.value,
        areas=", ".join(t.plain(f"area-{area.value}") for area in activity.areas),
    )


def evidence_text(t: Translator, evidence: list[EvidenceView]) -> str:
    """Links and texts in one message; files are sent on their own."""
    lines = [short(piece.text or "", 600) for piece in evidence if piece.text]
    return t("evidence-texts", texts=short("\n".join(lines), EVIDENCE_SHOWN)) if lines else ""


def route_keyboard(
    t: Translator, route: RouteView, *, page: int, owner: bool, reviewer_menu: bool
) -> InlineKeyboardMarkup:
    """Items as buttons (a page at a time); editing while draft or returned (for the owner or their
    manager); approval for a manager while submitted; the way to the review menu for reviewers."""
    builder = InlineKeyboardBuilder()
    items = route.items[page * ITEMS_PER_PAGE : (page + 1) * ITEMS_PER_PAGE]
    for item in items:
        builder.button(text=item_button(item), callback_data=ItemAction(action="open", item=item.id))
    builder.adjust(1)
    pages = max(1, -(-len(route.items) // ITEMS_PER_PAGE))
    builder.attach(
        page_row(
            t,
            page,
            pages,
            lambda target: RouteAction(action="show", route=route.id, page=target),
            total=len(route.items),
            size=ITEMS_PER_PAGE,
        )
    )
    tools = InlineKeyboardBuilder()
    actions: list[tuple[str, str]] = []
    if route.editable:
        actions += [("route-add-catalogue", "catalogue"), ("route-add-own", "own"), ("route-submit", "submit")]
    if not owner and route.status == RouteStatus.SUBMITTED:
        actions += [("review-approve", "approve"), ("review-return", "return")]
    for key, action in actions:
        tools.button(text=t.plain(key), callback_data=RouteAction(action=action, route=route.id))
    if reviewer_menu:
        tools.button(text=t.plain("review-menu"), callback_data=RouteAction(action="review_menu"))
    tools.adjust(2)
    builder.attach(tools)
    # The owner's route is a top-level screen; a reviewer looking at someone's route came from the review menu.
    return with_nav(t, builder, back=None if owner else RouteAction(action="review_menu"))


def item_keyboard(t: Translator, item: ItemView, route: RouteView, *, owner: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if route.editable:
        builder.button(text=t.plain("item-edit"), callback_data=ItemAction(action="edit", item=item.id))
        builder.button(text=t.plain("item-remove"), callback_data=ItemAction(action="remove", item=item.id))
    active = route.status in (RouteStatus.APPROVED, RouteStatus.IN_PROGRESS)
    if owner and active and item.status in (ItemStatus.PLANNED, ItemStatus.RETURNED):
        builder.button(text=t.plain("item-report"), callback_data=ItemAction(action="report", item=item.id))
        builder.button(text=t.plain("item-move-deadline"), callback_data=ItemAction(action="deadline", item=item.id))
    if not owner and item.status == ItemStatus.REPORTED:
        builder.button(text=t.plain("item-confirm"), callback_data=ItemAction(action="confirm", item=item.id))
        builder.button(text=t.plain("item-return"), callback_data=ItemAction(action="return", item=item.id))
    builder.adjust(2)
    return with_nav(t, builder, back=RouteAction(action="show", route=route.id))
