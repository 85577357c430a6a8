"""Two builds of one database at once, on each backend: their batches never interleave
or get lost, and their linkers take turns on :meth:`Store.link_lock`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import make_article

from store import backends, records
from storyline.model import Article, ArticleAnalysis
from storyline.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]

# Holds the link lock until a line arrives on stdin (or it is killed).
HOLDER = textwrap.dedent(
    """
    import sys
    from storyline.store import open_store

    with open_store(sys.argv[1]) as store, store.link_lock():
        print("locked", flush=True)
        sys.stdin.readline()
    """
)


def _hold_lock(tmp_path: Path, target: str | Path) -> subprocess.Popen[str]:
    """A second process holding the link lock of ``target`` (it has said so when this returns)."""
    script = tmp_path / "holder.py"
    script.write_text(HOLDER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "locked\n"
    return proc


def _lock_in_thread(store: Store) -> threading.Event:
    """Take the link lock of ``store`` in a thread; the event is set once it holds it."""
    acquired = threading.Event()

    def take() -> None:
        with store.link_lock():
            acquired.set()

    threading.Thread(target=take, daemon=True).start()
    return acquired


def _end(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            stream.close()


def test_link_lock_waits_for_the_other_process(store: Store, target: str | Path, tmp_path: Path) -> None:
    holder = _hold_lock(tmp_path, target)
    try:
        acquired = _lock_in_thread(store)
        assert not acquired.wait(0.5)
        assert holder.stdin is not None
        holder.stdin.write("done\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
        assert acquired.wait(30)
    finally:
        _end(holder)


def test_link_lock_of_a_killed_process_is_released(store: Store, target: str | Path, tmp_path: Path) -> None:
    holder = _hold_lock(tmp_path, target)
    try:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert _lock_in_thread(store).wait(30)
    finally:
        _end(holder)


def _numbered(batch: int, size: int) -> list[tuple[Article, ArticleAnalysis | None, bytes]]:
    """``size`` analysed articles of two sentences each, different for every ``batch``."""
    out: list[tuple[Article, ArticleAnalysis | None, bytes]] = []
    for i in range(batch * size, (batch + 1) * size):
        article = make_article(f"Report {i}. The council met on day {i} and voted.", source=f"{i}.txt")
        out.append((article, ArticleAnalysis(article=article.id, sentences=records.sentences(article)),
                    i.to_bytes(4, "big")))
    return out


def test_two_writers_at_once_lose_no_article(target: str | Path) -> None:
    batches = [_numbered(b, 10) for b in range(20)]
    open_store(target).close()  # the schema first: this test is about the writes
    start = threading.Barrier(2)

    def write(order: list[int]) -> list[int]:
        with open_store(target) as store:
            start.wait()
            return [store.add_articles(batches[b]) for b in order]

    with ThreadPoolExecutor(2) as pool:
        forward = pool.submit(write, list(range(20)))
        backward = pool.submit(write, list(reversed(range(20))))
        added = forward.result() + backward.result()
    with open_store(target) as store:
        counts = store.counts()
        assert (sum(added), counts["articles"], counts["sentences"]) == (200, 200, 400)
        assert store.generation() == 20  # each batch added once, whole, by one writer
        stored = sorted(article_id for article_id, _ in store.signatures())
    assert stored == sorted(a.id for batch in batches for a, _, _ in batch)
    assert backends.query(target, "SELECT COUNT(DISTINCT seq), COUNT(*) FROM articles") == [(200, 200)]
