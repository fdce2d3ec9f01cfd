"""The weekly digest: only the sections that have something in them, each with the button to its screen, and the
way to the menu and to the settings that turn it off or move it."""

from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.common.i18n import Translations, Translator
from handlers.common.keyboards import MenuAction, short
from handlers.common.navigation import with_nav
from handlers.indicators.format import mark, target_text, value_text
from services.delivery.digest_content import LISTED, Digest, EventLine


def render_digest(t: Translator, digest: Digest) -> str:
    parts = [t("digest-title")]
    if digest.my_events:
        parts.append(_events(t, "digest-my-events", digest.my_events))
    if digest.new_events:
        parts.append(_events(t, "digest-new-events", digest.new_events))
    if digest.items_due or digest.items_overdue:
        parts.append(t("digest-items", due=digest.items_due, overdue=digest.items_overdue))
    if digest.meetings_this_week or digest.silent_mentees:
        lines = [t("digest-mentoring", meetings=digest.meetings_this_week, silent=len(digest.silent_mentees))]
        lines += [t("digest-silent-line", name=name) for name in digest.silent_mentees[:LISTED]]
        parts.append("\n".join(lines))
    if digest.reports_waiting or digest.routes_waiting or digest.join_requests:
        parts.append(
            t(
                "digest-review",
                reports=digest.reports_waiting,
                routes=digest.routes_waiting,
                joins=digest.join_requests,
            )
        )
    if digest.headline:
        lines = [t("digest-indicators")]
        lines += [
            t(
                "digest-indicator-line",
                mark=mark(row),
                name=row.definition.short,
                value=value_text(t, row, row.value),
                target=target_text(t, row),
            )
            for row in digest.headline
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _events(t: Translator, key: str, events: list[EventLine]) -> str:
    lines = [t(key, count=len(events))]
    for event in events[:LISTED]:
        start = event.starts_at.astimezone(ZoneInfo(event.timezone))
        lines.append(t("digest-event-line", start=f"{start:%d.%m %H:%M}", title=short(event.title, 120)))
    if len(events) > LISTED:
        lines.append(t("digest-more", count=len(events) - LISTED))
    return "\n".join(lines)


def digest_keyboard(t: Translator, digest: Digest) -> InlineKeyboardMarkup:
    """A button to the screen behind each section the digest has (events, the route, mentoring, indicators), then
    the settings (where the digest is moved or turned off) and the menu."""
    sections = {
        "events": bool(digest.my_events or digest.new_events),
        "route": bool(digest.items_due or digest.items_overdue),
        "mentor": bool(digest.meetings_this_week or digest.silent_mentees),
        "indicators": bool(digest.headline),
        "settings": True,
    }
    builder = InlineKeyboardBuilder()
    for item, shown in sections.items():
        if shown:
            builder.button(text=t.plain(f"menu-{item}"), callback_data=MenuAction(item=item))
    builder.adjust(2)
    return with_nav(t, builder)


def digest_text(translations: Translations, digest: Digest) -> tuple[str, str]:
    """The digest in its recipient's language and its keyboard as JSON, for the scheduler's queue."""
    t = translations.get(digest.recipient.language)
    return render_digest(t, digest), digest_keyboard(t, digest).model_dump_json(exclude_none=True)
