"""The exceptions fieldguide raises on purpose, in one small tree.

Each carries a short code so that users and tests can tell them apart, and a
message meant to be shown as it is (one line, no traceback).
"""

from __future__ import annotations


class FieldguideError(Exception):
    code = "E000"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.details = details

    def __str__(self) -> str:
        return f"{self.args[0]}"


class InputError(FieldguideError):
    """An input could not be read (bad encoding, truncated JSON, not a feed...)."""

    code = "E100"


class FetchStoppedError(InputError):
    """A fetch stopped by a guard rather than by the network: a refused address, the deadline, the size cap."""

    code = "E101"


class QueryError(FieldguideError):
    """A search query that cannot be parsed."""

    code = "E200"


class QueryTooLargeError(QueryError):
    """A search query past the bounds that keep a search's cost in check (store/query.py)."""

    code = "E201"


class StoreError(FieldguideError):
    """The database could not be opened or written."""

    code = "E300"


class NotAnArchiveError(StoreError):
    """A database that holds another program's tables: fieldguide leaves it untouched."""

    code = "E301"


class NoArchiveError(StoreError):
    """A reading command named an archive that does not exist (only ingest and demo create one)."""

    code = "E302"


class ArchiveVersionError(StoreError):
    """An archive whose schema this fieldguide cannot use as it is: made by a newer version, or
    needing an upgrade that cannot be written."""

    code = "E303"


class StatementTimeoutError(StoreError):
    """A reading statement ran past its deadline and was stopped (the server stops it too)."""

    code = "E304"


class KnowledgeBaseError(FieldguideError):
    """The knowledge base YAML is invalid; raised at load time, never mid-extraction."""

    code = "E400"


class NotFoundError(FieldguideError):
    """A document, person or story that the archive does not hold.

    E404, the code everyone reads as "not found": E500 read as an internal error, which this is not.
    """

    code = "E404"


class OutputError(FieldguideError):
    """An output file (--output, --chart) could not be written: a folder, a missing parent, a full disk."""

    code = "E600"

    @classmethod
    def writing(cls, path: object, error: OSError) -> OutputError:
        """The one-line error for an OSError met while writing ``path``."""
        return cls(f"cannot write {path}: {error.strerror or type(error).__name__}")


class WatchConfigError(FieldguideError):
    """A watch configuration that cannot be used: refused at start with the key path and the reason."""

    code = "E700"


class CorrectionError(FieldguideError):
    """A correction of the record that cannot be recorded: an unknown kind or action, a value outside
    the closed sets (event types, weapon categories), a date that is not ISO, a target that names no
    extracted fact."""

    code = "E800"


class ServeError(FieldguideError):
    """A web server that must not start as asked (a host others reach, and no token)."""

    code = "E900"
