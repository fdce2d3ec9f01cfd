"""ORM models of bulk delivery: news broadcasts and the outbox every bulk message goes through."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.models.people import Base, UtcDateTime, enum_column


class BroadcastStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # handed to Telegram; back to pending if the sender stops before the answer
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"  # the recipient blocked the bot
    SKIPPED = "skipped"  # nothing to send after all (an empty weekly digest), kept so it is not composed again


class Broadcast(Base):
    """A methodist's news item: the text (Telegram HTML of what they wrote), an optional photo or
    document, the audience as chosen, and where its progress is shown."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))  # the author's municipality (or region)
    text: Mapped[str] = mapped_column(Text)
    media_kind: Mapped[str | None] = mapped_column(String(10))  # "photo" or "document"
    file_id: Mapped[str | None] = mapped_column(String(300))
    audience: Mapped[str] = mapped_column(String(4000), default="{}")  # JSON of the chosen filter
    status: Mapped[BroadcastStatus] = mapped_column(enum_column(BroadcastStatus), default=BroadcastStatus.DRAFT)
    scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    recipients: Mapped[int] = mapped_column(default=0)
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None]
    # A message copied as it is (any kind: video, voice, album part…), e.g. an event's materials.
    copy_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    copy_message_id: Mapped[int | None]
    # An event's card attached under the text (HTML, as rendered when attached) and the keyboard every copy carries.
    card: Mapped[str | None] = mapped_column(Text)
    markup: Mapped[str | None] = mapped_column(Text)


class Delivery(Base):
    """One message to one chat. Written before sending starts; the key makes a second copy impossible."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)  # e.g. news:12:345, digest:2026-W48:7
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str | None] = mapped_column(Text)  # None: the broadcast's text
    markup: Mapped[str | None] = mapped_column(Text)  # inline keyboard as JSON
    # A photo or document of this message alone (a relayed file), `text` its caption; None: the broadcast's.
    media_kind: Mapped[str | None] = mapped_column(String(10))
    file_id: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[DeliveryStatus] = mapped_column(enum_column(DeliveryStatus), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
