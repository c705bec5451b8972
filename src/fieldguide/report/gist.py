"""What an item of "What you need to know" says beyond who did what where: the sentence of his
speech with the most strategic weight, the occasion a headline names, whom a commemoration honoured.

Pure functions of text and the rules of briefing.yaml (report/briefing_rules.py).
"""

from __future__ import annotations

import re

from fieldguide.report.briefing_rules import Rules, rules

# "Speech at ...", "Speech by ...", or "... Makes Important Speech on ...": an article of his words.
SPEECH_TITLE = re.compile(
    r"^\s*(?:full text of\s+)?(?:important\s+)?speech\b|\b(?:makes?|delivers?)\b.{0,40}\bspeech\b", re.IGNORECASE
)
LONGEST_WORDS = 70  # a longer sentence is a paragraph run together; it makes no quote
LONGEST_REPORTED_WORDS = 90  # his words retold run long ("Now that ..., he said, and stressed ...")


def is_speech_title(title: str | None) -> bool:
    """A headline of an article that is the speech itself ("Speech at ...", "Speech by ...")."""
    return bool(title and SPEECH_TITLE.search(title))


def weightiest(sentences: list[str], found_by: Rules | None = None, longest: int = LONGEST_WORDS) -> int | None:
    """The index of the sentence holding the most strategic terms (the earliest on a tie), or None
    when no sentence holds one."""
    terms = (found_by or rules()).gist_terms
    best: tuple[int, int] | None = None
    for i, sentence in enumerate(sentences):
        if len(sentence.split()) > longest:
            continue
        weight = sum(1 for t in terms if t.search(sentence))
        if weight and (best is None or weight > best[0]):
            best = (weight, i)
    return best[1] if best else None


def frames_his_act(title: str) -> bool:
    """A headline about others' story ("Flood Victims ... Arrive in Pyongyang", "Ceremony of ... Brigade's
    Departure"): the dispatch tells his act inside it, so the headline says what his act was part of."""
    return not _ABOUT_HIM.search(title)


_ABOUT_HIM = re.compile(r"\bKim Jong Un\b|\brespected\b|\bsupreme leader\b|\bgeneral secretary\b", re.IGNORECASE)


def occasion(title: str | None, already: str = "", found_by: Rules | None = None) -> str | None:
    """The occasion a headline names ("79th Founding Anniversary of WPK"), unless ``already`` says it."""
    pattern = (found_by or rules()).occasion
    m = pattern.search(title or "") if pattern else None
    if m is None:
        return None
    found = " ".join(m.group(1).split()).rstrip(" .")
    return None if found.casefold() in already.casefold() else found


def most_specific_occasion(titles: list[str | None], already: str = "") -> tuple[int, str] | None:
    """Of the occasions the headlines name, the most specific (an ordinal, then an anniversary;
    the earliest headline on a tie), with the index of its headline."""
    found = [(i, o) for i, t in enumerate(titles) if (o := occasion(t, already))]
    if not found:
        return None
    return max(found, key=lambda f: (bool(_ORDINAL.search(f[1])), "anniversary" in f[1].casefold(), -f[0]))


_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)


def numbered(occasion: str) -> bool:
    """The occasion carries its number ("71st anniversary"), not a bare "day"."""
    return bool(_ORDINAL.search(occasion))


def tribute(sentences: list[str], found_by: Rules | None = None) -> tuple[int, int] | None:
    """The first sentence that says whom he honoured ("... paid high tribute to the fallen fighters"),
    as its index and the offset in it where those words begin; None when no sentence does."""
    pattern = (found_by or rules()).tribute
    for i, sentence in enumerate(sentences if pattern else []):
        m = pattern.search(sentence) if pattern else None
        if m is not None:
            return i, m.start()
    return None


# A site named only by what it is chosen for ("the site chosen for construction of harbour facilities").
_GENERIC_SITE = re.compile(r"^(?:the |a )?site\b", re.IGNORECASE)
# "... Inspects Site for Construction of New Naval Base": the site as KCNA's headline names it.
_HEADLINE_SITE = re.compile(
    r"\b(?:inspects|visits|surveys|looks round|gives field guidance (?:at|to))\s+(site\s+(?:for|of)\s+.+?)\s*$",
    re.IGNORECASE,
)
_NEW = re.compile(r"\b(of|for) (new|modern)\b")
_HIS_WORDS = re.compile(
    r"\b(?:he|He)\s+(?:also\s+)?(?:said|stressed|underlined|noted|emphasized|explained|pointed out)\b"
    r"|^\s*Adding that\b"
)


def headline_site(site: str | None, title: str | None) -> str | None:
    """The site a headline names ("the site for construction of a new naval base") when the
    report's own phrase says only what a site was chosen for; else None."""
    if not site or not _GENERIC_SITE.match(site):
        return None
    m = _HEADLINE_SITE.search(title or "")
    if m is None:
        return None
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in m.group(1).split()]
    return "the " + _NEW.sub(r"\1 a \2", " ".join(words))


def his_words(sentences: list[str], found_by: Rules | None = None) -> int | None:
    """Of the sentences that report what he said, the one of most strategic weight (the earliest
    on a tie), or None."""
    said = [i for i, s in enumerate(sentences) if _HIS_WORDS.search(s)]
    best = weightiest([sentences[i] for i in said], found_by, LONGEST_REPORTED_WORDS)
    return said[best] if best is not None else None


def meeting_outcome(sentences: list[str], after: int, found_by: Rules | None = None) -> int | None:
    """The index of the first sentence after ``after`` (the one reporting the meeting) that holds
    the strongest cue of what the meeting added, decided or discussed, or None."""
    for cue in (found_by or rules()).meeting_outcomes:
        hit = next((i for i in range(after + 1, len(sentences)) if cue.search(sentences[i])), None)
        if hit is not None:
            return hit
    return None
