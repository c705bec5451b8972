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
    """Whether a dotted key path ("triggers.inspection") names a key of nested mappings."""
    current = document
    for key in path.split("."):
        if not isinstance(current, dict) or key not in current:
            return False
        current = current[key]
    return True
