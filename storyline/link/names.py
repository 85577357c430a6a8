"""Name normalisation and comparison used to merge entity mentions.

Everything here is a pure function of one or two strings (plus the nickname
table in ``data/nicknames.json``); :mod:`storyline.link.entities` decides which
pairs to compare.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib import resources
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

__all__ = [
    "DESIGNATORS",
    "Nominal",
    "PRONOUNS",
    "RELATIVES",
    "acronym_of",
    "first_names_compatible",
    "initials",
    "is_acronym",
    "label_group",
    "modifiers_compatible",
    "name_head",
    "name_tokens",
    "nickname_pair",
    "nominal",
    "norm_key",
    "spelling_variant",
    "tokens_compatible",
]

# A differing surname or name token counts as a spelling / transliteration variant
# ("Vargas-Lindqvist" / "Vargas-Lindqvst", "Gaddafi" / "Qaddafi", "Pemberton" / "Pemberten")
# when Jaro-Winkler >= 0.88 AND Levenshtein ratio >= 80 AND both are >= 5 letters.
# Set by hand on such pairs: they score 0.90-0.97 / 80-94, while different words of
# the same length ("watch"/"first" 0.0/20, "mark"/"mary" 0.88/75) fall below.
JW_MIN = 0.88
RATIO_MIN = 80.0
MIN_FUZZY_LEN = 5

PRONOUNS = frozenset(
    "i me my he him his she her hers they them their theirs it its we us our you your who whom"
    " whose which that where there here this these those himself herself itself themselves"
    " ourselves myself yourself someone somebody anyone everyone".split()
)
RELATIVES = frozenset("who whom whose which that where".split())
"""Pronouns that open a relative clause: "Jane Doe, who ..." stands for the mention just before."""
TITLES = frozenset(
    "mr mrs ms miss dr prof sen senator rep representative gov governor pres president vice"
    " gen general col colonel lt capt captain sgt adm admiral rev sir dame lord lady judge justice"
    " secretary sec minister chancellor mayor ambassador amb chairman chairwoman chair speaker"
    " leader congressman congresswoman hon honorable attorney".split()
)
SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())
# Words that follow a company's name without changing which company it is.
DESIGNATORS = frozenset(
    "inc incorporated corp corporation co company companies ltd limited llc plc ag sa nv gmbh group"
    " holdings industries international chemicals chemical pharmaceuticals pharma technologies"
    " enterprises partners".split()
)
STOPWORDS = frozenset("the of and for & a an in on at to de la le du".split())
# Words of a common-noun phrase that are not its head: what may lead it ("in the", "a", "its"),
# and the prepositions that start a post-modifier ("the bank in [the capital]").
_DETERMINERS = frozenset("a an the this that these those its his her their our your my some".split())
_PREPOSITIONS = frozenset(
    "in on at to into onto from near off across around inside outside of for with by over under"
    " through throughout within against along outside behind beyond".split()
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen hundred thousand million"
    " billion first second third fourth fifth".split()
)
# Days and months: closed classes whose members look like spellings of each other ("tuesday"
# / "thursday" score 0.88 / 80) but are never variants.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june"
    " july august september october november december".split()
)

_GROUPS = {"PERSON": "person", "PER": "person", "ORG": "org", "GPE": "place", "LOC": "place",
           "FAC": "place", "DATE": "time", "TIME": "time"}


def label_group(label: str) -> str:
    """The block an entity label merges within: person, org, place, time, or the label itself."""
    return _GROUPS.get(label.upper(), label.lower())


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def name_tokens(text: str, *, person: bool = False) -> tuple[str, ...]:
    """Lower-case, accent-free tokens; a hyphenated word stays one token ("garcia-lopez").

    Drops a leading "the", possessive "'s", and (``person=True``) titles and suffixes.
    """
    text = _strip_accents(text).casefold().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = text.replace(".", " ").replace("'", "")
    words = [w.strip("-") for w in re.split(r"[^\w\-&]+", text)]
    words = [w for w in words if w]
    while words and words[0] == "the":
        words = words[1:]
    if person:
        while len(words) > 1 and words[0] in TITLES:
            words = words[1:]
        while len(words) > 1 and words[-1] in SUFFIXES:
            words = words[:-1]
    return tuple(words)


def norm_key(text: str, *, person: bool = False) -> str:
    """The equality key: tokens joined by spaces, hyphens read as spaces."""
    return " ".join(name_tokens(text, person=person)).replace("-", " ")


def is_acronym(surface: str) -> bool:
    """``HRW``, ``U.S.``, ``NATO``: 2-6 capital letters (dots allowed), nothing else."""
    letters = surface.replace(".", "").strip()
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def acronym_of(surface: str) -> str:
    return surface.replace(".", "").strip().casefold()


def initials(text: str) -> str:
    """First letters of the content words ("Human Rights Watch" -> "hrw")."""
    words = [w for w in name_tokens(text) if w not in STOPWORDS]
    out: list[str] = []
    for w in words:
        out.extend(p[0] for p in w.split("-") if p)
    return "".join(out)


@functools.cache
def _nickname_groups() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("storyline.link").joinpath("data/nicknames.json").read_text("utf-8"))
    groups: dict[str, set[str]] = {}
    for formal, shorts in raw.items():
        if formal.startswith("_"):
            continue
        for name in (formal, *shorts):
            groups.setdefault(name, set()).add(formal)
    return {name: frozenset(formals) for name, formals in groups.items()}


def nickname_pair(a: str, b: str) -> bool:
    """True when the table lists ``a`` and ``b`` as forms of one given name (Ed / Edward)."""
    groups = _nickname_groups()
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset()))


def spelling_variant(a: str, b: str) -> float | None:
    """The Jaro-Winkler score when ``a`` and ``b`` look like spellings of one word, else None."""
    a, b = a.replace("-", ""), b.replace("-", "")
    if a == b:
        return 1.0
    if min(len(a), len(b)) < MIN_FUZZY_LEN or (a in _CALENDAR and b in _CALENDAR):
        return None
    jw = JaroWinkler.normalized_similarity(a, b)
    if jw >= JW_MIN and fuzz.ratio(a, b) >= RATIO_MIN:
        return jw
    return None


def first_names_compatible(a: str, b: str) -> str | None:
    """How two first names can name one person ("same", "initial", "nickname", "spelling"), or None."""
    if a == b:
        return "same"
    if len(a) == 1 or len(b) == 1:
        return "initial" if a[0] == b[0] else None
    if nickname_pair(a, b):
        return "nickname"
    # "Jon"/"John", "Iliana"/"Marisol": same first letter, very close spelling.
    if a[0] == b[0] and JaroWinkler.normalized_similarity(a, b) >= 0.9 and fuzz.ratio(a, b) >= 80:
        return "spelling"
    return None


def tokens_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[str, str, float]] | None:
    """Pair the words that differ between two (non-person) names, or None when they cannot.

    Names are compatible only when every differing content word has a near-identical
    spelling on the other side: "Human Rights Watch" / "Human Rights First" differ in
    a content word and stay apart.  Returns the (word, word, score) pairs that differ.
    """
    ca = [w.replace("-", "") for w in a if w not in STOPWORDS]
    cb = [w.replace("-", "") for w in b if w not in STOPWORDS]
    only_a = list(ca)
    only_b = []
    for w in cb:
        if w in only_a:
            only_a.remove(w)
        else:
            only_b.append(w)
    if len(only_a) != len(only_b) or not ca:
        return None
    pairs = []
    for w in sorted(only_a):
        scored = [(s, v) for v in only_b if (s := spelling_variant(w, v)) is not None]
        if not scored:
            return None
        score, v = max(scored, key=lambda sv: (sv[0], sv[1]))
        only_b.remove(v)
        pairs.append((w, v, score))
    return pairs


class Nominal(NamedTuple):
    """A common-noun phrase read by its words: "the 6.1-magnitude quake in the north"."""

    head: str
    """The head noun, casefolded ("quake"); plural and singular heads differ."""
    numbers: frozenset[str]
    """Numbers among the modifiers ("6.1"; "three" for "three-month")."""
    propers: frozenset[str]
    """Capitalised words other than the head, casefolded ("a Halvern bank in Ostrava" ->
    "halvern", "ostrava")."""


_POSSESSIVE = re.compile(r"'s$|'$")


def _phrase(text: str) -> tuple[list[str], list[str]]:
    """The words up to the head of a noun phrase, and those of its post-modifier: leading
    prepositions and determiners dropped, cut at a comma, a preposition or a relative pronoun."""
    text = text.replace("\u2019", "'").split(",")[0]
    words = [w for w in (_POSSESSIVE.sub("", raw).strip(".'\"()-") for raw in text.split()) if w]
    while words and (words[0].casefold() in _DETERMINERS or words[0].casefold() in _PREPOSITIONS):
        words = words[1:]
    for n, w in enumerate(words[1:], start=1):
        if w.casefold() in _PREPOSITIONS or w.casefold() in RELATIVES:
            return words[:n], words[n:]
    return words, []


@functools.lru_cache(maxsize=65536)
def nominal(text: str) -> Nominal | None:
    """The phrase's head and the modifiers that tell two such phrases apart, or None when the
    head is capitalised (a name, not a common noun) or there is no word.

    The head is the last word before a comma, a preposition or a relative pronoun, once the
    leading prepositions and determiners are dropped ("in a rehab centre in the north" -> "centre").
    """
    words, after = _phrase(text)
    if not words or not words[-1][:1].islower():
        return None
    mods = words[:-1]
    numbers = {n for w in mods for n in re.findall(r"\d+(?:\.\d+)?", w)}
    numbers |= {p for w in mods for p in w.casefold().split("-") if p in _NUMBER_WORDS}
    propers = {w.casefold() for w in (*mods, *after) if w[:1].isupper() and w.casefold() not in _NUMBER_WORDS}
    return Nominal(words[-1].casefold(), frozenset(numbers), frozenset(propers))


@functools.lru_cache(maxsize=65536)
def name_head(text: str) -> str | None:
    """The last word of a multi-word name before any post-modifier, casefolded ("the Halvern
    Institute in Ostrava" -> "institute"); None for a one-word name."""
    words, _ = _phrase(text)
    return words[-1].casefold() if len(words) >= 2 else None


def modifiers_compatible(a: Nominal, b: Nominal) -> bool:
    """Two phrases with one head may name one thing unless their numbers differ ("the 6.1
    quake" / "the 5.9 quake") or their capitalised modifiers do ("a Halvern bank" / "an Ostrava bank")."""
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return False
    return not (a.propers and b.propers and not a.propers & b.propers)
