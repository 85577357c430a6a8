"""Named-entity mentions: spaCy's entities, cleaned, plus rules news text needs.

``find_mentions(doc, article)`` returns one :class:`EntityMention` per name in the article, in
text order, never two overlapping.  On top of spaCy's entities (PERSON, ORG, GPE, NORP, LOC,
FAC, LAW, EVENT) it

* trims a leading "the" and a possessive "'s" off each span;
* reads the title written before a person's name ("Sen.", "Secretary of State") into
  ``attributes["title"]``, the party/state tag after it ("D-Ore.", "(R-TX)", "of New Mexico")
  into ``attributes["party"]`` ("D"/"R"/"I") and ``attributes["state"]`` (postal code), and an
  appositive affiliation ("an analyst at X, Jane Doe," / "Jane Doe, a researcher at X") into
  ``attributes["affiliation"]`` (the organisation) and ``attributes["title"]`` (the role);
* finds named instruments ("Senate Resolution 418", "Section 2103(b)", "the X Act") with a
  regular expression and labels them LAW, as it does spaCy entities ending in Act/Resolution;
* links a surname-only or "Mr./Ms. X" mention to the earlier full-name mention with that
  surname (``refers_to`` = its start, same ``key``), and an acronym in parentheses after its
  expansion ("... for Trade and Development (OTD)"), and the acronym's later uses, to the expansion;
* reads a title-only mention ("the senator", "the former secretary", "the California
  congressman", "the Republican senator") as a PERSON mention of the one person named before it
  whose title fits the role ("Sen.", "Secretary of State") and whose state or party fits the
  qualifier; with no such person, or two, it is left out rather than guessed.

``key`` is :func:`name_key`: casefolded, accents stripped, punctuation and hyphens normalised,
a leading "the" dropped; for people "first last" with titles and middle initials dropped.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.analyze.lexicon import HONORIFICS, PARTIES, PERSON_TITLES, STATES
from storyline.model import Article, EntityMention, Span

__all__ = ["Antecedents", "find_mentions", "name_key"]

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "LAW", "EVENT"})
_LAW_ENDINGS = ("Act", "Resolution", "Bill", "Amendment", "Treaty", "Convention")

# ------------------------------------------------------------------ patterns (compiled once)

_TITLE_ALT = "|".join(re.escape(t) for t in PERSON_TITLES)
# A title immediately before a name; "former"/"then-" may precede it, "U.S." or "State" may not.
_TITLE_BEFORE = re.compile(rf"(?:^|(?<=[\s(“\"]))(?P<title>{_TITLE_ALT})\s+$")
_TITLE_INSIDE = re.compile(rf"(?P<title>{_TITLE_ALT})\s+(?=[A-Z])")

# ", D-Ore.," / "(R-TX)" / "(D-N.M.)" / " D–N.Y." right after a name.
_PARTY_TAG = re.compile(
    r"\s*(?P<open>[,(])\s*(?P<party>[DRI])\s?[-–]\s?"
    r"(?P<state>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)\s*(?P<close>\))?"
)
# ", a Democrat from Maryland" / ", the Republican senator of Ohio" / " of New Mexico".
_PARTY_WORDS = re.compile(
    r",\s+(?:an?|the)\s+(?P<party>Democrat(?:ic)?|Republican|Independent)"
    r"(?:\s+(?:senator|congressman|congresswoman|representative|lawmaker|governor))?"
    r"\s+(?:from|of)\s+(?P<state>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
)
_STATE_OF = re.compile(r"\s+of\s+(?P<state>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b")

_ROLE = r"(?P<role>[A-Za-z][A-Za-z-]*(?:,?\s(?:and\s)?[A-Za-z][A-Za-z-]*){0,7}?)"
# "an analyst at the Center for X, " (the organisation mention follows "at ... the").
_AFFIL_BEFORE = re.compile(
    rf"(?:^|(?<=[\n.;:“\"]\s)|(?<=[\n.;:“\"]))(?:An?|an?|The|the)?\s*{_ROLE}\s+(?:at|for|with|of|from|in|on)\s+$"
)
# ", a researcher at " (then the organisation mention).
_AFFIL_AFTER = re.compile(
    r",\s+(?:(?P<art>an?|the)\s+)?(?P<role>[A-Za-z][\w&-]*(?:,?\s(?:and\s|&\s)?[A-Za-z][\w&-]*){0,11})"
    r"\s+(?:at|for|with|of|from|in|on)\s+(?:the\s+)?"
)
_NOT_ROLE = frozenset(
    """who whom which that whose said says told added wrote and but or is was are were has have
    had will would can could may might also""".split()
)

_CONNECT = r"(?:of|the|and|for|on|to|in|&|de|du|des|la)"
_CAPWORD = r"(?!(?:Act|Resolution)\b)[A-Z][\w'’.&-]*"
_LAW = re.compile(
    r"\b(?:(?:U\.S\.\s)?(?:Senate|House|Assembly)\s(?:Joint\s|Concurrent\s)?(?:Resolution|Bill)"
    r"\s(?:No\.\s?)?\d+[A-Z]?"
    r"|(?:H\.\s?R\.|S\.|H\.\s?Res\.|S\.\s?Res\.|H\.\s?Con\.\s?Res\.|S\.\s?Con\.\s?Res\.|"
    r"H\.\s?J\.\s?Res\.|S\.\s?J\.\s?Res\.)\s?\d+\b"
    r"|Section\s\d+[A-Za-z]?(?:\([A-Za-z0-9]+\))*"
    rf"|(?:{_CAPWORD}\s(?:{_CONNECT}\s)*){{1,10}}(?:Act|Resolution)\b(?:\sof\s\d{{4}})?)"
)
# Capitalised words that start a sentence or a phrase, not a law's name ("Under the X Act").
_NOT_NAME_START = frozenset(
    """the a an under in on by with for and but after before since during last this that
    these those when while if as at from to of its his her their our we they it he she new
    former""".split()
)

_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Za-z&]{1,10})\)")
_EXPANSION_WORDS = re.compile(rf"(?:{_CAPWORD}(?:\s+{_CONNECT})*\s+)*{_CAPWORD}\s*$")

# Titles that only ever precede a person's name: "Rep. Ivy Tamberlane" is a PERSON even where
# spaCy tags nothing.
_PERSON_ONLY_TITLES = (
    "Secretary of State|Prime Minister|Vice President|Sen\\.|Sens\\.|Senators?|Rep\\.|Reps\\.|"
    "Representative|Congressman|Congresswoman|Gov\\.|Governor|President|Ambassador|Mayor|Mr\\.|"
    "Mrs\\.|Ms\\.|Dr\\."
)
_NAME_WORD = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|O['’][A-Z][a-z]+|Mc[A-Z][a-z]+)"
_TITLED_NAME = re.compile(
    rf"(?<![\w.])(?:{_PERSON_ONLY_TITLES})\s+(?P<name>{_NAME_WORD}(?:\s[A-Z]\.)?(?:\s{_NAME_WORD}){{0,2}})\b"
    r"(?![\w-])"
)

_POSSESSIVE = ("'s", "’s", "'", "’")
# Words spaCy sometimes takes into a name's start: "the", and the cue of an inverted quote ("Said Doe:").
_NOT_NAME_LEAD = frozenset({"the", "said", "says", "added", "asked", "wrote"})
_PUNCT_KEY = re.compile(r"[^\w\s]")
_PUNCT_KEY_PERSON = re.compile(r"[^\w\s‐‑‒–—-]")
_DASHES = re.compile(r"[-‐‑‒–—/]")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_TITLE_KEYS = frozenset(re.sub(r"[^\w\s]", "", t.casefold()) for t in PERSON_TITLES)


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    attributes: dict[str, str] = field(default_factory=dict)
    refers_to: int | None = None
    key: str = ""


# ------------------------------------------------------------------ public


@functools.lru_cache(maxsize=65536)
def name_key(text: str, label: str) -> str:
    """The normalised name used to block and merge mentions across articles.

    Pure and called for every proper-noun token, so its results are cached per process.
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for poss in _POSSESSIVE:
        if s.endswith(poss) and len(s) > len(poss):
            s = s[: -len(poss)]
            break
    s = s.replace("&", " and ")
    if label != "PERSON":
        s = _DASHES.sub(" ", s)
    punct = _PUNCT_KEY_PERSON if label == "PERSON" else _PUNCT_KEY
    words = [w for w in (punct.sub("", w) for w in s.split()) if w]
    if words and words[0] == "the":
        words = words[1:]
    if label == "PERSON":
        while len(words) > 1 and words[0] in _TITLE_KEYS:
            words = words[1:]
        words = [w for w in words if w not in _NAME_SUFFIXES] or words
        if len(words) > 2:  # "first last": middle names and initials dropped
            words = [words[0], words[-1]]
        words = [_DASHES.sub(" ", w) for w in words]  # "Vargas-Lindqvist" stays one surname
    return " ".join(words)


