"""Reporting a route item done: evidence checks and the move to review."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import Forbidden, InvalidInput
from services.models.routes import Evidence, EvidenceKind, ItemStatus, Route, RouteItem, RouteStatus
from services.people.access import Actor
from services.routes.routes import RouteView, item_and_route, log_event, route_view
from services.routes.submission import ReviewNotice, ask_reviewers

MAX_EVIDENCE_TEXT = 2000
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download
EVIDENCE_EXTENSIONS = (
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".xls",
    ".xlsx",
    ".ods",
    ".ppt",
    ".pptx",
    ".odp",
    ".jpg",
    ".jpeg",
    ".png",
    ".txt",
    ".zip",
)
ACTIVE = (RouteStatus.APPROVED, RouteStatus.IN_PROGRESS)


@dataclass(frozen=True)
class EvidenceIn:
    """One piece of evidence as it arrived: a Telegram file, a link or a text."""

    kind: EvidenceKind
    file_id: str | None = None
    file_name: str | None = None
    file_size: int | None = None
    text: str | None = None


def check_evidence(evidence: EvidenceIn) -> EvidenceIn:
    """Refuse what we cannot keep or open: huge files, unknown document types, empty or huge texts, bad links."""
    if evidence.kind in (EvidenceKind.DOCUMENT, EvidenceKind.PHOTO):
        if (evidence.file_size or 0) > MAX_EVIDENCE_BYTES:
            raise InvalidInput("evidence-too-big", limit=MAX_EVIDENCE_BYTES // (1024 * 1024))
        name = (evidence.file_name or "").lower()
        if evidence.kind == EvidenceKind.DOCUMENT and not name.endswith(EVIDENCE_EXTENSIONS):
            raise InvalidInput("evidence-wrong-type")
        return evidence
    text = (evidence.text or "").strip()
    if not text or len(text) > MAX_EVIDENCE_TEXT:
        raise InvalidInput("evidence-bad-text", limit=MAX_EVIDENCE_TEXT)
    if evidence.kind == EvidenceKind.LINK and (" " in text or not text.startswith(("http://", "https://"))):
        raise InvalidInput("evidence-bad-link")
    return EvidenceIn(evidence.kind, text=text)


async def open_item(session: AsyncSession, *, actor: Actor, item_id: int) -> tuple[RouteItem, Route]:
    """An item of the actor's own approved route that is still to be done (planned or returned): the one they may
    report or ask to move."""
    item, route = await item_and_route(session, item_id)
    if actor.person_id != route.person_id:
        raise Forbidden()
    if route.status not in ACTIVE:
        raise InvalidInput("route-not-approved")
    if item.status not in (ItemStatus.PLANNED, ItemStatus.RETURNED):
        raise InvalidInput("item-already-reported")
    return item, route


async def report_item(
    session: AsyncSession,
    *,
    actor: Actor,
    item_id: int,
    evidence: list[EvidenceIn],
    now: datetime,
    notice: ReviewNotice,
) -> RouteView:
    """The owner reports an item done with evidence; it waits for a reviewer, who is told."""
    item, route = await open_item(session, actor=actor, item_id=item_id)
    if not evidence:
        raise InvalidInput("evidence-missing")
    for piece in map(check_evidence, evidence):
        session.add(
            Evidence(
                item_id=item.id,
                kind=piece.kind,
                file_id=piece.file_id,
                file_name=piece.file_name,
                text=piece.text,
                created_at=now,
            )
        )
    item.status, item.reported_at, item.comment = ItemStatus.REPORTED, now, None
    route.status = RouteStatus.IN_PROGRESS
    log_event(session, route, item, actor, "reported", None, now)
    await ask_reviewers(session, actor=actor, route=route, notice=notice, now=now, item=item)
    await session.commit()
    return await route_view(session, route, actor, now.date())
