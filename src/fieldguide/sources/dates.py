"""Dates in metadata: ISO dates and datetimes, RFC 2822 (RSS), "August 5, 2024" and kin."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_FORMATS = (
    "%B %d, %Y",  # August 5, 2024
    "%b %d, %Y",  # Aug 5, 2024
    "%d %B %Y",  # 5 August 2024
    "%d %b %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d.%m.%Y",
    "%Y%m%d",
)
_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_date(value: object) -> date | None:
    """A date from a metadata value, or None when it cannot be read as one."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if _ISO_PREFIX.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                return date.fromisoformat(text[:10])
            except ValueError:
                return None
    cleaned = text.replace("Sept.", "Sep").replace(".", "")
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
