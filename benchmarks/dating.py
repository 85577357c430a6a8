"""Document dating on Timeline17: hide each article's date and infer it, with and without context.

Data: ../shared/bench/tls/t17/articles_subset_derived/<topic>/outputwithpub.csv (CSV date,text;
8 topics, 2,896 articles), read in place, never copied.

Every article of a topic (duplicates of a text dropped) is parsed once with the pipeline's
spaCy model and analysed with ``analyze_doc`` with its publication date: the dated version the
other articles see as context.  A fixed random sample of ``--per-topic`` articles (seed 0) is
also analysed without it (the hidden version; its DCT is None, so relative expressions stay
unresolved), and each of those is dated:

* no context: ``infer_published`` on the hidden analysis alone;
* context (leave-one-out): ``date_articles`` over all the topic's articles where the held-out
  article is hidden and every other article keeps its date (entities resolved once per topic);
  ``--context sample`` limits the context to the sample (the earlier, harder protocol).

Reported per setting: articles, share given an interval, coverage (share of all articles whose
interval contains the true date; open intervals count when the date is on or after the bound),
median and 90th percentile absolute error in days of the point estimate (the middle day of the
inferred ``value``), median interval width in days.

Usage:  python benchmarks/dating.py [--per-topic 40] [--topics egypt,h1n1] [--parse-cache /tmp/issue3/parses]
(with a parse cache, the printed parse time is the time to load the stored parses)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyline import dates  # noqa: E402
from storyline.analyze import analyze_doc  # noqa: E402
from storyline.analyze.nlp import load_model  # noqa: E402
from storyline.ids import article_id  # noqa: E402
from storyline.link.dating import date_articles, infer_published  # noqa: E402
from storyline.link.entities import resolve_entities  # noqa: E402
from storyline.model import Article, ArticleAnalysis, Published  # noqa: E402

T17 = ROOT.parent / "shared" / "bench" / "tls" / "t17" / "articles_subset_derived"


def load_topic(topic: str, n: int) -> tuple[list[tuple[dt.date, str]], set[int]]:
    """The topic's articles (date order, repeated texts dropped) and the indexes of a fixed
    random sample of ``n`` of them (seed 0)."""
    csv.field_size_limit(10**9)
    with (T17 / topic / "outputwithpub.csv").open(encoding="utf-8", newline="") as fh:
        rows = [(dt.date.fromisoformat(r["date"][:10]), r["text"]) for r in csv.DictReader(fh) if r.get("text")]
    seen: set[str] = set()
    unique = [r for r in rows if not (r[1] in seen or seen.add(r[1]))]  # type: ignore[func-returns-value]
    rng = random.Random(0)
    sample = set(rng.sample(unique, min(n, len(unique))))
    ordered = sorted(unique)
    return ordered, {i for i, row in enumerate(ordered) if row in sample}


def parse(nlp: Any, texts: list[str], cache: Path | None, key: str) -> list[Any]:
    """``nlp.pipe`` over ``texts``, or the parses a previous run stored under ``cache``."""
    from spacy.tokens import DocBin

    path = cache / f"t17-{key}.spacy" if cache is not None else None
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        for d in docs:
            bin_.add(d)
        bin_.to_disk(path)
    return docs


def point_of(pub: Published) -> dt.date:
    """The middle day of the inferred value (a day, a month, a year)."""
    dv = dates.parse_iso(pub.date.value) or pub.date
    latest = dv.latest or dv.earliest
    return dv.earliest + (latest - dv.earliest) / 2


class Tally:
    def __init__(self) -> None:
        self.total = 0
        self.dated = 0
        self.covered = 0
        self.errors: list[int] = []
        self.widths: list[int] = []

    def add(self, truth: dt.date, pub: Published | None) -> None:
        self.total += 1
        if pub is None:
            return
        self.dated += 1
        d = pub.date
        self.covered += d.earliest <= truth and (d.latest is None or truth <= d.latest)
        self.errors.append(abs((point_of(pub) - truth).days))
        if d.latest is not None:
            self.widths.append((d.latest - d.earliest).days + 1)

    def row(self, label: str) -> str:
        err = sorted(self.errors)
        med = statistics.median(err) if err else float("nan")
        p90 = err[min(len(err) - 1, int(0.9 * len(err)))] if err else float("nan")
        width = statistics.median(self.widths) if self.widths else float("nan")
        dated, covered = 100 * self.dated / self.total, 100 * self.covered / self.total
        return f"{label:22} {self.total:6d} {dated:7.1f} {covered:8.1f} {med:8.1f} {p90:8.1f} {width:8.1f}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-topic", type=int, default=40)
    ap.add_argument("--topics", default="")
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--parse-cache", type=Path, default=None,
                    help="folder for the spaCy parses (DocBin per topic), reused by later runs")
    ap.add_argument("--context", choices=("all", "sample"), default="all",
                    help="the dated articles a held-out article is dated against (default all the topic's)")
    args = ap.parse_args(argv)
    if not T17.is_dir():
        print(f"{T17} is absent", file=sys.stderr)
        return 2
    started = time.perf_counter()
    topics = [t for t in args.topics.split(",") if t] or sorted(p.name for p in T17.iterdir() if p.is_dir())
    nlp = load_model(args.model)
    tallies = {"no context": Tally(), "context (leave-one-out)": Tally()}
    per_topic: list[str] = []
    parse_s = analyse_s = 0.0
    for topic in topics:
        rows, sample = load_topic(topic, args.per_topic)
        if args.context == "sample":
            rows = [row for i, row in enumerate(rows) if i in sample]
            sample = set(range(len(rows)))
        t0 = time.perf_counter()
        docs = parse(nlp, [text for _, text in rows], args.parse_cache, f"{topic}-{args.per_topic}"
                     if args.context == "sample" else f"{topic}-all")
        parse_s += time.perf_counter() - t0
        dated: list[tuple[Article, ArticleAnalysis]] = []
        hidden: dict[int, tuple[Article, ArticleAnalysis]] = {}
        t0 = time.perf_counter()
        for i, ((day, text), doc) in enumerate(zip(rows, docs, strict=True)):
            bare = Article(id=article_id(text), source=f"{topic}/{day}", text=text)
            with_date = Article(id=bare.id, source=bare.source, text=text,
                                published=Published(date=dates.day(day), method="metadata"))
            dated.append((with_date, analyze_doc(doc, with_date)))
            if i in sample:
                hidden[i] = (bare, analyze_doc(doc, bare))
        analyse_s += time.perf_counter() - t0
        _, entities = resolve_entities(dated)
        topic_tally = Tally()
        for i, (bare, an) in sorted(hidden.items()):
            day = rows[i][0]
            tallies["no context"].add(day, infer_published(bare, an))
            pairs: list[tuple[Article, ArticleAnalysis | None]] = [*dated[:i], (bare, an), *dated[i + 1:]]
            found = date_articles(pairs, entities).published.get(bare.id)
            tallies["context (leave-one-out)"].add(day, found)
            topic_tally.add(day, found)
        per_topic.append(topic_tally.row(f"  {topic}"))
    print(f"{'setting':22} {'arts':>6} {'dated%':>7} {'cover%':>8} {'med err':>8} {'p90 err':>8} {'med wid':>8}")
    for label, tally in tallies.items():
        print(tally.row(label))
    print("per topic, context:")
    print("\n".join(per_topic))
    print(f"\nsample: {args.per_topic} articles per topic (seed 0), {len(topics)} topics, context: {args.context}; "
          f"parse {parse_s:.0f} s, analysis {analyse_s:.0f} s; run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
