"""The watch configuration: feeds to poll and alert rules, read from YAML and validated whole.

    feeds:
      - name: kcna
        url: http://example.org/feed.xml     # RSS/Atom, or a listing page (kind: listing)
        every: 15m                           # s, m, h or d; default 15m
    alerts:
      - name: weapons tests
        when: {type: weapons_test}
        to: [jsonl:alerts.jsonl, webhook:http://127.0.0.1:8766/hook, stdout, email:desk@example.org]
    smtp: {host: localhost, port: 25, from: fieldguide@localhost}   # for email sinks

Every problem is reported with its key path (``alerts[0].when.first_seen[1]``) and the reason,
all of them at once, before anything is polled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fieldguide.errors import QueryError, WatchConfigError
from fieldguide.kb.strict_yaml import DuplicateKeyError, load_strict
from fieldguide.model import EVENT_TYPES
from fieldguide.store import query as query_language

DEFAULT_EVERY = 15 * 60.0
MIN_EVERY = 1.0  # seconds; a feed polled faster than this is a mistake
FIRST_SEEN_KINDS = ("designation", "facility", "person", "place")
FEED_KINDS = ("auto", "feed", "listing")
SINK_KINDS = ("stdout", "jsonl", "webhook", "email")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_FILTER_KEYS = ("type", "weapon", "person", "place", "query")
_EVENT_KEYS = ("first_seen", "new_title", "absence_days", "linked_report")


@dataclass(frozen=True, slots=True)
class Feed:
    name: str
    url: str
    every: float  # seconds
    kind: str = "auto"  # feed, listing (an HTML page whose links are the entries), or auto
    follow: re.Pattern[str] | None = None  # a listing's links to follow; default: same host
    source: str | None = None  # the source name given to its documents


@dataclass(frozen=True, slots=True)
class When:
    """What a rule matches: filters on the event or document (all must hold), and at most one kind of happening."""

    types: tuple[str, ...] = ()
    weapons: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    query: str | None = None
    first_seen: tuple[str, ...] = ()
    new_title: bool = False
    absence_days: int | None = None
    linked_report: bool = False

    @property
    def happening(self) -> str:
        """event (the default), first_seen, new_title, absence or linked_report."""
        if self.first_seen:
            return "first_seen"
        if self.new_title:
            return "new_title"
        if self.absence_days is not None:
            return "absence"
        if self.linked_report:
            return "linked_report"
        return "event"


@dataclass(frozen=True, slots=True)
class Sink:
    kind: str  # stdout, jsonl, webhook, email
    target: str = ""  # the path, URL or address

    @property
    def spec(self) -> str:
        return f"{self.kind}:{self.target}" if self.target else self.kind


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    when: When
    to: tuple[Sink, ...]


@dataclass(frozen=True, slots=True)
class Smtp:
    host: str = "localhost"
    port: int = 25
    sender: str = "fieldguide@localhost"
    starttls: bool = False
    user: str | None = None
    password_env: str | None = None  # the environment variable holding the password, never the password


@dataclass(frozen=True, slots=True)
class WatchConfig:
    feeds: tuple[Feed, ...]
    rules: tuple[Rule, ...]
    smtp: Smtp = field(default_factory=Smtp)
    base: Path = Path(".")  # relative JSONL paths are relative to the config file's folder


def parse_duration(value: Any) -> float | None:
    """Seconds of ``15m``, ``30s``, ``2h``, ``1d`` or a bare number of seconds; None when malformed."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    match = _DURATION.match(value)
    if not match:
        return None
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, reason: str) -> None:
        self.items.append(f"{path}: {reason}")

    def keys(self, path: str, mapping: dict[str, Any], allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
        for key in mapping:
            if key not in allowed:
                self.add(f"{path}.{key}" if path else str(key), f"unknown key (known: {', '.join(allowed)})")
        for key in required:
            if key not in mapping:
                self.add(f"{path}.{key}" if path else key, "missing")


def _strings(value: Any, path: str, problems: _Problems) -> tuple[str, ...]:
    """A string or a list of strings."""
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        where = f"{path}[{i}]" if isinstance(value, list) else path
        if not isinstance(item, str) or not item.strip():
            problems.add(where, f"expected a non-empty string, got {_kind(item)}")
        else:
            out.append(item.strip())
    return tuple(out)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _feed(item: Any, path: str, problems: _Problems) -> Feed | None:
    if not isinstance(item, dict):
        problems.add(path, f"expected a mapping with name and url, got {_kind(item)}")
        return None
    problems.keys(path, item, ("name", "url", "every", "kind", "follow", "source"), ("name", "url"))
    name, url = item.get("name"), item.get("url")
    if "name" in item and (not isinstance(name, str) or not name.strip()):
        problems.add(f"{path}.name", "expected a non-empty string")
    if "url" in item and (not isinstance(url, str) or not re.match(r"^https?://[^/\s]+", url)):
        problems.add(f"{path}.url", f"expected an http(s) URL, got {url!r}")
    every = parse_duration(item.get("every", DEFAULT_EVERY))
    if every is None:
        problems.add(f"{path}.every", f"expected a duration like 30s, 15m, 2h or 1d, got {item.get('every')!r}")
    elif every < MIN_EVERY:
        problems.add(f"{path}.every", f"at least {MIN_EVERY:g} s")
    kind = item.get("kind", "auto")
    if kind not in FEED_KINDS:
        problems.add(f"{path}.kind", f"expected one of {', '.join(FEED_KINDS)}, got {kind!r}")
    follow = None
    if "follow" in item:
        try:
            follow = re.compile(str(item["follow"]))
        except re.error as e:
            problems.add(f"{path}.follow", f"not a regular expression ({e})")
    source = item.get("source")
    if source is not None and not isinstance(source, str):
        problems.add(f"{path}.source", "expected a string")
    if not isinstance(name, str) or not isinstance(url, str) or every is None:
        return None
    return Feed(name.strip(), url, every, str(kind), follow, source)


def _when(value: Any, path: str, problems: _Problems) -> When:
    if not isinstance(value, dict) or not value:
        problems.add(path, f"expected a mapping of conditions, got {_kind(value)}")
        return When()
    problems.keys(path, value, _FILTER_KEYS + _EVENT_KEYS, ())
    types = _strings(value["type"], f"{path}.type", problems) if "type" in value else ()
    for i, t in enumerate(types):
        if t not in EVENT_TYPES:
            where = f"{path}.type[{i}]" if isinstance(value["type"], list) else f"{path}.type"
            problems.add(where, f"unknown event type {t!r} (known: {', '.join(EVENT_TYPES)})")
    query = value.get("query")
    if query is not None:
        if not isinstance(query, str) or not query.strip():
            problems.add(f"{path}.query", "expected a search query (a string)")
            query = None
        else:
            try:
                query_language.parse(query)
            except QueryError as e:
                problems.add(f"{path}.query", f"not a valid search query ({e})")
    first_seen = _strings(value["first_seen"], f"{path}.first_seen", problems) if "first_seen" in value else ()
    for i, kind in enumerate(first_seen):
        if kind not in FIRST_SEEN_KINDS:
            problems.add(f"{path}.first_seen[{i}]", f"expected one of {', '.join(FIRST_SEEN_KINDS)}, got {kind!r}")
    for key in ("new_title", "linked_report"):
        if key in value and not isinstance(value[key], bool):
            problems.add(f"{path}.{key}", f"expected true or false, got {value[key]!r}")
    absence = value.get("absence_days")
    if "absence_days" in value and (isinstance(absence, bool) or not isinstance(absence, int) or absence < 1):
        problems.add(f"{path}.absence_days", f"expected a whole number of days, 1 or more, got {absence!r}")
        absence = None
    happenings = [k for k in _EVENT_KEYS if value.get(k) not in (None, False, [], ())]
    if len(happenings) > 1:
        problems.add(path, f"at most one of {', '.join(_EVENT_KEYS)} per rule (got {', '.join(happenings)})")
    return When(
        types=types,
        weapons=_strings(value["weapon"], f"{path}.weapon", problems) if "weapon" in value else (),
        people=_strings(value["person"], f"{path}.person", problems) if "person" in value else (),
        places=_strings(value["place"], f"{path}.place", problems) if "place" in value else (),
        query=query if isinstance(query, str) else None,
        first_seen=first_seen,
        new_title=value.get("new_title") is True,
        absence_days=absence if isinstance(absence, int) and not isinstance(absence, bool) else None,
        linked_report=value.get("linked_report") is True,
    )


def _sink(value: Any, path: str, problems: _Problems) -> Sink | None:
    if not isinstance(value, str) or not value.strip():
        problems.add(path, f"expected a sink like jsonl:PATH, webhook:URL, stdout or email:ADDRESS, got {_kind(value)}")
        return None
    kind, _, target = value.strip().partition(":")
    target = target.strip()
    if kind not in SINK_KINDS:
        problems.add(path, f"unknown sink {kind!r} (known: {', '.join(SINK_KINDS)})")
        return None
    if kind == "stdout":
        return Sink("stdout")
    if not target:
        problems.add(path, f"{kind} needs a {'path' if kind == 'jsonl' else 'URL' if kind == 'webhook' else 'address'}")
        return None
    if kind == "webhook" and not re.match(r"^https?://[^/\s]+", target):
        problems.add(path, f"expected an http(s) URL after webhook:, got {target!r}")
        return None
    if kind == "email" and not re.match(r"^[^@\s]+@[^@\s]+$", target):
        problems.add(path, f"expected an address after email:, got {target!r}")
        return None
    return Sink(kind, target)


def _rule(item: Any, path: str, problems: _Problems) -> Rule | None:
    if not isinstance(item, dict):
        problems.add(path, f"expected a mapping with name, when and to, got {_kind(item)}")
        return None
    problems.keys(path, item, ("name", "when", "to"), ("name", "when", "to"))
    name = item.get("name")
    if "name" in item and (not isinstance(name, str) or not name.strip()):
        problems.add(f"{path}.name", "expected a non-empty string")
    when = _when(item["when"], f"{path}.when", problems) if "when" in item else When()
    to = item.get("to")
    sinks: list[Sink] = []
    if "to" in item:
        if isinstance(to, str):
            to = [to]
        if not isinstance(to, list) or not to:
            problems.add(f"{path}.to", f"expected a list of sinks, got {_kind(to)}")
        else:
            for i, spec in enumerate(to):
                sink = _sink(spec, f"{path}.to[{i}]", problems)
                if sink is not None:
                    sinks.append(sink)
    if not isinstance(name, str):
        return None
    return Rule(name.strip(), when, tuple(sinks))


def _smtp(value: Any, problems: _Problems) -> Smtp:
    if value is None:
        return Smtp()
    if not isinstance(value, dict):
        problems.add("smtp", f"expected a mapping, got {_kind(value)}")
        return Smtp()
    problems.keys("smtp", value, ("host", "port", "from", "starttls", "user", "password_env"), ())
    port = value.get("port", 25)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        problems.add("smtp.port", f"expected a port number, got {port!r}")
        port = 25
    for key in ("host", "from", "user", "password_env"):
        if key in value and not isinstance(value[key], str):
            problems.add(f"smtp.{key}", "expected a string")
    if "starttls" in value and not isinstance(value["starttls"], bool):
        problems.add("smtp.starttls", "expected true or false")
    return Smtp(
        host=str(value.get("host", "localhost")),
        port=port,
        sender=str(value.get("from", "fieldguide@localhost")),
        starttls=value.get("starttls") is True,
        user=value.get("user") if isinstance(value.get("user"), str) else None,
        password_env=value.get("password_env") if isinstance(value.get("password_env"), str) else None,
    )


def _unique(names: list[str], path: str, problems: _Problems) -> None:
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            problems.add(f"{path}[{i}].name", f"{name!r} is given twice (first at {path}[{seen[name]}])")
        else:
            seen[name] = i


def parse_config(data: Any, base: Path = Path(".")) -> WatchConfig:
    """The configuration in ``data`` (parsed YAML); WatchConfigError listing every problem otherwise."""
    problems = _Problems()
    if not isinstance(data, dict):
        raise WatchConfigError(f"(top): expected a mapping with feeds and alerts, got {_kind(data)}")
    problems.keys("", data, ("feeds", "alerts", "smtp"), ("feeds",))
    feeds: list[Feed] = []
    raw_feeds = data.get("feeds")
    if "feeds" in data and (not isinstance(raw_feeds, list) or not raw_feeds):
        problems.add("feeds", f"expected a list of feeds, got {_kind(raw_feeds)}")
    elif isinstance(raw_feeds, list):
        feeds = [f for i, item in enumerate(raw_feeds) if (f := _feed(item, f"feeds[{i}]", problems)) is not None]
        _unique([f.name for f in feeds], "feeds", problems)
    rules: list[Rule] = []
    raw_alerts = data.get("alerts") or []
    if not isinstance(raw_alerts, list):
        problems.add("alerts", f"expected a list of alert rules, got {_kind(raw_alerts)}")
    else:
        rules = [r for i, item in enumerate(raw_alerts) if (r := _rule(item, f"alerts[{i}]", problems)) is not None]
        _unique([r.name for r in rules], "alerts", problems)
    smtp = _smtp(data.get("smtp"), problems)
    if problems.items:
        raise WatchConfigError("; ".join(problems.items), problems=problems.items)
    return WatchConfig(tuple(feeds), tuple(rules), smtp, base)


def load_config(path: Path) -> WatchConfig:
    """The configuration file at ``path``; WatchConfigError naming the file, key path and reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise WatchConfigError(f"{path}: cannot be read ({getattr(e, 'strerror', None) or e})") from e
    try:
        data = load_strict(text)
    except DuplicateKeyError as e:
        raise WatchConfigError(f"{path}: {e}") from e
    except yaml.YAMLError as e:
        raise WatchConfigError(f"{path}: not valid YAML ({' '.join(str(e).split())})") from e
    try:
        return parse_config(data, path.parent)
    except WatchConfigError as e:
        raise WatchConfigError(f"{path}: {e}", problems=e.details.get("problems", [])) from e
