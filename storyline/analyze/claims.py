"""Numeric claims: a number, the thing it counts, and what those things did.

``find_claims(doc, article)`` reads the dependency parse.  A number is a run of cardinal tokens
("53", "fifty-three", "2 million", "$2 million") or a vague plural ("hundreds of", "dozens of",
"tens of thousands of").  What it counts is the noun it modifies ("53 *members*"), or the object
of its "of" ("hundreds of *villagers*", "$2 million in *aid*"); a number that counts nothing
("nearly 30 were released") is not reported, since nothing could be compared with it.

``subject`` is the normalised key: the counted noun's lemma, its compounds, the object of its
own "of" ("member of congress"), and the verb it is subject or object of, as written when a
participle or past form, else its lemma ("member of congress signed", "people detained").
A few outcomes are normalised so that differently worded counts of the same thing meet:
"taken to / treated in / sent to hospital" -> "hospitalized", "took to the streets" -> "protested",
"were held" -> "detained", "died" -> "killed", "left dead" / "feared dead" -> "killed", "left homeless"
-> "homeless", "are thought to have been killed" -> "killed" (``_PLACE_OUTCOME``, ``_VERB_OUTCOME``,
``_STATE_OUTCOME``, ``_RAISING``); an outcome verb whose
active subject is the counted ("30 soldiers killed 5 civilians") keeps what they did it to
("soldier kill civilian").
``unit`` is the counted noun's lemma, or ``usd``/``eur``/``gbp`` for money, ``percent``.

``low``/``high`` (inclusive; ``None`` = unbounded):

* exact "53" -> 53..53; "between 50 and 60", "50 to 60" -> 50..60;
* "more than 50", "over 50" -> 51..None (counts are whole: more than 50 is at least 51;
  money and percentages keep 50); "at least 50" -> 50..None;
* "fewer than 50", "under 50" -> None..49; "up to/at most/as many as 50" -> None..50;
* "about/around/roughly/some 50" -> a +/-10% band (45..55); "nearly/almost 50" -> 45..49;
* "dozens" 24..99, "scores" 40..99, "hundreds" 200..999, "thousands" 2,000..9,999,
  "tens of thousands" 20,000..99,999, "millions" 2M..999M; "several hundred" 300..999,
  "a few hundred" 200..500.

Temporal claims (when something began or ended) come from the time stage: a DATE expression
that a verb of beginning ("began", "started", "was launched", "broke out") or ending ("ended",
"was lifted", "stopped") governs, with what began: the verb's object when it has one ("NATO
launched its bombing campaign in March": "bombing campaign began"; not "opened fire"), else its
subject ("the crackdown began in early March"): ``subject`` is that lemma + "began"/"ended"
("crackdown began"), ``unit`` is ``"date"``,
``value`` the time expression's words, ``approx`` its TIMEX3 modifier in lower case ("early"),
and ``low``/``high`` the first and last day of its interval as proleptic ordinals
(``datetime.date.toordinal``), so the linker compares them as it compares counts.

Durations are claims of how long something lasted, not counts: a DURATION time expression that
"for" / "during" / "over" hangs on a verb, or the verb's object ("the strike lasted three weeks",
"were held for nearly two months"), gives ``subject`` "strike lasted for" / "journalist detained
for", ``unit`` ``"day"`` and bounds in days (see :func:`_duration_claims`).

Skipped as counts: years, dates, times, ordinals, durations and ages ("seven months", "43-year-old"),
phone-like strings, and identifiers: a number inside a law/product/organisation name or right
after a proper noun or a word such as "Section", "No.", "Flight" ("Resolution 211",
"Section 301").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from storyline.analyze.timex import parse_number
from storyline.ids import make_id
from storyline.model import Article, ClaimMention, Span, TimeExpr

__all__ = ["BEGIN_VERBS", "END_VERBS", "find_claims"]

BEGIN_VERBS: frozenset[str] = frozenset(
    "begin start launch commence erupt open initiate kick resume".split())
"""Verbs saying when something began ("the crackdown began in March")."""
_IDIOM_OBJECTS = frozenset({"fire", "door", "way", "path", "eye", "mouth", "account"})
"""Objects with which a verb of beginning or ending begins nothing ("opened fire", "opened the way")."""
END_VERBS: frozenset[str] = frozenset("end finish stop conclude cease expire close lift halt".split())
"""Verbs saying when something ended ("the ban was lifted in May")."""

_VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
          "millions": (2_000_000, 999_999_999), "billions": (2_000_000_000, 999_999_999_999)}
_TENS_OF = {"thousands": (20_000, 99_999), "millions": (20_000_000, 99_999_999)}
_HUNDREDS_OF = {"thousands": (200_000, 999_999), "millions": (200_000_000, 999_999_999)}
_FEW = {"several": (3, 9), "a few": (2, 5), "a couple of": (2, 2)}
_CURRENCY = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "dollars": "usd", "dollar": "usd",
             "euros": "eur", "euro": "eur", "pounds": "gbp", "rubles": "rub", "roubles": "rub"}
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade",
                         "century", "fortnight", "night", "morning", "weekend", "time"})
_ID_WORDS = frozenset({"no", "no.", "#", "number", "section", "article", "chapter", "rule", "title",
                       "page", "room", "flight", "route", "case", "resolution", "bill", "amendment",
                       "paragraph", "clause", "item", "exhibit", "table", "figure", "version",
                       "model", "gate", "highway", "interstate", "district", "ward", "unit"})
_ID_LABELS = frozenset({"LAW", "PRODUCT", "FAC", "ORG", "WORK_OF_ART", "EVENT", "PERSON", "GPE",
                        "LOC", "NORP"})
_SKIP_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})
# The outcome is the comparable part of a count of people: "taken to hospital", "treated in
# hospital" and "sent to hospital" all count the hospitalised (so 37 and 42 of them conflict);
# "held" and "detained" count the same detentions.  Small on purpose: a verb missing here
# keeps its own form, which only makes grouping stricter.
_PLACE_OUTCOME = {"hospital": "hospitalized", "jail": "jailed", "prison": "jailed",
                  "custody": "detained", "detention": "detained", "street": "protested"}
_RAISING = frozenset("think believe fear report say estimate expect know presume understand".split())
"""Verbs that pass the counted on to what is said of them ("are believed to have died")."""
_STATE_OUTCOME = {"dead": "killed", "homeless": "homeless", "injured": "injured", "wounded": "injured",
                  "missing": "missing", "displaced": "displaced", "hospitalized": "hospitalized"}
"""The state a verb leaves the counted in ("left 63 people dead", "are feared dead", "were left
homeless"): the outcome, whatever the verb."""
_VERB_OUTCOME = {"hospitalize": "hospitalized", "hospitalise": "hospitalized", "detain": "detained",
                 "hold": "detained", "imprison": "jailed", "jail": "jailed", "kill": "killed",
                 "die": "killed", "injure": "injured", "wound": "injured", "hurt": "injured",
                 "arrest": "arrested", "evacuate": "evacuated", "displace": "displaced"}
_QUAL = re.compile(
    r"(?i)(?:^|(?<=\W))(?P<q>more\s+than|over|well\s+over|just\s+over|upwards\s+of|at\s+least|no\s+fewer\s+than"
    r"|no\s+less\s+than|fewer\s+than|less\s+than|under|just\s+under|up\s+to|at\s+most|no\s+more\s+than"
    r"|as\s+many\s+as|as\s+much\s+as|about|around|roughly|approximately|some|an\s+estimated|estimated"
    r"|nearly|almost|close\s+to|between|several|a\s+few|a\s+couple\s+of|tens\s+of|hundreds\s+of)\s*$"
)
_RANGE_AFTER = re.compile(r"\s*(?:-|–|to|and)\s*\$?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\b")
_RANGE_BEFORE = re.compile(r"(?<![\w,.])(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:-|–|to)\s*$")
"""The low end of a range written before its high end's count: "250,000 to 500,000 people",
"50 to 100 million people" (the low end takes the high end's "million")."""
_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")
_YEARLIKE = re.compile(r"(?:1[89]|20)\d\d")
_PHONE = re.compile(r"\d+[-.]\d+[-.]\d+|\d{7,}")
_ORDINAL = re.compile(r"(?i)\d+(?:st|nd|rd|th)")
_QUAL_KIND = {
    "more than": "more", "over": "more", "well over": "more", "just over": "more", "upwards of": "more",
    "at least": "atleast", "no fewer than": "atleast", "no less than": "atleast",
    "fewer than": "less", "less than": "less", "under": "less", "just under": "less",
    "up to": "atmost", "at most": "atmost", "no more than": "atmost", "as many as": "atmost",
    "as much as": "atmost", "about": "approx", "around": "approx", "roughly": "approx",
    "approximately": "approx", "some": "approx", "an estimated": "approx", "estimated": "approx",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
}


def _bounds(n: float, kind: str | None, whole: bool) -> tuple[float | None, float | None]:
    if kind == "more":
        return (n + 1 if whole and n.is_integer() else n), None
    if kind == "atleast":
        return n, None
    if kind == "less":
        return None, (n - 1 if whole and n.is_integer() else n)
    if kind == "atmost":
        return None, n
    if kind == "approx":
        lo, hi = n * 0.9, n * 1.1
        return (float(math.ceil(lo)), float(math.floor(hi))) if whole and n >= 10 else (lo, hi)
    if kind == "nearly":
        lo = float(math.ceil(n * 0.9)) if whole else n * 0.9
        return lo, (n - 1 if whole and n.is_integer() else n)
    return n, n


def _group(doc: Any, i: int, n_tokens: int) -> int:
    """Index one past the run of number tokens starting at ``i`` ("fifty - three", "2 million")."""
    j = i + 1
    while j < n_tokens:
        t = doc[j]
        if t.tag_ == "CD" and not _YEARLIKE.fullmatch(t.text):
            j += 1
        elif t.text in ("-", "–") and j + 1 < n_tokens and doc[j + 1].tag_ == "CD" and doc[j - 1].is_alpha:
            j += 2
        else:
            break
    return j


def _is_identifier(doc: Any, first: Any, head: Any) -> bool:
    if first.i > 0:
        prev = doc[first.i - 1]
        if prev.lower_ in _ID_WORDS:
            return True
        if prev.pos_ == "PROPN" and not prev.is_sent_start and (head.head.i == prev.i or prev.head.i == head.i
                                                                   or prev.whitespace_):
            return True
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    return nxt is not None and nxt.text == "(" and not nxt.whitespace_


def _counting_verb(tok: Any) -> Any | None:
    """The verb whose subject, object or agent the counted ``tok`` is, or ``None``; what it says
    of them is :func:`_what_done` ("detained", "hospitalized", "signed"; the agent of a passive
    did it: "co-sponsored by 46 members", the members sponsored)."""
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        v = tok.head.head
    elif tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "npadvmod") or tok.head.i == tok.i:
        return None
    else:
        v = tok.head
    if v.pos_ != "VERB" or v.lemma_ == "be":
        return None
    return v


