"""Latency of every page and API call of ``storyline serve``, p50 and p95, over a real server.

The app is served by uvicorn on 127.0.0.1 (a thread of this process) and asked over
HTTP with one keep-alive client, one request at a time, as a person browsing does.
The URLs are chosen from the story itself: the best-sourced event, the most-mentioned
entity (the biggest dossier), the longest article, a common and a rare word to search,
the timeline filtered by the top actor, and so on.  Each URL is asked ``--warmup``
times unmeasured, then ``--repeat`` times.

The story: ``--db`` (a built store).  For the issue's numbers, build the Timeline17
articles once (read from ../shared, never copied into the project)::

    python benchmarks/web.py --make-jsonl /tmp/issue6/t17.jsonl
    nice .venv/bin/storyline build /tmp/issue6/t17.jsonl --db /tmp/issue6/t17.db --jobs 2 -q
    python benchmarks/web.py --db /tmp/issue6/t17.db

Prints a Markdown table (URL kind, the URL, bytes, the first request's ms, p50 and p95 wall-clock
ms, p50 and p95 CPU ms) and the start-up time (loading the story into the app); ``--json`` writes the numbers too.
CPU ms is this process's CPU time per request (server and client share the process, so it
includes the client's small share): on a shared, loaded machine wall time measures the queue
for a core as much as the app, CPU time much less.
"""

from __future__ import annotations

import argparse
import csv
import json
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "bench" / "tls" / "t17" / "articles_subset_derived"
TARGET_P95_MS = 200.0


