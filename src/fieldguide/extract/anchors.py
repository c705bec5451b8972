"""Anchors: the literal words a rule cannot match without, found once per text.

Rules are regular expressions kept as data, and trying a hundred of them at
every character of a dispatch is what would make extraction slow. Each
pattern's *anchors* — a set of literal strings one of which every match must
contain — are worked out from the parsed pattern when the rules are compiled.
One Aho-Corasick pass over the lower-cased text then tells which sentences can
match which rule, and only those are searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

MIN_ANCHOR = 3  # shorter literals would match nearly every sentence
# Words too common to tell anything: a literal that is only one of these is no anchor.
WEAK = frozenset("the a an of to in on at by for and or with from his her its their he she it was were is".split())


def anchors(pattern: str) -> frozenset[str] | None:
    """Lower-cased literals of which every match of ``pattern`` holds one; None when none can be proven."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _required(list(parsed))
    if not found or min(len(a) for a in found) < MIN_ANCHOR:
        return None
    return frozenset(found)


def leading(pattern: str, across_groups: bool = False) -> frozenset[str] | None:
    """The literals every match of ``pattern`` starts with (after a leading word boundary), if provable.

    ``across_groups``: read on past the first group or alternation (see ``_openings``), which proves
    longer openings, and openings for patterns whose alternatives share a short prefix."""
    try:
        items = list(sre_parse.parse(pattern, re.IGNORECASE))
    except re.error:
        return None
    while items and items[0][0] in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width: a match starts after them
        items.pop(0)
    if not across_groups:
        heads = _leading_literals(items)
    else:
        heads = {text for text, _ in _openings(items)}
        if not heads or min(len(h) for h in heads) < MIN_ANCHOR:
            # none that way: read on past a one-letter class and an optional group too
            heads = {text for text, _ in _openings(items, further=True)}
            # "met " begins every match "met with " begins: the longer adds no place to try
            heads = {h for h in heads if not any(o != h and h.startswith(o) for o in heads)}
    if not heads or min(len(h) for h in heads) < MIN_ANCHOR:
        return None
    return frozenset(heads)


# The most openings one pattern may have: past it, the openings found so far are kept as they are.
MAX_OPENINGS = 256


def _openings(items: Sequence[Any], further: bool = False) -> set[tuple[str, bool]]:
    """The literal text each way of matching a parsed sequence begins with, and whether that text is
    the whole of the sequence (so that what follows the sequence may carry it on).

    Read across groups and alternations, not only up to the first: the parser factors common
    prefixes out ("met|meets|meeting" -> "me" + "t|ets|eting", "had|held" -> "h" + "ad|eld"), and
    "(?:at|during) (?:the|his) visit" begins with "at the", "at his", "during the" or "during his".

    ``further``: read on past a class of one letter's two cases ("[Uu]nder", as the lower-cased text
    has it), a word boundary, and an optional group that opens the sequence ("(?:relief )?materials":
    "relief materials" or "materials")."""
    found: set[tuple[str, bool]] = {("", True)}
    for op, av in items:
        if op is sre.LITERAL:
            step: set[tuple[str, bool]] | None = {(chr(av).lower(), True)}
        elif op is sre.SUBPATTERN:
            step = _openings(list(av[-1]), further)
        elif op is sre.BRANCH:
            step = set().union(*(_openings(list(branch), further) for branch in av[1]))
        elif further and op is sre.IN and (letter := _one_letter(av)) is not None:
            step = {(letter, True)}
        elif further and op is sre.AT:
            step = {("", True)}  # a word boundary inside: it holds no text
        elif further and op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1 and found == {("", True)}:
            # an optional group that opens the sequence (later ones would multiply the openings)
            step = _openings(list(av[2]), further) | {("", True)}
        else:
            step = None  # a class, a repeat, an assertion: no literal text is certain past here
        grown: set[tuple[str, bool]] = set()
        for text, whole in found:
            if not whole or step is None:
                grown.add((text, False))
            else:
                grown.update((text + more, more_whole) for more, more_whole in step)
        if len(grown) > MAX_OPENINGS:
            return {(text, False) for text, _ in found}
        found = grown
        if not any(whole for _, whole in found):
            break
    return found


def _one_letter(charset: Sequence[Any]) -> str | None:
    """The lower-cased letter of a class that holds only the cases of one ASCII letter ("[Uu]"), or None."""
    if not charset or any(op is not sre.LITERAL for op, _ in charset):
        return None
    letters = {chr(av).lower() for _, av in charset}
    letter = letters.pop()
    return letter if not letters and letter.isascii() and letter.isalpha() else None


