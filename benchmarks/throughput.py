"""Words per second of ``storyline build --jobs 1`` against bare ``nlp.pipe``, in one run.

Both sides read the same texts with the same spaCy model in the same process
conditions.  The build side is the real pipeline end to end (ingest from JSONL
files, dedup, analyze, store in SQLite, link); peak RSS is measured in a fresh
child process per corpus size, so sizes do not share a heap.

Corpora (read from ../shared, never copied into the project):
  seeds   the five seed articles repeated (each copy made unique by a numbered
          first line, so dedup does not fold them)
  t17     the Timeline17 articles of ../shared/bench/tls/t17/articles_subset_derived

Usage:  python benchmarks/throughput.py [--sizes 300,2896] [--seeds-copies 60]
Prints a table: corpus, articles, words, nlp.pipe and build words per CPU-second and their
ratio, the same per wall-clock second, and peak RSS.

Throughput is words per CPU second of the measuring process (``time.process_time``): on a
shared machine wall time swings with whatever else runs, CPU time much less.  With
``--jobs 1`` all the build's work happens in that one process, so nothing is missed.
Wall-clock figures are printed beside it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
T17 = SHARED / "bench" / "tls" / "t17" / "articles_subset_derived"


def seed_texts(copies: int) -> list[str]:
    base = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [f"Copy {i} of the report.\n\n{t}" for i in range(copies) for t in base]


def t17_texts(limit: int | None = None) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    for path in sorted(T17.glob("*/outputwithpub.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                if len(row) >= 2 and row[0] != "date":
                    texts.append(row[1])
    return texts[:limit] if limit else texts


def write_jsonl(texts: list[str], folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for text in texts:
            handle.write(json.dumps({"text": text}) + "\n")
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, corpus: str, limit: int, copies: int) -> None:
    """Runs in a fresh process: one measurement, printed as JSON."""
    texts = seed_texts(copies) if corpus == "seeds" else t17_texts(limit)
    words = sum(len(t.split()) for t in texts)
    if kind == "pipe":
        import spacy

        from storyline.analyze.nlp import FALLBACKS

        try:  # the bare model, without storyline's own pipeline component
            nlp = spacy.load("en_core_web_sm")
        except OSError:
            nlp = spacy.load(FALLBACKS["en_core_web_sm"])
        nlp.max_length = 10_000_000
        nlp("warm up")
        start, cpu = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    else:
        from storyline.analyze.nlp import load_model
        from storyline.api import build
        from storyline.settings import Settings

        load_model("en_core_web_sm")("warm up")
        with tempfile.TemporaryDirectory() as tmp:
            src = write_jsonl(texts, Path(tmp))
            start, cpu = time.perf_counter(), time.process_time()
            # The repeated seeds are near-copies of each other, which the build would store
            # without analysing; the threshold above 1 turns that off so both sides parse
            # every text.
            settings = Settings(quiet=True, jobs=1, near_duplicate_threshold=1.01)
            report = build([str(src)], db=Path(tmp) / "story.db", settings=settings)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            # T17 holds a few exact repeats (same cleaned text, same id): stored once.
            assert report.copies == 0 and report.added + report.already_stored == report.read, report
    stored = len(texts) if kind == "pipe" else report.added
    print(json.dumps({
        "articles": stored, "words": words, "seconds": seconds, "cpu": cpu, "rss_mb": peak_rss_mb(),
    }))


def measure(kind: str, corpus: str, limit: int, copies: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", kind, corpus, str(limit), str(copies)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ})
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="300,2896", help="T17 article counts to run")
    parser.add_argument("--seeds-copies", type=int, default=60)
    parser.add_argument(
        "--pipe-max", type=int, default=0,
        help="skip the nlp.pipe side for T17 sizes above this (0: never skip); RSS is still measured",
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, corpus, limit, copies = args.child
        child(kind, corpus, int(limit), int(copies))
        return
    runs: list[tuple[str, int]] = []
    if SEEDS.is_dir():
        runs.append(("seeds", 0))
    if T17.is_dir():
        runs += [("t17", int(n)) for n in args.sizes.split(",")]
    if not runs:
        print("no corpus found under ../shared; nothing to measure")
        return
    header = f"{'corpus':<10}{'articles':>9}{'words':>10}{'pipe w/cpu-s':>14}{'build w/cpu-s':>15}{'ratio':>7}"
    header += f"{'pipe w/s':>10}{'build w/s':>11}{'ratio':>7}{'pipe RSS':>10}{'build RSS':>11}"
    print(header, flush=True)
    rss: dict[str, float] = {}
    for corpus, limit in runs:
        skip_pipe = bool(args.pipe_max) and corpus == "t17" and limit > args.pipe_max
        built = measure("build", corpus, limit, args.seeds_copies)
        bc, bws = built["words"] / built["cpu"], built["words"] / built["seconds"]
        name = corpus if corpus == "seeds" else f"t17-{int(built['articles'])}"
        rss[name] = built["rss_mb"]
        row = f"{name:<10}{int(built['articles']):>9}{int(built['words']):>10}"
        if skip_pipe:
            row += f"{'-':>14}{bc:>15.0f}{'-':>7}{'-':>10}{bws:>11.0f}{'-':>7}{'-':>10}{built['rss_mb']:>9.0f}MB"
        else:
            pipe = measure("pipe", corpus, limit, args.seeds_copies)
            pc, pws = pipe["words"] / pipe["cpu"], pipe["words"] / pipe["seconds"]
            row += f"{pc:>14.0f}{bc:>15.0f}{bc / pc:>7.2f}{pws:>10.0f}{bws:>11.0f}{bws / pws:>7.2f}"
            row += f"{pipe['rss_mb']:>8.0f}MB{built['rss_mb']:>9.0f}MB"
        print(row, flush=True)
    t17 = [k for k in rss if k.startswith("t17-")]
    if len(t17) >= 2:
        small, large = t17[0], t17[-1]
        print(f"peak RSS {large} / {small}: {rss[large] / rss[small]:.2f}x (target <= 1.2x)")
    print("target: build/pipe ratio >= 0.8")


if __name__ == "__main__":
    main()
