"""Cross-document entity coreference on ECB+ (gold entity mentions): storyline's resolver vs same head lemma.

Data: ``../shared/bench/coref/ecbplus`` (topics 1-35; never copied into the project), entity
mentions (HUMAN_*, NON_HUMAN_*, LOC_*, TIME_* markables) of the fully annotated sentences.

For each topic, every document becomes an :class:`Article` (text = tokens joined by spaces,
see :mod:`storyline.eval.ecbplus`) and its gold entity mentions become :class:`EntityMention`
records: the gold span, a label from the mention's coarse gold class (person, organisation,
place, time, thing; ECB+ annotates each mention with it), the key from storyline's normaliser
(:func:`name_key`; for a time, :func:`_time_key`: the value of storyline's own time expression in
it, resolved against the dateline when the document has one), and for a personal pronoun
``refers_to`` the person mention storyline's own rule (:class:`Antecedents` over the spaCy parse)
picks.  :func:`resolve_entities` then links the
topic's documents; a mention left out of every entity (a pronoun naming nobody) is a singleton.

Baseline, same run: all mentions of a topic whose head lemma (spaCy's lemma of the span's
syntactic root, lowercased) is the same form one cluster (the usual "same lemma" baseline).

Scores (:mod:`storyline.eval.coref`): MUC, B-cubed, CEAF-e and CoNLL F1 over all topics' mentions
(clusters never cross topics, as in the usual ECB+ setting with gold topics), then apart for
topics 1-22 (looked at while the resolver's common-noun and time rules were written) and 23-35
(held out).  A second table breaks the score down by mention kind (:func:`mention_kind`: name,
nominal, pronoun, time), each scored with key and response restricted to that kind.

Usage:  python benchmarks/entity_coref.py [--topics 1-35] [--cache DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyline.analyze import document_time  # noqa: E402
from storyline.analyze.dateline import find_dateline  # noqa: E402
from storyline.analyze.mentions import Antecedents, name_key  # noqa: E402
from storyline.analyze.nlp import load_model  # noqa: E402
from storyline.analyze.timex import find_times  # noqa: E402
from storyline.eval.coref import conll  # noqa: E402
from storyline.eval.ecbplus import EcbDocument, EcbMention, read_ecbplus  # noqa: E402
from storyline.ids import article_id  # noqa: E402
from storyline.link.entities import resolve_entities  # noqa: E402
from storyline.model import Article, ArticleAnalysis, EntityMention, Span, TimeExpr  # noqa: E402

ECBPLUS = ROOT.parent / "shared" / "bench" / "coref" / "ecbplus"
MODEL = "en_core_web_sm"
PRONOUNS = frozenset("he him his himself she her hers herself".split())
HELD_OUT = 23
"""Topics from 23 on were not looked at while the resolver's rules for this benchmark were written."""

# Coarse gold class -> the NER label storyline's resolver blocks on.
LABELS = {
    "HUMAN_PART_PER": "PERSON", "HUMAN_PART": "PERSON", "HUMAN_PART_GENERIC": "PERSON",
    "HUMAN_PART_ORG": "ORG", "HUMAN_PART_MET": "ORG", "HUMAN_PART_GPE": "GPE", "HUMAN_PART_FAC": "FAC",
    "HUMAN_PART_VEH": "PRODUCT", "LOC_GEO": "GPE", "LOC_FAC": "FAC", "LOC_OTHER": "LOC",
}


def label_for(tag: str) -> str:
    if tag in LABELS:
        return LABELS[tag]
    if tag.startswith("TIME"):
        return "DATE"
    return "THING"


def _parse(docs: Sequence[EcbDocument], cache: Path) -> list[Any]:
    from spacy.tokens import DocBin

    nlp = load_model(MODEL)
    digest = hashlib.sha256("\0".join(d.text for d in docs).encode()).hexdigest()[:16]
    path = cache / f"ecbplus-{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=32))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=parsed).to_disk(path)
    return parsed