def _required(items: Sequence[Any]) -> set[str] | None:
    """The best set of required literals in a sequence of parsed items."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            literal = "".join(run)
            if literal.strip() not in WEAK:
                candidates.append({literal})
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av).lower())
            continue
        if run and op in (sre.SUBPATTERN, sre.BRANCH):
            # the parser factors common prefixes out ("met|meets" -> "me" + "t|ets"): join them again
            heads = _leading_literals([(op, av)])
            if heads:
                candidates.append({"".join(run) + h for h in heads})
        flush()
        if op is sre.SUBPATTERN:
            inner = _required(list(av[-1]))
            if inner:
                candidates.append(inner)
        elif op is sre.BRANCH:
            branches = [_required(list(b)) for b in av[1]]
            if all(branches):
                candidates.append(set().union(*branches))  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _required(list(av[2]))
            if inner:
                candidates.append(inner)
    flush()
    if not candidates:
        return None
    return max(candidates, key=lambda s: min(len(x) for x in s))


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can begin with, or None when that cannot be read from
    the parsed pattern (a class by category, a negated class, a match that may be empty ...)."""
    try:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except re.error:
        return None
    found = _firsts(items)
    if found is None or found[1]:  # unknown, or the whole pattern may match nothing
        return None
    return frozenset(found[0])


def _firsts(items: Sequence[Any]) -> tuple[set[str], bool] | None:
    """The first characters of a parsed sequence, and whether it may match the empty string."""
    chars: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the first character comes after it
        if op is sre.LITERAL:
            chars.add(chr(av))
            return chars, False
        if op is sre.IN:
            for item_op, item_av in av:
                if item_op is sre.LITERAL:
                    chars.add(chr(item_av))
                elif item_op is sre.RANGE and item_av[1] - item_av[0] < 128:
                    chars.update(chr(c) for c in range(item_av[0], item_av[1] + 1))
                else:
                    return None  # negated, by category, a wide range
            return chars, False
        if op is sre.SUBPATTERN:
            inner = _firsts(list(av[-1]))
        elif op is sre.BRANCH:
            branches = [_firsts(list(b)) for b in av[1]]
            if any(b is None for b in branches):
                return None
            inner = (set().union(*(b[0] for b in branches)), any(b[1] for b in branches))  # type: ignore[index]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            repeated = _firsts(list(av[2]))
            inner = None if repeated is None else (repeated[0], repeated[1] or av[0] == 0)
        else:
            return None
        if inner is None:
            return None
        chars |= inner[0]
        if not inner[1]:
            return chars, False
    return chars, True


