"""Event type, actor and recipient of storyline's event extraction on coded example sentences.

Data (read from ../shared/bench/events, never copied into the project):
  gsr    the 322 coded sentences of PLOVER_GSR_CAMEO.txt, old labels mapped to PLOVER 2.0
         (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT)
  cameo  the CAMEO codebook's example sentences (cameo_eventtypes_andybega.csv), typed by the
         PLOVER event their CAMEO code maps to in cameo_to_plover.tsv (dropped codes left out)
The two overlap: most codebook examples are earlier versions of GSR sentences (both come from the
CAMEO manual), so they are two readings of one small set, not independent samples.

Protocol: each sentence is one article (no publication date) run through the real per-article
stage (``analyze_doc`` on the spaCy parse: mentions, times, quotes, events).  The sentence's
*main* event is the event mention whose trigger is highest in the dependency tree (fewest
steps to the root; ties go to the earlier trigger), as a coder codes the main clause.  A
sentence where storyline finds no event counts as a miss (predicted type "NONE").  Nothing is
trained: the lexicon was written from the PLOVER manual's definitions and CAMEO's category names
and descriptions.  The parse rules (intentions, negated cooperation, reported demands, object
phrases) were found by reading storyline's errors on these two sets, so they are a development
set for those rules, not a blind test; every word-table entry is justified by a PLOVER or CAMEO
definition, none by a benchmark sentence.

Baselines in the same run:
  majority      every sentence gets the commonest gold type of its set
  verb-lexicon  the first verb (in sentence order) whose lemma is in storyline's verb table
                (lexicon.EVENT_VERBS), without the parse rules (no nouns, light verbs, phrasals)

Scores: accuracy and macro-F1 over the gold types (a type never predicted scores F1 0), the share
of sentences with an event (coverage), and for sentences with coded actors: actor match (the main
event has an actor span overlapping a gold source text), recipient match (same for targets), and
actor code match (the country/sector code storyline gives a matched actor equals the gold code).
A second table gives storyline's F1 per gold type (with the gold and predicted counts).

Speed (``--speed N``): on the first N Timeline17 articles (../shared/bench/tls/t17), the seconds
of nlp.pipe, of the whole per-article stage (analyze_doc) and of its event and claim parts
(find_events, find_claims), in one process.  ``--link-db PATH`` (a store built by ``storyline
build``) also times link() on every stored analysis and its event and claim parts (build_events,
compare_claims).  The events-and-conflicts share is (find_events + find_claims + build_events +
compare_claims) / (nlp.pipe + analyze_doc + link()), measured on the same articles.

Usage:  python benchmarks/events.py [--errors N] [--speed N] [--link-db PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from storyline.analyze import analyze_doc
from storyline.analyze.lexicon import EVENT_VERBS, actor_code
from storyline.analyze.nlp import load_model
from storyline.eval.plover import PLOVER_TYPES, CodedActor, CodedSentence, read_cameo_examples, read_gsr
from storyline.ids import article_id
from storyline.model import Article, ArticleAnalysis, EventMention, Span
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT.parent / "shared" / "bench" / "events"
GSR = EVENTS / "plover" / "PLOVER_GSR_CAMEO.txt"
CODEBOOK = EVENTS / "cameo" / "cameo_eventtypes_andybega.csv"
MAPPING = EVENTS / "cameo" / "cameo_to_plover.tsv"


def depth(tok: Any) -> int:
    """Steps from ``tok`` up to its sentence root (spaCy makes a new Token on each access, so
    the root test compares indices, not objects)."""
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def main_event(doc: Any, events: Sequence[EventMention]) -> EventMention | None:
    """The event whose trigger is highest in the parse (fewest steps to the root), first on ties."""
    best: tuple[int, int, EventMention] | None = None
    for ev in events:
        span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        rank = (depth(span.root), ev.trigger.start, ev)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return best[2] if best else None


def verb_baseline(doc: Any) -> str:
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in EVENT_VERBS:
            return EVENT_VERBS[tok.lemma_.lower()].type
    return "NONE"


def per_type(gold: Sequence[str], pred: Sequence[str]) -> dict[str, tuple[int, int, int, float]]:
    """Gold type -> (gold count, predicted count, true positives, F1)."""
    out = {}
    for t in sorted(set(gold)):
        tp = sum(g == t and p == t for g, p in zip(gold, pred, strict=True))
        fp = sum(g != t and p == t for g, p in zip(gold, pred, strict=True))
        fn = sum(g == t and p != t for g, p in zip(gold, pred, strict=True))
        out[t] = (tp + fn, tp + fp, tp, 2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return out


def scores(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """Accuracy and macro-F1 over the gold types."""
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    f1s = [f1 for _, _, _, f1 in per_type(gold, pred).values()]
    return acc, sum(f1s) / len(f1s)


def _overlaps(span: Span, gold: CodedActor) -> bool:
    a, b = span.text.casefold(), gold.text.casefold()
    return a in b or b in a


def participant_match(spans: Sequence[Span], gold: Sequence[CodedActor]) -> bool:
    return any(_overlaps(s, g) for s in spans for g in gold)


def code_match(analysis: ArticleAnalysis, spans: Sequence[Span], gold: Sequence[CodedActor]) -> bool | None:
    """Whether a matched actor's code equals the gold code (``None`` when nothing to compare)."""
    by_start = {m.span.start: m for m in analysis.mentions}
    result: bool | None = None
    for s in spans:
        for g in gold:
            if g.code and _overlaps(s, g):
                mention = by_start.get(s.start)
                ours = actor_code(mention.span.text, mention.label, mention.attributes) if mention else None
                gold_code = g.code + (g.sector or "")
                if ours is not None and (ours == gold_code or ours == g.code):
                    return True
                result = False
    return result


