"""Zip and tar archives, read member by member with guards against hostile archives.

Members whose path is absolute or climbs out with ``..`` are refused (never read, never written);
links and device files are refused; a member larger than the per-member limit, the members beyond
the total limit, and members that compress suspiciously well (decompression bombs) are refused
with the limit named. Nothing is ever extracted to disk.
"""

from __future__ import annotations

import os
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import IO

from fieldguide.model import Document, Reject
from fieldguide.sources import limits

_NOT_REGULAR = "not a regular file (link or device); not read"
# Reads one member's bytes: (data, member name, origin, year) -> documents.
MemberReader = Callable[[bytes, str, str, int | None], Iterator[Document | Reject]]


def unsafe_path(name: str) -> bool:
    """Absolute paths, drive letters and ``..`` parts could write or point outside a target folder."""
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or (len(normalized) > 1 and normalized[1] == ":"):
        return True
    return ".." in PurePosixPath(normalized).parts


def _hidden(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


class _Budget:
    """The total size read from one archive so far."""

    def __init__(self) -> None:
        self.total = 0

    def refuse(self, size: int) -> str | None:
        if size > limits.MAX_MEMBER_BYTES:
            return (
                f"member unpacks to {limits.megabytes(size)}, above the limit of "
                f"{limits.megabytes(limits.MAX_MEMBER_BYTES)} per member (possible decompression bomb)"
            )
        if self.total + size > limits.MAX_ARCHIVE_TOTAL_BYTES:
            return (
                f"archive unpacks to more than the limit of "
                f"{limits.megabytes(limits.MAX_ARCHIVE_TOTAL_BYTES)} in total; member not read"
            )
        return None


def _zip_special(info: zipfile.ZipInfo) -> bool:
    """A member made on Unix that is a symbolic link or device (its mode is kept in the
    high bits of the external attributes); zipfile would hand out a link's target path as its content."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    # 0: no type recorded (zipfile's writestr, Windows tools): an ordinary file.
    return info.create_system == 3 and kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def _ratio_reason(size: int, compressed: int) -> str | None:
    if size <= limits.RATIO_CHECK_ABOVE_BYTES:
        return None
    ratio = size / max(compressed, 1)
    if ratio > limits.MAX_COMPRESSION_RATIO:
        return (
            f"compression ratio {ratio:.0f}:1 is above the limit of {limits.MAX_COMPRESSION_RATIO}:1 "
            f"(possible decompression bomb); member not read"
        )
    return None


def _read_capped(stream: IO[bytes], cap: int) -> bytes | None:
    """At most ``cap`` bytes; None when there are more (the header lied about the size)."""
    data = stream.read(cap + 1)
    return None if len(data) > cap else data


def read_zip(source: str | IO[bytes], origin: str, read_member: MemberReader) -> Iterator[Document | Reject]:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        yield Reject(origin, f"not a readable zip archive ({e})")
        return
    budget = _Budget()
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = info.filename
            where = f"{origin}!{name}"
            if unsafe_path(name):
                yield Reject(where, "unsafe member path (absolute or with '..'); not read")
                continue
            if info.is_dir() or _hidden(name):
                continue
            if _zip_special(info):
                yield Reject(where, _NOT_REGULAR)
                continue
            reason = budget.refuse(info.file_size) or _ratio_reason(info.file_size, info.compress_size)
            if reason:
                yield Reject(where, reason)
                continue
            try:
                with archive.open(info) as member:
                    data = _read_capped(member, min(limits.MAX_MEMBER_BYTES, info.file_size))
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as e:
                yield Reject(where, f"member cannot be read ({e})")
                continue
            if data is None:
                yield Reject(where, "member is larger than its header says (possible decompression bomb)")
                continue
            budget.total += len(data)
            year = info.date_time[0] if info.date_time and info.date_time[0] > 1980 else None
            yield from read_member(data, name, where, year)


def read_tar(source: str | IO[bytes], origin: str, read_member: MemberReader) -> Iterator[Document | Reject]:
    try:
        if isinstance(source, str):
            archive = tarfile.open(source, mode="r:*")  # noqa: SIM115 (closed by the with below)
        else:
            archive = tarfile.open(fileobj=source, mode="r:*")  # noqa: SIM115
    except (tarfile.TarError, OSError, EOFError) as e:
        yield Reject(origin, f"not a readable tar archive ({e})")
        return
    budget = _Budget()
    with archive:
        try:
            members = sorted(archive.getmembers(), key=lambda m: m.name)
        except (tarfile.TarError, OSError, EOFError) as e:
            yield Reject(origin, f"tar archive is damaged or truncated ({e})")
            return
        compressed_size = _compressed_size(source)
        for member in members:
            where = f"{origin}!{member.name}"
            if unsafe_path(member.name):
                yield Reject(where, "unsafe member path (absolute or with '..'); not read")
                continue
            if member.isdir() or _hidden(member.name):
                continue
            if not member.isfile():
                yield Reject(where, _NOT_REGULAR)
                continue
            # A tar.gz compresses members together: judge the ratio on the whole archive so far.
            reason = budget.refuse(member.size) or (
                _ratio_reason(budget.total + member.size, compressed_size) if compressed_size else None
            )
            if reason:
                yield Reject(where, reason)
                continue
            try:
                stream = archive.extractfile(member)
                data = _read_capped(stream, member.size) if stream is not None else None
            except (tarfile.TarError, OSError, EOFError) as e:
                yield Reject(where, f"member cannot be read ({e})")
                continue
            if data is None or len(data) != member.size:
                yield Reject(where, "member cannot be read (archive truncated?)")
                continue
            budget.total += len(data)
            year = datetime.fromtimestamp(member.mtime).year if member.mtime > 0 else None
            yield from read_member(data, member.name, where, year)


def _compressed_size(source: str | IO[bytes]) -> int | None:
    try:
        if isinstance(source, str):
            return os.path.getsize(source)
        position = source.tell()
        size = source.seek(0, 2)
        source.seek(position)
        return size
    except (OSError, AttributeError):
        return None
