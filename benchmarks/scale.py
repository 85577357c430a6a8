"""How storyline scales: Dask workers, corpus size, SQLite vs PostgreSQL (printed, not a test).

Every run is the real pipeline (``storyline.api.build``: read JSONL, dedup, analyse on a Dask
LocalCluster, store, link) in a fresh child process; this process samples the RSS of the
client (the child) and of each Dask worker (the child's descendants) every half second with
psutil.

Corpus: the 2,896 Timeline17 articles of ../shared/bench/tls/t17/articles_subset_derived (with
their dates), then, past 2,896, perturbed articles: the first half of one article's lines
spliced onto the second half of another's (seeded), so no text is a near copy of another and
every article is analysed (read from ../shared at run time, never copied into the project).

Usage:
  python benchmarks/scale.py [--sizes 300,3000,30000] [--workers 2] [--compare-workers 3000]
                             [--pg postgresql://user@127.0.0.1:55432/postgres] [--pg-size 3000]
                             [--workdir DIR]

Prints one row per run: articles, words, analyse seconds and words/s (read + dedup + analyse
+ store, up to the link), link seconds, total seconds and words/s, peak RSS of the client
during analysis and overall, and the largest peak RSS of one worker.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "bench" / "tls" / "t17" / "articles_subset_derived"


def t17_rows() -> list[tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)
    rows: list[tuple[str, str]] = []
    for path in sorted(T17.glob("*/outputwithpub.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += [(r[0], r[1]) for r in csv.reader(handle) if len(r) >= 2 and r[0] != "date"]
    return rows


def corpus(size: int) -> Iterator[tuple[str, str]]:
    """``size`` (date, text) pairs: the T17 articles, then seeded splices of two of them."""
    rows = t17_rows()
    yield from rows[:size]
    rng = random.Random(17)
    for _ in range(size - len(rows)):
        (date, first), (_, second) = rng.sample(rows, 2)
        a, b = first.splitlines(), second.splitlines()
        yield date, "\n".join(a[: max(1, len(a) // 2)] + b[len(b) // 2:])


def write_corpus(size: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for date, text in corpus(size):
            handle.write(json.dumps({"date": date, "text": text}) + "\n")


@contextlib.contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new empty database on the PostgreSQL ``server`` (a URL), dropped afterwards."""
    import psycopg

    name = f"storyline_scale_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# ------------------------------------------------------------------ child


class _Stages:
    """A ProgressHook that notes when the link stage starts and the client's peak RSS then."""

    def __init__(self) -> None:
        self.link_started: float | None = None
        self.analyse_rss_mb = 0.0

    def stage(self, name: str, total: int | None = None) -> None:
        if name == "link":
            self.link_started = time.perf_counter()
            self.analyse_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def advance(self, n: int = 1) -> None:
        pass


def child(source: str, db: str, dask: str) -> None:
    from storyline.api import build
    from storyline.settings import Settings

    hook = _Stages()
    start = time.perf_counter()
    report = build([source], db=db, settings=Settings(quiet=True, dask=dask, batch_size=16), progress=hook)
    end = time.perf_counter()
    link_started = hook.link_started or end
    print(json.dumps({
        "read": report.read, "added": report.added, "copies": report.copies, "problems": len(report.problems),
        "words": report.words, "analyse_s": link_started - start, "link_s": end - link_started,
        "total_s": end - start, "analyse_rss_mb": hook.analyse_rss_mb or resource.getrusage(
            resource.RUSAGE_SELF).ru_maxrss / 1024,
        "client_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "client_cpu_s": time.process_time(),
    }))


# ------------------------------------------------------------------ parent


def run(source: Path, db: str, dask: str) -> dict[str, float]:
    """One build in a child process, its workers' RSS sampled from here."""
    import psutil

    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", str(source), db, dask],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    parent = psutil.Process(proc.pid)
    worker_peak: dict[int, float] = {}
    worker_cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            for p in parent.children(recursive=True):
                try:
                    with p.oneshot():
                        rss, cpu = p.memory_info().rss / 2**20, p.cpu_times()
                except psutil.Error:
                    continue
                worker_peak[p.pid] = max(worker_peak.get(p.pid, 0.0), rss)
                worker_cpu[p.pid] = cpu.user + cpu.system
        except psutil.Error:
            pass
        time.sleep(0.5)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{err[-3000:]}")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    # the spawn machinery's resource tracker is a child too; workers are the ones holding a model
    result["worker_rss_mb"] = max(worker_peak.values(), default=0.0)
    # CPU seconds of all workers (sampled up to their last half second): words per worker CPU
    # second does not swing with whatever else the machine runs, wall time does
    result["worker_cpu_s"] = sum(worker_cpu.values())
    return result


