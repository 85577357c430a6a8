"""Cross-document event coreference on ECB+ with storyline's event linker, beside the same-lemma baseline.

Data (read from ../shared/bench/coref/ecbplus, never copied into the project): ECB+ topics 1-35,
the gold event mentions (ACTION_* / NEG_ACTION_* markables) of the fully annotated sentences
(``ECBplus_coreference_sentences.csv``).  Key clusters are the gold coreference chains; a mention
in no chain is a singleton.

Protocol: every ECB+ document becomes an :class:`~storyline.model.Article` (no publication date;
a date line in the text is read as the dateline when the analysis finds one) and goes through the
real per-article stage (``analyze_doc``: entity mentions, time expressions).  Each gold event
mention becomes an :class:`~storyline.model.EventMention` built by
``storyline.analyze.events.event_for_span``: trigger = the gold span, type/lemma from the lexicon
and the parse, actors/targets/date from the document's analysis.  The analysis's own event
mentions are replaced by these, and ``storyline.link.link`` links each topic's documents (entity
resolution, dating, event merging); every canonical event is one response cluster.  The linker
never sees the gold chains, the topic's sub-topic (ecb / ecbplus file names) or the document ids.

Baseline in the same run: same-lemma (mentions with the same head lemma within a topic form
one cluster), as in Barhom et al. (2019) and the bench README's anchor numbers.

Scores: MUC, B-cubed, CEAF-e (entity-based) and CoNLL F1 (their mean), from storyline.eval.coref.
The linker's lemma rule was written looking at topics 1-22 only; topics 23-35 are reported apart
as held out (the usual ECB+ test topics 36-45 are not in ../shared).
The spaCy parses are cached under /tmp/issue5/ecb_docs.spacy (delete it to re-parse).

Usage:  python benchmarks/event_coref.py [--topics 1-35]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from storyline.analyze import analyze_doc, document_time
from storyline.analyze.events import event_for_span
from storyline.analyze.nlp import load_model
from storyline.eval.coref import b_cubed, ceaf_e, conll, muc
from storyline.eval.ecbplus import EcbDocument, read_ecbplus
from storyline.ids import article_id
from storyline.link import link
from storyline.model import Article, ArticleAnalysis, EventMention
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "bench" / "coref" / "ecbplus"
CACHE = Path("/tmp/issue5/ecb_docs.spacy")

Key = tuple[str, int]  # (document id, markable id)
HELD_OUT = (23, 35)
"""Topics 23-35 were not looked at while the linker's rules were written (1-22 were)."""


def parse_all(nlp: Any, docs: Sequence[EcbDocument]) -> list[Any]:
    from spacy.tokens import DocBin

    texts = [d.text for d in docs]
    if CACHE.exists():
        cached = list(DocBin().from_disk(CACHE).get_docs(nlp.vocab))
        if [d.text for d in cached] == texts:
            return cached
    parsed = list(nlp.pipe(texts, batch_size=32))
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=parsed).to_disk(CACHE)
    return parsed


def records(doc: EcbDocument, parsed: Any) -> tuple[Article, ArticleAnalysis, dict[str, Key], dict[Key, str]]:
    """The article, its analysis with the gold event mentions, and mention id <-> gold key maps."""
    article = Article(id=article_id(doc.text), source=doc.doc_id, text=doc.text)
    analysis = analyze_doc(parsed, article)
    dct = document_time(article, analysis.dateline)
    events: list[EventMention] = []
    by_id: dict[str, Key] = {}
    lemmas: dict[Key, str] = {}
    for m in doc.mentions:
        if m.kind != "event":
            continue
        ev = event_for_span(parsed, article, analysis.mentions, analysis.times, dct, m.start, m.end)
        key = (doc.doc_id, m.m_id)
        if ev is None:
            lemmas[key] = m.text.casefold()
            continue
        if ev.id in by_id:  # two markables on one span: keep both as separate records
            ev = msgspec.structs.replace(ev, id=f"{ev.id}-{m.m_id}")
        events.append(ev)
        by_id[ev.id] = key
        lemmas[key] = ev.lemma or m.text.casefold()
    return article, msgspec.structs.replace(analysis, events=tuple(events)), by_id, lemmas


