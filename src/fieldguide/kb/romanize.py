"""Fold the ways Korean names are romanized onto KCNA's own spelling.

KCNA writes names in the DPRK's official romanization (Phyongan, Jagang, Kim
Jong Un); foreign outlets use McCune-Reischauer (P'yŏngan, Chagang,
Kim Chŏng-ŭn), Revised Romanization (Pyeongan, Gangwon) or their own habits
(Kim Jong-un). These functions are pure: text in, text out. The only data they
consult is the alias index a caller passes (``KnowledgeBase.person_index``);
``fold_person`` falls back to the packaged knowledge base when given none.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Mapping

_APOSTROPHES = "'’‘ʼʻ`´"
_APOSTROPHE_CLASS = "[" + re.escape(_APOSTROPHES) + "]"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


KOREAN_SURNAMES: frozenset[str] = _words(
    # KCNA spellings first, then the South's and foreign outlets' spellings of the same names.
    "kim ri pak choe jo jong kang han o hyon jang no ryu yun sin hwang jon ju song kwon yang mun im ho"
    " hong ko son ra cha chae ryang tong sim yu pae paek nam kye ji yon sung wi ma ok ha thae chu ku um"
    " myong kil jin tho an yom sol pang kong min maeng chon cho choi lee yi rhee park pak yoon moon chung"
    " jung shin ahn oh yoo hyun jeon chun noh roh kwak suh seo bae baek"
)


def strip_marks(text: str) -> str:
    """Drop diacritics (ŏ, ŭ) and apostrophes, squeeze whitespace: "P'yŏngan" -> "Pyongan"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = re.sub(_APOSTROPHE_CLASS, "", bare)
    # composed again: decomposing split Hangul syllables into jamo, which no one types or matches
    return " ".join(unicodedata.normalize("NFC", bare).split())


def _has_mr_marks(text: str) -> bool:
    decomposed = unicodedata.normalize("NFKD", text)
    return any(unicodedata.combining(c) for c in decomposed) or bool(re.search(_APOSTROPHE_CLASS, text))


def mr_to_kcna(text: str) -> str:
    """McCune-Reischauer to KCNA spelling: Ch'oe -> Choe, Cho'ng -> Jong, P'yŏng -> Phyong, T'ae -> Thae.

    In MR an apostrophe after a consonant marks aspiration (KCNA writes ph, th,
    kh, ch) and one after a vowel stands for a breve; an unmarked syllable-initial
    ch is KCNA's j.
    """
    if not _has_mr_marks(text):
        return " ".join(text.split())
    decomposed = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Aspirated consonants: protect ch' with a placeholder so the j-rule below leaves it alone.
    s = re.sub(r"(?i)(c)(h)" + _APOSTROPHE_CLASS, lambda m: m.group(1) + "\x00" + m.group(2), s)
    s = re.sub(r"([PpTtKk])" + _APOSTROPHE_CLASS, lambda m: m.group(1) + "h", s)
    s = re.sub(_APOSTROPHE_CLASS, "", s)  # breves written as apostrophes after vowels
    s = re.sub(r"(?<![A-Za-z\x00])([Cc])h(?!\x00)", lambda m: "J" if m.group(1) == "C" else "j", s)
    s = s.replace("\x00", "")
    return " ".join(s.split())


