"""Event mentions: one per clause whose trigger word names an action in the lexicon.

``find_events(doc, article, mentions, times, dct)`` walks the parse once.  A trigger is

* a verb whose lemma (or lemma + particle, "call on", "crack down") is in
  :data:`lexicon.EVENT_VERBS` / :data:`lexicon.EVENT_PHRASALS`, or whose object names the event
  with it (:data:`lexicon.OBJECT_EVENTS`: "restored ties", "called off the strike"), or whose
  sense turns on a person object ("evacuated the wounded");
* a light verb with an event noun as its object ("imposed sanctions", "carried out arrests",
  "engaged in talks"), typed by the noun, the verb being the trigger;
* an event noun with an argument ("the arrests of forty people", "the crackdown against X",
  "calls for sanctions");
* a speech verb whose reported clause says what someone else must or should do ("X said Y
  must release Z"): a REQUEST by X of Y, the released being ``requested``.

A verb's object is read through a quantity ("700 kg of medicine"), a "state of" phrase and a
generic head ("a mediation effort"); a lemma the tagger got wrong ("staged" as "stag") is
repaired from the regular inflection when that names a trigger.

For each trigger it reads

* ``type``/``cameo``/``mode`` from the lexicon (PLOVER 2.0).  What the actor says it will do
  (a modal "will/would", or "plans/is prepared to") is coded as the manual codes an intention:
  CONSULT/SUPPORT/COOPERATE/AID become AGREE, RETREAT becomes CONCEDE, and
  ASSAULT/COERCE/SANCTION/PROTEST become THREATEN, as does a vow of them ("vowed to fight"); a
  cooperative event said not to happen ("will not accept", "failed to reach agreement", "has
  not passed the bill") is a REJECT (CAMEO 120), and the refusal is what happened: its modality
  is that of the refusal (asserted, or reported when someone says it), not ``negated``, which
  would read as no refusal at all; under "must/should not" it stays not done (hypothetical), and
  so does an act refused by a verb that tells the refusal itself ("refused to release": the
  refusal is that verb's REJECT, the release did not happen);
* ``actors``: the entity mentions naming the subject (the "by X" agent of a passive, the
  controller of "X plans to sign", the object of "urged Y to sanction");
* ``targets``: the mentions naming the object, the passive subject, or an "on/against/with X";
* ``location``: a GPE/LOC/FAC mention in an "in/at X" phrase of the trigger;
* ``modality``, first that applies: ``requested`` (the complement of a request verb: "X urged
  Y to sanction Z" is a REQUEST by X of Y, asserted, plus the SANCTION by Y, requested),
  ``negated`` ("has not acted", "refused to release"), ``hypothetical`` (a modal, "plans to",
  "is unlikely to", an if-clause), ``reported`` (inside quote marks, the complement of a speech
  verb, "according to"), else ``asserted``;
* ``date``: the DATE/TIME expression the trigger governs, else one inside its clause, else one
  in its sentence that no other trigger governs (``date_basis="clause"``, ``time`` its id);
  failing that the article's date ``dct`` (``date_basis="article"``); else ``None``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import msgspec

from storyline.analyze.dateline import opens_dateline
from storyline.analyze.lexicon import (
    ATTRIBUTION_VERBS,
    DEMAND_CUE_VERBS,
    EVENT_NOUNS,
    EVENT_PHRASALS,
    EVENT_VERBS,
    FUTURE_RECODE,
    GENERIC_EVENT_HEADS,
    GROUP_NOUNS,
    HYPOTHETICAL_HEADS,
    HYPOTHETICAL_MODALS,
    INTENT_HEADS,
    INTENT_MODALS,
    LIGHT_PREP_VERBS,
    LIGHT_VERBS,
    MEASURE_NOUNS,
    NEGATED_REJECT,
    NEGATING_HEADS,
    OBJECT_EVENTS,
    OBLIGATION_MODALS,
    PERMITTING_HEADS,
    PERSON_OBJECT_EVENTS,
    REQUEST_VERBS,
    UNTYPED,
    LexEntry,
    actor_code,
    event_entry,
    needs_object,
    needs_person_object,
)
from storyline.analyze.mentions import Antecedents
from storyline.analyze.quotes import quote_regions
from storyline.ids import make_id
from storyline.model import (
    Article,
    DateValue,
    EntityMention,
    EventMention,
    Modality,
    Quote,
    Span,
    TimeExpr,
)

__all__ = ["UNTYPED", "event_for_span", "find_events"]

_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})
_TARGET_PREPS = frozenset({"on", "against", "with", "upon", "to", "toward", "towards", "into"})
_AGENT_NOUNS_PREPS = frozenset({"by"})
_LOCATION_PREPS = frozenset({"in", "at", "inside", "across", "throughout"})
_LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_PRONOUNS = frozenset({"he", "she"})
_IT_THEY = frozenset({"it", "they"})
_ASK_COMPLEMENTS = frozenset({"dobj", "dative", "xcomp", "prep"})
_FIRST_PERSON = frozenset({"i", "we"})
# Nouns whose possessor is the one acted on ("Whitfield's arrest"), not the actor.
_PATIENT_NOUNS = frozenset(
    """arrest detention imprisonment deportation killing murder execution assassination abduction
    kidnapping torture release resignation expulsion conviction persecution designation""".split()
)
_IF_MARKS = frozenset({"if", "unless", "whether"})
_NEG_DETS = frozenset({"no", "never"})
_HYPOTHETICAL_AMODS = frozenset({"possible", "potential", "proposed", "planned", "future"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "prep", "agent", "dative"})
_CONTROL_VERBS = REQUEST_VERBS | {"force", "order", "allow", "compel", "instruct", "direct"}
_CLAUSE_STOP = frozenset({"ROOT", "advcl", "relcl", "ccomp", "acl", "parataxis"})
_INFLECTED = frozenset({"VBD", "VBN", "VBG", "VBZ"})
# "the arrests of", "the crackdown against", "talks with", "clashes between", "a visit to", "protests over"
_NOUN_ARGUMENT_PREPS = frozenset({"of", "against", "on", "by", "in", "with", "between", "to", "over"})
_DEMAND = LexEntry("REQUEST", "100")
REFUSAL_CAMEO = "120"
"""CAMEO's "reject, not specified below": the code of a cooperative act said not to happen."""


