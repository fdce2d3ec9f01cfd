"""The demo's communities with their members, and its news: sent ones with their delivery report and a
scheduled one, written by the communities and news services (and the outbox, as the sender would)."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.delivery.news import create_draft, schedule, send_now, set_audience
from services.delivery.news_audience import Audience
from services.delivery.news_reports import finish
from services.demo.cast import Cast
from services.models.delivery import Delivery
from services.models.indicators import CommunityLevel
from services.outbox import Outcome, record
from services.people.communities import create_community, set_membership

# (name, level, every n-th person of the roster joins, starting at)
COMMUNITIES = (
    ("ММО учителей математики", CommunityLevel.MUNICIPAL, 3, 0),
    ("ПОС «Цифровая школа»", CommunityLevel.NETWORK, 4, 1),
    ("Региональное УМО учителей русского языка и литературы", CommunityLevel.REGIONAL, 5, 2),
    ("Клуб молодых педагогов", CommunityLevel.MUNICIPAL, 1, 0),  # the young specialists
)
# (text in Telegram HTML, audience, days from now: sent in the past, scheduled in the future)
NEWS = (
    (
        "<b>Педагог года — 2026</b>\nОткрыт приём заявок на муниципальный этап конкурса. Заявки принимает ММС.",
        Audience("all"),
        -40,
    ),
    (
        "<b>Школа молодого педагога</b>\nПервое занятие прошло; материалы и запись у наставников. Следующее — в клубе.",
        Audience("young"),
        -22,
    ),
    (
        "<b>Диагностика профессиональных дефицитов</b>\nДо конца месяца пройдите региональную диагностику.",
        Audience("roles", ["teacher"]),
        -6,
    ),
    (
        "<b>Методическая весна</b>\nОткрыта запись на конференцию: выступления педагогов и мастер-классы.",
        Audience("all"),
        2,
    ),
)


async def fill_communities(session: AsyncSession, cast: Cast, now: datetime) -> None:
    """The methodist lists the communities a year ago; people join over the year, the invited teacher too."""
    for number, (name, level, step, first) in enumerate(COMMUNITIES):
        created = now - timedelta(days=360 - number)
        community = await create_community(session, actor=cast.office, name=name, level=level, now=created)
        young = step == 1
        members = [person for person in cast.people if person.young] if young else cast.people[first::step]
        for turn, person in enumerate(members):
            joined = (created + timedelta(days=10 + 7 * turn)).date()
            await set_membership(
                session, actor=cast.acting_as(person), community_id=community.id, member=True, today=joined
            )


async def fill_news(session: AsyncSession, cast: Cast, now: datetime) -> None:
    """The methodist's news: the past ones released and delivered (the sender's answers written as it
    writes them), the coming one scheduled."""
    for html, audience, days in NEWS:
        at = now + timedelta(days=days)
        written = min(at, now) - timedelta(hours=2)
        draft = await create_draft(session, actor=cast.office, html=html, media_kind=None, file_id=None, now=written)
        await set_audience(session, actor=cast.office, broadcast_id=draft.id, audience=audience, today=written.date())
        if days > 0:
            await schedule(
                session,
                actor=cast.office,
                broadcast_id=draft.id,
                at=at,
                progress_chat_id=cast.office.tg_id,
                now=written,
            )
            continue
        await send_now(session, actor=cast.office, broadcast_id=draft.id, progress_chat_id=cast.office.tg_id, now=at)
        deliveries = await session.scalars(select(Delivery.id).where(Delivery.broadcast_id == draft.id))
        await record(session, [Outcome(delivery_id, "sent") for delivery_id in deliveries], now=at)
        await finish(session, broadcast_id=draft.id, now=at + timedelta(minutes=1))