def _records(doc: EcbDocument, parsed: Any, article: Article) -> tuple[ArticleAnalysis, dict[tuple[int, int], str]]:
    """The analysis holding the gold mentions as EntityMention records, and span -> gold mention id."""
    text = doc.text
    ids: dict[tuple[int, int], str] = {}
    plain: list[EntityMention] = []
    times = _times(parsed, article)
    for m in doc.mentions:
        ids.setdefault((m.start, m.end), f"{doc.doc_id}:{m.m_id}")
        label = label_for(m.tag)
        key = name_key(text[m.start:m.end], label)
        if label == "DATE":
            key = _time_key(times, m) or key
        plain.append(EntityMention(Span(article.id, m.start, m.end, text[m.start:m.end]), label, key))
    unique = {(em.span.start, em.span.end): em for em in plain}
    mentions = sorted(unique.values(), key=lambda em: (em.span.start, em.span.end))
    antecedents = Antecedents(parsed, [em for em in mentions if em.span.text.lower() not in PRONOUNS])
    out: list[EntityMention] = []
    for em in mentions:
        if em.label == "PERSON" and em.span.text.lower() in PRONOUNS:
            person = antecedents.resolve(em.span.start)
            if person is not None:
                em = EntityMention(em.span, em.label, person.key, refers_to=person.span.start)
        out.append(em)
    return ArticleAnalysis(article=article.id, mentions=tuple(out)), ids


def _times(parsed: Any, article: Article) -> tuple[TimeExpr, ...]:
    """storyline's time expressions in the article, resolved against its dateline when it has one."""
    value = document_time(article, find_dateline(article))
    dct = value.earliest if value is not None and value.precision == "day" else None
    return find_times(parsed, article, dct)


def _time_key(times: Sequence[TimeExpr], m: EcbMention) -> str | None:
    """A time mention's key: the normalised value of storyline's time expression inside it when
    that value names a calendar date or a length ("2008-12-09", "P90D"), else that expression's
    words ("Tuesday" for "on Tuesday" in an undated article); None when storyline finds none."""
    inside = [t for t in times if min(t.span.end, m.end) > max(t.span.start, m.start)]
    if not inside:
        return None
    t = max(inside, key=lambda t: (min(t.span.end, m.end) - max(t.span.start, m.start), -t.span.start))
    if "X" in t.value or t.value.endswith("_REF"):
        return name_key(t.span.text, "DATE")
    return f"{t.value} {t.mod}" if t.mod else t.value


def _head_lemma(parsed: Any, m: EcbMention) -> str:
    span = parsed.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return m.text.lower()
    return str(span.root.lemma_).lower()


def mention_kind(parsed: Any, m: EcbMention) -> str:
    """The breakdown row of a gold mention: time (a TIME_* class), pronoun (spaCy's root is a
    pronoun), name (a proper noun in the span) or nominal (a common-noun phrase)."""
    if m.tag.startswith("TIME"):
        return "time"
    span = parsed.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return "nominal"
    if span.root.pos_ == "PRON":
        return "pronoun"
    return "name" if any(t.pos_ == "PROPN" for t in span) else "nominal"


def _restrict(clusters: list[set[str]], keep: set[str]) -> list[set[str]]:
    return [c & keep for c in clusters if c & keep]


def _row(name: str, key: list[set[str]], response: list[set[str]]) -> str:
    s = conll(key, response)
    row = [f"{name:<34}"]
    for metric in ("muc", "b3", "ceaf_e"):
        p, r, f = s[metric]  # type: ignore[misc]
        row.append(f"{p * 100:>6.1f} {r * 100:>6.1f} {f * 100:>6.1f} ")
    row.append(f"{float(s['conll']) * 100:>8.1f}")  # type: ignore[arg-type]
    return " ".join(row)