def run(name: str, sentences: list[CodedSentence], nlp: Any, errors: int) -> tuple[list[str], list[str]]:
    """The summary rows of one set and its per-type rows for storyline."""
    gold = [s.type for s in sentences]
    majority = Counter(gold).most_common(1)[0][0]
    ours: list[str] = []
    lexical: list[str] = []
    actor_hits, actor_total, target_hits, target_total, code_hits, code_total = 0, 0, 0, 0, 0, 0
    wrong: list[str] = []
    docs = nlp.pipe([s.text for s in sentences], batch_size=64)
    for s, doc in zip(sentences, docs, strict=True):
        article = Article(id=article_id(s.text), source=s.id, text=s.text)
        analysis = analyze_doc(doc, article)
        ev = main_event(doc, analysis.events)
        ours.append(ev.type if ev else "NONE")
        lexical.append(verb_baseline(doc))
        if ev is not None and ev.type != s.type and len(wrong) < errors:
            wrong.append(f"  {s.id}: gold {s.type}, ours {ev.type} ({ev.trigger.text!r}): {s.text[:90]}")
        if s.actors:
            actor_total += 1
            actor_hits += bool(ev and participant_match(ev.actors, s.actors))
            if ev is not None and (c := code_match(analysis, ev.actors, s.actors)) is not None:
                code_total += 1
                code_hits += c
        if s.targets:
            target_total += 1
            target_hits += bool(ev and participant_match(ev.targets, s.targets))
    rows = []
    for system, pred in (("majority", [majority] * len(gold)), ("verb-lexicon", lexical), ("storyline", ours)):
        acc, f1 = scores(gold, pred)
        cover = sum(p != "NONE" for p in pred) / len(pred)
        extra = " | - | - | -"
        if system == "storyline":
            extra = "".join(f" | {hits / total:.3f} ({total})" if total else " | -" for hits, total in (
                (actor_hits, actor_total), (target_hits, target_total), (code_hits, code_total)))
        rows.append(f"| {name} | {len(gold)} | {system} | {acc:.3f} | {f1:.3f} | {cover:.3f}{extra} |")
    if wrong:
        print(f"{name}: first {len(wrong)} type errors", file=sys.stderr)
        print("\n".join(wrong), file=sys.stderr)
    types = [f"| {name} | {t} | {n} | {npred} | {tp} | {f1:.3f} |"
             for t, (n, npred, tp, f1) in per_type(gold, ours).items()]
    return rows, types