def find_mentions(doc: Any, article: Article) -> tuple[EntityMention, ...]:
    """Entity mentions in ``article`` (``doc`` is spaCy's parse of ``article.text``)."""
    text = article.text
    found = _spacy_mentions(doc, text)
    found = _titled_people(text, found)
    found = _headline_misreads(text, found)
    found = _repair_orgs(text, found)
    found = _overlay(found, _law_mentions(text))
    found = _overlay(found, _acronym_mentions(text, found))
    tag_spans = _person_attributes(text, found)
    found = [m for m in found if not any(s <= m.start and m.end <= e for s, e in tag_spans)]
    for m in found:
        if not m.key:
            m.key = name_key(text[m.start : m.end], m.label)
    _link_surnames(doc, text, found)
    _link_acronyms(text, found)
    found.extend(_title_only(text, found))
    found.sort(key=lambda m: (m.start, -m.end))
    found = _drop_overlaps(found)
    return tuple(
        EntityMention(
            span=Span(article.id, m.start, m.end, text[m.start : m.end]),
            label=m.label,
            key=m.key,
            attributes=m.attributes,
            refers_to=m.refers_to,
        )
        for m in found
        if m.key
    )


class Antecedents:
    """Resolves "he"/"she" at a position to the person the article names for it, and "it"/"they"
    or a relative "who"/"which"/"that" to the words naming what it stands for.

    The antecedent of "he"/"she" is the last PERSON mention before the pronoun that is the
    subject of its clause, if one lies in the pronoun's sentence or the two before it (news
    keeps its protagonist in subject position), else the last PERSON mention before it.  For a
    pronoun outside quote marks, people named inside closed quoted words are passed over ('"Doe
    has failed us," he said': not Doe) while anyone else qualifies.
    """

    def __init__(self, doc: Any, mentions: Sequence[EntityMention]) -> None:
        self._doc = doc
        self._mentions = sorted(mentions, key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self._mentions]
        self._persons = [m for m in self._mentions if m.label == "PERSON"]
        self._ends = [m.span.end for m in self._persons]
        self._subject: list[bool] = []
        for m in self._persons:
            span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            self._subject.append(span is not None and span.root.dep_ in {"nsubj", "nsubjpass"})
        from storyline.analyze.quotes import quote_regions  # quotes builds on this module

        text = doc.text
        # closed runs only: a paragraph left open is often a whole quoted account, names and all
        self._quoted = [(a, b) for a, b in quote_regions(text) if b - a > 1 and text[b - 1] in "”»\""]
        self._quoted_starts = [a for a, _ in self._quoted]
        self._in_quote = [self._quote_at(m.span.start) is not None for m in self._persons]

    def resolve(self, char: int) -> EntityMention | None:
        n = bisect.bisect_right(self._ends, char)
        if n == 0:
            return None
        outside = self._quote_at(char) is None
        floor = self._window_start(char)
        for i in range(n - 1, -1, -1):
            m = self._persons[i]
            if m.span.start < floor:
                break
            if self._subject[i] and not (outside and self._in_quote[i]):
                return m
        if outside:
            for i in range(n - 1, max(n - 4, -1), -1):
                if not self._in_quote[i]:
                    return self._persons[i]
        return self._persons[n - 1]

    def _quote_at(self, char: int) -> tuple[int, int] | None:
        """The quoted run (marks included) holding ``char``, if any."""
        i = bisect.bisect_right(self._quoted_starts, char) - 1
        if i >= 0 and char < self._quoted[i][1]:
            return self._quoted[i]
        return None

    def nominal(self, char: int) -> tuple[int, int] | None:
        """The words "it"/"they" or a relative pronoun at ``char`` stands for, or ``None``.

        A relative pronoun stands for the noun its clause hangs on ("the council, which said").
        "it"/"they" stands for the nearest subject of a clause above it that is a noun, not a
        pronoun ("The council pledged to act against what it called ..."), else for the subject of
        the sentence before, or the one before that ("The council met. It said ..."); an object
        "it" first for that sentence's object ("The council passed the law. The mayor
        signed it").  The noun must fit the pronoun: never one person, and for "it" not a plural.
        """
        span = self._doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return None
        tok = span[0]
        low = tok.lower_
        if low in _RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
            return self._words(tok.head.head)
        if low not in {"it", "they"}:
            return None
        verb = tok.head
        while verb.head.i != verb.i:
            verb = verb.head
            subj = _nominal(verb, _SUBJECT)
            if subj is not None and self._fits(subj, low):
                return self._words(subj)
        sent = tok.sent
        for _ in range(2):
            if sent.start == 0:
                break
            sent = self._doc[sent.start - 1].sent
            if tok.dep_ == "dobj":
                # an object stands for the object before it: "... criticized the crackdown. Others
                # condemned it" (the crackdown), "The council passed the law. The mayor signed it"
                obj = _nominal(sent.root, _OBJECT)
                if obj is not None and self._fits(obj, low):
                    return self._words(obj)
            subj = _nominal(sent.root, _SUBJECT)
            if subj is not None and self._fits(subj, low):
                return self._words(subj)
        return None

    def _mention(self, tok: Any) -> EntityMention | None:
        i = bisect.bisect_right(self._starts, tok.idx) - 1
        if i >= 0 and tok.idx < self._mentions[i].span.end:
            return self._mentions[i]
        return None

    def _fits(self, subj: Any, pronoun: str) -> bool:
        mention = self._mention(subj)
        # a name in the plural is still one organisation: "Norvale Chemicals said it ..."
        named_one = mention is not None and mention.label != "PERSON" and subj.tag_ == "NNPS"
        plural = (subj.tag_ in {"NNS", "NNPS"} and not named_one) or any(c.dep_ == "conj" for c in subj.children)
        if mention is not None and mention.label == "PERSON" and not plural:
            return False
        return pronoun == "they" or not plural

    def _words(self, tok: Any) -> tuple[int, int]:
        mention = self._mention(tok)
        if mention is None and tok.dep_ == "appos":  # "Jane Doe, the commissioner, who ...": the person
            mention = self._mention(tok.head)
            mention = mention if mention is not None and mention.label == "PERSON" else None
        if mention is not None:
            return mention.span.start, mention.span.end
        lefts = [c for c in tok.lefts if c.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod"}]
        left = lefts[0].left_edge if lefts else tok
        return left.idx, tok.idx + len(tok.text)

    def _window_start(self, char: int) -> int:
        span = self._doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return char
        sent = span[0].sent
        for _ in range(2):
            if sent.start == 0:
                break
            sent = self._doc[sent.start - 1].sent
        return int(sent.start_char)


_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_OBJECT = frozenset({"dobj"})


def _nominal(verb: Any, deps: frozenset[str]) -> Any | None:
    """The subject (``_SUBJECT``) or direct object (``_OBJECT``) of ``verb`` when it is a noun or a
    name (not a pronoun)."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in verb.children if c.dep_ in deps and c.pos_ in {"NOUN", "PROPN"}), None)


def _drop_overlaps(found: list[_Mention]) -> list[_Mention]:
    out: list[_Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


# ------------------------------------------------------------------ spaCy entities, cleaned


def _spacy_mentions(doc: Any, text: str) -> list[_Mention]:
    out: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        tokens = list(ent)
        while tokens and (tokens[0].lower_ in _NOT_NAME_LEAD or tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        label = ent.label_
        attrs: dict[str, str] = {}
        if label == "PERSON":  # a title spaCy took into the name is read back by _person_attributes
            inside = _TITLE_INSIDE.match(text, start, end)
            if inside and inside.end() < end:
                start = inside.end()
        if "\n" in text[start:end]:
            continue  # a headline run into the next line: no name crosses a line break
        surface = text[start:end]
        if surface.endswith(_LAW_ENDINGS) and label in {"ORG", "EVENT", "PERSON", "GPE", "WORK_OF_ART"}:
            label = "LAW"  # spaCy often calls "the X Act" an ORG
        if not any(c.isalpha() for c in surface):
            continue
        out.append(_Mention(start, end, label, attrs))
    return out


def _titled_people(text: str, found: list[_Mention]) -> list[_Mention]:
    """Names after a person-only title that spaCy missed or mislabelled become PERSON."""
    extra: list[_Mention] = []
    for match in _TITLED_NAME.finditer(text):
        start, end = match.span("name")
        overlapping = [m for m in found if m.start < end and start < m.end]
        if not overlapping:
            extra.append(_Mention(start, end, "PERSON"))
        elif len(overlapping) == 1 and (overlapping[0].start, overlapping[0].end) == (start, end):
            overlapping[0].label = "PERSON"
    return sorted(found + extra, key=lambda m: m.start) if extra else found


_HEADLINE_MAX = 200  # characters: a longer line is a paragraph, not a headline
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _title_case_line(text: str, start: int) -> tuple[int, int] | None:
    """The bounds of the line holding ``start`` when it is a title-case headline: at least four
    words, four in five of them capitalised ("Senate Finally Approves New Budget In Riverton")."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    hi = len(text) if hi < 0 else hi
    if hi - lo > _HEADLINE_MAX:
        return None
    words = _HEADLINE_WORD.findall(text, lo, hi)
    if len(words) < 4 or sum(w[0].isupper() for w in words) * 5 < len(words) * 4:
        return None
    return lo, hi


def _headline_misreads(text: str, found: list[_Mention]) -> list[_Mention]:
    """Drop a person or organisation that spaCy read in a title-case headline when the article
    never names it again: capitalised verbs and nouns there look like names ("Finally Condemns
    Anti-Fraud Purge" as a person), while a real headline name recurs in the story below."""
    out: list[_Mention] = []
    for m in found:
        if m.label in {"PERSON", "ORG"} and (line := _title_case_line(text, m.start)) is not None:
            surface = text[m.start : m.end]
            probes = {surface, surface.split()[-1]} if m.label == "PERSON" else {surface}
            rest = text[: line[0]] + "\n" + text[line[1] :]
            if not any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", rest) for p in probes):
                continue
        out.append(m)
    return out


_INSTITUTION_HEADS = frozenset(
    """Organization Organisation Council Committee Commission Office Agency Court Union Association
    Federation Institute Center Centre Bureau Ministry Department League Alliance Fund Bank
    Conference Assembly Parliament Foundation Coalition Network Forum""".split()
)


def _repair_orgs(text: str, found: list[_Mention]) -> list[_Mention]:
    """Undo two common spaCy cuts: "X at Human Rights Watch" as one ORG, and an institution's
    name split before "in Europe" ("Organization for ... in Europe" as ORG + LOC)."""
    out: list[_Mention] = []
    for m in found:
        if m.label == "ORG":
            cut = text.rfind(" at ", m.start, m.end)
            if cut > 0 and text[cut + 4 : cut + 5].isupper():
                m.start = cut + 4
            for poss in ("'s ", "’s "):  # "Whitfield's State Department": the department
                cut = text.rfind(poss, m.start, m.end)
                if cut > 0 and text[cut + 3 : cut + 4].isupper():
                    m.start = cut + 3
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == "ORG"
            and m.label in {"LOC", "GPE", "ORG"}
            and text[prev.end : m.start] in {" in ", " of ", " for "}
            and text[prev.start : prev.end].split(" ", 1)[0] in _INSTITUTION_HEADS
        ):
            prev.end = m.end
            continue
        out.append(m)
    return out


