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
"according to"), or ``None`` when the speaker is carried over from a neighbouring quote or
credited with a dash.

The cue is, in this order: a clause saying whose words they are ('..., as a memo put it'), the
verb the quote hangs on in the parse (a speech verb, or a naming verb: 'X characterized Y as,
"..."') unless a nearer speech verb with its own subject stands before the quote ('footage of X
saying, "..."'), else a speech verb beside the quote: after it in its sentence, or opening the
next sentence when the parser ended the sentence at the closing mark ('"...?" X asked'), else
before it.  The speaker is the subject of the cue verb, widened to the entity mention it falls in
(or the person named in an appositive: "an analyst at X, Jane Doe, said"; or the person a title
stands beside: "X, the commissioner, who said").  A cue without a subject of its own shares its
clause's ("X attacked Y, saying ..."; "footage of X asking ..."; "X began by saying ..."; "X said,
going on to say ..."), or its object's ("led X to fear ...", not after a request: "X urged Y to
ask ..." is X's); a participle the parser hung in a relative clause belongs to the sentence around
it, "a remark that ..." to whoever made it, and "X said at a briefing announcing ..." to X.  A
dateline the parser takes for the subject ('LONDON -- Jane Doe, ..., said') gives way to the name
beside it.  A
subject the parser found inside the quote itself or inside another quoted title, a cue's object
('suggesting questions, including, "..."'), or none at all ('"...," said Jane Doe', 'Said Doe:'),
gives way to the name beside the cue outside the quote.  When the subject is "he" or "she" the
speaker is the PERSON mention :class:`~storyline.analyze.mentions.Antecedents` picks: that is the
name the article uses for the person, and linking works on names; "it"/"they" take the noun they
stand for (:meth:`~storyline.analyze.mentions.Antecedents.nominal`: "The council pledged to act
against what it called ...").  Without a cue verb, a quote takes "according to X", a dash credit
('"..." ― Jane Doe'), a transcript label ('DOE: ...'), the subject of the clause that introduces
it with a colon (a person, organisation, pronoun or document: 'The letter ends with a warning:'),
else the person or organisation named right before that colon ('Jane Doe: "..."', 'More from Doe:'),
or (a partial quote) the subject of the verb it depends on ('X branded Y an "outlaw nation"';
``cue`` is then that verb).  A quote with no cue of its own takes the speaker of the quote next
to it in the paragraph, the paragraphs of a multi-paragraph quote share one speaker, a quote
after a finished sentence takes that sentence's speaker, and a quote that opens a paragraph with
no cue takes the speaker named in the paragraph before (its last cue's speaker, else the speaker of
its last quote unless a sentence after that quote has a person or organisation as subject, else its
last person; a paragraph naming nobody hands on the one before it).

Words carried by a thing someone put out or shows are theirs: "X issued a statement saying ...", "X
posted a message reading ...", "X held up a sign that read ..." are X's.  A speaker that is a
non-person source ("the letter", "a statement", "the resolution") carries ``authors``: the names
the text gives for who wrote it ("X's letter", "a letter signed by X", "X sent the letter", "X said
in a statement"), read on that noun or on its nearest earlier use.

Quote marks are read per paragraph (a line of the text): an opening mark with no closing mark
ends at the end of its paragraph, so an unbalanced mark can never swallow the article.  A quote
inside a quote ('"... the question: “A?” Forty, yes."') is part of the outer quote when the outer
one closes after it; otherwise a second opening mark starts a new quote.  The turns of an
interview transcript ('DOE: ...' opening paragraphs) are direct quotes credited to their label.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.analyze.dateline import opens_dateline
from storyline.analyze.lexicon import ATTRIBUTION_VERBS, REQUEST_VERBS, SPEECH_VERBS
from storyline.analyze.mentions import Antecedents
from storyline.ids import make_id
from storyline.model import Article, EntityMention, Quote, QuoteKind, Span

__all__ = ["find_quotes", "quote_regions"]

_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_STRAIGHT = '"'
_PRONOUNS = frozenset({"he", "she"})
_FIRST_PERSON = frozenset({"i", "we"})  # the writer or the person interviewed speaks
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
    credit: tuple[int, int] | None = None
    """The speaker's label when the run is a transcript turn ('PENCE: ...')."""
    dashed: bool = False
    """The speaker is a dash credit after the closing mark ('"..." ― Jane Doe')."""


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
    i = start - 1
    while i + 1 < end:
        i += 1
        c = text[i]
        if opened is not None and (c in _OPENERS or (c == _STRAIGHT and text[opened] != _STRAIGHT)):
            inner = _nested_close(text, i, end, text[opened])
            if inner is not None:  # a quote inside the quote: part of its words
                i = inner
                continue
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


def _nested_close(text: str, at: int, end: int, outer: str) -> int | None:
    """The closing mark of a quote opened at ``at`` inside a quote opened with ``outer``, when the
    outer quote closes after it ('"... the question: “A?” Forty-three, yes."', '“... what he
    calls “hell” than ...”'); ``None`` when the mark at ``at`` starts a new quote instead."""
    straight = text[at] == _STRAIGHT
    depth = 1
    for j in range(at + 1, end):
        ch = text[j]
        if straight:
            depth -= ch == _STRAIGHT
        elif ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth -= 1
        if depth == 0:
            return j if _closes_next(text, j + 1, end, outer) else None
    return None


def _closes_next(text: str, start: int, end: int, outer: str) -> bool:
    """Whether the next quote mark in ``text[start:end]`` closes a quote opened with ``outer``."""
    for ch in text[start:end]:
        if outer == _STRAIGHT and ch == _STRAIGHT:
            return True
        if outer != _STRAIGHT and ch in _CLOSERS:
            return True
        if ch in _OPENERS or ch == _STRAIGHT:
            return False
    return False


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


# A transcript turn: a paragraph opening with a speaker's label in capitals ("PENCE: Well, ...").
_TURN = re.compile(r"[\"“]?(?P<name>[A-Z][A-Z.'’-]+(?:[^\S\n][A-Z][A-Z.'’-]+){0,2}):[^\S\n]+(?=\S)")


def _turns(ctx: _Context, segs: list[_Segment], paras: list[tuple[int, int]]) -> list[_Segment]:
    """Read the turns of an interview transcript as direct quotes credited to their label.

    A label counts when it opens two paragraphs or more, is the surname of a person the article
    names, or opens a paragraph next to a turn that counts ("CORRECTION: ..." alone is no
    speaker).  A turn opening with a quote mark starts after its label; a turn without marks
    runs from the label to its paragraph's end.
    """
    text = ctx.text
    found = [(i, m) for i, (a, b) in enumerate(paras) if (m := _TURN.match(text, a, b)) is not None]
    if not found:
        return segs
    labels = [m.group("name").casefold() for _, m in found]
    surnames = {p.span.text.split()[-1].casefold() for p in ctx.persons}
    counted = {i for (i, _), label in zip(found, labels, strict=True) if labels.count(label) > 1 or label in surnames}
    counted |= {i for i, _ in found if i - 1 in counted or i + 1 in counted}  # the other side of a dialogue
    first: dict[int, _Segment] = {}
    for seg in segs:
        first.setdefault(seg.para, seg)
    group = max((s.group for s in segs), default=-1)
    added: list[_Segment] = []
    for i, m in found:
        if i not in counted:
            continue
        turn = first.get(i)
        if turn is not None:
            if turn.open < m.start("name") < turn.end:  # '"PENCE: ...' opened by a mark
                turn.start, turn.credit = m.end(), m.span("name")
            continue  # else marks inside an unmarked turn: left to the usual rules
        end = paras[i][1]
        while end > m.end() and text[end - 1] in _TRIM:
            end -= 1
        group += 1
        colon = m.end("name")
        added.append(_Segment(colon, paras[i][1], m.end(), end, i, False, group, credit=m.span("name")))
    return sorted(segs + added, key=lambda s: s.open) if added else segs


# ------------------------------------------------------------------ the public stage


def find_quotes(
    doc: Any, article: Article, mentions: Sequence[EntityMention], *, antecedents: Antecedents | None = None,
) -> tuple[Quote, ...]:
    """Direct, partial and indirect quotes in ``article`` (``doc`` is its spaCy parse);
    ``antecedents`` (optional) is the pronoun resolver over the same ``mentions``."""
    text = article.text
    ctx = _Context(doc, text, mentions, antecedents)
    paras = _paragraphs(text)
    segs = _turns(ctx, _segments(text), paras)
    ctx.regions = [(s.open, s.close + 1) for s in segs]
    ctx.closed = [(s.open, s.close + 1) for s in segs if s.closed]
    for seg in segs:
        if seg.credit is None:
            _classify(ctx, seg, segs)
        _attribute(ctx, seg)
    _inherit(ctx, segs, paras)

    direct = [(s.open, s.close + 1) for s in segs if s.kind == "direct"]
    partial = [(s.open, s.close + 1) for s in segs if s.kind != "direct"]
    reported = _indirect(ctx, direct, partial)
    # A quoted phrase inside reported speech ('X said the bill was "dead on arrival"') is X's
    # words: the clause's cue and speaker beat the subject of the verb next to the phrase.
    for seg in segs:
        if seg.kind == "direct":
            continue
        around = [r for r in reported if r[0] <= seg.open and seg.close < r[1] and r[3] is not None]
        if around:
            _, _, seg.cue, seg.speaker = min(around, key=lambda r: r[1] - r[0])
    quotes: dict[tuple[int, int], Quote] = {}
    for seg in segs:
        quotes[(seg.start, seg.end)] = _quote(ctx, article, seg.start, seg.end, seg.kind, seg.cue, seg.speaker)
    for start, end, cue, speaker in reported:
        if speaker is None:  # the phrase it holds may know who spoke
            inner = [g for g in segs if g.kind != "direct" and start <= g.open and g.close < end and g.speaker]
            if inner:
                cue, speaker = inner[0].cue or cue, inner[0].speaker
        quotes.setdefault((start, end), _quote(ctx, article, start, end, "indirect", cue, speaker))
    return tuple(sorted(quotes.values(), key=lambda q: (q.span.start, q.span.end)))


def _quote(
    ctx: _Context, article: Article, start: int, end: int, kind: QuoteKind, cue: str | None,
    speaker: tuple[int, int] | None,
) -> Quote:
    text = article.text
    authors = ctx.authors(speaker) if speaker is not None else ()
    return Quote(
        id=make_id("q", article.id, start, end),
        span=Span(article.id, start, end, text[start:end]),
        kind=kind,
        cue=cue,
        speaker=Span(article.id, speaker[0], speaker[1], text[speaker[0] : speaker[1]]) if speaker else None,
        authors=tuple(Span(article.id, a, b, text[a:b]) for a, b in authors),
    )


# ------------------------------------------------------------------ shared lookups


class _Context:
    """The doc, text and mentions with the indexes the rules need (built once per article)."""

    def __init__(
        self, doc: Any, text: str, mentions: Sequence[EntityMention], antecedents: Antecedents | None = None,
    ) -> None:
        self.doc = doc
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self.mentions]
        self.persons = [m for m in self.mentions if m.label == "PERSON"]
        self.antecedents = antecedents or Antecedents(doc, self.mentions)
        self.regions: list[tuple[int, int]] = []  # every quoted run, marks included
        self.closed: list[tuple[int, int]] = []  # the runs with a closing mark
        # character offset -> token index, for the mark positions we look up
        self._authors: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
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

    def authors(self, speaker: tuple[int, int]) -> tuple[tuple[int, int], ...]:
        """Who wrote a non-person source ("the letter"): see :func:`_source_authors`."""
        if speaker not in self._authors:
            self._authors[speaker] = _source_authors(self, speaker)
        return self._authors[speaker]

    def mentions_in(self, first: Any, last: Any) -> list[EntityMention]:
        """Author-like mentions (people, organisations, groups) within tokens ``first..last``."""
        start, end = first.idx, last.idx + len(last.text)
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.label in _AUTHOR_LABELS and m.span.end <= end]

    def speaker_of(self, verb: Any, inside: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """The words naming who spoke: the cue verb's subject, widened as the module says.

        A subject lying ``inside`` the quote itself, or inside another closed quoted run,
        is the parser reading quoted words as the subject ('"..., we will," the chief said'; '"...,"
        X said on "Y and Z"'): the name beside the cue outside the quote is taken then.
        """
        subj = _subject(verb)
        if inside is not None:
            if subj is not None and (inside[0] <= subj.idx < inside[1] or _inside(subj.idx, self.closed)):
                subj = _subject_beyond(verb, [inside, *self.regions]) or _subject_after(verb, inside)
            elif subj is None and (verb.idx >= inside[1] or _next_is_name(verb)):
                subj = _subject_after(verb, inside)  # '"...," said Jane Doe' / 'Said Doe: "..."'
        if subj is None:
            return self.name_before(verb)
        return self.naming(subj)

    def name_before(self, verb: Any) -> tuple[int, int] | None:
        """A finite verb the parser left without a subject ('When X happens, Jane Doe and John Roe
        call them "..."', the names read as part of the clause before): the name right before it,
        or before the comma closing an apposition or the brackets after a name ('In a statement, her
        adviser, Jane Doe, said:'; 'Rep. Jane Doe (D-Md.) said "..."')."""
        if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i == 0:
            return None
        before = self.doc[verb.i - 1]
        while before.pos_ == "ADV" and before.i > 0:
            before = self.doc[before.i - 1]
        beside = _before_aside(before)
        hit = self.mention_at(beside.idx, beside.idx + len(beside.text))
        if hit is None or hit.label not in {"PERSON", "ORG", "NORP"} or hit.span.end > verb.idx:
            return None
        opened = self.text[max(0, hit.span.start - 3) : hit.span.start].rstrip().endswith(",")
        if before.text == "," and not (hit.label == "PERSON" and opened):
            return None  # only a person set off by commas on both sides is an apposition
        return hit.span.start, hit.span.end

    def according_source(self, to: Any) -> tuple[int, int] | None:
        """The source named after "according to": the object of "to", else (the parser read a
        noun as a verb: "according to show insiders") the words it governs up to a punctuation mark."""
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is not None:
            return self.naming(source)
        words = []
        for tok in self.doc[to.i + 1 : to.right_edge.i + 1]:
            if tok.is_punct or tok.is_space:
                break
            words.append(tok)
        if not words or not any(t.pos_ in {"NOUN", "PROPN"} for t in words):
            return None
        hit = self.mention_at(words[0].idx, words[-1].idx + len(words[-1].text))
        if hit is not None:
            return hit.span.start, hit.span.end
        return words[0].idx, words[-1].idx + len(words[-1].text)

    def naming(self, tok: Any) -> tuple[int, int]:
        if _is_dateline(self.text, tok):  # 'LONDON -- Jane Doe, ..., said': the parser's subject is the dateline
            person = next((c for c in tok.children if c.dep_ == "appos"), None)
            if person is not None:
                tok = person
        start, end = tok.idx, tok.idx + len(tok.text)
        if tok.lower_ in _PRONOUNS:
            person = self.antecedents.resolve(start)
            return (person.span.start, person.span.end) if person else (start, end)
        if tok.lower_ in {"it", "they"}:
            return self.antecedents.nominal(start) or (start, end)
        hit = self.mention_at(start, end)
        if hit is not None:
            return hit.span.start, hit.span.end
        if tok.dep_ == "appos":  # "Jane Doe, the harbor commissioner, who said": the person
            hit = self.mention_at(tok.head.idx, tok.head.idx + len(tok.head.text))
            if hit is not None and hit.label == "PERSON":
                return hit.span.start, hit.span.end
        for child in tok.children:
            if child.dep_ == "appos":
                hit = self.mention_at(child.idx, child.idx + len(child.text))
                if hit is not None and hit.label == "PERSON":
                    return hit.span.start, hit.span.end
        lefts = [c for c in tok.lefts if c.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod"}]
        left = lefts[0].left_edge if lefts else tok
        return left.idx, end


# ------------------------------------------------------------------ non-person sources and their authors

_SOURCE_NOUNS = frozenset(
    """letter statement resolution report release memo memorandum email e-mail filing complaint lawsuit
    petition op-ed editorial tweet post document declaration communique communiqué bill proposal motion
    order ruling decision brief notice message note proclamation appeal""".split()
)
# Written or broadcast pieces that can carry words ('The article ends: "..."'); no authors read.
_MEDIA_NOUNS = frozenset("article piece story column ad advertisement video book headline poll survey".split())
_AUTHOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_BY_PREPS = frozenset({"by", "from"})
_MAKE_VERBS = frozenset(
    """send write sign issue release publish file submit introduce draft pen author circulate post
    deliver sponsor lead""".split()
)


def _source_authors(ctx: _Context, speaker: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """The authors of a non-person source, when the text says who they are.

    ``speaker`` names a letter, statement, resolution, ... (its last word is the noun).  Authors
    are read, on that noun or else on the nearest earlier use of the same noun within the five
    sentences before it, from: "X's letter"; "the letter (signed / sent / written) by|from X";
    "X sent / signed / issued / released the letter"; "X said / wrote in a letter".
    """
    noun = ctx.token_at(speaker[1] - 1)
    if noun is None or noun.lemma_.lower() not in _SOURCE_NOUNS:
        return ()
    found = _authors_of(ctx, noun)
    if found:
        return found
    floor = noun.sent.start
    for _ in range(5):
        if floor == 0:
            break
        floor = ctx.doc[floor - 1].sent.start
    for i in range(noun.i - 1, floor - 1, -1):
        tok = ctx.doc[i]
        if tok.lemma_.lower() == noun.lemma_.lower() and tok.pos_ in {"NOUN", "PROPN"}:
            found = _authors_of(ctx, tok)
            if found:
                return found
    return ()


def _authors_of(ctx: _Context, noun: Any) -> tuple[tuple[int, int], ...]:
    spans: list[EntityMention] = []
    for child in noun.children:
        if child.dep_ == "poss":
            spans += ctx.mentions_in(child.left_edge, child.right_edge)
        elif child.dep_ == "prep" and child.lower_ in _BY_PREPS:
            spans += _pobj_mentions(ctx, child)
        elif child.dep_ == "acl":  # "a letter signed by ..."
            for grand in child.children:
                if grand.dep_ == "agent" or (grand.dep_ == "prep" and grand.lower_ in _BY_PREPS):
                    spans += _pobj_mentions(ctx, grand)
        elif child.dep_ == "relcl" and child.lemma_.lower() in _MAKE_VERBS:  # "a letter that X signed"
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in _RELATIVE:
                spans += _conj_mentions(ctx, subj)
    if not spans:
        head = noun.head
        verb = None
        if noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in _MAKE_VERBS:
            verb = head  # "X sent the letter" / "the letter was signed by X"
            if noun.dep_ == "nsubjpass":
                for child in verb.children:
                    if child.dep_ == "agent":
                        spans += _pobj_mentions(ctx, child)
        elif noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in {"VERB", "AUX"}:
            verb = head.head  # "X wrote in a letter"
        if verb is not None and not spans:
            subj = _subject(verb)
            if subj is not None:
                spans += _conj_mentions(ctx, subj)
    if not spans:  # the parse lost the relative clause: a later verb of making in the sentence
        for tok in noun.sent:
            if tok.i > noun.i and tok.lemma_.lower() in _MAKE_VERBS and tok.pos_ == "VERB":
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    spans += _conj_mentions(ctx, subj)
                    break
    if any(m.label in {"PERSON", "ORG"} for m in spans):  # "U.S. Reps. X and Y": the people, not "U.S."
        spans = [m for m in spans if m.label in {"PERSON", "ORG"}]
    seen: dict[tuple[int, int], None] = {}
    for m in spans:
        seen.setdefault((m.span.start, m.span.end), None)
    return tuple(seen)


def _pobj_mentions(ctx: _Context, prep: Any) -> list[EntityMention]:
    out: list[EntityMention] = []
    for child in prep.children:
        if child.dep_ == "pobj":
            out += _conj_mentions(ctx, child)
    return out


def _conj_mentions(ctx: _Context, tok: Any) -> list[EntityMention]:
    """The mentions naming ``tok`` and the words coordinated with it ("X, Y and 51 others"),
    not names further down ("members of the House")."""
    out: list[EntityMention] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        hit = ctx.mention_at(t.idx, t.idx + len(t.text))
        if hit is not None and hit.label in _AUTHOR_LABELS:
            out.append(hit)
        stack.extend(c for c in t.children if c.dep_ in {"conj", "appos"})
    return sorted(out, key=lambda m: m.span.start)


def _subject(verb: Any) -> Any | None:
    """The subject of ``verb``; for a verb without one, the subject it shares: "X attacked Y,
    saying ..." (advcl / xcomp / conj -> the head's subject), "footage of X asking ..." (acl -> X),
    "X began by saying ..." (a gerund after a preposition -> the subject of the verb it hangs on),
    "X led Y to fear ..." (an infinitive after an object: the object speaks, see
    :func:`_controller`).  A participle after a comma ("..., saying ...", "while chanting ...")
    the parser hung inside a relative clause belongs to the sentence around that clause
    ("X defended not paying a builder who said he was stiffed, saying ..." -> X), and one hung on
    reported words belongs to their reporter (see :func:`_reporting_verb`)."""
    participle = verb.tag_ == "VBG" and verb.dep_ == "advcl"
    cue = verb
    below = None  # the verb the last step climbed from
    for _ in range(10):
        reporter = _reporting_verb(below, verb) if below is not None and _is_cue(cue) else None
        if reporter is not None:
            below, verb = None, reporter
            continue
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and _has_letters(c)]
        if participle and verb.head.i != verb.i and _is_relative_clause(verb):
            verb = _clause_above(verb)
            continue
        if not subjects and verb.tag_ == "VBG" and verb.dep_ == "advcl":
            said = _said_before(verb)
            if said is not None:
                verb = said  # 'X said, going on to say ...', 'X said, adding ...'
                continue
        if subjects:
            # two subjects is a misparse ('... made public ― X boasted'): the one next to the verb,
            # or to the cue when it shares the subject ('X, despite admitting ..., Y need ...')
            child = min(subjects, key=lambda c: abs(c.i - cue.i))
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                maker = _maker(verb.head) or _bearer(verb.head)
                return maker if maker is not None else verb.head  # "the group, which said ..."
            return _depicted(child) or child
        fronted = _subject_before_aside(verb)
        if fronted is not None:
            return fronted
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i == verb.i - 1 and verb.head.dep_ in _ROLES:
            verb = _clause_above(verb)  # 'slammed the loophole called "X"': the noun is named, it does not name
            continue
        if verb.dep_ == "acl" and verb.head.i != verb.i and verb.head.pos_ in {"PROPN", "NOUN", "PRON"}:
            occasion = _occasion_verb(verb.head) if verb.tag_ == "VBG" else None
            if occasion is not None:
                verb = occasion  # 'X said at a news conference announcing ...' -> X
                continue
            return _depicted(verb.head) or _bearer(verb.head) or verb.head
        if verb.dep_ == "xcomp" and verb.head.i != verb.i:
            controller = _controller(verb.head)
            if controller is not None:
                return controller
        if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
            # an infinitive passes on what hangs on it ('X said Y has to choose, adding ...')
            below, verb = (below if below is not None and verb.dep_ == "xcomp" else verb), verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ in {"prep", "conj"}:
            above = verb.head.head  # "X began by saying ...", "after saying ..., X left", "and for saying"
            if above.pos_ in {"ADV", "ADJ"} and above.head.i != above.i:
                above = above.head  # "X refuses, aside from saying ..."
            if above.pos_ in {"VERB", "AUX"}:
                below, verb = verb, above
                continue
        return None
    return None


def _subject_before_aside(verb: Any) -> Any | None:
    """'X, who ..., said' / 'X, meanwhile, who ..., said': the parser often makes X the subject of
    the aside and hangs the aside on the verb as its complement; X is the subject then: a name or
    noun set off by a comma, opening a complement that ends with a comma right before the verb."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    for clause in verb.lefts:
        if clause.dep_ != "ccomp":
            continue
        for subj in clause.children:
            if subj.dep_ in {"nsubj", "nsubjpass"} and subj.lower_ not in _RELATIVE \
                    and subj.left_edge.i == clause.left_edge.i and doc[subj.i + 1].text == ",":
                return subj
    return None


def _reporting_verb(below: Any, clause: Any) -> Any | None:
    """The verb reporting ``clause`` when a speech verb (``below``) hangs on reported words: a
    participle ('X said the plan failed, adding ...', 'X denied the claim that Y lied, explaining
    ...', '... before claiming ...') or the same verb again ('X said Y was wrong and said, "..."'; also
    '... but added') is the reporter's, not the act of whoever the reported words are about.  ``clause`` is a
    reported clause after its verb (the complement of a verb) or the content of a noun ('the claim
    that ...'); ``None`` for any other clause, for another coordinated verb ('X said Y left and
    wrote ...'), and for a complement before its verb or after a quote mark, where the parser took
    a sentence for the complement of a quote ('X seemed unmoved, telling reporters, "Y said ..."';
    '"Thank you," X replied, before adding ...')."""
    if clause.dep_ == "ccomp" and clause.head.pos_ in {"VERB", "AUX"} and clause.head.i < clause.i:
        reporter = clause.head
        if any(t.is_quote for t in clause.doc[reporter.i + 1 : clause.left_edge.i]):
            return None
    elif clause.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        reporter = _clause_above(clause)
    else:
        return None
    if below.dep_ == "conj":  # 'said ... and said', 'said ... but added'
        return reporter if below.lemma_ in {reporter.lemma_, "add"} else None
    return reporter if below.tag_ == "VBG" and below.dep_ in {"advcl", "pcomp"} else None


# What a noun before a participle must be in its clause for the participle to be passive ('the loophole
# called "X"'), not a verb the parser read as one ('; one lawmaker called X "...").
_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"})
_WH_LINKS = frozenset({"where", "who", "whom", "which", "whose", "when"})
_DEPICTIONS = frozenset("footage video clip recording tape audio image photo picture".split())
_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten"})


# Nouns for things said; the one who made them said their words ('X made a remark that ...').
_UTTERANCES = frozenset("comment remark quip joke answer reply response promise warning speech".split())


_OCCASION_PREPS = frozenset({"at", "in", "during"})


def _occasion_verb(noun: Any) -> Any | None:
    """The verb of 'X spoke at a rally / in an interview / during a briefing' when ``noun`` is that
    occasion (the object of "at", "in" or "during" hanging on a verb), so a participle describing
    the occasion ('a news conference announcing ...') is X's."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _OCCASION_PREPS or prep.head.pos_ not in {"VERB", "AUX"}:
        return None
    return prep.head if prep.head.i != prep.i else None


def _is_dateline(text: str, tok: Any) -> bool:
    """'WASHINGTON -- ...', 'LONDON (Reuters) — ...': a place in capitals opening a paragraph."""
    return bool(tok.text.isupper()) and opens_dateline(text, tok.idx, tok.idx + len(tok.text))


def _said_before(verb: Any) -> Any | None:
    """'X said, going on to say ...': the speech verb with a subject right before the comma
    that opens ``verb``'s phrase."""
    i = verb.left_edge.i - 1
    doc = verb.doc
    if i < 1 or doc[i].text != ",":
        return None
    said = doc[i - 1]
    if _is_cue(said) and any(c.dep_ in {"nsubj", "nsubjpass"} for c in said.children):
        return said
    return None


def _maker(noun: Any) -> Any | None:
    """Who made the utterance ``noun`` names, when it is the object of a verb ('X made a comment
    that described ...' -> X; 'prompted X to make a remark that ...' -> X)."""
    if noun.lemma_.lower() not in _UTTERANCES or noun.dep_ != "dobj" or noun.head.pos_ not in {"VERB", "AUX"}:
        return None
    return _subject(noun.head)


# Verbs whose subject puts out or shows the words of what they act on ('X issued a statement saying ...',
# 'X held up a sign that read ...').
_BEARING_VERBS = _MAKE_VERBS | frozenset("put hold carry hoist wave wear display air run tweet email blast".split())


def _bearer(noun: Any) -> Any | None:
    """Who put out the thing that carries words ('X issued a statement saying ...', 'X posted a message
    reading ...', 'X held up a sign that read ...'): the subject of the verb of making, issuing or
    showing whose object ``noun`` is, or who sent it to ``noun`` ('X sent an email to supporters saying');
    the thing itself speaks only without one ('The statement says')."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "to":  # the parser hung the participle on the addressee:
        verb = verb.head if verb.head.pos_ == "VERB" else verb.head.head  # 'sent (an email) to supporters'
    elif noun.dep_ != "dobj":
        return None
    if verb.lemma_ not in _BEARING_VERBS:
        return None
    subj = _subject(verb)
    return subj if subj is not None and subj.lower_ not in _RELATIVE else None


def _is_relative_clause(verb: Any) -> bool:
    """A clause describing a noun: a relative clause, or one opened by a wh-word the parser
    hung elsewhere ("the stadium, where the team played, ...")."""
    if verb.dep_ == "relcl":
        return True
    return verb.dep_ in {"ccomp", "advcl"} and any(
        c.lower_ in _WH_LINKS and c.dep_ in {"advmod", "nsubj", "nsubjpass", "dobj"} and c.i < verb.i
        for c in verb.children
    )


def _clause_above(verb: Any) -> Any:
    """The verb of the clause that holds ``verb``'s clause (up through the nouns in between)."""
    tok = verb.head
    for _ in range(8):
        if tok.pos_ in {"VERB", "AUX"} or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _controller(verb: Any) -> Any | None:
    """Who does what ``verb``'s infinitive or participle says: its object ("led the reporter
    to fear", "prompted the minister to explain"; "footage of X asking" -> X), not for the few verbs
    whose subject does it ("promised the voters to say"), nor for a request: what X urged or
    encouraged others to say is X's demand ("X urged voters to ask why ...")."""
    if verb.lemma_ in _SUBJECT_CONTROL | REQUEST_VERBS or verb.pos_ not in {"VERB", "AUX"}:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and _has_letters(c)), None)
    if obj is None or obj.pos_ == "PRON" and obj.lower_ in {"it", "that", "this", "what"}:
        return None
    return _depicted(obj) or obj


def _depicted(noun: Any) -> Any | None:
    """Who is seen or heard in "footage / a video / a recording of X": X."""
    if noun.lemma_.lower() not in _DEPICTIONS:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _before_aside(tok: Any) -> Any:
    """The word before a closing comma or bracket group that ``tok`` ends ('Jane Doe,' / 'Doe (D-Md.)'):
    where a name before a verb sits when an apposition or a label stands between them."""
    doc = tok.doc
    if tok.text == "," and tok.i > 0:
        return doc[tok.i - 1]
    if tok.text == ")":
        for j in range(tok.i - 1, max(tok.i - 8, 0), -1):
            if doc[j].text == "(":
                return doc[j - 1]
    return tok


def _has_letters(tok: Any) -> bool:
    return any(c.isalpha() for c in tok.text)


def _next_is_name(verb: Any) -> bool:
    return verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].pos_ == "PROPN"


def _subject_beyond(verb: Any, quoted: list[tuple[int, int]]) -> Any | None:
    """A cue without a subject of its own that the parser hung on a verb of a quote ('X seemed
    ready, telling the crowd, "Some people get ..."' with "telling" under "get"): the subject of
    the first verb above it outside the ``quoted`` runs."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    head = verb.head
    for _ in range(8):
        if head.head.i == head.i or not _inside(head.idx, quoted):
            break
        head = head.head
    if _inside(head.idx, quoted) or head.pos_ not in {"VERB", "AUX"}:
        return None
    subj = _subject(head)
    return subj if subj is not None and not _inside(subj.idx, quoted) else None


def _subject_after(verb: Any, inside: tuple[int, int]) -> Any | None:
    """The speaker named beside the cue outside the quote: the last name or noun between the quote
    and the cue ('"...," Rep. Jane Doe (D-Md.) said'), else the first after the cue ('"...," said
    Jane Doe', 'Said Doe: "..."'), stopping at a preposition ('said in an interview')."""
    doc = verb.doc
    sent = verb.sent

    def head_of(tok: Any) -> Any:
        while tok.dep_ in {"compound", "amod", "nmod", "appos"} and tok.head.i != tok.i and \
                abs(tok.head.i - tok.i) <= 4 and (tok.head.i < verb.i) == (tok.i < verb.i):
            tok = tok.head
        return tok

    if inside[1] <= verb.idx:
        for tok in reversed(doc[max(sent.start, 0) : verb.i]):
            if tok.idx < inside[1]:
                break
            if tok.pos_ == "PROPN" or (tok.pos_ == "PRON" and tok.lower_ in _PRONOUNS):
                return head_of(tok)
    for tok in doc[verb.i + 1 : sent.end]:
        if inside[0] <= tok.idx < inside[1] or tok.text in _OPENERS or tok.text == _STRAIGHT or tok.pos_ == "ADP":
            break
        if verb.idx < inside[0] and tok.dep_ == "dobj":
            break  # 'suggesting a few questions, including, "..."': the cue's object, not its speaker
        if tok.pos_ in {"PROPN", "NOUN"} or (tok.pos_ == "PRON" and tok.lower_ in _PRONOUNS):
            return head_of(tok)
    return None


# Verbs of speaking the shared lexicon leaves out, which news uses to introduce a direct quote.
_MORE_CUES = frozenset(
    """boast demand sing chant shout yell scream joke quip muse plead vow promise pledge recount wonder
    retort counter charge lament whisper exclaim murmur cry proclaim reiterate echo opine posit grumble
    counsel advise hint concur underscore assure reassure remind inform swear pronounce interject
    marvel gush rave brag scoff sneer snap bark declare answer interrupt boom confess reason
    scold taunt mock mutter bellow thunder roar sigh beam""".split()
)
# Verbs that introduce a quote with a particle ('"...," Doe shot back', '"...," Roe chimed in', 'he went on').
_PHRASAL_CUES = {"shoot": "back", "fire": "back", "hit": "back", "chime": "in", "cut": "in", "go": "on"}
# Verbs that introduce a quote only when they stand alone ('"...?" Doe pressed', 'Roe began: "..."'), not
# with an object or complement ('pressed for changes', 'began the meeting', 'questioned the figures').
_BARE_CUES = frozenset({"press", "begin", "start", "question"})
_COMPLEMENTS = frozenset({"dobj", "prep", "xcomp", "ccomp", "attr", "acomp", "agent", "nsubjpass"})


def _is_cue(tok: Any) -> bool:
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    if tok.lemma_ in _PHRASAL_CUES:
        particle = _PHRASAL_CUES[tok.lemma_]
        # a bare particle: "in" the parser read as a preposition has no object
        return any(
            c.lower_ == particle and c.dep_ in {"prt", "advmod", "prep"} and not list(c.children)
            for c in tok.children
        )
    if tok.lemma_ in _BARE_CUES:  # the quote before it may hang on it ('"...," Doe began')
        return not any(c.dep_ in _COMPLEMENTS and not (c.dep_ == "ccomp" and c.i < tok.i) for c in tok.children)
    if tok.lemma_ not in SPEECH_VERBS and tok.lemma_ not in _MORE_CUES:
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
        # a quote standing as its own sentence ('... said. "Never."') is a direct quote, however short
        alone = not prefix and seg.closed and _ends_sentence(text, seg.close + 1, sent)
        seg.kind = (
            "direct" if clause or attributed or alone or (starts_upper and len(words) >= 2) else "partial"
        )
    else:
        last = ctx.token_at(seg.open - 1) or ctx.token_at(seg.open - 2)
        lead_cue = last is not None and _is_cue(last)
        seg.kind = (
            "direct" if lead_cue and clause and text[seg.start : seg.start + 1].isupper() else "partial"
        )


def _ends_sentence(text: str, pos: int, sent: Any | None) -> bool:
    """Only spaces (or nothing) between ``pos`` and the end of its sentence or paragraph."""
    stop = text.find("\n", pos)
    stop = len(text) if stop < 0 else stop
    if sent is not None:
        stop = min(stop, max(int(sent.end_char), pos))
    rest = text[pos:stop].strip()
    return not rest or (rest[0] in _OPENERS or rest[0] == _STRAIGHT)


def _attribute(ctx: _Context, seg: _Segment) -> None:
    """Find the cue verb for one quoted run: up the parse from the quote, then beside it."""
    dashed = _dash_credit(ctx, seg) if seg.credit is None else None
    credit = seg.credit or dashed
    if credit is not None:
        seg.speaker, seg.dashed = credit, dashed is not None
        return
    verb = _as_cue(ctx, seg) or _nearer_lead_cue(ctx, seg, _cue_above(ctx, seg)) or _cue_beside(ctx, seg)
    if verb is not None:
        seg.cue = verb.text.lower()
        seg.speaker = ctx.speaker_of(verb, (seg.open, seg.close + 1))
        return
    found = _according_lead(ctx, seg) or (
        (_reporter(ctx, seg) or _sentence_cue(ctx, seg) or _holder(ctx, seg))
        if seg.kind == "partial" else (_colon_lead(ctx, seg) or _label_lead(ctx, seg))
    )
    if found is not None:
        seg.cue, seg.speaker = found


_DASH_CREDIT = re.compile(r"[^\S\n]*[―—–-]{1,2}[^\S\n]*")
# a credit line the model found no name in: a few capitalised words closing the line
_CREDIT_NAME = re.compile(r"(?:[A-Z][\w.'’-]*[^\S\n]+){0,3}[A-Z][\w'’-]*(?=[^\S\n]*[.,]?[^\S\n]*(?:\n|$))")


def _dash_credit(ctx: _Context, seg: _Segment) -> tuple[int, int] | None:
    """'"...." ― Jane Doe': a quote credited with a dash to the name after it (lists of voices)."""
    if not seg.closed:
        return None
    dash = _DASH_CREDIT.match(ctx.text, seg.close + 1)
    if dash is None or dash.end() == seg.close + 1:
        return None
    hit = ctx.mention_at(dash.end(), dash.end() + 1)
    if hit is not None and hit.span.start == dash.end() and hit.label in {"PERSON", "ORG", "NORP"}:
        return hit.span.start, hit.span.end
    name = _CREDIT_NAME.match(ctx.text, dash.end())
    return (name.start(), name.end()) if name is not None else None


def _lead(ctx: _Context, seg: _Segment) -> Any | None:
    """The tokens of the quote's sentence before its opening mark (same paragraph)."""
    sent = ctx.sentence_at(seg.open)
    if sent is None:
        return None
    p_start = ctx.text.rfind("\n", 0, seg.open) + 1
    lead_from = max(sent.start_char, p_start, _prev_mark(ctx.text, p_start, seg.open))
    return ctx.doc.char_span(lead_from, seg.open, alignment_mode="contract")


def _according_lead(ctx: _Context, seg: _Segment) -> tuple[str, tuple[int, int]] | None:
    """'According to X, "..."': X."""
    for tok in _lead(ctx, seg) or ():
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            source = ctx.according_source(ctx.doc[tok.i + 1])
            if source is not None:
                return "according to", source
    return None


def _colon_lead(ctx: _Context, seg: _Segment) -> tuple[str, tuple[int, int]] | None:
    """'X had a message: "..."': the subject of the sentence introducing the quote with a colon,
    when it is a person or organisation, "he"/"she", "I"/"we", or a document ("the letter", "the
    article": a quote standing alone after a colon has no cue verb)."""
    lead = _lead(ctx, seg)
    if lead is None or not len(lead) or not ctx.text[lead.start_char : seg.open].rstrip().endswith(":"):
        return None
    # the clause right before the colon introduces the quote ('She got upset, so I had to say:')
    verbs = [t for t in lead if t.pos_ in {"VERB", "AUX"} and _subject(t) is not None]
    verb = verbs[-1] if verbs else lead.root
    subj = _subject(verb)
    if subj is None:
        return None
    start, end = ctx.naming(subj)
    hit = ctx.mention_at(start, end)
    if (
        subj.lower_ in _PRONOUNS | _FIRST_PERSON
        or subj.lemma_.lower() in _SOURCE_NOUNS | _MEDIA_NOUNS
        or (hit is not None and hit.label in {"PERSON", "ORG", "NORP", "GPE"})
    ):
        return verb.text.lower(), (start, end)
    return None


_LABEL_END = re.compile(r"[^\S\n]*(?:\([^()\n]{1,20}\))?[^\S\n]*:[^\S\n]*$")


def _label_lead(ctx: _Context, seg: _Segment) -> tuple[str | None, tuple[int, int]] | None:
    """'Jane Doe: "..."', 'More from Doe: "..."', 'Rep. Jane Doe (D-Md.): "..."', 'The figures did not
    surprise Jane Doe: "..."': a person or organisation named right before the colon that
    introduces the quote, when the sentence before the colon has no speaker of its own (see
    :func:`_colon_lead`); ``cue`` is ``None``."""
    p_start = ctx.text.rfind("\n", 0, seg.open) + 1
    label = _LABEL_END.search(ctx.text, max(p_start, seg.open - 24), seg.open)
    if label is None or label.start() == p_start:
        return None
    hit = ctx.mention_at(label.start() - 1, label.start())
    if hit is None or hit.span.end != label.start() or hit.label not in {"PERSON", "ORG"}:
        return None
    before = ctx.token_at(hit.span.start - 2) if hit.span.start >= 2 else None
    if before is not None and before.pos_ == "ADP" and before.lower_ != "from":
        return None  # 'later that month on CNN: "..."' names where, not who
    return None, (hit.span.start, hit.span.end)


def _reporter(ctx: _Context, seg: _Segment) -> tuple[str, tuple[int, int]] | None:
    """A partial quote inside a clause some verb reports ('Most voters agreed that the plan was
    "a mess"', 'The audit found that funds came from "unknown sources"'): the subject of the
    first verb above the quote that takes a clause holding it, whatever the verb; a speech verb
    set in as an aside ('..., X said, most voters believe "..."') beats it."""
    quoted = ctx.doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if quoted is None:
        return None
    tok = quoted.root
    found: tuple[str, tuple[int, int]] | None = None
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            break
        if any(c.dep_ == "parataxis" and _is_cue(c) and _subject(c) is not None for c in head.children):
            return None  # the nearest speech verb of the sentence is the cue (see _sentence_cue)
        if found is None and tok.dep_ == "ccomp" and head.pos_ in {"VERB", "AUX"} \
                and not (seg.open <= head.idx <= seg.close):
            subj = _subject(head)
            if subj is None or seg.open <= subj.idx <= seg.close or subj.lower_ in _RELATIVE:
                return None
            found = head.text.lower(), ctx.naming(subj)
        tok = head
    return found


def _sentence_cue(ctx: _Context, seg: _Segment) -> tuple[str, tuple[int, int]] | None:
    """A partial quote in a sentence whose speech verb the parse did not put above it
    ('X said, most voters believe "..."'): the nearest speech verb of the sentence with a subject."""
    sent = ctx.sentence_at(seg.open)
    if sent is None:
        return None
    best: tuple[int, Any, Any] | None = None
    for tok in sent:
        if seg.open <= tok.idx <= seg.close or not _is_cue(tok):
            continue
        subj = _subject(tok)
        if subj is None or seg.open <= subj.idx <= seg.close or subj.lower_ in _RELATIVE:
            continue
        distance = abs(tok.idx - seg.open)
        if best is None or distance < best[0]:
            best = (distance, tok, subj)
    if best is None:
        return None
    return best[1].text.lower(), ctx.naming(best[2])


def _holder(ctx: _Context, seg: _Segment) -> tuple[str, tuple[int, int]] | None:
    """A partial quote with no speech verb ('X branded Y an "outlaw nation"', 'X pounded Y as a
    "con artist"'): the subject of the nearest verb above the quoted words, outside the quote."""
    quoted = ctx.doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if quoted is None:
        return None
    head = quoted.root
    for _ in range(6):
        if head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in {"VERB", "AUX"} and not (seg.open <= head.idx <= seg.close):
            subj = _subject(head)
            if subj is not None and not (seg.open <= subj.idx <= seg.close):
                return head.text.lower(), ctx.naming(subj)
    return None


def _as_cue(ctx: _Context, seg: _Segment) -> Any | None:
    """'... a "lawful source of income," as a memo put it' / 'as Jane Doe said': a clause of the
    quote's sentence saying whose words they are beats any verb the quote hangs on."""
    sent = ctx.sentence_at(seg.open)
    if sent is None:
        return None
    for tok in sent:
        if _inside(tok.idx, ctx.regions) or not (
            _is_cue(tok) or (tok.lemma_ == "put" and any(c.lower_ == "it" for c in tok.children))
        ):
            continue
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and _subject(tok) is not None:
            return tok
    return None


def _nearer_lead_cue(ctx: _Context, seg: _Segment, verb: Any | None) -> Any | None:
    """``verb`` (the cue the quote hangs on), unless a speech verb with a subject of its own
    stands between it and the opening mark ('The spot ends with footage of X saying, "..."'):
    the nearest speech verb before a quote introduces it."""
    if verb is None or verb.idx > seg.open or seg.kind != "direct":
        return verb
    lead = _lead(ctx, seg) or ()
    for tok in reversed(lead):
        if tok.i <= verb.i:
            break
        if _is_cue(tok) and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
            return tok
    return verb


def _cue_above(ctx: _Context, seg: _Segment) -> Any | None:
    """A cue verb the quote's words hang on (read from the quote's first sentence: the parse
    gives each later sentence its own root)."""
    first = ctx.sentence_at(seg.start)
    end = min(seg.end, int(first.end_char)) if first is not None else seg.end
    quoted = ctx.doc.char_span(seg.start, end, alignment_mode="expand")
    if quoted is None:
        return None
    head = quoted.root.head
    for _ in range(4):
        if head.idx < seg.open or head.idx > seg.close:
            if _is_cue(head) or (head.lemma_ in NAMING_VERBS and head.pos_ == "VERB"):
                return head  # 'X characterized Y as, "..."' names what X said of Y
        if head.head.i == head.i:
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
        after = ctx.doc.char_span(seg.close + 1, nxt, alignment_mode="contract") or ()
        for tok in after:
            if _is_cue(tok):
                return tok
        if not any(_has_letters(t) for t in after):
            cue = _cue_opening_next(ctx, seg.close + 1, p_end)
            if cue is not None:
                return cue
    open_sent = ctx.sentence_at(seg.open)
    if open_sent is not None:
        p_start = text.rfind("\n", 0, seg.open) + 1
        lead_from = max(open_sent.start_char, p_start, _prev_mark(text, p_start, seg.open))
        for tok in reversed(ctx.doc.char_span(lead_from, seg.open, alignment_mode="contract") or ()):
            if _is_cue(tok):
                return tok
    return None


_NAME_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM", "PUNCT"})


def _cue_opening_next(ctx: _Context, pos: int, p_end: int) -> Any | None:
    """'"...?" Jane Doe asked.': the parser often ends the sentence at a closing "?", "!" or "."
    mark, so the cue opens the next sentence of the paragraph, after nothing but a name."""
    while pos < p_end and ctx.text[pos].isspace():
        pos += 1
    first = ctx.token_at(pos) if pos < p_end else None
    if first is None or first.i != first.sent.start:
        return None
    for tok in ctx.doc[first.i : min(first.sent.end, first.i + 8)]:
        if tok.idx >= p_end or tok.text in _OPENERS or tok.text == _STRAIGHT:
            return None
        if _is_cue(tok):
            return tok
        # only the speaker's name may come before the cue ('To which she said' answers the quote)
        if tok.lower_ in _RELATIVE or not (tok.pos_ in _NAME_POS or (tok.pos_ in {"ADP", "CCONJ"} and tok.i > first.i)):
            return None
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
    # 3. a quote after a finished sentence of its paragraph ('..., Schiff said. "..."'): its speaker
    for s in direct:
        if s.speaker is not None:
            continue
        p_start, _ = paras[s.para]
        before = ctx.text[p_start : s.open].rstrip()
        if before and before[-1] in ".!?" and not _inside(s.open - 1, [(x.open, x.close + 1) for x in segs]):
            s.speaker = _speaker_in(ctx, segs, s.para, p_start, p_start + len(before))
    # 4. a dash credit closing the paragraph credits every quote in it ('"A ‘B.” C “D.” ― Jane Doe')
    for s in direct:
        if s.speaker is None:
            credited = [x for x in segs if x.para == s.para and x.dashed and x.open > s.open]
            if credited:
                s.speaker = credited[-1].speaker
    # 5. a quote opening a paragraph: the speaker named in the paragraph before
    for s in direct:
        if s.speaker is not None or s.para == 0:
            continue
        p_start, _ = paras[s.para]
        if ctx.text[p_start : s.open].strip():
            continue
        for back in range(s.para - 1, max(s.para - 3, -1), -1):
            # a paragraph naming nobody (a fact between two quotes) hands on the one before
            prev_start, prev_end = paras[back]
            s.speaker = _speaker_in(ctx, segs, back, prev_start, prev_end)
            if s.speaker is not None:
                break
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
    # the subject of a sentence after the paragraph's last quote is the newer voice
    # ('"...," Doe said. Roe disagreed.' -> Roe)
    if quoted and (last is None or quoted[-1].close >= last.start_char):
        return quoted[-1].speaker
    if last is not None:
        root = last.root
        subj = _subject(root)
        if subj is not None:
            hit = ctx.mention_at(subj.idx, subj.idx + len(subj.text))
            if hit is not None and hit.label in {"PERSON", "ORG"}:
                return hit.span.start, hit.span.end
    if quoted:
        return quoted[-1].speaker
    person = ctx.person_before(end)
    if person is not None and person.span.start >= start:
        return person.span.start, person.span.end
    return None


NAMING_VERBS = frozenset({"call", "describe", "label", "brand", "term", "dub", "characterize", "characterise"})
"""Verbs that say what someone called something: with a quoted phrase after them, reported speech."""


def _inside(char: int, regions: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in regions)


# ------------------------------------------------------------------ indirect speech


def _clashes(start: int, end: int, direct: list[tuple[int, int]], partial: list[tuple[int, int]]) -> bool:
    """Reported speech may hold a quoted phrase whole ('said the bill was "dead on arrival"'), but
    never a direct quote, nor a part of a phrase."""
    return any(s < end and start < e for s, e in direct) or any(
        s < end and start < e and not (start <= s and e <= end) for s, e in partial
    )


def _naming(
    ctx: _Context, tok: Any, partial: list[tuple[int, int]]
) -> tuple[int, int, str, tuple[int, int] | None] | None:
    """'X called Y "a disgrace"', 'X described Y as a "crazy system"': the words after the verb,
    when they hold a quoted phrase, are what X said of Y."""
    doc = ctx.doc
    right = [c for c in tok.rights if c.dep_ in {"dobj", "oprd", "attr", "prep", "acomp", "xcomp", "ccomp"}]
    if not right:
        return None
    first, last = right[0].left_edge, right[-1].right_edge
    while last.i > first.i and last.is_punct:
        last = doc[last.i - 1]
    start, end = first.idx, last.idx + len(last.text)
    held = [e for s, e in partial if start <= s < end]
    if _inside(tok.idx, partial) or not held:
        return None
    end = max(end, *held)
    return start, end, tok.text.lower(), ctx.speaker_of(tok)


def _indirect(
    ctx: _Context, direct: list[tuple[int, int]], partial: list[tuple[int, int]]
) -> list[tuple[int, int, str, tuple[int, int] | None]]:
    out: list[tuple[int, int, str, tuple[int, int] | None]] = []
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            hit = _according(ctx, tok, direct)
            if hit is not None:
                out.append(hit)
            continue
        if tok.lemma_ in NAMING_VERBS and tok.pos_ == "VERB" and not _inside(tok.idx, direct):
            named = _naming(ctx, tok, partial)
            if named is not None and not _clashes(named[0], named[1], direct, partial):
                out.append(named)
            continue
        if tok.lemma_ not in ATTRIBUTION_VERBS or tok.pos_ != "VERB" or _inside(tok.idx, direct):
            continue
        aside = _subject_before_aside(tok)
        for child in tok.children:
            if child.dep_ != "ccomp" or (aside is not None and aside.head.i == child.i):
                continue  # 'X, who ..., said': the subject and its aside are no reported words
            first, last = child.left_edge, child.right_edge
            while first.i < last.i and (first.dep_ == "mark" or first.is_punct):
                first = doc[first.i + 1]
            while last.i > first.i and last.is_punct:
                last = doc[last.i - 1]
            start, end = first.idx, last.idx + len(last.text)
            # a closing mark after the clause's last word belongs to the phrase it closes
            end = max([end, *(e for s, e in partial if start <= s < end)])
            if end <= start or _clashes(start, end, direct, partial):
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
    return start, end, "according to", ctx.according_source(to)
