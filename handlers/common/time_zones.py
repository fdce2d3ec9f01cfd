"""A time zone as people in Russia name it: «время московское», «МСК+4», from the IANA zone's offset."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.common.i18n import Translator

MOSCOW_OFFSET = timedelta(hours=3)


def zone_name(t: Translator, timezone: str, at: datetime) -> str:
    """The zone's offset from Moscow at a moment (offsets change in history, so the moment matters)."""
    offset = (at.astimezone(ZoneInfo(timezone)).utcoffset() or timedelta()) - MOSCOW_OFFSET
    if not offset:
        return t.plain("timezone-moscow")
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return t.plain("timezone-msk", shift=f"{sign}{hours}" + (f":{rest:02d}" if rest else ""))