def _overlay(base: list[_Mention], extra: list[_Mention]) -> list[_Mention]:
    """Add ``extra`` mentions, dropping ``base`` mentions they overlap (``extra`` wins)."""
    if not extra:
        return base
    extra = sorted(extra, key=lambda m: m.start)
    kept = [m for m in base if not _overlaps_any(m, extra)]
    return sorted(kept + extra, key=lambda m: m.start)


def _overlaps_any(m: _Mention, others: list[_Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


# ------------------------------------------------------------------ laws and instruments


def _law_mentions(text: str) -> list[_Mention]:
    out: list[_Mention] = []
    for match in _LAW.finditer(text):
        start, end = match.start(), match.end()
        words = text[start:end].split(" ")
        # drop sentence-initial words and connectors before the name proper
        offset = 0
        while len(words) > 1 and (words[0].casefold() in _NOT_NAME_START or not words[0][:1].isupper()):
            offset += len(words[0]) + 1
            words = words[1:]
        start += offset
        if len(words) < 2 or (words[-1] in {"Act", "Resolution"} and words[0] in {"Act", "Resolution"}):
            continue
        out.append(_Mention(start, end, "LAW"))
    return out


# ------------------------------------------------------------------ acronyms


def _acronym_mentions(text: str, found: list[_Mention]) -> list[_Mention]:
    """The expansion before each "(ACR)" and the acronym itself, linked to it."""
    out: list[_Mention] = []
    for match in _ACRONYM.finditer(text):
        acr = match.group("acr")
        window_start = max(0, match.start() - 160)
        window = text[window_start : match.start()]
        exp = _EXPANSION_WORDS.search(window)
        if exp is None:
            continue
        span = _expansion_for(acr, window, exp.start(), exp.end())
        if span is None:
            continue
        e_start, e_end = window_start + span[0], window_start + span[1]
        label = "ORG"
        for m in found:
            if m.start < e_end and e_start < m.end and m.label in {"ORG", "GPE", "NORP", "LAW", "FAC"}:
                label = m.label
                break
        expansion = _Mention(e_start, e_end, label)
        expansion.key = name_key(text[e_start:e_end], label)
        acronym = _Mention(match.start("acr"), match.end("acr"), label, refers_to=e_start, key=expansion.key)
        out.extend((expansion, acronym))
    return out


def _expansion_for(acr: str, window: str, start: int, end: int) -> tuple[int, int] | None:
    """The shortest run of capitalised words ending at ``end`` whose initials spell ``acr``."""
    phrase = window[start:end].rstrip()
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", phrase)]
    letters = [c for c in acr if c.isupper()]
    for i, (offset, word) in enumerate(words):
        if word[0] != letters[0] or word.casefold() in _NOT_NAME_START:
            continue
        initials = []
        for _, w in words[i:]:
            for part in _DASHES.split(w):
                if part[:1].isupper():
                    initials.append(part[0])
        if _is_subsequence(letters, initials) and len(initials) >= len(letters):
            return start + offset, start + len(phrase)
    return None


def _is_subsequence(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(c == h for h in it) for c in needle)


def _link_acronyms(text: str, found: list[_Mention]) -> None:
    """Later uses of an acronym defined in parentheses refer to its expansion."""
    defined: dict[str, _Mention] = {}
    for m in found:
        if m.refers_to is not None and text[m.start : m.end].isupper():
            defined.setdefault(text[m.start : m.end], m)
    _link_known_acronyms(text, found, defined)
    if not defined:
        return
    existing = {(m.start, m.end) for m in found}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in defined) + r")\b")
    by_start = {m.start: m for m in found}
    for match in pattern.finditer(text):
        acr_m = defined[match.group()]
        if match.start() <= acr_m.start:
            continue
        span = (match.start(), match.end())
        if span in existing:
            m = by_start[match.start()]
            m.refers_to, m.key, m.label = acr_m.refers_to, acr_m.key, acr_m.label
        elif not any(m.start < span[1] and span[0] < m.end for m in found):
            found.append(_Mention(span[0], span[1], acr_m.label, refers_to=acr_m.refers_to, key=acr_m.key))


