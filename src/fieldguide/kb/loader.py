"""Load the knowledge base: packaged YAML first, then each ``--kb`` directory on top.

Two passes, as in followthemoney: the first reads every file (a key given twice
is refused, see strict_yaml.py) and checks it against its spec in ``spec.py``:
places and people entry by entry, events.yaml, weapons.yaml and sites.yaml
whole (key names, types, event types, weapon categories, regexes); the second resolves cross-references (a
place's parent), checks uniqueness and coordinates, and raises one
``KnowledgeBaseError`` naming file, entry and problem. Nothing is checked
lazily, so extraction never meets a bad entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fieldguide.errors import KnowledgeBaseError
from fieldguide.kb.entities import DPRK, KnowledgeBase, Person, Place, TitleSpan
from fieldguide.kb.layers import Source, layers_of, packaged_sources
from fieldguide.kb.merge import has_path, merge_file
from fieldguide.kb.spec import DPRK_LAT, DPRK_LON, PLACE_KINDS, RULE_FILE_SPECS, FileSpec, PersonSpec, PlaceSpec
from fieldguide.kb.strict_yaml import DuplicateKeyError, load_strict
from fieldguide.kb.validate import problems

_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_MAX_LISTED = 20


@dataclass(slots=True)
class _Entry:
    """One entry as read, with where it came from, until the second pass turns it into a Place/Person."""

    spec: dict[str, Any]
    source: str
    layer: int

    @property
    def name(self) -> str:
        return str(self.spec["name"])


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, source: str, entry: str | None, problem: str) -> None:
        where = f"{source}: entry {entry!r}" if entry else source
        self.items.append(f"{where}: {problem}")

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = self.items[:_MAX_LISTED]
        more = len(self.items) - len(shown)
        lines = "\n  ".join(shown) + (f"\n  ... and {more} more" if more else "")
        raise KnowledgeBaseError(
            f"invalid knowledge base ({len(self.items)} problem(s)):\n  {lines}", problems=self.items
        )


def load(extra_dirs: Sequence[Path] = ()) -> KnowledgeBase:
    """The packaged knowledge base, with each directory in ``extra_dirs`` adding or overriding entries.

    A directory holds YAML files shaped like the packaged ones (places.yaml,
    people.yaml, weapons.yaml...). An entry whose name matches an earlier
    entry replaces it; a new name adds one. In events.yaml, weapons.yaml and
    sites.yaml a list adds to the earlier list unless the file's ``replace:``
    names its key path (see merge.py). Raises KnowledgeBaseError.
    """
    return build(layers_of(extra_dirs))


def load_rule_file(stem: str) -> dict[str, Any]:
    """One packaged file of rules (``briefing`` for briefing.yaml), checked against its spec, for
    a reader that needs only it: loading the whole knowledge base takes most of a second."""
    found = _Problems()
    document = next((_parse(s, found) for s in packaged_sources() if s.stem == stem), None)
    found.raise_if_any()
    if document is None:
        raise KnowledgeBaseError(f"{stem}.yaml: no such file in the packaged knowledge base", path=f"{stem}.yaml")
    return document


def build(layers: Sequence[Sequence[Source]]) -> KnowledgeBase:
    """Build a knowledge base from layers of sources; later layers override earlier ones."""
    found = _Problems()
    digest = hashlib.sha256()
    raw: dict[str, Any] = {}
    places: dict[str, _Entry] = {}
    people: dict[str, _Entry] = {}
    labels: list[str] = []
    for layer_no, layer in enumerate(layers):
        layer_places: dict[str, _Entry] = {}
        layer_people: dict[str, _Entry] = {}
        for source in layer:
            labels.append(source.label)
            digest.update(f"{layer_no}\0{source.stem}\0{len(source.text)}\0".encode())
            digest.update(source.text.encode())
            document = _parse(source, found)
            if document is None:
                continue
            raw[source.stem] = merge_file(raw.get(source.stem), document)
            defaults = document.get("defaults") or {}
            _collect(document.get("places", []), PlaceSpec, source, layer_no, defaults, layer_places, found)
            _collect(document.get("people", []), PersonSpec, source, layer_no, defaults, layer_people, found)
        places.update(layer_places)  # same name in a later layer: override
        people.update(layer_people)
    found.raise_if_any()
    resolved_places = _resolve_places(list(places.values()), found)
    resolved_people = _resolve_people(list(people.values()), found)
    _check_aliases([(e, "place") for e in places.values()], found)
    _check_aliases([(e, "person") for e in people.values()], found)
    found.raise_if_any()
    return KnowledgeBase(
        version=digest.hexdigest()[:16],
        places=tuple(resolved_places),
        people=tuple(resolved_people),
        raw=raw,
        sources=tuple(labels),
    )


# --- first pass: read and check shapes ---------------------------------------


def _parse(source: Source, found: _Problems) -> dict[str, Any] | None:
    try:
        document = load_strict(source.text)
    except DuplicateKeyError as e:
        for problem in e.problems:
            found.add(source.label, None, problem)
        return None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        found.add(source.label, None, f"not valid YAML{where}: {problem}")
        return None
    if document is None:
        return {}
    if not isinstance(document, dict):
        found.add(source.label, None, f"the top level must be a mapping, not {type(document).__name__}")
        return None
    spec = RULE_FILE_SPECS.get(source.stem)
    if spec is None:
        # Places and people: entries are checked one by one in _collect, where the message can name them.
        shape_problems = [_with_hint(p) for p in problems(document, FileSpec) if not _is_entry_problem(p)]
    else:
        shape_problems = problems(document, spec) + _replace_problems(document)
    for problem in shape_problems:
        found.add(source.label, None, problem)
    return None if shape_problems else document


def _with_hint(problem: str) -> str:
    if ": unknown key" not in problem or "." in problem.split(":", 1)[0]:
        return problem
    rule_files = ", ".join(f"{stem}.yaml" for stem in RULE_FILE_SPECS)
    return f"{problem}; rules of extraction go in a file named {rule_files}"


def _replace_problems(document: dict[str, Any]) -> list[str]:
    """Each path under ``replace`` must name a key that the same file gives (it is what replaces)."""
    out = []
    for i, path in enumerate(document.get("replace") or []):
        if path == "replace" or not has_path(document, path):
            out.append(f"replace[{i}]: {path!r} is not a key this file gives")
    return out


def _is_entry_problem(problem: str) -> bool:
    # Entries are checked one by one in _collect, where the message can name the entry.
    return bool(re.match(r"^(places|people)\[\d+\]", problem))


def _collect(
    entries: list[Any],
    spec: Any,
    source: Source,
    layer: int,
    defaults: dict[str, Any],
    into: dict[str, _Entry],
    found: _Problems,
) -> None:
    for i, item in enumerate(entries):
        label = item.get("name") if isinstance(item, dict) and isinstance(item.get("name"), str) else f"#{i + 1}"
        entry_problems = problems(item, spec)
        for problem in entry_problems:
            found.add(source.label, label, problem)
        if entry_problems:
            continue
        key = item["name"].strip().lower()
        if not key:
            found.add(source.label, label, "name is empty")
            continue
        if key in into:
            found.add(source.label, label, f"name already used by an entry in {into[key].source}")
            continue
        into[key] = _Entry({**defaults, **item}, source.label, layer)


# --- second pass: cross-references and invariants ----------------------------


def _resolve_places(entries: list[_Entry], found: _Problems) -> list[Place]:
    by_name = {e.name.lower(): e for e in entries}
    by_alias = {a.lower(): e for e in entries for a in e.spec.get("aliases") or []}
    out: list[Place] = []
    for entry in entries:
        spec = entry.spec
        kind, country = spec["kind"], spec.get("country")
        if kind not in PLACE_KINDS:
            found.add(entry.source, entry.name, f"unknown kind {kind!r} (one of {', '.join(sorted(PLACE_KINDS))})")
        if not isinstance(country, str) or not _COUNTRY_CODE.match(country):
            found.add(entry.source, entry.name, f"country must be a two-letter code such as KP, got {country!r}")
            country = "??"
        parent = spec.get("parent")
        if parent is not None:
            target = by_name.get(parent.lower()) or by_alias.get(parent.lower())
            if target is None:
                found.add(entry.source, entry.name, f"parent {parent!r} is not a place in the knowledge base")
            elif target is entry:
                found.add(entry.source, entry.name, "a place cannot be its own parent")
            else:
                parent = target.name
        lat, lon = spec.get("lat"), spec.get("lon")
        _check_coordinates(entry, lat, lon, country, found)
        out.append(
            Place(
                name=entry.name,
                kind=kind,
                parent=parent,
                lat=None if lat is None else float(lat),
                lon=None if lon is None else float(lon),
                aliases=tuple(spec.get("aliases") or ()),
                country=country,
            )
        )
    _check_cycles(out, {e.name: e for e in entries}, found)
    return out


def _check_coordinates(entry: _Entry, lat: Any, lon: Any, country: str, found: _Problems) -> None:
    if (lat is None) != (lon is None):
        found.add(entry.source, entry.name, "give both lat and lon, or neither")
        return
    if lat is None:
        return
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        found.add(entry.source, entry.name, f"coordinates out of range: {lat}, {lon}")
    elif country == DPRK and not (DPRK_LAT[0] <= lat <= DPRK_LAT[1] and DPRK_LON[0] <= lon <= DPRK_LON[1]):
        found.add(entry.source, entry.name, f"coordinates {lat}, {lon} lie outside the DPRK (country KP)")


def _check_cycles(places: list[Place], entries: dict[str, _Entry], found: _Problems) -> None:
    parent_of = {p.name: p.parent for p in places}
    for place in places:
        seen = {place.name}
        current = parent_of.get(place.name)
        while current is not None and current in parent_of:
            if current in seen:
                found.add(entries[place.name].source, place.name, f"parent chain loops back through {current!r}")
                break
            seen.add(current)
            current = parent_of[current]


def _resolve_people(entries: list[_Entry], found: _Problems) -> list[Person]:
    out: list[Person] = []
    for entry in entries:
        spec = entry.spec
        country = spec.get("country")
        if not isinstance(country, str) or not _COUNTRY_CODE.match(country):
            found.add(entry.source, entry.name, f"country must be a two-letter code such as KP, got {country!r}")
            country = "??"
        titles = []
        for span in spec.get("titles") or []:
            try:
                since = _as_date(span.get("since"), start=True)
                until = _as_date(span.get("until"), start=False)
            except ValueError as e:
                found.add(entry.source, entry.name, f"title {span['title']!r}: {e}")
                continue
            if since and until and until < since:
                found.add(entry.source, entry.name, f"title {span['title']!r} ends before it begins")
            titles.append(TitleSpan(span["title"], since, until))
        out.append(
            Person(
                entry.name,
                tuple(spec.get("aliases") or ()),
                country,
                tuple(titles),
                spec.get("note"),
                hangul=spec.get("hangul"),
            )
        )
    return out


def _as_date(value: dt.date | int | str | None, *, start: bool) -> dt.date | None:
    """The first (``start``) or last day that a date, "YYYY-MM" or year stands for."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return dt.date(value, 1, 1) if start else dt.date(value, 12, 31)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"{value!r} is not a date, a month (YYYY-MM) or a year")
    year, month = int(m.group(1)), int(m.group(2))
    if start:
        return dt.date(year, month, 1)
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


def _check_aliases(entries: list[tuple[_Entry, str]], found: _Problems) -> None:
    """No name or alias may denote two entries: a lookup must have one answer."""
    owner: dict[str, _Entry] = {}
    for entry, what in entries:
        hangul = entry.spec.get("hangul")
        for name in dict.fromkeys([entry.name, *(entry.spec.get("aliases") or []), *([hangul] if hangul else [])]):
            key = unicodedata.normalize("NFC", name.strip().lower())
            other = owner.get(key)
            if other is not None and other is not entry:
                found.add(
                    entry.source,
                    entry.name,
                    f"{what} name or alias {name!r} is already claimed by {other.name!r} ({other.source})",
                )
            owner[key] = entry