_MODALS = frozenset("will would could might may shall should can must 'll 'd".split())
_PERFECT = frozenset("have has had 've".split())
_INTENT = frozenset(
    "want plan intend aim hope expect seek propose threaten promise pledge vow wish prepare try need decide "
    "agree offer".split()
)


def _unreal(v: Any) -> bool:
    """Whether the verb of a count says what may, will or is meant to happen, not what did:
    "could die", "will send 4,000 troops", "wants to relocate 400,000 people", "if 500 people
    die", "he will have thousands killed".  A modal perfect is an estimate of what happened and
    stays ("up to 200,000 may have died")."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children):
        return True  # "if 500 people die": a condition
    if v.dep_ in ("ccomp", "xcomp") and v.head.lemma_.lower() in _CAUSATIVE and _modal(v.head):
        v = v.head  # "he will have thousands killed": as unreal as its causing verb
    if _modal(v):
        return True
    return v.dep_ == "xcomp" and v.head.lemma_.lower() in _INTENT


_CAUSATIVE = frozenset({"have", "get", "see"})


def _modal(v: Any) -> bool:
    """A verb under a modal ("could", "will") that is no modal perfect ("may have died")."""
    auxes = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & _MODALS and not auxes & _PERFECT)


def _what_done(v: Any, tok: Any) -> str:
    """The verb ``v`` as said of ``tok`` (its subject, object or agent): the outcome it names
    ("detained", "hospitalized", "killed"), what ``tok`` did to an object when ``tok`` acts, or
    the verb as written."""
    if tok.dep_ == "nsubjpass" and v.lemma_.lower() in _RAISING:
        # "16,000 people are thought to have been killed": what they are thought to have suffered
        done = next((c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if done is not None:
            v = done
    for prep in v.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "in", "into", "at"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _PLACE_OUTCOME:
                    return _PLACE_OUTCOME[obj.lemma_.lower()]
    for state in (*v.children, *tok.children):
        if state.dep_ in ("oprd", "acomp", "advcl", "amod") and state.lower_ in _STATE_OUTCOME:
            return _STATE_OUTCOME[state.lower_]  # "left 63 people dead", "feared dead", "left homeless"
    lemma = v.lemma_.lower()
    if lemma in _VERB_OUTCOME:
        done_to = next((c for c in v.children if c.dep_ == "dobj"), None)
        if tok.dep_ == "nsubj" and done_to is not None:
            # the counted did it to someone ("30 soldiers killed five civilians", "one protester
            # held a sign"): not an outcome they suffered, so what they did it to goes in the key
            return f"{lemma} {done_to.lemma_.lower()}"
        if lemma in _PASSIVE_ONLY and tok.dep_ != "nsubjpass":
            # "were held" is detention; "held 40 protesters" may be, "holding two guns" is not
            return v.lower_ if v.tag_ in ("VBD", "VBN") else lemma
        return _VERB_OUTCOME[lemma]
    return v.lower_ if v.tag_ in ("VBD", "VBN") else lemma


_PASSIVE_ONLY = frozenset({"hold"})
"""Outcome verbs that name the outcome only in the passive ("were held"); active, they hold anything."""


def _of_object(tok: Any, preps: tuple[str, ...] = ("of", "in", "for")) -> Any:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _lemma(tok: Any) -> str:
    parts = [c.lemma_.lower() for c in tok.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
    return " ".join([*parts, tok.lemma_.lower()])


def find_claims(doc: Any, article: Article, *, times: Sequence[TimeExpr] = ()) -> tuple[ClaimMention, ...]:
    """Every numeric and temporal claim in ``article`` (parsed as ``doc``), in text order.

    ``times`` (from :func:`storyline.analyze.timex.find_times`) enables the temporal claims;
    see the module doc.
    """
    found = _numeric_claims(doc, article)
    temporal = [*_temporal_claims(doc, article, times), *_duration_claims(doc, article, times)] if times else []
    if not temporal:
        return found
    # One claim per span (its id is the span's): two dates under one verb ("Mon Feb 14 2011 ...
    # erupted") keep the narrower, more precise interval.
    by_id: dict[str, ClaimMention] = {}
    for claim in (*found, *temporal):
        held = by_id.get(claim.id)
        if held is None or _width(claim) < _width(held):
            by_id[claim.id] = claim
    return tuple(sorted(by_id.values(), key=lambda c: (c.span.start, c.span.end, c.id)))


def _width(claim: ClaimMention) -> float:
    if claim.low is None or claim.high is None:
        return float("inf")
    return claim.high - claim.low


def _subject_key(verb: Any) -> tuple[str, Any] | None:
    """The lemma (with compounds) of what began or ended, and its token."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN"):
            return _lemma(c), c
    if verb.dep_ in ("xcomp", "conj") and verb.head.pos_ == "VERB":
        return _subject_key(verb.head)
    return None