def _link_known_acronyms(text: str, found: list[_Mention], defined: dict[str, _Mention]) -> None:
    """An all-caps ORG ("OTD") whose letters are the initials of an earlier ORG refers to it."""
    orgs: list[tuple[_Mention, list[str]]] = []
    for m in sorted(found, key=lambda x: x.start):
        surface = text[m.start : m.end]
        if m.label != "ORG":
            continue
        if surface.isupper() and len(surface) >= 3 and surface.isalpha() and m.refers_to is None:
            letters = list(surface)
            for org, initials in orgs:
                if (
                    initials[0] == letters[0]
                    and initials[-1] == letters[-1]
                    and len(letters) <= len(initials) <= len(letters) + 1
                    and _is_subsequence(letters, initials)
                ):
                    m.refers_to, m.key = org.start, org.key or name_key(text[org.start : org.end], "ORG")
                    defined.setdefault(surface, m)
                    break
        elif " " in surface:
            initials = [p[0] for w in surface.split() for p in _DASHES.split(w) if p[:1].isupper()]
            if len(initials) >= 2:
                orgs.append((m, initials))


# ------------------------------------------------------------------ people: titles, party, affiliation


def _person_attributes(text: str, found: list[_Mention]) -> list[tuple[int, int]]:
    """Fill titles, party/state and affiliation; return the spans of party tags read."""
    tag_spans: list[tuple[int, int]] = []
    orgs = [m for m in found if m.label in {"ORG", "GPE", "NORP", "FAC"}]
    org_by_end = {m.end: m for m in orgs}
    org_by_start = {m.start: m for m in orgs}
    for m in found:
        if m.label != "PERSON":
            continue
        before = text[max(0, m.start - 40) : m.start]
        before = before[before.rfind("\n") + 1 :]
        title = _TITLE_BEFORE.search(before)
        if title and "title" not in m.attributes:
            m.attributes["title"] = title.group("title")
            tag_spans.append((m.start - len(before) + title.start("title"), m.start))
        after_end = m.end
        tag = _PARTY_TAG.match(text, m.end)
        if tag and (tag.group("open") == "," or tag.group("close")):
            state = _state_code(tag.group("state"))
            if state is not None:
                m.attributes["party"] = tag.group("party")
                m.attributes["state"] = state
                tag_spans.append((tag.start("party"), tag.end("state")))
                after_end = tag.end()
        else:
            words = _PARTY_WORDS.match(text, m.end) or _STATE_OF.match(text, m.end)
            if words:
                state = _state_code(words.group("state"))
                if state is not None:
                    if "party" in words.groupdict():
                        m.attributes["party"] = PARTIES[words.group("party").casefold()]
                    m.attributes["state"] = state
        _affiliation(text, m, after_end, org_by_end, org_by_start)
    return tag_spans


