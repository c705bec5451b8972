"""sources: every kind of input becomes a Document, or a Reject that says why not.

    >>> from fieldguide.sources import read
    >>> for item in read("dispatches/"):            # a file, a folder, an archive or a URL
    ...     if isinstance(item, Reject): print(item.origin, item.reason)

Reading never raises for bad input: each unreadable file, line, member or entry is a ``Reject`` and
the rest is read on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from fieldguide.model import Document, Reject
from fieldguide.sources.context import Context
from fieldguide.sources.dispatch import read_path, read_url, walk
from fieldguide.sources.web import FetchPolicy

if TYPE_CHECKING:  # the HTTP library is imported when a URL is read
    import httpx

__all__ = ["Document", "FetchPolicy", "Reject", "read", "read_many"]


def _is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def _guarded(origin: str, items: Iterator[Document | Reject]) -> Iterator[Document | Reject]:
    """The last line of defence: whatever a library raises on one input rejects that input only.

    The readers turn every failure they know of into a Reject; this catches the ones nobody
    foresaw (a parser's internal error on hostile bytes), so that the batch still goes on.
    """
    try:
        yield from items
    except Exception as e:
        detail = str(e).splitlines()[0][:120] if str(e) else ""
        yield Reject(origin, f"could not be read ({type(e).__name__}{': ' + detail if detail else ''})")


def _read(target: str, context: Context) -> Iterator[Document | Reject]:
    if _is_url(target):
        yield from _guarded(target, read_url(target, context))
        return
    path = Path(target).expanduser()
    if path.is_dir():
        found = False
        for file in walk(path):
            found = True
            if isinstance(file, Reject):
                yield file
            else:
                yield from _guarded(str(file), read_path(file, context))
        if not found:
            yield Reject(target, "folder holds no files to read")
    elif path.exists():
        yield from _guarded(str(path), read_path(path, context))
    else:
        yield Reject(target, "no such file or folder")


def _context(client: httpx.Client | None, policy: FetchPolicy | None) -> Context:
    return Context(client) if policy is None else Context(client, policy)


def read(
    target: str, *, client: httpx.Client | None = None, policy: FetchPolicy | None = None
) -> Iterator[Document | Reject]:
    """A path (file or folder, recursively), a .zip/.tar.gz/.tgz archive, or an http(s) URL (feed or page).

    ``policy`` says what fetches may do (deadline, private hosts); by default the environment's
    (FIELDGUIDE_ALLOW_PRIVATE_HOSTS, FIELDGUIDE_HTTP_DEADLINE) or the defaults of ``limits``.
    """
    context = _context(client, policy)
    try:
        yield from _read(target, context)
    finally:
        context.close()


def read_many(
    targets: Iterable[str], *, client: httpx.Client | None = None, policy: FetchPolicy | None = None
) -> Iterator[Document | Reject]:
    """Every target in turn, with one HTTP client shared among them."""
    context = _context(client, policy)
    try:
        for target in targets:
            yield from _read(str(target), context)
    finally:
        context.close()
