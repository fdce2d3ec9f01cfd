"""/settings switches the language of texts, buttons and the command menu."""

from tests.conftest import ADMIN_ID
from tests.support.conversation import Harness, ru, texts
from tests.support.factories import join_with_consent


async def test_switching_to_english_changes_texts_buttons_and_commands(harness: Harness) -> None:
    admin = harness.person(ADMIN_ID, "Admin")
    await join_with_consent(admin)
    await admin.send("/settings")
    settings = admin.last
    replies = await admin.press_key("language-en")
    # The settings are redrawn in place in the new language, with the way to the (English) menu.
    assert replies[-1].method == "EditMessageText" and replies[-1].message_id == settings.message_id
    assert "Language: English." in replies[-1].text and "<b>Settings</b>" in replies[-1].text
    assert "🏠 Menu" in replies[-1].buttons()
    replies = await admin.press("🏠 Menu")
    assert "Main menu" in replies[-1].text
    assert "🏛 Municipalities" in replies[-1].buttons()
    assert "orgs" in harness.telegram.commands[ADMIN_ID]
    replies = await admin.send("/help")
    assert "What the bot does" in texts(replies)
    await admin.send("/settings")
    replies = await admin.press_key("language-ru")
    assert ru("settings-language-set") in texts(replies)


async def test_english_telegram_client_starts_in_english(harness: Harness) -> None:
    person = harness.person(555, "Jane", language_code="en")
    replies = await person.send("/start")
    assert "consent to the processing of your personal data" in texts(replies)


async def test_forged_language_code_is_refused(harness: Harness) -> None:
    await join_with_consent(harness.person(ADMIN_ID))
    replies = await harness.person(ADMIN_ID).tap("lang:xx")
    assert replies[-1].alert


async def test_unknown_text_gets_a_hint(harness: Harness) -> None:
    replies = await harness.person(777).send("привет")
    assert "/help" in texts(replies)
