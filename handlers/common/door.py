"""Everything checked when an update arrives, before any handler runs.

- Text without U+0000 (which PostgreSQL cannot store).
- Private chats only: updates from bots, channels and chats posting as themselves (`sender_chat`)
  are dropped; in a group a command gets one line, "write to me privately", and nothing else runs,
  so no personal data is ever shown in a group. A tap on a message the bot can no longer see
  (InaccessibleMessage) is answered as a stale button.
- Consent (152-ФЗ): until a person has consented, only handlers flagged `BEFORE_CONSENT` run.
- Staff-only conversation states: a group marked `@staff_only(...)` is entered, and stays, only for
  people holding one of its roles.
- A /command ends any conversation in progress, so a person is never held in a form by what they type.
- A conversation whose stored answers are gone (expired, or never there) ends with "start again"
  instead of a KeyError in the middle of a handler.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiogram import BaseMiddleware, Bot
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.dispatcher.flags import get_flag
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    TelegramObject,
    Update,
    User,
)

from handlers.common.callback_answers import track_answers
from handlers.common.context import Ctx
from handlers.common.i18n import DEFAULT_LANGUAGE, Translations, Translator
from services.errors import ConversationLost, Forbidden
from services.models.people import Role
from services.people.access import LANGUAGES, Actor

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
Group = TypeVar("Group", bound=type[StatesGroup])

# The handler flag that lets a handler run before consent: `@router.message(..., flags={BEFORE_CONSENT: True})`.
BEFORE_CONSENT = "before_consent"

_staff_states: dict[str, frozenset[Role]] = {}


def staff_only(*roles: Role) -> Callable[[Group], Group]:
    """Mark a conversation (a StatesGroup) as open only to people holding one of `roles`."""

    def mark(group: Group) -> Group:
        _staff_states[group.__full_group_name__] = frozenset(roles)
        return group

    return mark


def staff_roles(state: str | None) -> frozenset[Role] | None:
    """The roles a state is reserved for, or None when anyone may be in it."""
    return _staff_states.get(state.split(":", 1)[0]) if state else None


def require_state_roles(actor: Actor, state: str | None) -> None:
    roles = staff_roles(state)
    if roles is not None and not any(actor.has(role) for role in roles):
        raise Forbidden()


class FormData(dict[str, Any]):
    """A conversation's stored answers: a missing one ends the conversation cleanly."""

    def __missing__(self, key: str) -> Any:
        raise ConversationLost()


class GuardedState(FSMContext):
    """The FSM context handlers get: setting a staff-only state checks the person's roles first, and
    the stored answers come as FormData."""

    def __init__(self, state: FSMContext, actor: Actor) -> None:
        super().__init__(storage=state.storage, key=state.key)
        self.actor = actor

    async def set_state(self, state: str | State | None = None) -> None:
        require_state_roles(self.actor, state.state if isinstance(state, State) else state)
        await super().set_state(state)

    async def get_data(self) -> FormData:
        return FormData(await super().get_data())


class PrivateChatsOnly(BaseMiddleware):
    """An outer middleware on updates: lets through only people writing in their private chat."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        track_answers()
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if user is None or user.is_bot:  # a channel post, an anonymous group admin, another bot
            return UNHANDLED
        t = _translator(data["translations"], user)
        if (callback := event.callback_query) is not None:
            if not isinstance(callback.message, Message):  # inline, deleted or too old to be seen
                await callback.answer(t.plain("stale-button"), show_alert=True)
                return UNHANDLED
            if callback.message.chat.type != "private":
                await callback.answer(t.plain("door-private-only"), show_alert=True)
                return UNHANDLED
            return await handler(event, data)
        if chat is None or chat.type != "private":
            if event.message is not None and await _is_our_command(event.message, data["bot"]):
                await _say_write_privately(event.message, data["bot"], t)
            return UNHANDLED
        if event.message is not None and event.message.sender_chat is not None:
            return UNHANDLED
        if event.message is not None and "\x00" in (event.message.text or event.message.caption or ""):
            event = event.model_copy(update={"message": _without_nul(event.message)})
        if event.message is not None and _is_command(event.message) and data.get("raw_state") is not None:
            await data["state"].clear()
            data["raw_state"] = None  # what state filters read: the command's handler sees no conversation
        return await handler(event, data)


def _is_command(message: Message) -> bool:
    entities = message.entities or []
    return any(entity.type == "bot_command" and entity.offset == 0 for entity in entities)


def _without_nul(message: Message) -> Message:
    """PostgreSQL cannot store U+0000 in text, and nobody means one: it is dropped before any handler."""
    cleaned = {field: value.replace("\x00", "") for field in ("text", "caption") if (value := getattr(message, field))}
    return message.model_copy(update=cleaned)


async def _is_our_command(message: Message, bot: Bot) -> bool:
    """A /command typed by a person (not posted as a chat), to no bot or to this bot by name."""
    if message.sender_chat is not None or not (message.text or "").startswith("/"):
        return False
    command = (message.text or "").split(maxsplit=1)[0]
    _, _, addressee = command.partition("@")
    return not addressee or addressee.lower() == ((await bot.me()).username or "").lower()


def _translator(translations: Translations, user: User) -> Translator:
    """The language Telegram reports for the person: the door answers before their account is read."""
    return translations.get(user.language_code if user.language_code in LANGUAGES else DEFAULT_LANGUAGE)


async def _say_write_privately(message: Message, bot: Bot, t: Translator) -> None:
    link = f"https://t.me/{(await bot.me()).username}"
    button = InlineKeyboardButton(text=t.plain("door-open-private"), url=link)
    await message.reply(t("door-private-only"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]]))


class HandlerGate(BaseMiddleware):
    """An inner middleware on messages and button presses, run once the handler is chosen: consent
    first, then the roles of the conversation the person is in."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        ctx: Ctx = data["ctx"]
        if not ctx.actor.consented and not get_flag(data, BEFORE_CONSENT):
            if isinstance(event, CallbackQuery):
                await event.answer(ctx.t.plain("door-consent-first"), show_alert=True)
            elif isinstance(event, Message):
                await event.answer(ctx.t("door-consent-first"))
            return None  # handled: no other handler is tried
        state: FSMContext | None = data.get("state")
        if state is not None:
            if staff_roles(current := await state.get_state()) is not None:
                try:
                    require_state_roles(ctx.actor, current)
                except Forbidden:
                    await state.clear()  # a role taken away mid-conversation: the conversation ends
                    raise
            data["state"] = state = GuardedState(state, ctx.actor)
        try:
            return await handler(event, data)
        except ConversationLost:
            if state is not None:
                await state.clear()
            raise