def _state_code(raw: str) -> str | None:
    raw = raw.strip().rstrip(",")
    code = STATES.get(raw.casefold())
    if code is None and " " in raw:
        code = STATES.get(raw.split()[0].casefold())
    return code


def _affiliation(
    text: str, m: _Mention, after_end: int, org_by_end: dict[int, _Mention], org_by_start: dict[int, _Mention]
) -> None:
    # "an analyst at the Center for X, Jane Doe,"
    head = text[max(0, m.start - 3) : m.start]
    if head.endswith(", "):
        org = org_by_end.get(m.start - 2)
        if org is not None:
            line_start = max(text.rfind("\n", 0, org.start) + 1, org.start - 120)
            before = text[line_start : org.start]
            if before.endswith(("the ", "The ")):
                before = before[:-4]
            hit = _AFFIL_BEFORE.search(before)
            if hit:
                m.attributes["affiliation"] = text[org.start : org.end]
                m.attributes.setdefault("title", hit.group("role"))
                return
    # "Jane Doe, a researcher at X"
    for org_start in range(after_end + 4, min(len(text), after_end + 140)):
        org = org_by_start.get(org_start)
        if org is None or org.label == "NORP":
            continue
        hit = _AFFIL_AFTER.fullmatch(text, after_end, org.start)
        if hit is not None:
            role = hit.group("role")
            first = role.split()[0]
            if first.casefold() in _NOT_ROLE or (hit.group("art") is None and not first.islower()):
                return
            m.attributes["affiliation"] = text[org.start : org.end]
            m.attributes.setdefault("title", role)
        return


