"""Day arithmetic that stays inside the calendar Python can hold.

A user may ask for ``--since 9999-12-31``; the week after it, or the context days around
it, would overflow ``date``. Clamping to the first or last representable day gives the
same answer (nothing is stored there) without an OverflowError.
"""

from __future__ import annotations

from datetime import date, timedelta


def shifted(day: date, delta: timedelta) -> date:
    """``day + delta``, clamped to ``date.min`` .. ``date.max``."""
    try:
        return day + delta
    except OverflowError:
        return date.max if delta > timedelta(0) else date.min