class _Trigger:
    __slots__ = ("first", "last", "head", "noun", "entry", "word")

    def __init__(self, first: Any, last: Any, head: Any, noun: Any | None, entry: LexEntry,
                 word: str | None = None) -> None:
        self.first = first  # first and last token of the trigger words
        self.last = last
        self.head = head  # the token that heads the clause (verb, or the event noun)
        self.noun = noun  # the event noun that typed a light verb, or the noun trigger itself
        self.entry = entry
        self.word = word  # the event word linking matches by, where not the head's or noun's lemma


def find_events(
    doc: Any,
    article: Article,
    mentions: Sequence[EntityMention],
    times: Sequence[TimeExpr],
    dct: DateValue | None,
    *,
    quotes: Sequence[Quote] = (),
    antecedents: Antecedents | None = None,
) -> tuple[EventMention, ...]:
    """Event mentions in ``article`` (``doc`` is its spaCy parse).

    ``quotes`` (optional, from :func:`quotes.find_quotes`) lets "I"/"we" inside a quote stand for
    the quote's speaker when that speaker is an entity mention.  ``antecedents`` (optional) is
    the pronoun resolver over the same ``mentions``, shared with the quote stage.
    """
    ctx = _Context(doc, article, mentions, times, quotes, antecedents)
    triggers = _triggers(ctx)
    ctx.index(triggers)
    events: list[EventMention] = []
    for trig in triggers:
        events.append(_event(ctx, trig, dct))
    return tuple(events)


def event_for_span(
    doc: Any,
    article: Article,
    mentions: Sequence[EntityMention],
    times: Sequence[TimeExpr],
    dct: DateValue | None,
    start: int,
    end: int,
) -> EventMention | None:
    """The event mention whose trigger is the given character span (a gold trigger, for evaluation).

    Type, CAMEO code and mode come from the lexicon when the span's head word is in it (else
    type :data:`UNTYPED`); actors, targets, place, modality and date are read from the parse
    exactly as :func:`find_events` reads them.  ``None`` when the span covers no token.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    ctx = _Context(doc, article, mentions, times)
    found = _triggers(ctx)
    ctx.index(found)
    head = span.root
    trig = next((t for t in found if span.start <= t.head.i < span.end or (
        t.noun is not None and span.start <= t.noun.i < span.end)), None)
    if trig is None:
        lemma = head.lemma_.lower()
        entry = (EVENT_NOUNS.get(lemma) if head.pos_ in {"NOUN", "PROPN"} else event_entry(lemma)) \
            or EVENT_NOUNS.get(lemma) or event_entry(lemma) or LexEntry(UNTYPED, "")
        trig = _Trigger(span[0], span[-1], head, head if head.pos_ in {"NOUN", "PROPN"} else None, entry)
    else:
        trig = _Trigger(span[0], span[-1], trig.head, trig.noun, trig.entry)
    ev = _event(ctx, trig, dct)
    return msgspec.structs.replace(ev, cameo=ev.cameo or None)


# ------------------------------------------------------------------ context


class _Context:
    def __init__(
        self,
        doc: Any,
        article: Article,
        mentions: Sequence[EntityMention],
        times: Sequence[TimeExpr],
        quotes: Sequence[Quote] = (),
        antecedents: Antecedents | None = None,
    ) -> None:
        self.doc = doc
        self.article = article
        self.text = article.text
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.antecedents = antecedents or Antecedents(doc, self.mentions)
        self.by_token: dict[int, EntityMention] = {}
        self.dateline_tokens: set[int] = set()
        for m in self.mentions:
            span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None:
                continue
            if opens_dateline(self.text, m.span.start, m.span.end):  # "WASHINGTON –" names where the story was filed
                self.dateline_tokens.update(t.i for t in span)
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, m)
        # words in quote marks are reported; with the quotes at hand, scare quotes are not
        if quotes:
            self.quoted = sorted((q.span.start, q.span.end) for q in quotes if q.kind == "direct")
        else:
            self.quoted = quote_regions(self.text)  # sorted, not overlapping
        self._quote_starts = [s for s, _ in self.quoted]
        self.times = [t for t in times if t.type in {"DATE", "TIME"}]  # unresolved ones too: see _date
        self.trigger_heads: set[int] = set()
        self.entries: dict[int, LexEntry] = {}  # trigger head token -> its lexicon entry
        by_start = {m.span.start: m for m in self.mentions}
        self.by_start = by_start
        self.roles: dict[int, str] = {}  # mention start -> the head noun it modifies ("Norwegian *troops*")
        self.quote_speakers: list[tuple[int, int, EntityMention]] = []
        for q in quotes:
            speaker = by_start.get(q.speaker.start) if q.speaker is not None else None
            if speaker is not None and q.kind != "indirect":
                self.quote_speakers.append((q.span.start, q.span.end, speaker))

    def index(self, triggers: Sequence[_Trigger]) -> None:
        """Record where the sentence's triggers are, for the rules that read one from another."""
        self.trigger_heads = {t.head.i for t in triggers} | {t.noun.i for t in triggers if t.noun is not None}
        self.entries = {t.head.i: t.entry for t in triggers}

    def code(self, span: Span) -> str:
        """The CAMEO-style code of the actor at ``span`` ("" when its words do not tell)."""
        m = self.by_start.get(span.start)
        if m is None:
            return actor_code(span.text) or ""
        return actor_code(m.span.text, m.label, m.attributes, role=self.roles.get(span.start)) or ""

    def first_person(self, char: int) -> EntityMention | None:
        """The speaker of the quote that "I"/"we" at ``char`` is inside, if one is named."""
        for start, end, speaker in self.quote_speakers:
            if start <= char < end:
                return speaker
        return None

    def mention(self, tok: Any) -> EntityMention | None:
        return self.by_token.get(tok.i)

    def named_within(self, words: tuple[int, int] | None) -> EntityMention | None:
        """The longest entity mention inside the characters ``words`` (what "it" stands for)."""
        if words is None:
            return None
        inside = [m for m in self.mentions if words[0] <= m.span.start and m.span.end <= words[1]]
        return max(inside, key=lambda m: (m.span.end - m.span.start, -m.span.start), default=None)

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, char) - 1
        return i >= 0 and char < self.quoted[i][1]

    def span(self, start: int, end: int) -> Span:
        return Span(self.article.id, start, end, self.text[start:end])


