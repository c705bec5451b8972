"""The knowledge base as last built, kept on disk for the command line.

Parsing and checking the YAML takes a command about 0.1 s of CPU at every start (most of what
``fieldguide extract`` spends before its first document); unpickling the result takes 4 ms. The
file is named by a hash of everything the result depends on (each YAML file's text and label,
in order, the knowledge-base code, the Python and fieldguide versions), so an edited file, a
``--kb`` folder or an upgrade builds and keeps a new one; nothing is ever read stale.

Where: ``$FIELDGUIDE_CACHE_DIR``, else ``$XDG_CACHE_HOME/fieldguide``, else ``~/.cache/fieldguide``.
``FIELDGUIDE_CACHE_DIR=off`` turns it off. A folder that cannot be written, or a file that cannot
be read, only means the knowledge base is built as without it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from fieldguide.kb.entities import KnowledgeBase
from fieldguide.kb.layers import Source, layers_of


def load_cached(extra_dirs: Sequence[Path] = ()) -> KnowledgeBase:
    """What ``loader.load(extra_dirs)`` gives, from the cache when it holds it."""
    layers = layers_of(extra_dirs)
    folder = cache_dir()
    if folder is None:
        return _build(layers)
    path = folder / f"kb-{_key(layers)}.pickle"
    try:
        with path.open("rb") as f:
            kept = pickle.load(f)
        if isinstance(kept, KnowledgeBase):
            return kept
    except Exception:  # absent, unreadable, truncated, or from a class since changed: build it
        pass
    kb = _build(layers)  # a bad knowledge base raises here, and nothing is kept
    _keep(folder, path, kb)
    return kb


def _build(layers: Sequence[Sequence[Source]]) -> KnowledgeBase:
    # imported here: the loader brings the YAML parser and the specs, which a start from the cache skips
    from fieldguide.kb.loader import build

    return build(layers)


def cache_dir() -> Path | None:
    chosen = os.environ.get("FIELDGUIDE_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fieldguide"


def _key(layers: Sequence[Sequence[Source]]) -> str:
    from fieldguide import __version__

    digest = hashlib.sha256(f"{sys.version}\0{__version__}\0".encode())
    for item in sorted(resources.files("fieldguide.kb").iterdir(), key=lambda i: i.name):
        if item.name.endswith(".py"):  # the code that reads and checks the files
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    for layer_no, layer in enumerate(layers):
        for source in layer:
            for part in (str(layer_no), source.label, source.stem, source.text):
                digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:32]


def _keep(folder: Path, path: Path, kb: KnowledgeBase) -> None:
    """Write the file whole or not at all (a temporary file renamed), readable by this user only."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".kb-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(kb, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # a read-only home, a full disk: the next start builds it again
        pass
