"""The knowledge base's files as read, layer by layer: the packaged ones, then each ``--kb`` folder's.

Apart from the loader (which parses and checks them) so that the cache (cache.py) can key on them
without importing the YAML parser and the specs: a start from the cache never needs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fieldguide.errors import KnowledgeBaseError


@dataclass(frozen=True, slots=True)
class Source:
    label: str  # what error messages call the file: "places.yaml" or the user's path
    stem: str
    text: str


def layers_of(extra_dirs: Sequence[Path] = ()) -> list[list[Source]]:
    """The packaged files, then each directory's: what ``loader.build`` reads (and ``cache`` keys on)."""
    return [list(packaged_sources())] + [list(directory_sources(Path(d))) for d in extra_dirs]


def packaged_sources() -> Iterable[Source]:
    data = resources.files("fieldguide.kb").joinpath("data")
    for item in sorted(data.iterdir(), key=lambda i: i.name):
        if item.name.endswith((".yaml", ".yml")) and item.is_file():
            yield Source(item.name, item.name.rsplit(".", 1)[0], item.read_text(encoding="utf-8"))


def directory_sources(directory: Path) -> Iterable[Source]:
    if not directory.is_dir():
        raise KnowledgeBaseError(f"{directory}: knowledge-base directory not found", path=str(directory))
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise KnowledgeBaseError(f"{path}: cannot read: {e}", path=str(path)) from e
        yield Source(str(path), path.stem, text)
