"""Which characters of a text a mention has taken already.

Matchers keep the first (or best) of overlapping matches. Testing each new match against every
match kept so far made a name-dense text quadratic (48,000 names: 55 s); a mark per character
makes each test cost the length of the match instead.
"""

from __future__ import annotations

_TAKEN = 1


class Occupied:
    def __init__(self, length: int) -> None:
        self._marks = bytearray(length)

    def free(self, start: int, end: int) -> bool:
        """No character of [start, end) is taken."""
        return self._marks.find(_TAKEN, start, end) == -1

    def take(self, start: int, end: int) -> None:
        end = min(end, len(self._marks))
        if end > start:
            self._marks[start:end] = bytes([_TAKEN]) * (end - start)

    def claim(self, start: int, end: int) -> bool:
        """Take [start, end) when it is free; whether it was."""
        if not self.free(start, end):
            return False
        self.take(start, end)
        return True
