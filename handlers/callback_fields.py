"""Field types for callback data. Callback data is user input (a client can send any 64 bytes), so every
field is validated when the data is unpacked: a value outside its type fails the filter, and the press is
answered as a stale button by the fallback, before any service sees it."""

from typing import Annotated

from pydantic import Field

# Our ids are INTEGER columns: 32-bit in PostgreSQL (a larger value is an error there, and ≥ 2**63 one
# in SQLite), so anything outside 0 ≤ id < 2**31 cannot name a row. 0 stands for "none" where a field
# has that default.
Id = Annotated[int, Field(ge=0, lt=2**31)]
# A page number or a position in a short list shown on the screen.
Index = Annotated[int, Field(ge=0, lt=10_000)]
