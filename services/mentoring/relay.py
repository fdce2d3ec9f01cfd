"""Messages between a pair's mentor and mentee, through the bot: no personal account is shown, and a text, photo
or document goes to the outbox, so the sender delivers it paced like every other message, after a restart too."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import InvalidInput
from services.mentoring.pairs import PairView, PersonCard, pair_for, pair_view, pairs_of
from services.outbox import NewDelivery, enqueue
from services.people.access import Actor

MAX_RELAYED = 3500  # leaves room in one Telegram message (4096) for the line naming the sender
MAX_CAPTION = 900  # a file's caption, with the line naming the sender, within Telegram's 1024

# The text for the receiver: (the pair, the sender, the receiver) -> the delivery.
RelayNotice = Callable[[PairView, PersonCard, PersonCard], NewDelivery]


async def relay_text(
    session: AsyncSession,
    *,
    actor: Actor,
    pair_id: int,
    text: str,
    now: datetime,
    notice: RelayNotice,
    with_file: bool = False,
) -> PersonCard:
    """Queue the actor's text (or file with its caption, `text`) to the other side of their active pair, in this
    one transaction; returns who will get it. Refused when the other side has not joined the bot (nothing is kept
    then)."""
    pair, is_mentor = await pair_for(session, actor=actor, pair_id=pair_id)
    text = text.strip()
    limit = MAX_CAPTION if with_file else MAX_RELAYED
    if (not text and not with_file) or len(text) > limit:
        raise InvalidInput("relay-too-long", limit=limit)
    view = await pair_view(session, pair)
    sender, receiver = (view.mentor, view.mentee) if is_mentor else (view.mentee, view.mentor)
    if receiver.tg_id is None:
        raise InvalidInput("relay-not-joined", name=receiver.full_name)
    await enqueue(session, [notice(view, sender, receiver)], now=now)
    await session.commit()
    return receiver


async def pairs_with(session: AsyncSession, *, person_id: int) -> list[tuple[PairView, bool]]:
    """The person's active pairs, each with whether they are its mentor: whom they can write to."""
    mentors = await pairs_of(session, person_id=person_id, as_mentor=False)
    mentees = await pairs_of(session, person_id=person_id, as_mentor=True)
    return [(pair, False) for pair in mentors] + [(pair, True) for pair in mentees]
