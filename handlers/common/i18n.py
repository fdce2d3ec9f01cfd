"""Translations from `locales/*.ftl` (Project Fluent); Russian first, English second."""

import html
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DEFAULT_LANGUAGE = "ru"
# Fluent refuses a value longer than 2 500 characters (fluent.runtime's MAX_PART_LENGTH), and no message
# holds more than 4 096: a person's text longer than this is cut, the cut marked.
PARAM_LIMIT = 2000
CUT = "…"


class Translator:
    """Formats messages of one language. `t(key)` is HTML-safe, `t.plain(key)` is for buttons and files."""

    def __init__(self, language: str, bundle: FluentBundle) -> None:
        self.language = language
        self._bundle = bundle

    def __call__(self, key: str, **params: Any) -> str:
        # Every text is sent with parse_mode=HTML, so every value put into it is escaped here, once.
        safe = {name: _escaped(value) if isinstance(value, str) else value for name, value in params.items()}
        return self._format(key, safe)

    def plain(self, key: str, **params: Any) -> str:
        cut = {name: _cut(value) if isinstance(value, str) else value for name, value in params.items()}
        return self._format(key, cut)

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)

    def _format(self, key: str, params: dict[str, Any]) -> str:
        message = self._bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        text, errors = self._bundle.format_pattern(message.value, params)
        if errors:
            raise errors[0]
        return str(text)


def _escaped(value: str) -> str:
    """The value as HTML, at most PARAM_LIMIT characters of it."""
    escaped = html.escape(value, quote=False)
    if len(escaped) <= PARAM_LIMIT:
        return escaped
    pieces, size = [], len(CUT)
    for char in value:
        piece = html.escape(char, quote=False)
        size += len(piece)
        if size > PARAM_LIMIT:
            break
        pieces.append(piece)
    return "".join(pieces) + CUT


def _cut(value: str) -> str:
    return value if len(value) <= PARAM_LIMIT else value[: PARAM_LIMIT - len(CUT)] + CUT


class Translations:
    """All languages, loaded once at start."""

    def __init__(self, directory: Path = LOCALES_DIR) -> None:
        self._translators: dict[str, Translator] = {}
        for path in sorted(directory.glob("*.ftl")):
            bundle = FluentBundle([path.stem], use_isolating=False)
            bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            self._translators[path.stem] = Translator(path.stem, bundle)

    def get(self, language: str) -> Translator:
        return self._translators.get(language) or self._translators[DEFAULT_LANGUAGE]
