"""Quotes: words in quote marks, and reported speech, each with its cue and speaker.

``find_quotes(doc, article, mentions)`` returns

* **direct** quotes: a clause or sentence inside quote marks (curly or straight), one record
  per quoted part, so '"A," Whitfield said. "B."' gives two quotes, both attributed;
* **partial** quotes: a phrase in marks embedded in a sentence that is not itself the quote
  ('the letter notes "credible reports" that ...');
* **indirect** quotes: the reported clause of "X said (that) ...", "X told reporters ...",
  "according to X, ...".

``span`` covers the quoted words only (inside the marks, without the comma that stands in for
the final full stop).  ``cue`` is the cue word as written, lowercased ("said", "told",
"according to"), or ``None`` when the speaker is carried over from a neighbouring quote.

The speaker is the subject of the cue verb, widened to the entity mention it falls in (or the
person named in an appositive: "an analyst at X, Jane Doe, said").  When the subject is "he" or
"she" the speaker is the nearest preceding PERSON mention instead: that is the name the article
uses for the person, and linking works on names.  A quote with no cue of its own takes the
speaker of the quote next to it in the paragraph, the paragraphs of a multi-paragraph quote
share one speaker, and a quote that opens a paragraph with no cue takes the speaker named in the
paragraph before.

Quote marks are read per paragraph (a line of the text): an opening mark with no closing mark
ends at the end of its paragraph, so an unbalanced mark can never swallow the article.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.analyze.lexicon import ATTRIBUTION_VERBS, SPEECH_VERBS
from storyline.analyze.mentions import Antecedents
from storyline.ids import make_id
from storyline.model import Article, EntityMention, Quote, QuoteKind, Span

__all__ = ["find_quotes", "quote_regions"]

_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_STRAIGHT = '"'
_PRONOUNS = frozenset({"he", "she"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_TRIM = " \t\r\n,"


@dataclass
class _Segment:
    """One run of quoted words: marks at ``open``/``close`` (``close`` may be the paragraph end)."""

    open: int
    close: int
    start: int
    end: int
    para: int
    closed: bool
    group: int
    kind: QuoteKind = "direct"
    cue: str | None = None
    speaker: tuple[int, int] | None = None


# ------------------------------------------------------------------ scanning the marks


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _scan(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``(open_mark, close_mark_or_end, closed)`` for each quoted run in ``text[start:end]``."""
    runs: list[tuple[int, int, bool]] = []
    opened: int | None = None
    for i in range(start, end):
        c = text[i]
        if c in _OPENERS:
            if opened is not None and text[opened + 1 : i].strip():
                runs.append((opened, i, False))  # an opener inside a quote: the first never closed
            opened = i
        elif c in _CLOSERS:
            if opened is not None:
                runs.append((opened, i, True))
                opened = None
            elif (i == start or text[i - 1].isspace()) and i + 1 < end and not text[i + 1].isspace():
                opened = i  # a closing mark used as an opener
        elif c == _STRAIGHT:
            if opened is not None:
                runs.append((opened, i, True))
                opened = None
            elif not (i > start and text[i - 1].isdigit()):  # 5" (inches) is not a quote
                opened = i
    if opened is not None:
        runs.append((opened, end, False))
    return runs


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted runs (marks included), in text order."""
    regions: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        for o, c, closed in _scan(text, p_start, p_end):
            regions.append((o, c + 1 if closed else c))
    return regions


def _segments(text: str) -> list[_Segment]:
    segs: list[_Segment] = []
    group = -1
    prev_unclosed_para: int | None = None
    for p_index, (p_start, p_end) in enumerate(_paragraphs(text)):
        first = True
        for o, c, closed in _scan(text, p_start, p_end):
            start, end = o + 1, c
            while start < end and text[start] in _TRIM:
                start += 1
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            continues = first and prev_unclosed_para == p_index - 1 and not text[p_start:o].strip()
            first = False
            if not continues:
                group += 1
            if end > start and any(ch.isalnum() for ch in text[start:end]):
                segs.append(_Segment(o, c, start, end, p_index, closed, group))
        last = segs[-1] if segs else None
        prev_unclosed_para = p_index if last and last.para == p_index and not last.closed else None
    return segs


# ------------------------------------------------------------------ the public stage


def find_quotes(doc: Any, article: Article, mentions: Sequence[EntityMention]) -> tuple[Quote, ...]:
    """Direct, partial and indirect quotes in ``article`` (``doc`` is its spaCy parse)."""
    text = article.text
    ctx = _Context(doc, text, mentions)
    segs = _segments(text)
    paras = _paragraphs(text)
    for seg in segs:
        _classify(ctx, seg, segs)
        _attribute(ctx, seg)
    _inherit(ctx, segs, paras)

    quotes: dict[tuple[int, int], Quote] = {}
    for seg in segs:
        quotes[(seg.start, seg.end)] = _quote(article, seg.start, seg.end, seg.kind, seg.cue, seg.speaker)
    direct = [(s.open, s.close + 1) for s in segs]
    for start, end, cue, speaker in _indirect(ctx, direct):
        quotes.setdefault((start, end), _quote(article, start, end, "indirect", cue, speaker))
    return tuple(sorted(quotes.values(), key=lambda q: (q.span.start, q.span.end)))


def _quote(
    article: Article, start: int, end: int, kind: QuoteKind, cue: str | None, speaker: tuple[int, int] | None
) -> Quote:
    text = article.text
    return Quote(
        id=make_id("q", article.id, start, end),
        span=Span(article.id, start, end, text[start:end]),
        kind=kind,
        cue=cue,
        speaker=Span(article.id, speaker[0], speaker[1], text[speaker[0] : speaker[1]]) if speaker else None,
    )


# ------------------------------------------------------------------ shared lookups


class _Context:
    """The doc, text and mentions with the indexes the rules need (built once per article)."""

    def __init__(self, doc: Any, text: str, mentions: Sequence[EntityMention]) -> None:
        self.doc = doc
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self.mentions]
        self.persons = [m for m in self.mentions if m.label == "PERSON"]
        self.antecedents = Antecedents(doc, self.mentions)
        # character offset -> token index, for the mark positions we look up
        self._char_token: dict[int, int] = {}
        for t in doc:
            for k in range(t.idx, t.idx + len(t.text)):
                self._char_token[k] = t.i

    def token_at(self, char: int) -> Any | None:
        i = self._char_token.get(char)
        return self.doc[i] if i is not None else None

    def sentence_at(self, char: int) -> Any | None:
        t = self.token_at(char)
        return t.sent if t is not None else None

    def mention_at(self, start: int, end: int) -> EntityMention | None:
        # mentions never overlap, so at most the one starting last before ``end`` can overlap
        i = bisect.bisect_left(self._starts, end) - 1
        if i >= 0 and start < self.mentions[i].span.end:
            return self.mentions[i]
        return None

    def person_before(self, char: int) -> EntityMention | None:
        best = None
        for m in self.persons:
            if m.span.end > char:
                break
            best = m
        return best

    def speaker_of(self, verb: Any) -> tuple[int, int] | None:
        """The words naming who spoke: the cue verb's subject, widened as the module says."""
        subj = _subject(verb)
        if subj is None:
            return None
        return self.naming(subj)

    def naming(self, tok: Any) -> tuple[int, int]:
        start, end = tok.idx, tok.idx + len(tok.text)
        if tok.lower_ in _PRONOUNS:
            person = self.antecedents.resolve(start)
            return (person.span.start, person.span.end) if person else (start, end)
        hit = self.mention_at(start, end)
        if hit is not None:
            return hit.span.start, hit.span.end
        for child in tok.children:
            if child.dep_ == "appos":
                hit = self.mention_at(child.idx, child.idx + len(child.text))
                if hit is not None and hit.label == "PERSON":
                    return hit.span.start, hit.span.end
        lefts = [c for c in tok.lefts if c.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod"}]
        left = lefts[0].left_edge if lefts else tok
        return left.idx, end


def _subject(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "the group, which said ..." -> the group
            return child
    if verb.dep_ == "conj" and verb.head is not verb:
        return _subject(verb.head)
    return None


def _is_cue(tok: Any) -> bool:
    if tok.lemma_ not in SPEECH_VERBS or tok.pos_ not in {"VERB", "AUX"}:
        return False
    if tok.lemma_ == "call":  # "called it 'a disgrace'" is speech, "called for sanctions" is not
        return not any(c.dep_ in {"prep", "prt"} and c.lower_ in {"for", "on", "upon"} for c in tok.children)
    return True


# ------------------------------------------------------------------ direct and partial quotes


def _classify(ctx: _Context, seg: _Segment, segs: list[_Segment]) -> None:
    """direct (a clause standing as the quote) or partial (a phrase inside someone's sentence)."""
    text = ctx.text
    sent = ctx.sentence_at(seg.start)
    p_start = text.rfind("\n", 0, seg.open) + 1
    lead_from = max(sent.start_char if sent is not None else p_start, p_start)
    index = segs.index(seg)
    if index > 0 and lead_from <= segs[index - 1].close < seg.open:
        lead_from = segs[index - 1].close + 1
    prefix = text[lead_from : seg.open].strip()
    quoted = ctx.doc.char_span(seg.start, seg.end, alignment_mode="expand")
    words = [t for t in quoted if not t.is_punct] if quoted is not None else []
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in words)
    clause = has_verb and len(words) >= 3
    if not prefix or prefix.endswith((",", ":", "—", "–")):
        after = text[seg.close + 1 : seg.close + 40]
        attributed = bool(after) and after.lstrip(" ,")[:1].islower()
        starts_upper = text[seg.start : seg.start + 1].isupper()
        seg.kind = "direct" if clause or attributed or (starts_upper and len(words) >= 2) else "partial"
    else:
        last = ctx.token_at(seg.open - 1) or ctx.token_at(seg.open - 2)
        lead_cue = last is not None and _is_cue(last)
        seg.kind = (
            "direct" if lead_cue and clause and text[seg.start : seg.start + 1].isupper() else "partial"
        )


def _attribute(ctx: _Context, seg: _Segment) -> None:
    """Find the cue verb for one quoted run: up the parse from the quote, then beside it."""
    verb = _cue_above(ctx, seg) or _cue_beside(ctx, seg)
    if verb is None:
        return
    seg.cue = verb.text.lower()
    seg.speaker = ctx.speaker_of(verb)


def _cue_above(ctx: _Context, seg: _Segment) -> Any | None:
    quoted = ctx.doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if quoted is None:
        return None
    head = quoted.root.head
    for _ in range(4):
        if head.idx < seg.open or head.idx > seg.close:
            if _is_cue(head):
                return head
        if head.head is head:
            return None
        head = head.head
    return None


def _cue_beside(ctx: _Context, seg: _Segment) -> Any | None:
    """A cue verb after the closing mark (same sentence), else before the opening mark."""
    if seg.kind == "partial":
        return None
    text = ctx.text
    p_end = text.find("\n", seg.close)
    p_end = len(text) if p_end < 0 else p_end
    close_sent = ctx.sentence_at(seg.close) if seg.closed else None
    if close_sent is not None:
        limit = min(close_sent.end_char, p_end)
        nxt = _next_mark(text, seg.close + 1, limit)
        for tok in ctx.doc.char_span(seg.close + 1, nxt, alignment_mode="contract") or ():
            if _is_cue(tok):
                return tok
    open_sent = ctx.sentence_at(seg.open)
    if open_sent is not None:
        p_start = text.rfind("\n", 0, seg.open) + 1
        lead_from = max(open_sent.start_char, p_start, _prev_mark(text, p_start, seg.open))
        for tok in reversed(ctx.doc.char_span(lead_from, seg.open, alignment_mode="contract") or ()):
            if _is_cue(tok):
                return tok
    return None


def _next_mark(text: str, start: int, limit: int) -> int:
    for i in range(start, limit):
        if text[i] in _OPENERS or text[i] == _STRAIGHT:
            return i
    return limit


def _prev_mark(text: str, floor: int, end: int) -> int:
    for i in range(end - 1, floor - 1, -1):
        if text[i] in _CLOSERS or text[i] == _STRAIGHT:
            return i + 1
    return floor


def _inherit(ctx: _Context, segs: list[_Segment], paras: list[tuple[int, int]]) -> None:
    """Give quotes without a cue the speaker of their neighbour, group or previous paragraph."""
    for _ in range(3):  # a speaker found by one rule can feed another
        before = [s.speaker for s in segs]
        _inherit_once(ctx, segs, paras)
        if [s.speaker for s in segs] == before:
            break


def _inherit_once(ctx: _Context, segs: list[_Segment], paras: list[tuple[int, int]]) -> None:
    direct = [s for s in segs if s.kind == "direct"]
    # 1. the parts of one multi-paragraph quote share a speaker
    by_group: dict[int, list[_Segment]] = {}
    for s in direct:
        by_group.setdefault(s.group, []).append(s)
    for members in by_group.values():
        source = next((m for m in members if m.speaker is not None), None)
        if source is not None:
            for m in members:
                if m.speaker is None:
                    m.speaker = source.speaker
    # 2. a quote split around its cue: neighbours in the same paragraph
    for i, s in enumerate(direct):
        if s.speaker is not None:
            continue
        prev = direct[i - 1] if i > 0 and direct[i - 1].para == s.para else None
        nxt = direct[i + 1] if i + 1 < len(direct) and direct[i + 1].para == s.para else None
        for n in (prev, nxt):
            if n is not None and n.speaker is not None:
                s.speaker = n.speaker
                break
    # 3. a quote opening a paragraph: the speaker named in the paragraph before
    for s in direct:
        if s.speaker is not None or s.para == 0:
            continue
        p_start, _ = paras[s.para]
        if ctx.text[p_start : s.open].strip():
            continue
        prev_start, prev_end = paras[s.para - 1]
        s.speaker = _speaker_in(ctx, segs, s.para - 1, prev_start, prev_end)
        for m in by_group.get(s.group, ()):
            if m.speaker is None:
                m.speaker = s.speaker


def _speaker_in(
    ctx: _Context, segs: list[_Segment], para: int, start: int, end: int
) -> tuple[int, int] | None:
    last = ctx.sentence_at(end - 1) or ctx.sentence_at(end - 2)
    if last is not None:
        regions = [(s.open, s.close + 1) for s in segs if s.para == para]
        for tok in reversed(last):
            if _is_cue(tok) and not _inside(tok.idx, regions):
                spk = ctx.speaker_of(tok)
                if spk is not None:
                    return spk
    quoted = [s for s in segs if s.para == para and s.speaker is not None]
    if quoted:
        return quoted[-1].speaker
    if last is not None:
        root = last.root
        subj = _subject(root)
        if subj is not None:
            hit = ctx.mention_at(subj.idx, subj.idx + len(subj.text))
            if hit is not None and hit.label in {"PERSON", "ORG"}:
                return hit.span.start, hit.span.end
    person = ctx.person_before(end)
    if person is not None and person.span.start >= start:
        return person.span.start, person.span.end
    return None


def _inside(char: int, regions: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in regions)


# ------------------------------------------------------------------ indirect speech


def _indirect(
    ctx: _Context, direct: list[tuple[int, int]]
) -> list[tuple[int, int, str, tuple[int, int] | None]]:
    out: list[tuple[int, int, str, tuple[int, int] | None]] = []
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            hit = _according(ctx, tok, direct)
            if hit is not None:
                out.append(hit)
            continue
        if tok.lemma_ not in ATTRIBUTION_VERBS or tok.pos_ != "VERB" or _inside(tok.idx, direct):
            continue
        for child in tok.children:
            if child.dep_ != "ccomp":
                continue
            first, last = child.left_edge, child.right_edge
            while first.i < last.i and (first.dep_ == "mark" or first.is_punct):
                first = doc[first.i + 1]
            while last.i > first.i and last.is_punct:
                last = doc[last.i - 1]
            start, end = first.idx, last.idx + len(last.text)
            if end <= start or any(s < end and start < e for s, e in direct):
                continue
            out.append((start, end, tok.text.lower(), ctx.speaker_of(tok)))
    return out


def _according(
    ctx: _Context, tok: Any, direct: list[tuple[int, int]]
) -> tuple[int, int, str, tuple[int, int] | None] | None:
    doc = ctx.doc
    to = doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    sent = tok.sent
    phrase_end = max(tok.right_edge.i, source.right_edge.i if source is not None else to.i)
    before = (sent.start, tok.i)
    after = (phrase_end + 1, sent.end)
    lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi <= lo:
        return None
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    if any(s < end and start < e for s, e in direct):
        return None
    speaker = ctx.naming(source) if source is not None else None
    return start, end, "according to", speaker