# ------------------------------------------------------------------ triggers


def _triggers(ctx: _Context) -> list[_Trigger]:
    out: list[_Trigger] = []
    consumed: set[int] = set()
    for tok in ctx.doc:
        if tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound"}:
            trig = _verb_trigger(ctx, tok) or _demand_trigger(tok)
            if trig is not None:
                out.append(trig)
                if trig.noun is not None:
                    consumed.add(trig.noun.i)
    for tok in ctx.doc:
        if tok.pos_ == "NOUN" and tok.i not in consumed:
            trig = _noun_trigger(tok)
            if trig is not None:
                out.append(trig)
    out.sort(key=lambda t: t.first.i)
    return out


def _trigger_lemmas() -> frozenset[str]:
    """Every verb lemma that can start a trigger, to skip the other verbs at once."""
    return frozenset(
        set(EVENT_VERBS) | set(LIGHT_VERBS) | set(PERSON_OBJECT_EVENTS) | {v for v, _ in EVENT_PHRASALS}
        | {v.split()[0] for v, _ in OBJECT_EVENTS} | {v for v, _ in LIGHT_PREP_VERBS}
    )


_TRIGGER_LEMMAS = _trigger_lemmas()


def _lemma(tok: Any) -> str:
    """The lemma of ``tok``, or the regular base form of an inflected verb when only that names a
    trigger (the tagger's "staged" -> "stag" is read as "stage")."""
    lemma = tok.lemma_.lower()
    if lemma in _TRIGGER_LEMMAS or tok.tag_ not in _INFLECTED:
        return lemma
    return next((stem for stem in _stems(tok.lower_) if stem in _TRIGGER_LEMMAS), lemma)


def _stems(word: str) -> tuple[str, ...]:
    """Candidate base forms of a regularly inflected verb form, most likely first."""
    doubled = len(word) > 4 and word[-3] == word[-4]
    if word.endswith("ied"):
        return (word[:-3] + "y",)
    if word.endswith("ed"):  # staged, blocked, banned
        return (word[:-1], word[:-2], *((word[:-3],) if doubled else ()))
    if word.endswith("ing"):  # staging, blocking, banning
        base = word[:-3]
        return (base, base + "e", *((base[:-1],) if len(base) > 2 and base[-1] == base[-2] else ()))
    if word.endswith("s"):
        return (word[:-1], word[:-2])
    return ()


def _object(obj: Any) -> tuple[tuple[str, ...], Any]:
    """The keys (most specific first) and the token that name what a verb acts on.

    Read through a quantity ("5 tons of aid" -> "aid") and a generic head ("a mediation effort"
    -> "mediation"); a two-word name ("martial law", "peacekeeping force", "state of
    emergency") comes before its head word alone.
    """
    lemma = obj.lemma_.lower()
    of = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj"), None)
    if of is not None:
        if lemma in MEASURE_NOUNS or obj.like_num or any(c.dep_ == "nummod" for c in obj.children):
            return _object(of)
        if f"{lemma} of {of.lemma_.lower()}" in EVENT_NOUNS:
            return (f"{lemma} of {of.lemma_.lower()}",), obj
    for c in obj.children:
        if c.dep_ in {"amod", "compound"} and lemma in GENERIC_EVENT_HEADS and c.lemma_.lower() in EVENT_NOUNS:
            return (c.lemma_.lower(),), c
    return (*(f"{c.lower_} {lemma}" for c in obj.children if c.dep_ in {"amod", "compound"}), lemma), obj


