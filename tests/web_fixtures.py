"""Archives for the web tests: the packaged examples plus one hostile dispatch (markup, event
handlers and javascript: URLs in its source, title, URL and text), extracted."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from fieldguide.cli.archive import example_files
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import KnowledgeBase, load
from fieldguide.store import Store

HOSTILE_ID = "web-hostile-1"
HOSTILE = {
    "id": HOSTILE_ID,
    "source": "KCNA <script>alert('source')</script>",
    "url": "javascript:alert(1)",
    "title": "<script>alert('title')</script><img src=x onerror=alert(2)> Kim Jong Un Inspects Munitions Factory",
    "published": "2024-08-08",
    "topic": "<b onmouseover=alert(3)>Top</b>",
    "text": (
        "Pyongyang, August 8 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea, "
        "inspected a munitions factory <script>alert('text')</script> on August 7. "
        '<img src=x onerror=alert(4)> He was accompanied by Jo Chun Ryong. <a href="javascript:alert(5)">more</a>'
    ),
}


@cache
def knowledge() -> KnowledgeBase:
    return load()


def fill(url: str, folder: Path) -> None:
    """Ingest the examples and the hostile dispatch, with extraction, into the archive at ``url``."""
    hostile = folder / "hostile-web.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with Store.open(url) as store:
        ingest([*example_files(), str(hostile)], store, extractor=Extractor(knowledge()))