def _temporal_claims(doc: Any, article: Article, times: Sequence[TimeExpr]) -> list[ClaimMention]:
    text = article.text
    out: list[ClaimMention] = []
    for t in times:
        if t.type != "DATE" or t.date is None or t.value.endswith("_REF"):
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None:
            continue
        verb = span.root.head
        for _ in range(3):  # "began in early March": DATE <- pobj <- prep <- verb
            if verb.pos_ == "VERB" or verb.head.i == verb.i:
                break
            verb = verb.head
        lemma = verb.lemma_.lower()
        phrasal = any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children) and lemma == "break"
        if lemma in BEGIN_VERBS or phrasal:
            what = "began"
        elif lemma in END_VERBS:
            what = "ended"
        else:
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        if any(c.dep_ == "advmod" and c.lower_ in ("again", "anew") for c in verb.children):
            continue  # "protests again broke out on Friday": not when they began
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None and obj.lemma_.lower() in _IDIOM_OBJECTS:
            continue  # "opened fire on Friday": no thing began
        found = _subject_key(verb)
        if obj is not None:
            # "NATO launched its bombing campaign in March": the campaign began, not NATO
            key, thing = _lemma(obj), obj
            subj = found[1] if found is not None else obj
        elif found is not None:
            (key, thing), subj = found, found[1]
        else:
            continue
        first = subj.left_edge if subj.left_edge.i >= subj.sent.start else subj
        start = min(first.idx, verb.idx, t.span.start, thing.idx)
        end = max(verb.idx + len(verb), t.span.end, thing.idx + len(thing))
        latest = t.date.latest or t.date.earliest
        out.append(ClaimMention(
            id=make_id("c", article.id, start, end),
            span=Span(article.id, start, end, text[start:end]),
            subject=f"{key} {what}", value=t.span.text, unit="date",
            low=float(t.date.earliest.toordinal()), high=float(latest.toordinal()),
            approx=t.date.mod.lower() if t.date.mod else None,
        ))
    return out


