"""Field types for callback data. Callback data is user input (a client can send any 64 bytes), so every
field is validated when the data is unpacked: a value outside its type fails the filter, and the press is
answered as a stale button by the fallback, before any service sees it."""

from typing import Annotated

from pydantic import Field

from services.numbers import ID_LIMIT

# A row id (see ID_LIMIT); 0 stands for "none" where a field has that default.
Id = Annotated[int, Field(ge=0, lt=ID_LIMIT)]
# A page number or a position in a short list shown on the screen.
Index = Annotated[int, Field(ge=0, lt=10_000)]
