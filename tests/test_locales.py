"""Every text the code asks for exists in every language, and the files parse cleanly."""

import ast
import re
from pathlib import Path

from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast

from bot.i18n import LOCALES_DIR, Translations
from handlers.diagnostics import DIAGNOSTIC_KINDS
from handlers.event_admin import AUDIENCES
from handlers.menu import ROLE_BUTTONS, ROLE_COMMANDS
from services.access import LANGUAGES
from services.broadcasts import AUDIENCE_KINDS, ROLE_CHOICES
from services.diagnostics import LEVELS
from services.event_models import EventKind, RegistrationStatus
from services.event_reminders import LEADS
from services.events import EDITABLE_EVENT_FIELDS
from services.indicator_models import CommunityLevel
from services.indicators import PERIOD_KINDS
from services.mentoring_models import MeetingStatus, PairKind, PairStatus
from services.models import Role
from services.outbox_models import BroadcastStatus
from services.reminders import KINDS
from services.route_models import ActivityKind, Area, ItemStatus, RouteStatus
from services.routes import EDITABLE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
KEY_SHAPE = re.compile(r"[a-z]+(?:-[a-z0-9]+)+")
NOT_KEYS = {"utf-8", "utf-8-sig", "tg-spoiler", "tg-emoji"}  # literals of that shape that are not message ids


def message_ids(path: Path) -> set[str]:
    resource = FluentParser().parse(path.read_text(encoding="utf-8"))
    junk = [entry for entry in resource.body if isinstance(entry, fluent_ast.Junk)]
    assert not junk, f"{path.name} has unparsable entries: {[str(j.content)[:60] for j in junk]}"
    return {entry.id.name for entry in resource.body if isinstance(entry, fluent_ast.Message)}


def key_literals_in_code() -> set[str]:
    """Every string literal in our code shaped like a message id (e.g. "roster-rejected")."""
    found = set()
    for folder in ("bot", "handlers", "services"):
        for path in (ROOT / folder).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY_SHAPE.fullmatch(node.value):
                    found.add(node.value)
    return found - NOT_KEYS


def keys_built_in_code() -> set[str]:
    """Keys the code composes from data: roles, menu items, commands, languages."""
    keys = {f"role-{role.value}" for role in Role} | {"role-teacher", "role-none"}
    keys |= {f"help-{role.value}" for role in Role} | {"help-teacher"}
    keys |= {f"menu-{item}" for items in ROLE_BUTTONS.values() for item in items}
    keys |= {f"cmd-{name}" for names in ROLE_COMMANDS.values() for name in names}
    keys |= {f"language-{code}" for code in LANGUAGES}
    keys |= {f"area-{area.value}" for area in Area} | {f"kind-{kind.value}" for kind in ActivityKind}
    keys |= {f"item-status-{status.value}" for status in ItemStatus}
    keys |= {f"route-status-{status.value}" for status in RouteStatus}
    keys |= {f"register-col-{index}" for index in range(13)} | {f"self-assessment-{value}" for value in range(1, 5)}
    actions = ("created", "submitted", "approved", "returned", "reported", "confirmed", "item_returned", "implemented")
    keys |= {f"reminder-{kind}" for kind in KINDS}
    keys |= {f"event-kind-{kind.value}" for kind in EventKind} | {f"registration-{s.value}" for s in RegistrationStatus}
    keys |= {f"event-audience-{audience}" for audience in AUDIENCES}
    keys |= {f"event-reminder-{kind}" for kind in LEADS}
    keys |= {f"pair-kind-{kind.value}" for kind in PairKind} | {f"meeting-{s.value}" for s in MeetingStatus}
    keys |= {f"meeting-{value}" for value in ("offline", "online")} | {f"pair-status-{s.value}" for s in PairStatus}
    keys |= {f"nudge-{kind}" for kind in ("mentor", "managers", "result")}
    keys |= {f"mentor-card-{action}" for action in ("write", "meeting", "plan")}
    keys |= {f"meeting-edit-{action}" for action in ("topic", "notes", "delete")}
    keys |= {f"meeting-ask-{field}" for field in ("topic", "notes")} | {
        f"plan-{a}" for a in ("add", "remove", "propose")
    }
    keys |= {f"news-line-{s.value}" for s in BroadcastStatus} | {f"news-audience-{kind}" for kind in AUDIENCE_KINDS}
    keys |= {f"news-role-{role}" for role in ROLE_CHOICES} | {f"news-choose-{k}" for k in AUDIENCE_KINDS[1:4]}
    keys |= {"news-choose-event"}
    keys |= {f"news-{step}" for step in ("now", "later", "cancel")}
    keys |= {f"weekday-{n}" for n in range(7)}
    keys |= {f"period-kind-{kind}" for kind in PERIOD_KINDS} | {f"period-{kind}" for kind in PERIOD_KINDS}
    keys |= {f"community-level-{level.value}" for level in CommunityLevel}
    keys |= {f"indicators-pick-{kind}" for kind in ("municipality", "region")}
    keys |= {f"communities-{action}-done" for action in ("join", "leave")}
    keys |= {f"indicator-ask-{action}" for action in ("target", "manual")}
    keys |= {f"plan-template-{n}" for n in range(9)} | {f"month-{n}" for n in range(1, 13)}
    keys |= {f"pair-{action}" for action in ("complete", "dissolve")}
    keys |= {f"pairs-col-{n}" for n in range(9)} | {f"meetings-col-{n}" for n in range(9)}
    keys |= {f"event-edit-{field}" for field in EDITABLE_EVENT_FIELDS}
    keys |= {f"event-edit-ask-{field}" for field in EDITABLE_EVENT_FIELDS}
    keys |= {f"edit-{field}" for field in EDITABLE_FIELDS} | {f"edit-ask-{field}" for field in EDITABLE_FIELDS}
    keys |= {f"level-{level}" for level in LEVELS} | {f"diagnostic-kind-{kind}" for kind in DIAGNOSTIC_KINDS}
    return keys | {f"history-{action}" for action in actions}


def test_every_language_has_the_same_messages() -> None:
    ids = {path.stem: message_ids(path) for path in LOCALES_DIR.glob("*.ftl")}
    assert set(ids) == set(LANGUAGES)
    assert ids["ru"] == ids["en"], ids["ru"] ^ ids["en"]


def test_every_key_the_code_uses_exists() -> None:
    known = message_ids(LOCALES_DIR / "ru.ftl")
    literals = key_literals_in_code()
    assert len(literals) > 50  # the scan itself works
    # A file problem code such as "bad-date" is shown as "problem-bad-date".
    missing = {key for key in literals if key not in known and f"problem-{key}" not in known}
    assert not missing
    assert not keys_built_in_code() - known


def test_texts_format_without_errors_in_every_language() -> None:
    translations = Translations()
    for language in LANGUAGES:
        t = translations.get(language)
        assert t("roster-rejected", count=21)
        assert t("roster-new-schools", count=2, municipality="М")
        assert "&lt;script&gt;" in t("invite-linked", name="<script>")
        assert t.plain("invite-linked", name="<b>").count("<b>") == 2