def with_first_chars(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a look-ahead for the characters its matches begin with put in front: the same
    matches, groups and spans, but a pattern that opens on a word boundary or an alternation is then
    tried in full only at those characters instead of at every one. ``pattern`` itself when its first
    characters are not known, or when it opens on a literal or a class: the regex engine skips to
    those by itself, and a look-ahead in front would only stop it."""
    chars = first_chars(pattern)
    opening = pattern.pattern[:3]
    global_flags = opening.startswith("(?") and opening not in ("(?:", "(?P", "(?=", "(?!", "(?<")
    if not chars or global_flags or _opens_on_a_character(pattern):
        return pattern  # unknown, flags that must stay first, or no need
    charset = "".join(re.escape(c) for c in sorted(chars))  # escaped, so "]", "-", "^" stay literal
    try:
        return re.compile(f"(?=[{charset}])(?:{pattern.pattern})", pattern.flags)
    except re.error:
        return pattern


def _opens_on_a_character(pattern: re.Pattern[str]) -> bool:
    items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    while items and items[0][0] is sre.SUBPATTERN:
        items = list(items[0][1][-1])
    return bool(items) and items[0][0] in (sre.LITERAL, sre.IN)


def charset_first(alternatives: Sequence[str]) -> str:
    """``\\b(?:a|b|...)\\b`` for regex alternatives that each begin with a literal character,
    rewritten to begin with one character class.

    Python's regex engine skips quickly to the characters of a leading class, while a word
    boundary or an alternation first makes it try every position; on these rules that is the
    difference between a few and a hundred microseconds a dispatch."""
    by_initial: dict[str, list[str]] = {}
    for alt in alternatives:
        first = alt[:2] if alt.startswith("\\") else alt[0]
        by_initial.setdefault(first, []).append(alt[len(first) :])
    initials = "".join(sorted(by_initial))
    branches = "|".join(f"(?<={first})(?:{'|'.join(rest)})" for first, rest in sorted(by_initial.items()))
    return rf"[{initials}](?<![\w-][{initials}])(?:{branches})(?!\w)"


def _leading_literals(items: Sequence[Any]) -> set[str] | None:
    """The literal text each alternative of a parsed sequence begins with, or None if one has none."""
    if not items:
        return None
    op, av = items[0]
    if op is sre.LITERAL:
        text = []
        for op2, av2 in items:
            if op2 is not sre.LITERAL:
                break
            text.append(chr(av2).lower())
        return {"".join(text)}
    if op is sre.SUBPATTERN:
        return _leading_literals(list(av[-1]))
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            heads = _leading_literals(list(branch))
            if not heads:
                return None
            out |= heads
        return out
    return None


class Gate:
    """Which of a list of patterns can match in which stretch of a text."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], across_groups: bool = False) -> None:
        """``across_groups``: see ``leading``. It changes the anchors, and with them the order in which
        each pattern's first anchor is found: only for callers whose results do not depend on it."""
        self.patterns = list(patterns)
        self.always: list[int] = []  # patterns with no provable anchor: always tried
        self.starts_at_anchor: set[int] = set()  # patterns whose every match begins at an anchor
        self.automaton = ahocorasick.Automaton()
        keyed: dict[str, list[int]] = {}
        for i, p in enumerate(self.patterns):
            heads = leading(p.pattern, across_groups)
            found = heads or anchors(p.pattern)
            if found is None:
                self.always.append(i)
                continue
            if heads is not None:
                self.starts_at_anchor.add(i)
            for a in found:
                keyed.setdefault(a, []).append(i)
        for key, ids in keyed.items():
            self.automaton.add_word(key, (len(key), tuple(ids)))
        self.empty = not keyed
        if keyed:
            self.automaton.make_automaton()

    def positions(self, lowered: str, hits: Hits | None = None) -> dict[int, list[int]]:
        """For each pattern that can match, the offsets of its anchors in the text.

        ``hits``: this gate's share of a SharedScan of the text, instead of a pass of its own."""
        out: dict[int, list[int]] = {i: [0] for i in self.always}
        if self.empty:
            return out
        for end, (length, ids) in hits if hits is not None else self.automaton.iter(lowered):
            for i in ids:
                out.setdefault(i, []).append(end - length + 1)
        return out


Hits = list[tuple[int, Any]]  # (end offset, value) as an Aho-Corasick automaton reports them


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern each of whose matches begins at one of ``starts``:
    tried only there, taken as finditer takes them (left to right, none overlapping)."""
    found: list[re.Match[str]] = []
    end = 0
    for start in sorted(set(starts)):
        if start < end:
            continue
        m = pattern.match(text, start)
        if m:
            found.append(m)
            end = m.end()
    return found


class Prefiltered:
    """A pattern searched only in texts that hold one of its anchors.

    A substring test is far cheaper than a regex that starts with a word boundary or an
    alternation, which the engine tries at every character. The test is made on ASCII texts
    only: there lower-casing is all that case-insensitive matching does (elsewhere a "ſ" matches
    an "s"), so a text that holds no anchor cannot match."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        found = anchors(pattern.pattern)
        self.anchors: tuple[str, ...] | None = tuple(sorted(found)) if found else None

    def search(self, text: str) -> re.Match[str] | None:
        if self.anchors is not None and text.isascii():
            lowered = text.lower()
            if not any(a in lowered for a in self.anchors):
                return None
        return self.pattern.search(text)


class SharedScan:
    """Several automata merged into one, so that a text is scanned once for all of them.

    Each of the extractor's matchers keeps its own automaton (and can still scan alone);
    a pass over a text costs per character, and five passes cost five times one."""

    def __init__(self, automata: dict[str, Any]) -> None:
        merged: dict[str, list[tuple[str, Any]]] = {}
        for owner, automaton in automata.items():
            if automaton is None or len(automaton) == 0:
                continue
            for key, value in automaton.items():
                merged.setdefault(key, []).append((owner, value))
        self.owners = tuple(automata)
        # each key's owners by their place in ``owners``: scan appends to a list by index, the
        # cheapest step there is for the tens of hits of every text
        place = {owner: i for i, owner in enumerate(self.owners)}
        self.automaton = ahocorasick.Automaton()
        for key, values in merged.items():
            self.automaton.add_word(key, tuple((place[owner], value) for owner, value in values))
        self.empty = not merged
        if merged:
            self.automaton.make_automaton()

    def scan(self, lowered: str) -> dict[str, Hits]:
        """Each owner's hits in the text, as its own automaton would have reported them."""
        shares: list[Hits] = [[] for _ in self.owners]
        if not self.empty:
            for end, values in self.automaton.iter(lowered):
                for i, value in values:
                    shares[i].append((end, value))
        return dict(zip(self.owners, shares, strict=True))