# ------------------------------------------------------------------ surnames


def _link_surnames(doc: Any, text: str, found: list[_Mention]) -> None:
    """Point "Whitfield" / "Ms. Whitfield" at the earlier "Jane Whitfield" (same key)."""
    full: dict[str, _Mention] = {}  # surname key -> first full-name mention
    single: set[str] = set()  # keys of one-word PERSON mentions ("Whitfield")
    covered = {i for m in found for i in range(m.start, m.end)}
    for m in sorted(found, key=lambda x: x.start):
        words = text[m.start : m.end].split()
        if m.label == "PERSON" and len(words) >= 2:
            full.setdefault(name_key(words[-1], "PERSON"), m)
            continue
        if len(words) != 1 or m.label not in {"PERSON", "ORG", "GPE", "NORP"}:
            continue
        surname = name_key(words[0], "PERSON")
        target = full.get(surname)
        if target is None or target.start >= m.start:
            if m.label == "PERSON":
                single.add(surname)
            elif m.label == "ORG" and surname in single:
                m.label = "PERSON"  # "Whitfield" tagged ORG after "Senator Whitfield"
            continue
        # spaCy often tags a lone surname ORG or GPE; the earlier full name settles it
        m.label = "PERSON"
        m.refers_to, m.key = target.start, target.key
        _honorific(text, m)
    if not full:
        return
    # surnames spaCy missed altogether ("Whitfield said"), also when the tagger took a
    # capitalised word inside the sentence for a common noun
    for token in doc:
        if token.pos_ != "PROPN" and not (token.pos_ == "NOUN" and token.is_title and not token.is_sent_start):
            continue
        start, end = token.idx, token.idx + len(token.text)
        target = full.get(name_key(token.text, "PERSON"))
        if target is None or target.start >= start:
            continue
        if start in covered or end - 1 in covered:
            continue
        m = _Mention(start, end, "PERSON", refers_to=target.start, key=target.key)
        _honorific(text, m)
        found.append(m)
        covered.update(range(start, end))