def _verb_keys(tok: Any, lemma: str) -> list[str]:
    """The verb as the object table may name it: with its particle first ("call off"), then alone."""
    return [*(f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt"), lemma]


def _verb_trigger(ctx: _Context, tok: Any) -> _Trigger | None:
    lemma = _lemma(tok)
    if lemma not in _TRIGGER_LEMMAS:
        return None
    obj = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if obj is None:  # "fired two shells at", "went on strike": the object of a particle or preposition
        obj = next((p for c in tok.children if c.dep_ in {"prep", "prt"} for p in c.children
                    if p.dep_ == "pobj"), None)
    if obj is not None:
        keys, noun = _object(obj)
        hit = next((OBJECT_EVENTS[(v, k)] for k in keys for v in _verb_keys(tok, lemma) if (v, k) in OBJECT_EVENTS),
                   None)
        if hit is not None:
            return _Trigger(tok, tok, tok, None, hit)
        key = next((k for k in keys if k in EVENT_NOUNS), None)
        light = (lemma in LIGHT_VERBS and obj.dep_ != "pobj") or (lemma, obj.head.lower_) in LIGHT_PREP_VERBS
        if light and key is not None and noun.pos_ == "NOUN":
            return _Trigger(tok, tok, tok, noun, EVENT_NOUNS[key])
    for child in tok.children:
        if child.dep_ in {"prt", "prep", "advmod"} and child.i > tok.i and (lemma, child.lower_) in EVENT_PHRASALS:
            last = child if child.i == tok.i + 1 else tok
            # "step down" is not "step up"; "carry out a purge" and "carry out raids" are what is carried out
            word = f"{lemma} {child.lower_}"
            if lemma in LIGHT_VERBS and obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
                word = f"{word} {obj.lemma_.lower()}"
            return _Trigger(tok, last, tok, None, EVENT_PHRASALS[(lemma, child.lower_)], word)
    if lemma in PERSON_OBJECT_EVENTS and _has_person_object(ctx, tok):
        return _Trigger(tok, tok, tok, None, PERSON_OBJECT_EVENTS[lemma])
    entry = event_entry(lemma)
    if entry is None:
        return None
    if lemma == "ask" and not any(c.dep_ in _ASK_COMPLEMENTS for c in tok.children):
        return None  # '"...?" asked the governor' is a question, not a request
    if needs_person_object(lemma) and not _has_person_object(ctx, tok):
        return None
    if needs_object(lemma) and not any(c.dep_ in {"dobj", "nsubjpass"} for c in tok.children):
        return None
    return _Trigger(tok, tok, tok, None, entry)


def _demand_trigger(tok: Any) -> _Trigger | None:
    """ "X said Y must release Z": the speech verb is a REQUEST (PLOVER: "all requests, demands,
    and orders"), made by X of Y."""
    if tok.lemma_.lower() in DEMAND_CUE_VERBS and _obligation(tok) is not None:
        return _Trigger(tok, tok, tok, None, _DEMAND)
    return None


def _obligation(verb: Any) -> Any | None:
    """The reported clause of ``verb`` that says what someone must or should do, if any."""
    return next((c for c in verb.children if c.dep_ == "ccomp" and _is_obliged(c)), None)


def _is_obliged(verb: Any) -> bool:
    """ "Y must act" / "Y should act", Y not the speaker ("we must" states resolve, not a demand)."""
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children):
        return False
    return not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _FIRST_PERSON for c in verb.children)


def _has_person_object(ctx: _Context, tok: Any) -> bool:
    """Whether ``tok`` acts on a person or group: its object, or the subject of its "to" clause
    ("allowed the candidate to run")."""
    for child in tok.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            objects = [child]
        elif child.dep_ in {"ccomp", "xcomp"} and any(a.lower_ == "to" for a in child.children if a.dep_ == "aux"):
            objects = [c for c in child.children if c.dep_ == "nsubj"]
        else:
            continue
        for obj in objects:
            m = ctx.mention(obj)
            if (m is not None and m.label in {"PERSON", "NORP", "ORG"}) or obj.lemma_.lower() in GROUP_NOUNS \
                    or obj.lower_ in GROUP_NOUNS:
                return True
    return False


def _noun_trigger(tok: Any) -> _Trigger | None:
    entry = EVENT_NOUNS.get(tok.lemma_.lower())
    if entry is None or tok.dep_ == "compound":
        return None
    has_argument = any(
        (c.dep_ == "prep" and c.lower_ in _NOUN_ARGUMENT_PREPS) or c.dep_ == "poss"
        for c in tok.children
    )
    if not has_argument and not _is_requested_noun(tok):
        return None
    return _Trigger(tok, tok, tok, tok, entry)


def _is_requested_noun(tok: Any) -> bool:
    """ "called for sanctions", "demanded the release of", "renewed calls for sanctions"."""
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in REQUEST_VERBS:
        return True
    if tok.dep_ == "pobj" and head.lower_ in {"for", "on"}:
        return head.head.lemma_.lower() in REQUEST_VERBS
    return _asked_before(tok)


def _asked_before(tok: Any) -> bool:
    """The words before the noun ask for it, whatever the parse made of them: "called for tougher
    sanctions" where a quotation mark later in the sentence led the parser to hang "sanctions"
    elsewhere.  Its own modifiers are skipped back to a request verb, or to a "for"/"on" that a
    request verb just before governs."""
    i = tok.i - 1
    while i >= tok.sent.start and tok.doc[i].pos_ in {"DET", "ADJ", "NUM", "ADV"}:
        i -= 1
    if i < tok.sent.start:
        return False
    before = tok.doc[i]
    if before.lower_ in {"for", "on"}:
        before = before.head if before.head.i < before.i else tok.doc[max(i - 1, tok.sent.start)]
    return before.pos_ == "VERB" and before.lemma_.lower() in REQUEST_VERBS


# ------------------------------------------------------------------ one event