_DURATION = re.compile(r"P(?:(?P<n>\d+(?:\.\d+)?)(?P<unit>[DWMY])|T(?P<hours>\d+(?:\.\d+)?)H)")
_UNIT_DAYS = {"D": (1.0, 1.0), "W": (7.0, 7.0), "M": (28.0, 31.0), "Y": (365.0, 366.0)}
"""Days in one unit of a TIMEX3 duration: a month is 28 to 31 days, a year 365 or 366."""
_SPAN_QUAL = re.compile(r"(?i)^(?P<q>" + "|".join(sorted(
    (re.escape(k).replace("\\ ", "\\s+") for k in _QUAL_KIND), key=len, reverse=True)) + r")\s")
_FOR_PREPS = frozenset({"for", "during", "over"})
_OFFSET_WORDS = frozenset({"after", "before", "later", "earlier", "ago", "since", "from", "into"})


def _duration_claims(doc: Any, article: Article, times: Sequence[TimeExpr]) -> list[ClaimMention]:
    """How long something lasted: a DURATION expression that is the object of "for" / "during" /
    "over" under a verb, or the verb's own object ("the strike lasted three weeks", "was detained
    for 20 days"), with that verb's noun subject.  ``subject`` is the subject's lemma, the verb as
    said of it (read as for counts: "were held" -> "detained", "the gunmen held the building" ->
    "hold building") and "for" ("journalist detained for", "strike lasted for"); ``unit`` is
    ``"day"``; bounds in days (a month is 28 to 31, a year 365
    or 366), the qualifier in the expression read as for counts ("about ten months", "more than
    a year")."""
    text = article.text
    out: list[ClaimMention] = []
    for t in times:
        found = _DURATION.fullmatch(t.value) if t.type == "DURATION" else None
        if found is None:
            continue
        if found["hours"] is not None:
            n, (per_lo, per_hi) = float(found["hours"]) / 24, (1.0, 1.0)
        else:
            n, (per_lo, per_hi) = float(found["n"]), _UNIT_DAYS[found["unit"]]
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None or n <= 0:
            continue
        head = span.root
        if head.dep_ == "pobj" and head.head.lower_ in _FOR_PREPS:
            verb = head.head.head
        elif head.dep_ in ("dobj", "npadvmod", "obj"):
            verb = head.head
        else:
            continue
        if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
            continue
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if after in _OFFSET_WORDS:
            continue  # "a week after the report was released": when, not how long
        subject = _subject_key(verb)
        if subject is None:
            continue
        key, subj = subject
        did = _what_done(verb, subj)
        qualifier = _SPAN_QUAL.match(t.span.text)
        kind = _QUAL_KIND.get(" ".join(qualifier["q"].lower().split())) if qualifier else None
        low, _ = _bounds(n * per_lo, kind, whole=False)
        _, high = _bounds(n * per_hi, kind, whole=False)
        first = subj.left_edge if subj.left_edge.i >= subj.sent.start else subj
        start, end = min(first.idx, verb.idx, t.span.start), max(verb.idx + len(verb), t.span.end)
        out.append(ClaimMention(
            id=make_id("c", article.id, start, end),
            span=Span(article.id, start, end, text[start:end]),
            subject=f"{key} {did} for", value=t.span.text, unit="day",
            low=None if low is None else round(low, 3), high=None if high is None else round(high, 3),
            approx=" ".join(qualifier["q"].lower().split()) if qualifier else None,
        ))
    return out


