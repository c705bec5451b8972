"""Day arithmetic, kept importable here: it lives in ``fieldguide.days``."""

from fieldguide.days import shifted

__all__ = ["shifted"]
