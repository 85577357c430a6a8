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

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

__all__ = [
    "DESIGNATORS",
    "PRONOUNS",
    "acronym_of",
    "first_names_compatible",
    "initials",
    "is_acronym",
    "label_group",
    "name_tokens",
    "nickname_pair",
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
    " himself herself itself themselves".split()
)
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

_GROUPS = {"PERSON": "person", "PER": "person", "ORG": "org", "GPE": "place", "LOC": "place",
           "FAC": "place"}


def label_group(label: str) -> str:
    """The block an entity label merges within: person, org, place, or the label itself."""
    return _GROUPS.get(label.upper(), label.lower())


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def name_tokens(text: str, *, person: bool = False) -> tuple[str, ...]:
    """Lower-case, accent-free tokens; a hyphenated word stays one token ("ros-lehtinen").

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
    if min(len(a), len(b)) < MIN_FUZZY_LEN:
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