def _event(ctx: _Context, trig: _Trigger, dct: DateValue | None) -> EventMention:
    text = ctx.text
    start, end = trig.first.idx, trig.last.idx + len(trig.last.text)
    modality = _modality(ctx, trig)
    entry = trig.entry
    type_ = _plover_type(ctx, entry.type, modality, trig)
    mode, cameo = entry.mode, entry.cameo
    if modality == "negated" and type_ == "REJECT" and entry.type != "REJECT" and not _refused_by(trig.head):
        # "has not passed the bill", "would not accept": the refusal is what happened; kept as
        # "did not happen", a REJECT would read as no refusal at all.  "Must not withdraw" is a
        # norm, not a refusal: still not done.
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in trig.head.children):
            modality = "hypothetical"
        else:
            modality = "reported" if _reported(ctx, trig.head) else "asserted"
        mode, cameo = None, REFUSAL_CAMEO
    actors, targets = _participants(ctx, trig)
    date, time_id, basis = _date(ctx, trig, dct)
    c_start, c_end = _clause(trig)
    lemma = trig.word or (trig.noun.lemma_.lower() if trig.noun is not None else _lemma(trig.head))
    return EventMention(
        id=make_id("v", ctx.article.id, start, end),
        span=ctx.span(c_start, c_end),
        trigger=Span(ctx.article.id, start, end, text[start:end]),
        type=type_,
        modality=modality,
        mode=mode,
        cameo=cameo,
        actors=actors,
        targets=targets,
        location=_location(ctx, trig),
        date=date,
        time=time_id,
        date_basis=basis,
        actor_codes=tuple(ctx.code(a) for a in actors) if actors else (),
        target_codes=tuple(ctx.code(t) for t in targets) if targets else (),
        lemma=lemma,
        subject=None if actors else _unnamed_subject(ctx, trig),
    )


def _has_subject(verb: Any) -> bool:
    """Whether a verb has a subject of its own (active or passive), not one it shares with the
    verb it is joined to ("were detained, beaten and tortured")."""
    return any(c.dep_ in _SUBJECTS or c.dep_ == "nsubjpass" for c in verb.children)


def _unnamed_subject(ctx: _Context, trig: _Trigger) -> Span | None:
    """The noun phrase that is the subject of a verb trigger (or of the verb it is joined to:
    "both ministers have denied or dismissed ..."), up to its head; for a relative clause, the noun
    it hangs on ("the mayors who condemned it"); ``None`` for a pronoun, whose referent the text
    names elsewhere."""
    verb = trig.head
    if verb.pos_ == "NOUN":
        return None
    while verb.dep_ == "conj" and not _has_subject(verb):
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subj = verb.head  # "the leaders who condemned it": the leaders
    if subj is None or subj.pos_ in {"PRON", "VERB", "AUX"} or subj.lower_ in _RELATIVE:
        return None
    return ctx.span(subj.left_edge.idx, subj.idx + len(subj.text))


def _plover_type(ctx: _Context, type_: str, modality: Modality, trig: _Trigger) -> str:
    """The lexicon's type as PLOVER codes it in this clause: a cooperative event said not to happen
    is a REJECT, an announced one the intention it states (:data:`lexicon.FUTURE_RECODE`), and a
    vow of force or coercion is a threat ("vowed to fight" is a THREATEN; "offered to mediate"
    stays AGREE, which the manual defines as "agree to, offer, promise")."""
    if modality == "negated" and type_ in NEGATED_REJECT:
        return "REJECT"
    if modality == "hypothetical" and type_ in FUTURE_RECODE and _intended(trig.head):
        return FUTURE_RECODE[type_]
    if trig.noun is None and _lemma(trig.head) in INTENT_HEADS:
        promised = next((ctx.entries[c.i].type for c in trig.head.children
                         if c.dep_ == "xcomp" and c.i in ctx.entries), None)
        if promised in FUTURE_RECODE and FUTURE_RECODE[promised] == "THREATEN":
            return "THREATEN"
    return type_


def _intended(tok: Any) -> bool:
    """Whether the verb ``tok`` is what its actor says it will do: under a modal of intent ("said
    it would withdraw") or in the complement of an intent word ("plans to impose"), and not the
    condition of an if-clause."""
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj":  # "would tighten the blockade"
        tok = tok.head
    if tok.pos_ != "VERB":
        return False
    cur = tok
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "mark" and c.lower_ in _IF_MARKS:
                return False
            if c.dep_ == "aux" and c.lower_ in INTENT_MODALS:
                return True
        if cur.dep_ in {"xcomp", "acomp"} and cur.head.lemma_.lower() in INTENT_HEADS:
            return True
        if cur.dep_ not in {"xcomp", "acomp", "conj"}:
            return False
        cur = cur.head
    return False


def _clause(trig: _Trigger) -> tuple[int, int]:
    """The clause that tells the event: the trigger's subtree in its sentence; for a verb joined
    to another that holds their subject ("were detained, beaten, and tortured"), the whole
    coordination, so that the evidence reads as a statement, not as "beaten, and tortured"; for a
    participle or relative clause hung on a noun, from that noun ("survivors being detained")."""
    head = trig.head
    while head.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and head.head.pos_ in ("VERB", "AUX") \
            and not _has_subject(head):
        head = head.head
    sent = head.sent
    first, last = head.left_edge, head.right_edge
    if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
        first = head.head.left_edge  # "survivors being detained", not "being detained"
    if first.i < sent.start:
        first = sent[0]
    if last.i >= sent.end:
        last = sent[-1]
    doc = head.doc
    while first.i < last.i and (first.is_punct or first.dep_ in {"cc", "mark"} or first.is_space):
        first = doc[first.i + 1]
    while last.i > first.i and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    return min(first.idx, trig.first.idx), max(last.idx + len(last.text), trig.last.idx + len(trig.last.text))


