"""Jinja2 over the packaged templates, escaping everything it prints (autoescape on for every
template): a dispatch is untrusted input, its title and text are only ever text here."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

_MARK = re.compile(r"(\[[^\[\]]*\])")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet's parts, each with whether it is a match (marked [like this])."""
    return [(part[1:-1] if i % 2 else part, bool(i % 2)) for i, part in enumerate(_MARK.split(snippet)) if part]


def doc_path(doc_id: str) -> str:
    """The path of a document's page (its id encoded: ids come from the sources)."""
    return "/documents/" + quote(doc_id, safe="")


def doc_links(doc_ids: list[str]) -> Markup:
    """Links to documents by id, one a line: the macro ``doc_link(id, id)`` for each, made here
    because /appearances shows thousands of them (a macro call each took ~50 ms a page). A
    path needs no escaping: ``quote`` leaves only letters, digits, ``_.-~`` and ``%``."""
    return Markup("<br>".join(f'<a href="{doc_path(i)}">{escape(i)}</a>' for i in doc_ids))


def dossier_path(name: str) -> str:
    return "/dossiers/" + quote(name, safe="")


def with_query(path: str, **params: Any) -> str:
    """``path`` with the given parameters (those not None or empty) as its query."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("fieldguide.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the packaged templates do not change under a running server: no stat per render
    )
    env.filters["snippet_parts"] = snippet_parts
    env.filters["doc_links"] = doc_links
    env.globals.update(doc_path=doc_path, dossier_path=dossier_path, with_query=with_query)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