def _numeric_claims(doc: Any, article: Article) -> tuple[ClaimMention, ...]:
    text = article.text
    out: list[ClaimMention] = []
    n_tokens = len(doc)
    i = 0
    while i < n_tokens:
        t = doc[i]
        low_text = t.lower_
        if t.tag_ != "CD" and low_text not in _VAGUE:
            i += 1
            continue
        end_i = _group(doc, i, n_tokens) if t.tag_ == "CD" else i + 1
        claim = _claim(doc, article, text, i, end_i)
        if claim is not None:
            out.append(claim)
            # a range ("50 to 60") consumed the tokens after the group too
            while i < n_tokens and doc[i].idx < claim.span.end:
                i += 1
            i = max(i, end_i)
        else:
            i = end_i
    return tuple(out)


def _range_before(text: str, start: int, first: Any, value: float) -> tuple[float, int] | None:
    """The low end of "X to Y ..." read back from Y (the count at ``start``), and where X starts;
    ``None`` when no such X, or when it is a change ("rose from 20 to 50") or not lower."""
    m = _RANGE_BEFORE.search(text, max(0, start - 24), start)
    if m is None or _FROM_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return None
    low = parse_number(m["n"])
    lead = parse_number(first.text)
    if low is None or lead is None or lead <= 0:
        return None
    if low < lead:
        low *= value / lead  # "50 to 100 million": the 50 is millions too
    return (low, m.start()) if low < value else None