def _splits(topics: list[int]) -> list[tuple[str, set[int]]]:
    """All topics, then the design and held-out halves when the run covers both."""
    out = [(f"{topics[0]}-{topics[-1]}", set(topics))]
    design = {t for t in topics if t < HELD_OUT}
    if design and len(design) < len(topics):
        out += [(f"{min(design)}-{max(design)} design", design),
                (f"{HELD_OUT}-{topics[-1]} held out", set(topics) - design)]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ECBPLUS)
    ap.add_argument("--topics", default="1-35", help="a range 'a-b' or a comma list")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyline-bench-cache"))
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"ECB+ not found at {args.data}", file=sys.stderr)
        return 2
    if "-" in args.topics:
        a, b = args.topics.split("-")
        topics = list(range(int(a), int(b) + 1))
    else:
        topics = [int(t) for t in args.topics.split(",")]
    started = time.perf_counter()
    docs = read_ecbplus(args.data, topics)
    for d in docs:
        d.mentions = [m for m in d.mentions if m.kind == "entity"]
    docs = [d for d in docs if d.mentions]
    parsed = _parse(docs, args.cache)

    key: dict[int, list[set[str]]] = defaultdict(list)
    ours: dict[int, list[set[str]]] = defaultdict(list)
    lemma: dict[int, list[set[str]]] = defaultdict(list)
    kinds: dict[str, str] = {}
    t_resolve = 0.0
    by_topic: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        by_topic[d.topic].append(i)
    for topic in sorted(by_topic):
        gold: dict[str, set[str]] = defaultdict(set)
        base: dict[str, set[str]] = defaultdict(set)
        pairs: list[tuple[Article, ArticleAnalysis]] = []
        span_ids: dict[tuple[str, int, int], str] = {}
        all_ids: set[str] = set()
        for i in by_topic[topic]:
            d = docs[i]
            article = Article(id=article_id(d.text + d.doc_id), source=d.doc_id, text=d.text)
            analysis, ids = _records(d, parsed[i], article)
            pairs.append((article, analysis))
            for (s, e), mid in ids.items():
                span_ids[(article.id, s, e)] = mid
            for m in d.mentions:
                mid = ids[(m.start, m.end)]
                if mid != f"{d.doc_id}:{m.m_id}":
                    continue  # a second gold mention on the same span: scored once
                all_ids.add(mid)
                kinds[mid] = mention_kind(parsed[i], m)
                gold[m.chain or mid].add(mid)
                base[_head_lemma(parsed[i], m)].add(mid)
        t0 = time.process_time()
        entities, _ = resolve_entities(pairs)
        t_resolve += time.process_time() - t0
        placed: set[str] = set()
        for entity in entities:
            cluster = {span_ids[(s.article, s.start, s.end)] for s in entity.mentions
                       if (s.article, s.start, s.end) in span_ids}
            cluster &= all_ids
            if cluster:
                ours[topic].append(cluster)
                placed |= cluster
        ours[topic].extend({mid} for mid in sorted(all_ids - placed))
        key[topic].extend(gold.values())
        lemma[topic].extend(base.values())

    n_key = sum(len(c) for t in key for c in key[t])
    print(f"ECB+ topics {topics[0]}-{topics[-1]}: {len(docs)} documents, {n_key} gold entity mentions, "
          f"{sum(len(key[t]) for t in key)} gold clusters (annotated sentences)")
    head = f"{'topics / system':<34} {'MUC P':>6} {'R':>6} {'F1':>6}  {'B3 P':>6} {'R':>6} {'F1':>6}  " \
           f"{'CEAF P':>6} {'R':>6} {'F1':>6}  {'CoNLL F1':>8}"
    print(head)
    print("-" * len(head))
    for label, chosen in _splits(sorted(by_topic)):
        k = [c for t in sorted(chosen) for c in key[t]]
        for name, response in (("same head lemma", lemma), ("storyline resolver", ours)):
            print(_row(f"{label}: {name}", k, [c for t in sorted(chosen) for c in response[t]]))
    print(f"\nby mention kind (topics {topics[0]}-{topics[-1]}; key and response restricted to the kind, "
          f"so links across kinds are not scored here)")
    print(head)
    print("-" * len(head))
    all_key = [c for t in key for c in key[t]]
    for kind in ("name", "nominal", "pronoun", "time"):
        keep = {mid for mid, k in kinds.items() if k == kind}
        k = _restrict(all_key, keep)
        for name, response in (("same head lemma", lemma), ("storyline resolver", ours)):
            restricted = _restrict([c for t in response for c in response[t]], keep)
            print(_row(f"{kind} ({len(keep)}): {name}", k, restricted))
    print(f"\nresolver CPU time {t_resolve:.2f}s for {n_key} mentions; run time "
          f"{time.perf_counter() - started:.1f}s (wall)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
