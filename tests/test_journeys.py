"""The taps the common journeys take (issue 16), on the seeded municipality: printed (run with -s) and held to
the numbers the README gives, so no journey grows longer unnoticed."""

from tests.support.conversation import Harness
from tests.support.journeys import JOURNEYS
from tests.support.seed import seed_municipality

# (taps, typed messages) at most; the README's "Taps for common journeys" gives the same numbers.
BOUNDS = {
    "teacher's route": (1, 0),
    "sign up for a seminar": (3, 0),
    "young specialist writes to the mentor": (2, 1),
    "mentor logs a meeting": (6, 2),
    "methodist sees the municipality's indicators": (1, 0),
    "approve a route": (2, 0),
    "confirm a report": (2, 0),
}


async def test_common_journeys_take_no_more_taps_than_the_readme_says(harness: Harness) -> None:
    cast = await seed_municipality(harness)
    counted = {name: await journey(cast) for name, journey in JOURNEYS.items()}
    print("\nTaps for common journeys (taps + typed messages):")
    for name, person in counted.items():
        print(f"  {name}: {person.taps} + {person.typed}")
    assert counted.keys() == BOUNDS.keys()
    longer = {
        name: (person.taps, person.typed)
        for name, person in counted.items()
        if person.taps > BOUNDS[name][0] or person.typed > BOUNDS[name][1]
    }
    assert longer == {}
    assert harness.telegram.refused == []
