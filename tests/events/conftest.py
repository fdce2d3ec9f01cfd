"""The people of the events conversation tests."""

import pytest

from tests.support.conversation import Harness, Person
from tests.support.factories import import_roster, join_with_consent, read_xlsx, roster_row, start_token, xlsx
from tests.support.route_setup import methodist_and_teacher


@pytest.fixture
async def cast(harness: Harness) -> tuple[Person, Person, Person]:
    """A methodist and two teachers of the same municipality."""
    methodist, first = await methodist_and_teacher(harness)
    replies = await import_roster(methodist, xlsx([roster_row("Орлова Ольга Игоревна", birth="01.02.1980")]))
    token = next(
        start_token(str(row[2])) for row in read_xlsx(replies[-1].file_data or b"") if row[1] == "Орлова Ольга Игоревна"
    )
    second = harness.person(502, "Ольга")
    await join_with_consent(second, token)
    return methodist, first, second
