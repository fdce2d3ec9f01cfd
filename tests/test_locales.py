"""Every text the code asks for exists in every language, every text in the files is asked for, and the
files parse cleanly.

Keys are read off the code itself, in every sub-package: string literals shaped like a key, and
f-strings such as f"item-status-{status}". The values an f-string's placeholder takes come from our own
enums and constant tables: where one of them fills a key family at all, it must fill all of it, so a new
status gets its text or the test names it.
"""

import ast
import enum
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast
from fluent.syntax.visitor import Visitor

from handlers.common.i18n import LOCALES_DIR, Translations
from services.people.access import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "services")
KEY_SHAPE = re.compile(r"[a-z]+(?:-[a-z0-9]+)+")
NOT_KEYS = {"utf-8", "utf-8-sig", "utf-16-le", "tg-emoji", "tg-spoiler"}  # literals of that shape, not message ids
PLACEHOLDER = "[a-z0-9_]+"  # one enum value or table entry fills one placeholder


def parse(path: Path) -> fluent_ast.Resource:
    resource = FluentParser().parse(path.read_text(encoding="utf-8"))
    junk = [entry for entry in resource.body if isinstance(entry, fluent_ast.Junk)]
    assert not junk, f"{path.name} has unparsable entries: {[str(j.content)[:60] for j in junk]}"
    return resource


def message_ids(path: Path) -> set[str]:
    return {entry.id.name for entry in parse(path).body if isinstance(entry, fluent_ast.Message)}


def referenced_in_locale(path: Path) -> set[str]:
    """Messages another message embeds ({ other-message })."""
    found: set[str] = set()

    class References(Visitor):
        def visit_MessageReference(self, node: fluent_ast.MessageReference) -> None:
            found.add(node.id.name)

    References().visit(parse(path))
    return found


def code_trees() -> Iterator[ast.AST]:
    for folder in PACKAGES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield ast.parse(path.read_text(encoding="utf-8"))


def key_literals() -> set[str]:
    """Every string literal in our code shaped like a message id (e.g. "roster-rejected"), and every literal
    a translator is called with (t("profile"), t.plain("back"))."""
    found = set()
    for tree in code_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY_SHAPE.fullmatch(node.value):
                found.add(node.value)
            elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if called in ("t", "plain") and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
    return found - NOT_KEYS


def key_patterns() -> set[str]:
    """f-strings that build a message id, as regular expressions (f"reminder-{kind}" → reminder-[a-z0-9_]+)."""
    patterns = set()
    for tree in code_trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr) or not node.values:
                continue
            head = node.values[0]
            if not (isinstance(head, ast.Constant) and re.fullmatch(r"[a-z]+-[a-z0-9-]*", str(head.value))):
                continue
            parts = [re.escape(str(v.value)) if isinstance(v, ast.Constant) else PLACEHOLDER for v in node.values]
            patterns.add("".join(parts))
    return patterns


def value_sets() -> list[tuple[str, set[str]]]:
    """Our enums and module-level tuples of words: the values placeholders are filled from."""
    found: list[tuple[str, set[str]]] = []
    for package in PACKAGES:
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == info.name:
                    found.append((f"{info.name}.{name}", {str(member.value) for member in value}))
                elif (
                    isinstance(value, tuple)
                    and len(value) > 1
                    and all(isinstance(v, str) and re.fullmatch(PLACEHOLDER, v) for v in value)
                ):
                    found.append((f"{info.name}.{name}", set(value)))
    return found


def test_every_language_has_the_same_messages() -> None:
    ids = {path.stem: message_ids(path) for path in LOCALES_DIR.glob("*.ftl")}
    assert set(ids) == set(LANGUAGES)
    assert ids["ru"] == ids["en"], ids["ru"] ^ ids["en"]


def test_every_key_the_code_names_exists() -> None:
    known = message_ids(LOCALES_DIR / "ru.ftl")
    literals = key_literals()
    assert len(literals) > 50  # the scan itself works
    # A file problem code such as "bad-date" is shown as "problem-bad-date".
    assert not {key for key in literals if key not in known and f"problem-{key}" not in known}


def test_every_key_the_code_builds_exists_for_every_value() -> None:
    """A key family whose every key is a value of one enum or table (two keys at least) is filled from it
    (the smallest such, when several fit): every value of it must have its key."""
    known = message_ids(LOCALES_DIR / "ru.ftl")
    families = [pattern for pattern in key_patterns() if pattern.count(PLACEHOLDER) == 1]
    assert len(families) > 30  # the scan itself works
    sets = value_sets()
    missing = []
    for pattern in families:
        head, tail = (part.replace("\\", "") for part in pattern.split(PLACEHOLDER))
        filled = {key for key in known if re.fullmatch(pattern, key)}
        candidates = [(name, {f"{head}{value}{tail}" for value in values}) for name, values in sets]
        candidates = [(name, keys) for name, keys in candidates if len(filled) >= 2 and filled <= keys]
        if candidates:
            name, keys = min(candidates, key=lambda candidate: len(candidate[1]))
            missing += [f"{key} ({name})" for key in sorted(keys - filled)]
    assert not missing


def test_every_message_in_the_files_is_used() -> None:
    ru = LOCALES_DIR / "ru.ftl"
    literals, patterns, embedded = key_literals(), key_patterns(), referenced_in_locale(ru)
    unused = {
        key
        for key in message_ids(ru)
        if key not in literals
        and key not in embedded
        and key.removeprefix("problem-") not in literals
        and not any(re.fullmatch(pattern, key) for pattern in patterns)
    }
    assert not unused


def test_texts_format_without_errors_in_every_language() -> None:
    translations = Translations()
    for language in LANGUAGES:
        t = translations.get(language)
        assert t("roster-rejected", count=21)
        assert t("roster-new-schools", count=2, municipality="М")
        assert "&lt;script&gt;" in t("invite-linked", name="<script>")
        assert t.plain("invite-linked", name="<b>").count("<b>") == 2