def score(name: str, key: list[set[Key]], response: list[set[Key]]) -> str:
    m, b, c = muc(key, response), b_cubed(key, response), ceaf_e(key, response)
    f = conll(key, response)["conll"]
    cells = " | ".join(f"{s[0] * 100:.1f} / {s[1] * 100:.1f} / {s[2] * 100:.1f}" for s in (m, b, c))
    return f"| {name} | {cells} | {float(f) * 100:.1f} |"  # type: ignore[arg-type]


def parse_topics(text: str) -> list[int]:
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topics", default="1-35", help="topic range, e.g. 1-35")
    args = parser.parse_args()
    if not ECB.exists():
        sys.exit(f"ECB+ not found under {ECB}")
    started = time.perf_counter()
    settings = Settings()
    nlp = load_model(settings.model)
    docs = [d for d in read_ecbplus(ECB, parse_topics(args.topics)) if any(m.kind == "event" for m in d.mentions)]
    parsed = parse_all(nlp, docs)
    parse_done = time.perf_counter()

    gold: dict[str, set[Key]] = defaultdict(set)
    lemma_clusters: dict[tuple[int, str], set[Key]] = defaultdict(set)
    by_topic: dict[int, list[tuple[Article, ArticleAnalysis | None]]] = defaultdict(list)
    id_maps: dict[int, dict[str, Key]] = defaultdict(dict)
    all_keys: dict[int, set[Key]] = defaultdict(set)
    for doc, sp in zip(docs, parsed, strict=True):
        article, analysis, by_id, lemmas = records(doc, sp)
        by_topic[doc.topic].append((article, analysis))
        id_maps[doc.topic].update(by_id)
        for m in doc.mentions:
            if m.kind == "event":
                k = (doc.doc_id, m.m_id)
                gold[f"{doc.topic}:{m.chain}"].add(k)
                lemma_clusters[(doc.topic, lemmas[k])].add(k)
                all_keys[doc.topic].add(k)
    link_time = 0.0
    response: dict[int, list[set[Key]]] = defaultdict(list)
    for topic, pairs in sorted(by_topic.items()):
        t0 = time.perf_counter()
        story = link(pairs, settings)
        link_time += time.perf_counter() - t0
        seen: set[Key] = set()
        for event in story.events:
            cluster = {id_maps[topic][m.id] for m in event.mentions if m.id in id_maps[topic]}
            seen |= cluster
            response[topic].append(cluster)
        response[topic].extend({k} for k in all_keys[topic] - seen)  # spans that covered no token
    topics = sorted(by_topic)
    print(f"ECB+ {len(docs)} documents, {sum(len(c) for c in gold.values())} gold event mentions, "
          f"{len(gold)} gold clusters")
    print("| topics | system | MUC P / R / F1 | B3 P / R / F1 | CEAF-e P / R / F1 | CoNLL F1 |")
    print("|---|---|---|---|---|---|")
    splits = [(f"{topics[0]}-{topics[-1]}", set(topics))]
    if len(topics) > 1 and topics[-1] >= HELD_OUT[0] and topics[0] < HELD_OUT[0]:
        splits += [(f"{topics[0]}-{HELD_OUT[0] - 1} (design)", {t for t in topics if t < HELD_OUT[0]}),
                   (f"{HELD_OUT[0]}-{topics[-1]} (held out)", {t for t in topics if t >= HELD_OUT[0]})]
    for label, chosen in splits:
        key = [c for name, c in gold.items() if int(name.split(":", 1)[0]) in chosen]
        lemma = [c for (t, _), c in lemma_clusters.items() if t in chosen]
        ours = [c for t in chosen for c in response[t]]
        print(score(f"{label} | same-lemma baseline", key, lemma))
        print(score(f"{label} | storyline link()", key, ours))
    total = time.perf_counter() - started
    print(f"\nran in {total:.1f} s (parsing {parse_done - started:.1f} s, link() {link_time:.1f} s)")


if __name__ == "__main__":
    main()