# ------------------------------------------------------------------ modality


def _modality(ctx: _Context, trig: _Trigger) -> Modality:
    tok = trig.head
    if _questioned(tok):
        return "hypothetical"  # asked about ("which treaty did they break?" the envoy asked), not asked for
    if _requested(tok):
        return "requested"
    if _negated(tok, trig.noun):
        return "negated"
    if _hypothetical(tok, trig.noun):
        return "hypothetical"
    if _reported(ctx, tok):
        return "reported"
    return "asserted"


def _questioned(tok: Any) -> bool:
    """Whether the trigger is in a direct question ("What crimes have they committed?", "Who
    ordered the raid?" he asked): asked about, not told.  The first stop after the trigger in its
    sentence decides."""
    for t in tok.doc[tok.i + 1 : tok.sent.end]:
        if t.text in {".", "!", "?", "…"} or t.text.endswith("?"):
            return t.text.endswith("?")
    return False


def _requested(tok: Any) -> bool:
    if tok.pos_ == "NOUN":
        return _is_requested_noun(tok)
    cur = tok
    for _ in range(3):
        if (cur.dep_ in {"xcomp", "ccomp"} or _to_clause_of_object(cur)) and cur.head.lemma_.lower() in REQUEST_VERBS:
            return True
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in DEMAND_CUE_VERBS and _is_obliged(cur):
            return True
        if cur.dep_ != "conj" and not (cur.dep_ == "xcomp" and cur.head.lemma_.lower() in _CARRIED_BY):
            return False
        cur = cur.head
    return False


_CARRIED_BY = frozenset("continue keep start begin resume try attempt seek help".split())
"""Verbs that pass a request on to the act they take ("calls on X to continue to condemn Y": the
condemnation is asked for, as much as in "calls on X to condemn Y")."""


def _to_clause_of_object(tok: Any) -> bool:
    """"ordered the plant to halt": a to-infinitive the parser hung on the verb as a purpose clause
    while the verb has an object, which is the object-control complement it stands for."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
        and any(c.dep_ == "dobj" and c.i < tok.i for c in tok.head.children)


def _negated(tok: Any, noun: Any | None) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if noun is not None and any(c.dep_ == "det" and c.lower_ in _NEG_DETS for c in noun.children):
        return True
    cur = tok
    for _ in range(3):
        if cur.dep_ in {"xcomp", "ccomp", "pcomp"} and cur.head.lemma_.lower() in NEGATING_HEADS:
            return True
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            cur = cur.head
            continue
        if cur.dep_ not in {"conj", "xcomp"}:
            return False
        cur = cur.head
        if any(c.dep_ == "neg" for c in cur.children) and cur.lemma_.lower() in HYPOTHETICAL_HEADS:
            return True
    return False


def _refused_by(tok: Any) -> bool:
    """Whether the verb whose complement ``tok`` is tells the refusal itself ("refused to release",
    "declined to meet": a REJECT of its own), so the act it refused stays an act not done."""
    cur = tok
    for _ in range(3):
        if cur.dep_ in {"xcomp", "ccomp", "pcomp"} and cur.head.lemma_.lower() in NEGATING_HEADS:
            entry = event_entry(cur.head.lemma_.lower())
            return entry is not None and entry.type == "REJECT"
        if cur.dep_ not in {"conj", "xcomp", "pcomp", "prep"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _hypothetical(tok: Any, noun: Any | None) -> bool:
    if noun is not None and any(c.dep_ == "amod" and c.lower_ in _HYPOTHETICAL_AMODS for c in noun.children):
        return True
    cur = tok
    for _ in range(5):
        for c in cur.children:
            if c.dep_ == "aux" and (
                c.lower_ in HYPOTHETICAL_MODALS or c.lemma_.lower() in HYPOTHETICAL_MODALS
            ):
                return True
            if c.dep_ == "mark" and c.lower_ in _IF_MARKS:
                return True
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in HYPOTHETICAL_HEADS:
            return True
        if cur.dep_ in {"xcomp", "ccomp"} and cur.head.lemma_.lower() in PERMITTING_HEADS:
            return True
        if cur.dep_ in _CLAUSE_STOP or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _reported(ctx: _Context, tok: Any) -> bool:
    if ctx.in_quote(tok.idx):
        return True
    cur = tok
    for _ in range(6):
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in ATTRIBUTION_VERBS:
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    sent = tok.sent
    return any(t.lower_ == "according" and t.i + 1 < sent.end and t.nbor().lower_ == "to" for t in sent)


# ------------------------------------------------------------------ participants


def _participants(ctx: _Context, trig: _Trigger) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    tok = trig.head
    actors: list[EntityMention] = []
    targets: list[EntityMention] = []
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "poss":
                (targets if tok.lemma_.lower() in _PATIENT_NOUNS else actors).extend(_names(ctx, c))
            elif c.dep_ == "prep" and c.lower_ in _AGENT_NOUNS_PREPS:
                actors.extend(_names_in_pobj(ctx, c))
            elif c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ in _TARGET_PREPS):
                targets.extend(_names_in_pobj(ctx, c))
            elif c.dep_ == "compound":
                m = ctx.mention(c)
                if m is not None and m.label in _ACTOR_LABELS:
                    actors.append(m)
    else:
        passive = _is_passive(tok)
        has_subject = _has_subject(tok)
        if passive and not has_subject:
            targets.extend(_patient_names(ctx, tok))  # "was arrested, held and beaten"
        else:
            actors.extend(_subject_names(ctx, tok))
        for c in tok.children:
            if c.dep_ in _OBJECTS and not (trig.noun is not None and c.i == trig.noun.i):
                targets.extend(_names(ctx, c))
            elif c.dep_ == "nsubjpass":
                relative = c.lower_ in _RELATIVE and tok.dep_ == "relcl"
                targets.extend(_names(ctx, tok.head if relative else c))
            elif c.dep_ == "agent":
                actors.extend(_names_in_pobj(ctx, c))
            elif c.dep_ in {"prep", "prt"} and c.lower_ in _TARGET_PREPS:
                targets.extend(_names_in_pobj(ctx, c))
        if trig.noun is not None:  # "imposed sanctions on X"
            for c in trig.noun.children:
                if c.dep_ == "prep" and (c.lower_ in _TARGET_PREPS or c.lower_ == "of"):
                    targets.extend(_names_in_pobj(ctx, c))
        if tok.dep_ in {"acl", "relcl"} and not actors and not any(c.dep_ in _SUBJECTS for c in tok.children):
            if tok.dep_ == "acl" and tok.tag_ == "VBG":
                actors.extend(_acting_noun(ctx, tok.head))  # "a House resolution condemning ..."
            else:
                targets.extend(_names(ctx, _listed_after(tok).head))  # "officials detained by ..." / "men held in ..."
        demanded = _obligation(tok) if trig.entry is _DEMAND and not targets else None
        if demanded is not None:  # "X said Y must ...": the demand is made of Y
            targets.extend(_subject_names(ctx, demanded))
        if not actors and _lemma(tok) in _PASSING_VERBS:
            body = _passing_body(ctx, tok)
            actors.extend(body)
            targets = [t for t in targets if t not in body]
    actor_spans = _unique(actors)
    target_spans = tuple(s for s in _unique(targets) if s not in actor_spans)
    return actor_spans, target_spans


def _listed_after(tok: Any) -> Any:
    """The participle before ``tok`` in a comma list ("prisoners being held, beaten and
    questioned"), which the parser sometimes leaves and hangs ``tok`` on a noun further back
    ("papers, which ran accounts of prisoners being held, beaten"), else ``tok``."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "," and tok.tag_ == "VBN":
        before = doc[tok.i - 2]
        if before.tag_ == "VBN" and before.dep_ in {"acl", "relcl"} and before.head.i != tok.head.i:
            return before
    return tok


_PASSING_VERBS = frozenset({"pass", "clear"})
"""Verbs whose subject is a text that a body passes ("the bill passed the Assembly", "a motion
passed in the council"): the body is who acted."""


def _passing_body(ctx: _Context, tok: Any) -> list[EntityMention]:
    """The organisation a text passed in or through ("a bill passed in the Assembly", "passed
    easily through the committee"), or, when the verb's subject is a text, its object ("the bill
    passed the Assembly")."""
    found: list[EntityMention] = []
    subject = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "through"}:
            found.extend(_names_in_pobj(ctx, c))
        elif c.dep_ == "dobj" and subject is not None and subject.lemma_.lower() in _INSTRUMENT_NOUNS:
            found.extend(_names(ctx, c))
    return [m for m in found if m.label == "ORG"]


