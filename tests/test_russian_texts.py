"""The Russian texts read as a native editor writes them: counts agree with their nouns through Fluent
plurals, and nobody is addressed as «записал(а)» or told «30 дн.»."""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

from fluent.syntax import FluentParser
from fluent.syntax import ast as fl

from handlers.common.i18n import LOCALES_DIR, Translations
from handlers.common.time_zones import zone_name
from handlers.indicators.format import period_text
from services.indicators.calculation import PERIOD_KINDS, period_of

# Placeholders that carry a count, by name. A count either goes through a plural selector on itself
# (`{ $n -> [one] … [few] … *[many] … }`; Fluent terms take no variables, so each text has its own), or
# stands alone after a label («Добавлено: 5», «отчётов — 2», «3 из 5», «до 300») or before a unit that
# does not decline («мин», «МБ»). Ordinals and identifiers (№ id, line, page, position, number, year)
# are not counts. A new placeholder must be put in one of the two sets: that is the decision asked for.
COUNTS = frozenset(
    {
        "active", "added", "attended", "capacity", "count", "counted", "covered", "created", "days",
        "denominator", "done", "due", "failed", "hours", "joins", "left", "length", "limit", "meetings",
        "members", "mentees", "mentors", "minutes", "month_no", "more", "no_show", "numerator", "of", "overdue",
        "promoted", "quarter", "rate", "registered", "reports", "routes", "rows", "schools", "sent", "silent",
        "skipped", "taken", "total", "unchanged", "updated", "waitlisted", "young_paired", "young_total",
    }
)  # fmt: skip
NOT_COUNTS = frozenset(
    {
        "action", "area", "areas", "at", "button", "command", "first", "last", "what",
        "code", "column", "comment", "counts", "date", "day", "deadline",
        "deficits", "description", "diagnostic", "end", "entered", "format", "hour", "id", "kind", "late",
        "level", "line", "link", "mark", "mentee", "mentor", "month", "months", "municipality", "name", "names",
        "next", "no", "notes", "number", "operator", "org", "org_type", "page", "pages", "period", "place",
        "policy", "position", "problem", "reading", "registry", "result", "role", "roles", "school", "scope",
        "shift", "start", "state", "status", "subjects", "target", "text", "texts", "timezone", "title",
        "topic", "until", "value", "when", "who", "year", "young",
        "share",
    }
)  # fmt: skip
UNITS = ("мин", "МБ", "сообщ./с", "%")
LABEL_ENDS = (":", "—", "(", "№", "/", "≈", "·", " из", " до", " от", " ещё")
GENDER_GUESSES = re.compile(r"\w\((а|ла|ась|ей|на|ая)\)")
DAYS_ABBREVIATION = re.compile(r"(?<!\w)дн\.")
TAG = re.compile(r"<[^>]+>")
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]")


def entries() -> Iterator[fl.Message | fl.Term]:
    resource = FluentParser().parse((LOCALES_DIR / "ru.ftl").read_text(encoding="utf-8"))
    yield from (entry for entry in resource.body if isinstance(entry, fl.Message | fl.Term))


def patterns(entry: fl.Message | fl.Term) -> Iterator[fl.Pattern]:
    if entry.value is not None:
        yield entry.value
    yield from (attribute.value for attribute in entry.attributes)


def texts(pattern: fl.Pattern) -> Iterator[str]:
    for element in pattern.elements:
        if isinstance(element, fl.TextElement):
            yield element.value
        elif isinstance(element.expression, fl.SelectExpression):
            for variant in element.expression.variants:
                yield from texts(variant.value)


def placeholders(pattern: fl.Pattern) -> Iterator[str]:
    for element in pattern.elements:
        if isinstance(element, fl.Placeable):
            expression = element.expression
            if isinstance(expression, fl.VariableReference):
                yield expression.id.name
            elif isinstance(expression, fl.SelectExpression):
                if isinstance(expression.selector, fl.VariableReference):
                    yield expression.selector.id.name
                for variant in expression.variants:
                    yield from placeholders(variant.value)


