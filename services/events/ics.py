"""An event as an `.ics` file for the phone's calendar."""

from icalendar import Calendar as ICalendar
from icalendar import Event as ICalEvent

from services.events.events import EventCard


def ics_file(event: EventCard) -> bytes:
    """The event as an iCalendar file, so it lands in the phone's calendar."""
    calendar = ICalendar()
    calendar.add("prodid", "-//nms-bot//events//RU")
    calendar.add("version", "2.0")
    entry = ICalEvent()
    entry.add("uid", f"event-{event.id}@nms-bot")
    entry.add("dtstamp", event.starts_at)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    if event.place:
        entry.add("location", event.place)
    if event.description:
        entry.add("description", event.description)
    calendar.add_component(entry)
    return bytes(calendar.to_ical())