_INSTRUMENT_NOUNS = frozenset(
    """resolution letter bill statement measure motion declaration proposal amendment decree order
    report petition""".split()
)
"""Texts that act through the words of their authors: "a resolution condemning X" is its makers'."""


def _acting_noun(ctx: _Context, noun: Any) -> list[EntityMention]:
    """Who acts in an active participle hung on a noun: the noun's own names ("officials carrying
    out ...", "a House resolution condemning ..."), else, for a text (a resolution, a letter) that
    is the object of a verb, that verb's subject ("the Senate passed a resolution condemning ...")."""
    names = _names(ctx, noun)
    if names or noun.lemma_.lower() not in _INSTRUMENT_NOUNS or noun.dep_ not in _OBJECTS:
        return names
    return _subject_names(ctx, noun.head)


def _patient_names(ctx: _Context, tok: Any) -> list[EntityMention]:
    """Who undergoes a passive participle that has no subject of its own."""
    cur = tok
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
        if subj is not None:
            relative = subj.lower_ in _RELATIVE and cur.dep_ == "relcl"
            return _names(ctx, cur.head if relative else subj)
        if cur.dep_ not in {"conj", "advcl", "xcomp"} or cur.head.i == cur.i:
            return []
        cur = cur.head
    return []


def _is_passive(tok: Any) -> bool:
    """Passive, or a participle conjoined to a passive ("was arrested, locked up and beaten")."""
    for _ in range(4):
        if any(c.dep_ == "auxpass" for c in tok.children):
            return True
        if tok.dep_ not in {"conj", "advcl"} or tok.tag_ != "VBN":
            return False
        if tok.head.tag_ in {"VBD", "VBZ", "VBP"} and not any(
            c.dep_ in {"aux", "nsubj"} for c in tok.children
        ):
            return True  # a bare participle in a list after a finite verb: "recounted ..., and beaten"
        tok = tok.head
    return False


def _unique(found: list[EntityMention]) -> tuple[Span, ...]:
    seen: dict[int, Span] = {}
    for m in found:
        seen.setdefault(m.span.start, m.span)
    return tuple(seen[k] for k in sorted(seen))