def speed(n: int, nlp: Any) -> tuple[float, float, float]:
    """Seconds of nlp.pipe, analyze_doc and find_events + find_claims over the first ``n`` T17 articles."""
    import csv

    from storyline.analyze import claims as claims_stage
    from storyline.analyze import events as events_stage

    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    for path in sorted((ROOT.parent / "shared" / "bench" / "tls" / "t17" / "articles_subset_derived").glob("*/*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    texts = texts[:n]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_pipe = time.perf_counter() - t0
    spent = [0.0]

    def timed(fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            s0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - s0
        return wrapper

    import storyline.analyze as analyze_pkg

    originals = (analyze_pkg.find_events, analyze_pkg.find_claims)
    analyze_pkg.find_events, analyze_pkg.find_claims = timed(events_stage.find_events), timed(claims_stage.find_claims)
    try:
        t0 = time.perf_counter()
        for text, doc in zip(texts, docs, strict=True):
            analyze_doc(doc, Article(id=article_id(text), source="t17", text=text))
        t_analysis = time.perf_counter() - t0
    finally:
        analyze_pkg.find_events, analyze_pkg.find_claims = originals
    return t_pipe, t_analysis, spent[0]


def link_speed(db: Path) -> tuple[int, float, float, float, float]:
    """Articles, seconds of link() (wall and CPU), of build_events and of compare_claims on a built store."""
    import storyline.link as link_pkg
    from storyline.store import open_store

    with open_store(db, create=False) as store:
        pairs = list(store.iter_pairs())
    # a store analysed before event mentions carried their lemma: the trigger's last word stands in,
    # so that the lemma rule's blocks are exercised as they are on a fresh build
    for k, (article, analysis) in enumerate(pairs):
        if analysis is not None and any(ev.lemma is None for ev in analysis.events):
            events = tuple(ev if ev.lemma else msgspec.structs.replace(ev, lemma=ev.trigger.text.split()[-1].casefold())
                           for ev in analysis.events)
            pairs[k] = (article, msgspec.structs.replace(analysis, events=events))
    spent = {"events": 0.0, "claims": 0.0}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            s0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - s0
        return wrapper

    originals = (link_pkg.build_events, link_pkg.compare_claims)
    link_pkg.build_events = timed("events", link_pkg.build_events)
    link_pkg.compare_claims = timed("claims", link_pkg.compare_claims)
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        link_pkg.link(pairs, Settings())
        total, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        link_pkg.build_events, link_pkg.compare_claims = originals
    return len(pairs), total, cpu, spent["events"], spent["claims"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", type=int, default=0, help="print the first N type errors (stderr)")
    parser.add_argument("--speed", type=int, default=0, help="also time the stages on N T17 articles")
    parser.add_argument("--link-db", type=Path, default=None, help="also time link() on this built store")
    parser.add_argument("--no-quality", action="store_true", help="skip the type/actor scores")
    args = parser.parse_args()
    if not GSR.exists() or not CODEBOOK.exists():
        sys.exit(f"benchmark data not found under {EVENTS}")
    started = time.perf_counter()
    nlp = load_model(Settings().model)
    if args.speed:
        t_pipe, t_analysis, t_mine = speed(args.speed, nlp)
        print(f"analysis of {args.speed} T17 articles: nlp.pipe {t_pipe:.1f} s, analyze_doc {t_analysis:.1f} s, "
              f"of which find_events + find_claims {t_mine:.1f} s ({t_mine / t_pipe:.1%} of nlp.pipe)")
    if args.link_db:
        n, total, cpu, t_ev, t_cl = link_speed(args.link_db)
        print(f"link() on {n} stored articles: {total:.1f} s wall ({cpu:.1f} s CPU), of which build_events "
              f"{t_ev:.1f} s, compare_claims {t_cl:.1f} s (wall)")
        if args.speed:
            per = n / args.speed
            build = (t_pipe + t_analysis) * per + total
            mine = t_mine * per + t_ev + t_cl
            print(f"events + claims/conflicts share of (nlp.pipe + analysis + link), scaled to {n} articles: "
                  f"{mine:.1f} s of {build:.1f} s = {mine / build:.1%}")
    if args.no_quality:
        return
    sets = [("gsr", read_gsr(GSR)), ("cameo", read_cameo_examples(CODEBOOK, MAPPING))]
    print("| set | sentences | system | type accuracy | type macro-F1 | coverage | actor match (n) |"
          " recipient match (n) | actor code match (n) |")
    print("|---|---|---|---|---|---|---|---|---|")
    per_types: list[str] = []
    for name, sentences in sets:
        rows, types = run(name, sentences, nlp, args.errors)
        print("\n".join(rows))
        per_types.extend(types)
    print("\nstoryline per type (gold n, predicted n, correct, F1):\n| set | type | gold | predicted | correct | F1 |")
    print("|---|---|---|---|---|---|")
    print("\n".join(per_types))
    print(f"\n{len(PLOVER_TYPES)} PLOVER 2.0 types; ran in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
