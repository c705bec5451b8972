"""Source-derived strings made safe to print through Rich: control characters shown as
escapes (fieldguide.visible) and square brackets kept from being read as Rich markup."""

from __future__ import annotations

from rich.markup import escape

from fieldguide.visible import visible


def shown(value: object) -> str:
    """``value`` as text for a Rich markup string or table cell: printed as it is, never styled."""
    return escape(visible(str(value)))