def _subject_names(ctx: _Context, tok: Any) -> list[EntityMention]:
    cur = tok
    for _ in range(4):
        subjects = [c for c in cur.children if c.dep_ in _SUBJECTS and c.i not in ctx.dateline_tokens]
        subj = subjects[-1] if subjects else None  # the one nearest the verb
        if subj is not None:
            if subj.lower_ in _RELATIVE and cur.dep_ == "relcl":
                return _acting_noun(ctx, cur.head)  # "the council approved a motion that condemns ..."
            return _names(ctx, subj)
        if cur.dep_ in {"xcomp", "advcl"} and cur.head.lemma_.lower() in _CONTROL_VERBS:
            # "urged Y to sanction", "called on Y to investigate": Y acts
            names = _requestee(ctx, cur.head)
            if names:
                return names
        if cur.dep_ in {"xcomp", "conj", "advcl", "acomp"} and cur.head.i != cur.i:
            # "plans to sign", "is unlikely to sign": the planner acts
            cur = cur.head
            continue
        return []
    return []


def _requestee(ctx: _Context, verb: Any) -> list[EntityMention]:
    """Who is asked: the object ("ordered X to"), or the object of "on" ("called on X to"); a
    phrase that names no one ("on Monday") is passed over."""
    for c in verb.children:
        names: list[EntityMention] = []
        if c.dep_ in {"dobj", "dative"}:
            names = _names(ctx, c)
        elif c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "upon"}:
            names = _names_in_pobj(ctx, c)
        if names:
            return names
    return []


def _names_in_pobj(ctx: _Context, prep: Any) -> list[EntityMention]:
    out: list[EntityMention] = []
    for c in prep.children:
        if c.dep_ == "pobj":
            out.extend(_names(ctx, c))
    return out


def _names(ctx: _Context, tok: Any, depth: int = 0) -> list[EntityMention]:
    """The entity mentions a noun phrase headed by ``tok`` names (with its conjuncts)."""
    out: list[EntityMention] = []
    m = ctx.mention(tok)
    if m is not None and m.label in _ACTOR_LABELS | {"LAW"}:
        out.append(m)
    elif tok.lower_ in _FIRST_PERSON:
        speaker = ctx.first_person(tok.idx)
        if speaker is not None:
            out.append(speaker)
    elif tok.lower_ in _PRONOUNS:
        person = ctx.antecedents.resolve(tok.idx)
        if person is not None:
            out.append(person)
    elif tok.lower_ in _IT_THEY:  # "The company said it was cooperating": the company
        named = ctx.named_within(ctx.antecedents.nominal(tok.idx))
        if named is not None and named.label in _ACTOR_LABELS:
            out.append(named)
    else:
        for c in tok.children:
            if c.dep_ in {"compound", "poss", "amod", "nmod", "appos"}:
                cm = ctx.mention(c)
                if cm is not None and cm.label in _ACTOR_LABELS:
                    out.append(cm)
                    if c.dep_ != "appos" and tok.pos_ in {"NOUN", "PROPN"}:
                        ctx.roles.setdefault(cm.span.start, tok.lower_)
        if not out and depth == 0:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in {"of", "for", "from"}:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            out.extend(_names(ctx, p, depth + 1))
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_names(ctx, c, depth))
    return out


def _location(ctx: _Context, trig: _Trigger) -> Span | None:
    """A GPE/LOC/FAC mention in an "in/at X" phrase of the trigger or of its own arguments."""
    frontier = [trig.head] + ([trig.noun] if trig.noun is not None and trig.noun.i != trig.head.i else [])
    for _ in range(3):
        nxt: list[Any] = []
        for head in frontier:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in _LOCATION_PREPS:
                    for p in c.children:
                        m = ctx.mention(p) if p.dep_ == "pobj" else None
                        if m is not None and m.label in _LOCATION_LABELS:
                            return m.span
                elif c.dep_ in _ARGUMENT_DEPS and c.pos_ != "VERB" and c.i not in ctx.trigger_heads:
                    nxt.append(c)
        frontier = nxt
    return None


# ------------------------------------------------------------------ dates


def _date(
    ctx: _Context, trig: _Trigger, dct: DateValue | None
) -> tuple[DateValue | None, str | None, str | None]:
    sent = trig.head.sent
    c_start, c_end = _clause(trig)
    best: tuple[int, int, TimeExpr] | None = None
    for t in ctx.times:
        if not (sent.start_char <= t.span.start and t.span.end <= sent.end_char):
            continue
        owner = _owner(ctx, t)
        if owner == trig.head.i or (trig.noun is not None and owner == trig.noun.i):
            tier = 0
        elif c_start <= t.span.start and t.span.end <= c_end and owner not in ctx.trigger_heads:
            tier = 1
        elif owner not in ctx.trigger_heads and t.date is not None:
            tier = 2
        else:
            continue
        rank = (tier, abs(t.span.start - trig.first.idx), t)
        if best is None or rank[:2] < best[:2]:
            best = rank
    if best is not None and best[2].date is not None:
        return best[2].date, best[2].id, "clause"
    # the trigger's own time, or its clause's, is one no date resolves ("the fire broke out on
    # Tuesday" in an undated report): another of the sentence's times ("the warehouse, built in
    # the 1930s") is not the fire's
    if dct is not None:
        return dct, None, "article"
    return None, None, None


def _owner(ctx: _Context, t: TimeExpr) -> int | None:
    """The nearest verb or event noun above a time expression in the parse."""
    span = ctx.doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    if span is None:
        return None
    cur = span.root.head
    for _ in range(8):
        if cur.pos_ in {"VERB", "AUX"} or cur.i in ctx.trigger_heads:
            return cur.i
        if cur.head.i == cur.i:
            return cur.i
        cur = cur.head
    return None