# ------------------------------------------------------------------ title-only mentions

# role word -> the written titles (casefolded, without dots) a person must carry to be "the <role>"
_ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "senator": ("sen", "sens", "senator", "senators", "senate majority leader", "senate minority leader"),
    "congressman": ("rep", "reps", "representative", "congressman"),
    "congresswoman": ("rep", "reps", "representative", "congresswoman"),
    "representative": ("rep", "reps", "representative", "congressman", "congresswoman"),
    "lawmaker": ("sen", "sens", "senator", "rep", "reps", "representative", "congressman", "congresswoman"),
    "governor": ("gov", "governor"),
    "president": ("president",),
    "vice president": ("vice president", "vice-president"),
    "secretary": ("secretary",),
    "minister": ("minister", "prime minister", "foreign minister", "defense minister", "interior minister"),
    "prime minister": ("prime minister",),
    "ambassador": ("ambassador", "amb"),
    "mayor": ("mayor",),
    "judge": ("judge",),
    "chairman": ("chairman", "chair"),
    "chairwoman": ("chairwoman", "chair"),
    "envoy": ("envoy", "special envoy"),
    "spokesman": ("spokesman", "spokesperson"),
    "spokeswoman": ("spokeswoman", "spokesperson"),
}
_TITLE_ONLY = re.compile(
    r"\b(?:the|The)\s+(?:(?:former|then|new|outgoing|incoming|veteran|junior|senior)[-\s]+)?"
    r"(?P<qual>(?:[A-Z][a-z]+\s+){1,2})?"  # "the California congressman", "the Democratic senator"
    r"(?P<role>" + "|".join(sorted((re.escape(r) for r in _ROLE_TITLES), key=len, reverse=True)) + r")\b"
    r"(?![-\s]+(?:[A-Z]|of\s+[A-Z]|for\s+[A-Z]|elect))"
)


