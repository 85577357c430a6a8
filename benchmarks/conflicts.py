"""How many of storyline's conflicts mix stories, and a sample of them to judge by hand (printed).

There is no gold standard for "where sources disagree", so this prints what a reviewer needs:

* counts: claims, conflicts, and conflicts holding a pair of claims from two different
  Timeline17 stories (the nine stories of ../shared/bench/tls/t17 have nothing to do with each
  other, so such a pair is wrong by construction; an article is labelled with the story whose
  text it starts with, read from ../shared at run time; the scale corpus's spliced articles past
  2,896 carry the label of their first half, so a few of these pairs are label noise);
* a seeded random sample of conflicts, each claim with its story label and its sentence, for
  judging by hand whether the sources really disagree about one count.

Run it on a store built from Timeline17 articles, for example the 3,000-article store of
``benchmarks/scale.py --workdir DIR``:

  python benchmarks/conflicts.py --db "DIR/3000 x2w sqlite.db" [--sample 30] [--seed 21]

The store's own story is re-linked with the current code (``storyline.link.link``), so the
numbers are this checkout's, whatever code built the store.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "bench" / "tls" / "t17" / "articles_subset_derived"
_PREFIX = 120


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text)[:_PREFIX]


def story_labels() -> dict[str, str]:
    """Text prefix -> Timeline17 story (the folder name)."""
    csv.field_size_limit(sys.maxsize)
    labels: dict[str, str] = {}
    for path in sorted(T17.glob("*/outputwithpub.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                if len(row) >= 2 and row[0] != "date":
                    labels[_key(row[1])] = path.parent.name
    return labels


def sentence(text: str, start: int, end: int, width: int = 200) -> str:
    first = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    last = text.find(".", end)
    return " ".join(text[first : len(text) if last < 0 else last + 1].split())[:width]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a store built from Timeline17 articles")
    parser.add_argument("--sample", type=int, default=30, help="conflicts to print for judging")
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    if not T17.is_dir():
        print(f"no corpus at {T17}; nothing to measure")
        return
    from storyline.link import link
    from storyline.settings import Settings
    from storyline.store import open_store

    labels = story_labels()
    with open_store(args.db, create=False, read_only=True) as store:
        pairs = list(store.iter_pairs())
    story_of = {a.id: labels.get(_key(a.text), "?") for a, _ in pairs}
    text = {a.id: a.text for a, _ in pairs}
    started = time.process_time()
    story = link(pairs, Settings(quiet=True))
    seconds = time.process_time() - started
    claims = {c.id: c for c in story.claims}
    mixed = [x for x in story.conflicts if len({story_of[claims[i].span.article] for i in x.claims}) > 1]
    print(f"{len(pairs)} articles, {len(claims)} claims, {len(story.conflicts)} conflicts; "
          f"{len(mixed)} hold claims from two Timeline17 stories ({len(mixed) / max(1, len(story.conflicts)):.0%}); "
          f"link() {seconds:.1f} CPU s")
    dated = [x for x in story.conflicts if claims[x.claims[0]].unit == "date"]
    print(f"  of which about when something began or ended: {len(dated)}, "
          f"{sum(1 for x in mixed if claims[x.claims[0]].unit == 'date')} mixing two stories")
    rng = random.Random(args.seed)
    for x in rng.sample(list(story.conflicts), min(args.sample, len(story.conflicts))):
        print(f"\n{x.id}  {x.about}  ({len(x.claims)} claims)")
        for i in x.claims[:6]:
            c = claims[i]
            bounds = f"{c.low:g}" if c.low == c.high and c.low is not None else f"{c.low}..{c.high}"
            words = sentence(text[c.span.article], c.span.start, c.span.end)
            print(f"  {bounds:>18}  {story_of[c.span.article]:<6} {words}")


if __name__ == "__main__":
    main()
