"""Limits that keep one bad input from exhausting memory. Read at call time, so tests can lower them."""

from __future__ import annotations

MB = 1024 * 1024

# One document (a .txt, .md or .html file, one JSON record's text, one fetched page).
MAX_DOCUMENT_BYTES = 10 * MB
# A .json or .csv file read whole (JSONL is streamed line by line and has no file limit).
MAX_STRUCTURED_FILE_BYTES = 256 * MB
# Archives: per member, in total, and the compression ratio past which a member looks like a bomb.
MAX_MEMBER_BYTES = 100 * MB
MAX_ARCHIVE_TOTAL_BYTES = 2048 * MB
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_ABOVE_BYTES = 1 * MB  # small members may compress well without harm
# Archives inside archives are read this deep and no deeper.
MAX_NESTING = 2

# HTTP: a feed whose entries are shorter than this is followed to the entries' pages.
SHORT_SUMMARY_CHARS = 400
HTTP_TIMEOUT_SECONDS = 10.0  # per connect and per read
# A whole fetch, retries and redirects included: a server that drips one byte at a time is given up.
HTTP_DEADLINE_SECONDS = 60.0
HTTP_MAX_REDIRECTS = 5
HTTP_RETRIES = 2
HTTP_BACKOFF_SECONDS = 0.5  # doubled on each retry
USER_AGENT = "fieldguide/0.1 (+https://example.invalid/fieldguide)"


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size} bytes"