def row(label: str, r: dict[str, float]) -> str:
    return (
        f"{label:<22}{int(r['added']):>8}{int(r['words']):>11}{r['analyse_s']:>9.0f}{r['words'] / r['analyse_s']:>9.0f}"
        f"{r['link_s']:>8.0f}{r['total_s']:>8.0f}{r['words'] / r['total_s']:>9.0f}"
        f"{r['analyse_rss_mb']:>10.0f}{r['client_rss_mb']:>10.0f}{r['worker_rss_mb']:>10.0f}"
        f"{r['words'] / max(r['worker_cpu_s'], 1e-9):>10.0f}{r.get('client_cpu_s', float('nan')):>10.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="300,3000,30000")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers for the size runs")
    parser.add_argument("--compare-workers", type=int, default=3000, help="size for the 1 vs 2 workers run (0: skip)")
    parser.add_argument("--pg", default=os.environ.get("STORYLINE_BENCH_PG"), help="a PostgreSQL server URL")
    parser.add_argument("--pg-size", type=int, default=3000)
    parser.add_argument("--workdir", help="keep the corpora and stores in this folder (default: a temporary one)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if not T17.is_dir():
        print(f"no corpus at {T17}; nothing to measure")
        return
    print(f"{'run':<22}{'articles':>8}{'words':>11}{'analyse':>9}{'w/s':>9}{'link':>8}{'total':>8}{'w/s':>9}"
          f"{'clientMB':>10}{'client*MB':>10}{'workerMB':>10}{'w/wcpu-s':>10}{'clientCPU':>10}", flush=True)
    print("(analyse = read+dedup+analyse+store; client MB during analysis, client* MB incl. link; "
          "w/wcpu-s = words per CPU second of the workers; clientCPU = CPU seconds of the client)", flush=True)
    results: dict[str, dict[str, float]] = {}
    with contextlib.ExitStack() as stack:
        if args.workdir:
            folder = Path(args.workdir)
            folder.mkdir(parents=True, exist_ok=True)
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))

        def measure(label: str, size: int, dask: str, db: str | None = None) -> dict[str, float]:
            source = folder / f"corpus-{size}.jsonl"
            if not source.exists():
                write_corpus(size, source)
            r = run(source, db or str(folder / f"{label}.db"), dask)
            results[label] = r
            print(row(label, r), flush=True)
            return r

        for size in (int(s) for s in args.sizes.split(",") if s):
            measure(f"{size} x{args.workers}w sqlite", size, f"local:{args.workers}")
        if args.compare_workers:
            size = args.compare_workers
            one = measure(f"{size} x1w sqlite", size, "local:1")
            two = results.get(f"{size} x{args.workers}w sqlite") or measure(
                f"{size} x{args.workers}w sqlite", size, f"local:{args.workers}")
            print(f"speed-up {args.workers} vs 1 worker at {size} (analyse): "
                  f"{one['analyse_s'] / two['analyse_s']:.2f}x (target >= 1.6x)", flush=True)
        if args.pg:
            with fresh_database(args.pg) as url:
                pg = measure(f"{args.pg_size} x{args.workers}w postgres", args.pg_size, f"local:{args.workers}", url)
            lite = results.get(f"{args.pg_size} x{args.workers}w sqlite")
            if lite:
                print(f"PostgreSQL / SQLite total time at {args.pg_size}: {pg['total_s'] / lite['total_s']:.2f}x")
    sizes = sorted(int(k.split()[0]) for k in results if k.endswith(f"x{args.workers}w sqlite"))
    if len(sizes) >= 2:
        mid, big = results[f"{sizes[-2]} x{args.workers}w sqlite"], results[f"{sizes[-1]} x{args.workers}w sqlite"]
        ratio = (big["words"] / big["analyse_s"]) / (mid["words"] / mid["analyse_s"])
        cpu_ratio = (big["words"] / big["worker_cpu_s"]) / (mid["words"] / mid["worker_cpu_s"])
        print(f"analyse words/s at {sizes[-1]} / at {sizes[-2]}: {ratio:.2f} (per worker CPU second {cpu_ratio:.2f}; "
              f"target >= 0.90); client RSS during "
              f"analysis {big['analyse_rss_mb'] / mid['analyse_rss_mb']:.2f}x, with link "
              f"{big['client_rss_mb'] / mid['client_rss_mb']:.2f}x")


if __name__ == "__main__":
    main()