def make_jsonl(target: Path) -> int:
    """One JSON record per T17 article (``date``, ``outlet`` = the topic, ``text``)."""
    csv.field_size_limit(sys.maxsize)
    count = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        for path in sorted(T17.glob("*/outputwithpub.csv")):
            with path.open(newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    if row.get("text", "").strip():
                        out.write(json.dumps({"date": row["date"], "outlet": path.parent.name, "text": row["text"]})
                                  + "\n")
                        count += 1
    return count


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def urls(index: Any) -> list[tuple[str, str]]:
    """``(kind, url)`` pairs covering every page and API route, picked from the story."""
    events = index.events
    top_event = max(events, key=lambda v: (v.sources, len(v.mentions))) if events else None
    entity = index.entity_rank[0] if index.entity_rank else None
    person = next((e for e in index.entity_rank if e.type == "PERSON"), entity)
    longest = index.conn().execute("SELECT id FROM articles ORDER BY length(text) DESC LIMIT 1").fetchone()[0]
    words = _search_words(index)
    q = urllib.parse.quote
    actor = q(entity.name) if entity else ""
    outlet = q(index.outlets.most_common(1)[0][0]) if index.outlets else ""
    dated = [v.date.earliest.year for v in events if v.date]
    year = str(sorted(dated)[len(dated) // 2]) if dated else "2011"
    some_type = index.event_types[0] if index.event_types else "AGREE"
    out = [
        ("page /", "/"),
        ("page /timeline", "/timeline"),
        ("page /timeline filtered", f"/timeline?actor={actor}&type={some_type}"),
        ("page /timeline by outlet", f"/timeline?group=outlet&outlet={outlet}"),
        ("page /entities", "/entities"),
        ("page /quotes", "/quotes"),
        ("page /quotes?speaker", f"/quotes?speaker={q(person.name) if person else ''}"),
        ("page /conflicts", "/conflicts"),
        ("page /articles/ID (longest)", f"/articles/{longest}"),
        ("page /search common word", f"/search?q={words[0]}"),
        ("page /search rare word", f"/search?q={words[1]}"),
        ("page /search + facets", f"/search?q={words[0]}&year={year}&outlet={outlet}"),
        ("api /api/summary", "/api/summary"),
        ("api /api/events", "/api/events"),
        ("api /api/events filtered", f"/api/events?actor={actor}&from={year}"),
        ("api /api/timeline", "/api/timeline"),
        ("api /api/timeline by outlet", "/api/timeline?group=outlet"),
        ("api /api/entities", "/api/entities"),
        ("api /api/quotes", "/api/quotes"),
        ("api /api/conflicts", "/api/conflicts"),
        ("api /api/articles/ID (longest)", f"/api/articles/{longest}"),
        ("api /api/search", f"/api/search?q={words[0]}"),
        ("api /api/export/timelinejs filtered", f"/api/export/timelinejs?actor={actor}"),
        ("api /api/export/csv filtered", f"/api/export/csv?actor={actor}"),
        ("api /api/export/timelinejs all", "/api/export/timelinejs"),
        ("api /api/export/csv all", "/api/export/csv"),
        ("api /api/openapi.json", "/api/openapi.json"),
        ("static /static/timeline.js", "/static/timeline.js"),
    ]
    if top_event is not None:
        out[4:4] = [("page /events/ID (most sources)", f"/events/{top_event.id}")]
        out.append(("api /api/events/ID", f"/api/events/{top_event.id}"))
    if entity is not None:
        out[5:5] = [("page /entities/ID (biggest dossier)", f"/entities/{entity.id}")]
        out.append(("api /api/entities/ID", f"/api/entities/{entity.id}"))
    return out


def _search_words(index: Any) -> tuple[str, str]:
    """A word in many sentences and one in few (from the FTS vocabulary when it can be read)."""
    conn = index.conn()
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, sentences, row)")
        rows = conn.execute(
            "SELECT term, doc FROM temp.vocab WHERE length(term) > 4 AND term GLOB '[a-z]*' ORDER BY doc DESC"
        ).fetchall()
    except Exception:  # noqa: BLE001 - a read-only database may refuse the temp table
        return ("government", "ceasefire")
    if not rows:
        return ("government", "ceasefire")
    return rows[0][0], rows[len(rows) // 2][0]


def measure(base: str, targets: list[tuple[str, str]], *, warmup: int, repeat: int) -> list[dict[str, Any]]:
    import httpx

    results = []
    with httpx.Client(base_url=base, timeout=60.0) as client:
        for kind, url in targets:
            size = 0
            status = 0
            started = time.perf_counter()
            client.get(url)  # the first ask: nothing remembered yet (filtered timelines and exports are memoised)
            cold = (time.perf_counter() - started) * 1000
            for _ in range(max(0, warmup - 1)):
                client.get(url)
            times, cpu = [], []
            for _ in range(repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                size, status = len(response.content), response.status_code
            results.append({"kind": kind, "url": url, "status": status, "bytes": size, "first_ms": cold,
                            "p50_ms": statistics.median(times), "p95_ms": _p95(times),
                            "cpu_p50_ms": statistics.median(cpu), "cpu_p95_ms": _p95(cpu)})
    return results


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a built story database")
    parser.add_argument("--make-jsonl", type=Path, help="write the T17 articles as JSONL here and exit")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    if args.make_jsonl:
        print(f"wrote {make_jsonl(args.make_jsonl)} articles to {args.make_jsonl}")
        return
    if args.db is None:
        parser.error("--db is required")

    import uvicorn

    from storyline.web import create_app

    started = time.perf_counter()
    app = create_app(args.db)
    startup = time.perf_counter() - started
    index = app.state.index
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off",
                                           ws="none", http="h11"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        results = measure(f"http://127.0.0.1:{port}", urls(index), warmup=args.warmup, repeat=args.repeat)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    counts = index.counts
    print(f"story: {args.db} - {counts['articles']} articles, {counts['events']} events, {counts['entities']} "
          f"entities, {counts['quotes']} quotes, {counts['sentences']} sentences, {counts['conflicts']} conflicts")
    print(f"start-up (load the story into the app): {startup:.2f} s; {args.repeat} requests per URL after "
          f"{args.warmup} unmeasured\n")
    print("| what | URL | status | bytes | first ms | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        shown = r["url"] if len(r["url"]) <= 60 else r["url"][:57] + "..."
        flag = "" if r["p95_ms"] < TARGET_P95_MS else " (over)"
        print(f"| {r['kind']} | `{shown}` | {r['status']} | {r['bytes']} | {r['first_ms']:.1f} | {r['p50_ms']:.1f} | "
              f"{r['p95_ms']:.1f}{flag} | {r['cpu_p50_ms']:.1f} | {r['cpu_p95_ms']:.1f} |")
    over = [r for r in results if r["p95_ms"] >= TARGET_P95_MS]
    print(f"\n{len(results) - len(over)} of {len(results)} URLs under the p95 target of {TARGET_P95_MS:.0f} ms")
    if args.json:
        args.json.write_text(json.dumps({"db": str(args.db), "counts": counts, "startup_s": startup,
                                         "results": results}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
