"""What a read carries along: the HTTP client (made only when first needed), what a fetch may do,
and the nesting depth."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from fieldguide.sources.web import FetchPolicy, make_client

if TYPE_CHECKING:
    import httpx


@dataclass(slots=True)
class Context:
    client: httpx.Client | None = None
    policy: FetchPolicy = field(default_factory=FetchPolicy.from_env)
    depth: int = 0  # archives inside archives
    _owned: list[httpx.Client] = field(default_factory=list)

    def http(self) -> httpx.Client:
        if self.client is None:
            self.client = make_client()
            self._owned.append(self.client)
        return self.client

    def nested(self) -> Context:
        return replace(self, depth=self.depth + 1)

    def close(self) -> None:
        """Close the client this context made (never one the caller passed in)."""
        for client in self._owned:
            client.close()
        self._owned.clear()
