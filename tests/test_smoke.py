from tests.conftest import ADMIN_ID
from tests.conversation import Harness, texts


async def test_admin_first_start_asks_consent_then_shows_menu(harness: Harness) -> None:
    admin = harness.person(ADMIN_ID, "Админ")
    replies = await admin.send("/start")
    assert "согласие" in texts(replies)
    replies = await admin.press("✅ Согласен(на)")
    print(replies)
    assert "Главное меню" in texts(replies)