def bare_counts(pattern: fl.Pattern, selected: frozenset[str] = frozenset()) -> Iterator[str]:
    """Counts a text puts next to a word that must agree with them, with no plural selector on them."""
    elements = pattern.elements
    for index, element in enumerate(elements):
        if not isinstance(element, fl.Placeable):
            continue
        expression = element.expression
        if isinstance(expression, fl.SelectExpression):
            chosen = selected
            if isinstance(expression.selector, fl.VariableReference):
                chosen = selected | {expression.selector.id.name}
            for variant in expression.variants:
                yield from bare_counts(variant.value, chosen)
        elif isinstance(expression, fl.VariableReference):
            name = expression.id.name
            if name not in COUNTS or name in selected:
                continue
            before = _text_at(elements, index - 1)
            after = _text_at(elements, index + 1)
            if not _stands_alone(before, after):
                yield f"{before[-25:]}{{ ${name} }}{after[:25]}"


def _text_at(elements: list[fl.TextElement | fl.Placeable], index: int) -> str:
    element = elements[index] if 0 <= index < len(elements) else None
    return element.value if isinstance(element, fl.TextElement) else ""


def _stands_alone(before: str, after: str) -> bool:
    after = TAG.sub("", after.split("\n", 1)[0]).lstrip()  # the same line only
    if after.startswith(UNITS):
        return True
    if CYRILLIC_WORD.match(after) and not after.startswith("из "):
        return False  # «2 получателей»: the noun must agree, so a plural selector is needed
    before = TAG.sub("", before.rsplit("\n", 1)[-1]).rstrip()
    return not before or before.endswith(LABEL_ENDS)  # not «уже были 1», «записано 1»


def test_no_gender_guesses_and_no_abbreviated_days() -> None:
    found = [
        f"{entry.id.name}: {text.strip()[:60]}"
        for entry in entries()
        for pattern in patterns(entry)
        for text in texts(pattern)
        if GENDER_GUESSES.search(text) or DAYS_ABBREVIATION.search(text)
    ]
    assert not found


def test_every_count_next_to_a_noun_or_verb_goes_through_a_plural_selector() -> None:
    found = [f"{entry.id.name}: {where}" for entry in entries() for p in patterns(entry) for where in bare_counts(p)]
    assert not found


def test_every_placeholder_is_known_to_be_a_count_or_not() -> None:
    names = {name for entry in entries() for pattern in patterns(entry) for name in placeholders(pattern)}
    assert not COUNTS & NOT_COUNTS
    assert names - COUNTS - NOT_COUNTS == set()


def test_the_checks_catch_what_they_are_for() -> None:
    resource = FluentParser().parse(
        "a = уже были { $skipped }\n"
        "b = { $count } получателей\n"
        "c = действует 30 дн.\n"
        "d = записал(а)\n"
        "e = Добавлено: { $count }, ещё ≈ { $minutes } мин\n"
        "f = { $count ->\n    [one] { $count } получатель\n   *[other] { $count } получателей\n}\n"
    )
    messages = {entry.id.name: entry for entry in resource.body if isinstance(entry, fl.Message)}
    assert [len(list(bare_counts(messages[key].value))) for key in "abef"] == [1, 1, 0, 0]  # type: ignore[arg-type]
    assert all(
        GENDER_GUESSES.search(t) or DAYS_ABBREVIATION.search(t)
        for key in "cd"
        for t in texts(messages[key].value)  # type: ignore[arg-type]
    )


def test_time_zones_are_named_from_moscow() -> None:
    t = Translations().get("ru")
    winter = datetime(2026, 12, 1, tzinfo=UTC)
    zones = ("Europe/Moscow", "Asia/Krasnoyarsk", "Europe/Kaliningrad", "Asia/Kamchatka")
    assert [zone_name(t, zone, winter) for zone in zones] == ["время московское", "МСК+4", "МСК−1", "МСК+9"]


def test_periods_are_named_as_people_say_them() -> None:
    t, today = Translations().get("ru"), date(2026, 11, 23)
    periods = [period_text(t, kind, period_of(kind, today)) for kind in PERIOD_KINDS]
    assert periods == ["ноябрь 2026", "IV квартал 2026", "2026/27 учебный год", "2026 год"]
    assert period_text(t, "quarter", period_of("quarter", today, back=3)) == "I квартал 2026"
