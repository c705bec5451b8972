"""Answers kept once made, for as long as the archive stays as it was: a page is a function of
what it was asked and of the archive, so a second request for it until the next write gets the
bytes the first one made (``/appearances`` groups and charts a year of activities: ~0.3 s at
100,000 dispatches; kept, well under a millisecond).

    cache = PageCache(store.generation, max_bytes=64 << 20)
    answer = cache.get_or_make(("html", "/appearances", ""), make)   # make() -> Answer, once

The archive's state is its change counter (store/generation.py: every write transaction adds
one), read at most every ``check_seconds``; when it moved, every kept answer is dropped. So a
correction or an ingest made by another process shows within that time, and one this process
made (``expire``) on the next request. Memory is bounded: past ``max_bytes`` the least recently
used answers go, and an answer larger than a sixteenth of it is not kept. Concurrent requests
for one missing answer wait for the first to make it rather than all making it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 64 << 20
CHECK_SECONDS = 1.0  # how stale a kept answer may be after another process wrote
_OVERHEAD = 256  # bytes an entry costs beyond its body (key, object headers), roughly


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes
    media_type: str

    @property
    def size(self) -> int:
        return len(self.body) + _OVERHEAD


class PageCache:
    """Answers keyed on what was asked, valid for one state of the archive (see the module)."""

    def __init__(
        self,
        read_generation: Callable[[], int],
        max_bytes: int = DEFAULT_MAX_BYTES,
        check_seconds: float = CHECK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_bytes = max_bytes
        self.check_seconds = check_seconds
        self._read_generation = read_generation
        self._clock = clock
        self._entries: OrderedDict[Hashable, Answer] = OrderedDict()
        self._bytes = 0
        self._generation: int | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        return self._bytes

    def expire(self) -> None:
        """Read the archive's state again on the next request (this process just wrote to it)."""
        with self._lock:
            self._checked_at = float("-inf")

    def generation(self) -> int:
        """The archive's state, read again when the last reading is older than ``check_seconds``;
        a new one drops every kept answer."""
        now = self._clock()
        with self._lock:
            if self._generation is not None and now - self._checked_at < self.check_seconds:
                return self._generation
        current = self._read_generation()  # a query: not under the lock
        with self._lock:
            if current != self._generation:
                self._entries.clear()
                self._bytes = 0
                self._generation = current
            self._checked_at = now
        return current

    def get_or_make(self, key: Hashable, make: Callable[[], Answer]) -> Answer:
        """The kept answer to ``key``, else ``make()``'s, kept for the archive's present state."""
        if not self.enabled:
            return make()
        generation = self.generation()
        found = self._get(key)
        if found is not None:
            return found
        with self._lock:
            gate = self._making.setdefault(key, threading.Lock())
        try:
            with gate:  # one request makes it; the others for the same key wait and find it kept
                found = self._get(key)
                if found is not None:
                    return found
                made = make()
                self._put(key, made, generation)
                return made
        finally:
            with self._lock:
                if self._making.get(key) is gate:
                    del self._making[key]

    def _get(self, key: Hashable) -> Answer | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def _put(self, key: Hashable, answer: Answer, generation: int) -> None:
        if answer.size > self.max_bytes // 16:
            return
        with self._lock:
            if generation != self._generation:  # made from an archive that has changed since
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = answer
            self._bytes += answer.size
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.size
