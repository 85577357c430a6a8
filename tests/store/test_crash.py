"""Crash safety, for real: a writer process is SIGKILLed mid-build; the database it
leaves is consistent, and adding the same articles again resumes where it stopped.

On both backends, except the file checks (``PRAGMA integrity_check``), which are
SQLite's: PostgreSQL checks its own constraints and has no file to check.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[2]
BATCH = 20
BATCHES = 100

# Writes BATCHES batches of BATCH articles (every 5th a copy, stored without an
# analysis), printing the number of articles added after each commit.
WRITER = textwrap.dedent(
    f"""
    import sys
    from storyline.ids import article_id
    from storyline.model import Article, ArticleAnalysis, Sentence
    from storyline.store import open_store

    def batch(b):
        out = []
        for i in range(b * {BATCH}, (b + 1) * {BATCH}):
            text = " ".join(f"Sentence {{j}} of article {{i}} says the council met." for j in range(40))
            article = Article(id=article_id(text), source=f"{{i}}.txt", text=text,
                              duplicate_of="a-original" if i % 5 == 4 else None)
            if article.duplicate_of:
                out.append((article, None, b"sig"))
                continue
            sentences, start = [], 0
            while start < len(text):
                end = text.find(".", start) + 1
                sentences.append(Sentence(start, end))
                start = end + 1
            out.append((article, ArticleAnalysis(article=article.id, sentences=tuple(sentences)),
                        i.to_bytes(4, "big")))
        return out

    with open_store(sys.argv[1]) as store:
        for b in range({BATCHES}):
            added = store.add_articles(batch(b))
            print(added, flush=True)
    """
)


def _run_writer(tmp_path: Path, db: str | Path) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(script), str(db)], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )


def _kill_after(proc: subprocess.Popen[str], commits: int) -> None:
    assert proc.stdout is not None
    for _ in range(commits):
        line = proc.stdout.readline()
        assert line, "the writer stopped before it was killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()


KILLED = {"params": [1, 3, 8], "ids": ["after-1-commit", "after-3-commits", "after-8-commits"]}


@pytest.fixture(**KILLED)
def killed_db(request: pytest.FixtureRequest, tmp_path: Path, target: str | Path) -> str | Path:
    """A store (on each backend) whose writer was killed after ``param`` commits."""
    _kill_after(_run_writer(tmp_path, target), request.param)
    return target


@pytest.fixture(**KILLED)
def killed_file(request: pytest.FixtureRequest, tmp_path: Path, db_path: Path) -> Path:
    """A SQLite file whose writer was killed after ``param`` commits."""
    _kill_after(_run_writer(tmp_path, db_path), request.param)
    return db_path


def test_killed_build_leaves_an_intact_file(killed_file: Path) -> None:
    conn = sqlite3.connect(killed_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_killed_build_keeps_whole_batches(killed_db: str | Path) -> None:
    with open_store(killed_db, create=False) as store:
        counts = store.counts()
    assert counts["articles"] > 0
    assert counts["articles"] % BATCH == 0


def test_killed_build_leaves_every_article_analysed_or_a_copy(killed_db: str | Path) -> None:
    with open_store(killed_db, create=False) as store:
        pairs = [(a.duplicate_of, x is not None) for a, x in store.iter_pairs()]
    assert all((copy is None) == analysed for copy, analysed in pairs)


def test_killed_build_keeps_sentences_with_their_analyses(killed_db: str | Path) -> None:
    with open_store(killed_db, create=False) as store:
        counts = store.counts()
        expected = sum(len(x.sentences) for _, x in store.iter_pairs() if x is not None)
    assert counts["sentences"] == expected


@pytest.mark.slow
def test_build_after_kill_resumes(killed_db: str | Path, tmp_path: Path) -> None:
    with open_store(killed_db, create=False) as store:
        present = store.counts()["articles"]
    proc = _run_writer(tmp_path, killed_db)
    out, _ = proc.communicate(timeout=120)
    added = [int(n) for n in out.split()]
    assert proc.returncode == 0
    assert sum(added) == BATCH * BATCHES - present
    assert added[: present // BATCH] == [0] * (present // BATCH)