def _format_korean(name: str) -> str | None:
    """'KIM Jong-un' -> 'Kim Jong Un'; None when the name does not look like a Korean name."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 4 or tokens[0].lower() not in KOREAN_SURNAMES:
        return None
    syllables = [part for token in tokens[1:] for part in token.split("-") if part]
    if not syllables or not all(part.isalpha() for part in [tokens[0], *syllables]):
        return None
    return " ".join(part.capitalize() for part in [tokens[0], *syllables])


def person_key(name: str) -> str:
    """A matching key: no marks, no case, no spaces or hyphens ("Kim Jong-un" -> "kimjongun").

    Hangul syllables stay, so that a name in Hangul ("조용원") has a key of its own, not an empty one.
    """
    return re.sub(r"[^0-9a-z\uac00-\ud7a3]", "", strip_marks(name).lower())


def fold_person(name: str, known: Mapping[str, str] | None = None) -> str:
    """The KCNA spelling of a person's name.

    ``known`` maps ``person_key`` of every name and alias to its canonical name
    (``KnowledgeBase.person_index``); a known alias wins ("Kim Jong Eun" ->
    "Kim Jong Un", "Zelensky" -> "Volodymyr Zelenskiy"). Otherwise Korean names
    are rewritten as KCNA does (surname, then each given-name syllable
    capitalised and separated by a space) and MR marks are dropped.
    """
    index = _default_person_index() if known is None else known
    converted = mr_to_kcna(name)
    formatted = _format_korean(converted) or strip_marks(converted)
    for candidate in (name, converted, formatted):
        canonical = index.get(person_key(candidate))
        if canonical:
            return canonical
    return formatted


@functools.cache
def _default_person_index() -> Mapping[str, str]:
    from fieldguide.kb import load  # late import: the loader uses this module

    return load().person_index


# --- places ---------------------------------------------------------------

# Spellings that no rule derives, both directions listed once: KCNA form first.
_IRREGULAR: tuple[tuple[str, ...], ...] = (
    ("Amnok", "Yalu", "Amrok"),
    ("Tuman", "Tumen", "Duman"),
    ("Rason", "Rajin-Sonbong", "Rajin Sonbong", "Najin-Sonbong", "Raseon"),
    ("Kaesong", "Gaeseong", "Kaesŏng"),
    ("Pyongyang", "P'yŏngyang", "Pyeongyang"),
    ("Phyongan", "P'yŏngan", "Pyeongan"),
    ("Hamgyong", "Hamgyŏng", "Hamkyong", "Hamgyeong"),
    ("Kangwon", "Kangwŏn", "Gangwon"),
    ("Sinuiju", "Sinŭiju", "Shinuiju"),
    ("Jagang", "Chagang"),
    ("Ryanggang", "Yanggang"),
    ("Nampho", "Namp'o", "Nampo"),
    ("Chongjin", "Ch'ŏngjin", "Cheongjin"),
    ("Hamhung", "Hamhŭng", "Hamheung"),
    ("Paektu", "Paektu", "Baekdu", "Paekdu", "Changbai"),
    ("Kumgang", "Kŭmgang", "Geumgang"),
    ("Taedong", "Taedong", "Daedong"),
    ("Chongchon", "Ch'ŏngch'ŏn", "Cheongcheon"),
    ("Kimchaek", "Kim Chaek", "Kimch'aek", "Gimchaek"),
    ("Hyesan", "Hyesan"),
    ("Wonsan", "Wŏnsan"),
    ("Haeju", "Haeju"),
    ("Kanggye", "Kanggye", "Ganggye"),
    ("Yonphyong", "Yeonpyeong", "Yonpyong"),
    ("Pusan", "Busan"),
    ("Inchon", "Incheon"),
    ("Kwangju", "Gwangju"),
    ("Taegu", "Daegu"),
    ("Panmunjom", "P'anmunjŏm", "Panmunjeom"),
    ("Phanmun", "Panmun", "P'anmun"),
)

_ENGLISH_WORDS = _words(
    "north south east west sea of korea bay the mt mount river island islet lake mountain mountains"
    " province city county district municipality workers' workers area peninsula strait"
)

# English suffix -> Korean suffix forms seen in foreign reporting, and whether the bare name is a variant.
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Province", ("-do",)),
    ("Municipality", ("City", "-si")),
    ("City", ("-si",)),
    ("County", ("-gun",)),
    ("District", ("-guyok", "-gu")),
    ("River", ("-gang",)),
    ("Island", ("-do",)),
    ("Islet", ("-do",)),
)
_VILLAGE_SUFFIX = re.compile(r"^(?P<base>.+?)[- ](?P<suffix>ri|dong|gun|si|up|gu)$", re.IGNORECASE)
_MOUNTAIN_PREFIX = re.compile(r"^(?:Mt\.?|Mount)\s+(?P<base>.+)$", re.IGNORECASE)
_MOUNTAIN_SUFFIX = re.compile(r"^(?P<base>.+?)\s+Mountains?$", re.IGNORECASE)

_Rule = Callable[[str], str]


def _word_rule(pattern: str, repl: str) -> _Rule:
    compiled = re.compile(pattern)

    def apply(word: str) -> str:
        if word.lower() in _ENGLISH_WORDS:
            return word
        return compiled.sub(lambda m: _keep_case(m.group(0), repl), word)

    return apply


def _keep_case(found: str, repl: str) -> str:
    return repl[:1].upper() + repl[1:] if found[:1].isupper() else repl


# Each rule turns KCNA spelling into one other habit; variants are all their combinations.
_RULES: tuple[_Rule, ...] = (
    _word_rule(r"(?i)(?<=[pk])h|(?<=t)h", ""),  # Phyongan -> Pyongan, Nampho -> Nampo, Thongchon -> Tongchon
    _word_rule(r"(?i)^j", "ch"),  # Jagang -> Chagang (MR)
    _word_rule(r"(?i)^r(?=[yi])", ""),  # Ryanggang -> Yanggang (the South's initial-sound rule)
    _word_rule(r"(?i)^r(?=[aou])", "n"),  # Rajin -> Najin
    _word_rule(r"(?i)gy", "ky"),  # Hamgyong -> Hamkyong
)
_VOICING = {"k": "g", "t": "d", "p": "b"}


def _voiced(word: str) -> str:
    """Revised Romanization voices unaspirated initials: Kangwon -> Gangwon, Paektu -> Baektu."""
    if word.lower() in _ENGLISH_WORDS or len(word) < 2 or word[1].lower() == "h":
        return word
    first = _VOICING.get(word[0].lower())
    if first is None:
        return word
    return (first.upper() if word[0].isupper() else first) + word[1:]


def _romanization_variants(base: str) -> set[str]:
    # Voicing first: it must see KCNA's aspirated ph/th/kh, which it leaves alone.
    rules = (_voiced, *_RULES)
    out: set[str] = set()
    for chosen in itertools.product((False, True), repeat=len(rules)):
        words = base.split(" ")
        for rule, on in zip(rules, chosen, strict=True):
            if on:
                words = ["-".join(rule(part) for part in word.split("-")) for word in words]
        out.add(" ".join(words))
    for group in _IRREGULAR:
        for spelling in group:
            if re.search(rf"\b{re.escape(spelling)}", base):
                out.update(base.replace(spelling, other) for other in group)
    return out


def _split_suffix(name: str) -> tuple[str, list[str]]:
    """The bare name and the forms its suffix takes ("Uiju County" -> "Uiju", [" County", "-gun", ""])."""
    name = " ".join(name.split())
    if m := _MOUNTAIN_PREFIX.match(name) or _MOUNTAIN_SUFFIX.match(name):
        return m.group("base"), ["Mt {}", "Mt. {}", "Mount {}", "{} Mountain", "{}san", "{}"]
    for english, korean in _SUFFIXES:
        if name.endswith(" " + english) and len(name) > len(english) + 1:
            base = name[: -len(english) - 1]
            return base, ["{} " + english, *("{}" + k for k in korean), "{}"]
    if m := _VILLAGE_SUFFIX.match(name):
        suffix = m.group("suffix").lower()
        forms = ["{}-" + suffix, "{}-" + suffix.capitalize(), "{} " + suffix.capitalize(), "{}" + suffix]
        return m.group("base"), forms
    return name, ["{}"]


def place_variants(name: str) -> set[str]:
    """The ways a KCNA place name may be written elsewhere, the name itself included.

    Covers aspiration (Phyongan/Pyongan/P'yŏngan), j/ch (Jagang/Chagang), the
    South's initial r (Ryanggang/Yanggang), voicing (Kangwon/Gangwon), spellings
    no rule derives (Amnok/Yalu, Rason/Rajin-Sonbong) and suffix forms
    (Uiju County/Uiju-gun/Uiju, Sinmi-ri/Sinmiri, Mt Paektu/Mount Paektu/Paektusan).
    """
    base, forms = _split_suffix(name)
    variants = {" ".join(name.split())}
    for spelling in _romanization_variants(base):
        variants.update(form.format(spelling) for form in forms)
    return {v for v in variants if v}


def fold_place(name: str) -> str:
    """A matching key under which the romanizations of one place name coincide.

    "P'yŏngan", "Phyongan", "Pyeongan" -> "pyongan"; "Chagang", "Jagang" -> "chagang";
    "Gangwon" -> "kangwon"; "Yanggang", "Ryanggang" -> "yanggang"; "Rajin", "Najin" -> "najin".
    Suffixes are kept. A key, not a spelling: never show it to a user.
    """
    text = strip_marks(name).lower().replace("-", " ").replace(".", " ")
    words = []
    for word in text.split():
        if word not in _ENGLISH_WORDS:
            word = word.replace("eo", "o").replace("eu", "u")
            word = re.sub(r"(?<=[ptk])h", "", word)
            word = re.sub(r"^r(?=[yi])", "", word)
            word = re.sub(r"^n(?=[yi])", "", word)
            word = re.sub(r"^r(?=[aou])", "n", word)
            word = re.sub(r"^[gdb]", lambda m: {"g": "k", "d": "t", "b": "p"}[m.group(0)], word)
            word = word.replace("j", "ch").replace("gy", "ky").replace("sh", "s")
        words.append(word)
    return "".join(words)
