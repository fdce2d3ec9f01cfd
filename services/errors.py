"""Domain errors. Each carries the locale key that explains it to a person.

DomainError
 ├── Forbidden        the actor lacks the role or the scope
 ├── NotFound         no such object (or not visible to the actor)
 ├── InviteRefused    unknown, used, expired or someone else's invite
 ├── AlreadyDecided   a join request someone has already approved or rejected
 ├── InvalidInput     a value a person typed or chose is not acceptable
 ├── RosterRejected   a roster file that cannot be imported (unreadable or with bad rows)
 └── ConversationLost a step of a conversation whose earlier answers are no longer stored
"""

from dataclasses import dataclass
from typing import Any


class DomainError(Exception):
    key = "error-generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key, params)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as it is (a file's reading raises these in the worker process): the default would call
        `__init__` again with `args`, which subclasses take differently."""
        return _restored, (type(self), self.args, self.__dict__)


def _restored(kind: type[DomainError], args: tuple[Any, ...], state: dict[str, Any]) -> DomainError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


class Forbidden(DomainError):
    key = "error-forbidden"


class NotFound(DomainError):
    key = "error-not-found"


class InviteRefused(DomainError):
    key = "invite-unknown"


class AlreadyDecided(DomainError):
    key = "join-already-decided"


class InvalidInput(DomainError):
    key = "error-invalid-input"


@dataclass(frozen=True)
class RowProblem:
    """What is wrong in one cell of an imported file: `code` is a locale key suffix."""

    line: int
    column: str
    code: str
    value: str = ""


class RosterRejected(DomainError):
    """`problems` keeps the first MAX_REPORTED (the report a person can use); `total` counts them all."""

    key = "roster-rejected"
    MAX_REPORTED = 1_000

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(count=len(problems))
        self.problems = problems[: self.MAX_REPORTED]
        self.total = len(problems)


class ConversationLost(DomainError):
    key = "door-conversation-lost"