def _claim(doc: Any, article: Article, text: str, i: int, end_i: int) -> ClaimMention | None:
    first, last = doc[i], doc[end_i - 1]
    tokens = doc[i:end_i]
    head = tokens.root
    raw = text[first.idx: last.idx + len(last)]
    in_date = any(tok.ent_type_ in _SKIP_LABELS for tok in tokens)
    if in_date and (head.head.pos_ != "NOUN" or head.head.ent_type_ in _SKIP_LABELS):
        return None
    if any(tok.ent_type_ in _ID_LABELS for tok in tokens) or _is_identifier(doc, first, head):
        return None
    if raw.lower() == "one" and i > 0 and doc[i - 1].tag_ in ("DT", "PRP$"):
        return None  # "on the one hand", "this one", "their one chance" is not a count
    if _YEARLIKE.fullmatch(raw) or _PHONE.fullmatch(raw) or _ORDINAL.fullmatch(raw) or ":" in raw:
        return None
    if "/" in raw or (raw[0].isdigit() and "-" in raw):
        return None
    vague = raw.lower() in _VAGUE
    whole = True
    unit: str | None = None
    start = first.idx
    # a currency sign before the number, or a currency word after it
    if i > 0 and doc[i - 1].text.lower() in _CURRENCY and doc[i - 1].pos_ != "NOUN":
        unit = _CURRENCY[doc[i - 1].text.lower()]
        start = doc[i - 1].idx
        whole = False
    nxt = doc[end_i] if end_i < len(doc) else None
    if nxt is not None and nxt.lower_ in ("percent", "%", "per"):
        unit, whole = "percent", False
    if vague:
        value: float | None = None
    else:
        if re.match(r"0\d", raw):
            return None  # "000", "05": a fragment ("45,000-50 ,000"), a code, never a count
        value = parse_number(raw)
        if value is None:
            return None

    # what it counts
    noun = None
    counted_head = head
    if head.dep_ == "nummod" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i >= end_i:
        noun = head.head
        counted_head = noun
    elif head.dep_ in ("quantmod", "compound") and head.head.i >= end_i and head.head.tag_ == "CD":
        return None  # part of a bigger number spaCy grouped differently; that one is reported
    else:
        obj = _of_object(head)
        if obj is not None and obj.lower_ in _VAGUE:
            return None  # "hundreds of thousands of ...": the inner word is the claim
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            noun = obj
    if unit == "percent":
        assert nxt is not None
        end_i = nxt.i + 1  # the span takes in "percent" / "%"
        obj = _of_object(nxt)
        noun = obj if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None
        counted_head = nxt
    if unit is None and noun is None:
        return None
    if noun is not None:
        if (noun.tag_ == "NNP" and noun.i == counted_head.i) or noun.lemma_.lower() in _TIME_UNITS:
            return None
        nxt_tok = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if nxt_tok is not None and nxt_tok.lower_ == "old":
            return None
        if noun.lower_ in _CURRENCY:
            unit, whole = _CURRENCY[noun.lower_], False
    # the qualifier written before it
    qual_m = _QUAL.search(text, max(0, start - 30), start)
    qual = re.sub(r"\s+", " ", qual_m["q"].lower()) if qual_m else None
    if qual_m and qual is not None:
        start = qual_m.start("q")
    low: float | None
    high: float | None
    approx = qual
    if vague:
        word = raw.lower()
        low, high = _VAGUE[word]
        if qual == "tens of" and word in _TENS_OF:
            low, high = _TENS_OF[word]
        elif qual == "hundreds of" and word in _HUNDREDS_OF:
            low, high = _HUNDREDS_OF[word]
        approx = f"{qual} {word}" if qual in ("tens of", "hundreds of") else word
    else:
        assert value is not None
        if qual in _FEW and value in (100, 1_000, 1_000_000, 1_000_000_000):
            a, b = _FEW[qual]
            low, high = (3 * value, 9 * value) if qual == "several" else (a * value, b * value)
            if qual == "several":
                high = 10 * value - 1
        elif qual == "between" or qual is None:
            rng = _RANGE_AFTER.match(text, last.idx + len(last))
            second = parse_number(rng["n"]) if rng else None
            if rng and second is not None and second > value and (qual == "between" or "and" not in rng[0]):
                low, high = value, second
                approx = "between" if qual == "between" else "range"
                while end_i < len(doc) and doc[end_i].idx < rng.end():
                    end_i += 1
            elif qual == "between":
                return None
            else:
                low, high = value, value
                before = _range_before(text, start, first, value)
                if before is not None:
                    low, start, approx = before[0], before[1], "range"
        else:
            low, high = _bounds(value, _QUAL_KIND.get(qual), whole)
    # the span: qualifier + number + counted noun phrase (with its own "of" object)
    end = doc[end_i - 1].idx + len(doc[end_i - 1])
    subject_parts: list[str] = []
    if noun is not None:
        end = max(end, noun.idx + len(noun))
        subject_parts.append(_lemma(noun))
        own_of = _of_object(noun, ("of",)) if noun is counted_head else None
        if own_of is not None and own_of.pos_ in ("NOUN", "PROPN"):
            subject_parts.append("of " + own_of.lemma_.lower())
            end = max(end, own_of.idx + len(own_of))
    counted = counted_head if noun is None or noun is counted_head else head
    done_by = _counting_verb(counted)
    if done_by is not None and _unreal(done_by):
        return None  # a plan, a threat, a fear: not a count of what happened
    verb = _what_done(done_by, counted) if done_by is not None else None
    if verb:
        subject_parts.append(verb)
    if unit is None:
        assert noun is not None
        unit = noun.lemma_.lower()
    subject = " ".join(subject_parts) or unit
    sent_end = first.sent.end_char
    end = min(end, sent_end)
    return ClaimMention(
        id=make_id("c", article.id, start, end),
        span=Span(article.id, start, end, text[start:end]),
        subject=subject, value=raw, unit=unit, low=low, high=high, approx=approx,
    )