def _fits(role: str, title: str) -> bool:
    """Whether a person titled ``title`` ("Sen.", "Secretary of State") can be "the ``role``"."""
    t = title.casefold().replace(".", "").strip()
    for allowed in _ROLE_TITLES[role]:
        if t == allowed or t.startswith(allowed + " ") or t.endswith(" " + allowed):
            return True
    return False


def _title_only(text: str, found: list[_Mention]) -> list[_Mention]:
    """"the senator" -> a PERSON mention ("senator") of the last person before it whose title fits."""
    people = sorted((m for m in found if m.label == "PERSON"), key=lambda m: m.start)
    if not people:
        return []
    by_start = {m.start: m for m in people}
    titles: list[tuple[int, _Mention, str]] = []  # (mention start, referent, its title)
    for m in people:
        referent = by_start.get(m.refers_to, m) if m.refers_to is not None else m
        title = m.attributes.get("title") or referent.attributes.get("title")
        # a title written before the name ("President", "Sen.") names an office; a lower-case role
        # read from an appositive ("Jane Doe, president of X") does not make her "the president"
        if title and title[:1].isupper():
            titles.append((m.start, referent, title))
    if not titles:
        return []
    starts = sorted(m.start for m in found)
    ends = {m.start: m.end for m in found}
    out: list[_Mention] = []
    for match in _TITLE_ONLY.finditer(text):
        start, end = match.start("role"), match.end()  # the role word: no mention starts with "the"
        i = bisect.bisect_left(starts, end) - 1
        if i >= 0 and ends[starts[i]] > start:
            continue  # inside a name ("The Senate President ...")
        role = match.group("role").casefold()
        qual = (match.group("qual") or "").strip().casefold()
        state, party = STATES.get(qual), PARTIES.get(qual)
        if qual and state is None and party is None:
            continue  # "the White House spokesman" is no title of a person named before
        k = bisect.bisect_left(titles, (start,), key=lambda t: (t[0],))
        fitting = {
            referent.key: referent
            for _, referent, title in titles[:k]
            if _fits(role, title)
            and (state is None or referent.attributes.get("state", state) == state)
            and (party is None or referent.attributes.get("party", party) == party)
        }
        if len(fitting) == 1:  # two people it could name ("President X" and "President Y"): left out
            (referent,) = fitting.values()
            attrs = {"title": match.group("role")}
            out.append(_Mention(start, end, "PERSON", attrs, refers_to=referent.start, key=referent.key))
    return out


def _honorific(text: str, m: _Mention) -> None:
    before = text[max(0, m.start - 6) : m.start].split()
    if before and before[-1].casefold() in HONORIFICS:
        m.attributes.setdefault("title", before[-1])
