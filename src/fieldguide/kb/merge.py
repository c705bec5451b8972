"""How a ``--kb`` file combines with the files of the same name loaded before it.

A list adds its items to the earlier list (an item already there is not added
twice; the order is kept) unless the file names the list's key path under its
top-level ``replace:``; a mapping merges key by key; a scalar replaces. Lists of
entries with an ``id`` (weapon categories) merge entry by entry as mappings;
lists of entries with a ``name`` (places, people, weapon designations) replace
an entry of the same name whole and add a new name.
"""

from __future__ import annotations

from typing import Any


def has_path(document: Any, path: str) -> bool:
    """Whether a dotted key path names a value in the document.

    Keys of mappings ("triggers.inspection") and ids of entries ("categories.icbm.terms").
    """
    current = document
    for key in path.split("."):
        if isinstance(current, list) and _entry_key(current) == "id":
            current = {str(item["id"]): item for item in current}
        if not isinstance(current, dict) or key not in current:
            return False
        current = current[key]
    return True


def merge_file(old: Any, new: dict[str, Any]) -> Any:
    """A file merged over the earlier files of the same name; its ``replace:`` key says what it replaces."""
    replace = frozenset(new.get("replace") or ())
    return merge(old or {}, _without_replace(new), replace)


def merge(old: Any, new: Any, replace: frozenset[str] = frozenset(), path: str = "") -> Any:
    """``new`` over ``old``; a value at a key path in ``replace`` is taken from ``new`` whole."""
    if path in replace:
        return new
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            sub = f"{path}.{key}" if path else str(key)
            merged[key] = merge(old[key], value, replace, sub) if key in old else value
        return merged
    if isinstance(old, list) and isinstance(new, list):
        key = _entry_key(old + new)
        if key == "id":  # weapon categories: an entry merges as a mapping, so its terms add up
            by_id = {str(item["id"]).lower(): item for item in old}
            for item in new:
                entry_id = str(item["id"]).lower()
                earlier = by_id.get(entry_id)
                by_id[entry_id] = item if earlier is None else merge(earlier, item, replace, f"{path}.{item['id']}")
            return list(by_id.values())
        if key == "name":  # named entries: the same name replaces, a new name adds
            by_name = {str(item["name"]).lower(): item for item in old}
            for item in new:
                by_name[str(item["name"]).lower()] = item
            return list(by_name.values())
        added = list(old)
        for item in new:
            if item not in added:
                added.append(item)
        return added
    return new


def _entry_key(items: list[Any]) -> str | None:
    for key in ("id", "name"):
        if items and all(isinstance(i, dict) and key in i for i in items):
            return key
    return None


def _without_replace(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "replace"}
