"""How the brief counts copies once, and (re-exported) what it reads from the archive.

Near-duplicates (one story) count once: the group of copies is represented by its earliest
stored document among those that qualify (``distinct``). The reads live in
``fieldguide.store.brief_reads``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from fieldguide.store.brief_reads import (
    CHUNK,
    LONGEST_EVENT,
    CopyKey,
    DocRef,
    EventRef,
    WeaponMention,
    copy_keys,
    dispatch_groups,
    events_between,
    events_of,
    latest_published,
    load_documents,
    load_event_records,
    named_before,
    reports_between,
    story_members,
    weapon_mentions,
)

__all__ = [
    "CHUNK",
    "LONGEST_EVENT",
    "CopyKey",
    "DocRef",
    "EventRef",
    "HasCopyKeys",
    "WeaponMention",
    "copy_keys",
    "count_distinct",
    "dispatch_groups",
    "distinct",
    "events_between",
    "events_of",
    "latest_published",
    "load_documents",
    "load_event_records",
    "named_before",
    "reports_between",
    "story_members",
    "weapon_mentions",
]


class HasCopyKeys(Protocol):
    @property
    def doc_id(self) -> str: ...

    @property
    def seq(self) -> int: ...

    @property
    def keys(self) -> tuple[CopyKey, ...]: ...


Ref = TypeVar("Ref", bound=HasCopyKeys)


class _Groups:
    """Copy keys joined into groups: two keys are in one group when some document has both."""

    def __init__(self, key_sets: Iterable[tuple[CopyKey, ...]]) -> None:
        self.parent: dict[CopyKey, CopyKey] = {}
        for first, *rest in key_sets:
            for key in rest:
                self.parent[self.root(key)] = self.root(first)

    def root(self, key: CopyKey) -> CopyKey:
        parent = self.parent
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key


def distinct(items: Iterable[Ref]) -> list[Ref]:
    """The items of one document per group of copies (see ``copy_keys``): the earliest
    stored among those given. Groups are joined through any shared key."""
    kept = list(items)
    groups = _Groups(item.keys for item in kept)
    best: dict[CopyKey, tuple[int, str]] = {}
    for item in kept:
        group = groups.root(item.keys[0])
        best[group] = min(best.get(group, (item.seq, item.doc_id)), (item.seq, item.doc_id))
    chosen = {doc_id for _, doc_id in best.values()}
    return [item for item in kept if item.doc_id in chosen]


def count_distinct(groups: Iterable[tuple[CopyKey, ...]], shown: set[CopyKey]) -> int:
    """How many groups of copies ``groups`` hold, leaving out those that share a key with ``shown``."""
    kept = [keys for keys in groups if not shown.intersection(keys)]
    joined = _Groups(kept)
    return len({joined.root(keys[0]) for keys in kept})
