"""End to end: the CLI builds the example corpus and the seeds into a valid, cited bundle."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, seeds_or_skip
from typer.testing import CliRunner

from storyline.cli import app
from storyline.export.bundle import check_spans, validate_bundle

pytestmark = [pytest.mark.model, pytest.mark.slow]
runner = CliRunner()


def _build(tmp: Path, *inputs: str, name: str = "story", extra: tuple[str, ...] = ()) -> dict:
    db, bundle = tmp / f"{name}.db", tmp / f"{name}.json"
    result = runner.invoke(
        app, ["build", *inputs, "--db", str(db), "--bundle", str(bundle), "--quiet", *extra]
    )
    assert result.exit_code == 0, result.output
    return json.loads(bundle.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example_bundle(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _build(tmp_path_factory.mktemp("ex"), str(EXAMPLES))


def test_example_bundle_validates(example_bundle: dict) -> None:
    assert validate_bundle(example_bundle) == []


def test_example_every_span_matches_its_article(example_bundle: dict) -> None:
    assert check_spans(example_bundle) == []


def test_example_reads_every_kind(example_bundle: dict) -> None:
    sources = {Path(a["source"]).suffix for a in example_bundle["articles"]}
    assert {".txt", ".html", ".jsonl"} <= sources


def test_example_syndicated_copy_is_linked(example_bundle: dict) -> None:
    copies = [a for a in example_bundle["articles"] if a.get("duplicate_of")]
    assert len(copies) == 1
    assert copies[0]["source"].endswith("06-northern-syndicated.txt")


def test_example_has_events_entities_quotes_and_a_conflict(example_bundle: dict) -> None:
    for key in ("entities", "events", "quotes", "times", "claims", "conflicts"):
        assert example_bundle[key], key


def test_example_dated_article_keeps_its_header_date(example_bundle: dict) -> None:
    by_source = {Path(a["source"]).name: a for a in example_bundle["articles"]}
    published = by_source["01-courier-leak.txt"]["published"]
    assert (published["value"], published["method"]) == ("2024-03-05", "metadata")
    assert not by_source["01-courier-leak.txt"]["text"].startswith("date")


def test_rebuild_changes_nothing_and_ids_are_stable(tmp_path: Path, example_bundle: dict) -> None:
    db = tmp_path / "again.db"
    first = runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db), "--quiet"])
    second = runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db)])
    assert first.exit_code == second.exit_code == 0
    assert "0 new" in second.output
    out = tmp_path / "again.json"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == example_bundle


def test_adding_articles_one_build_at_a_time_gives_the_story_of_one_build(
    tmp_path: Path, example_bundle: dict
) -> None:
    db = tmp_path / "step.db"
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix != ".md")
    for path in files:
        result = runner.invoke(app, ["build", str(path), "--db", str(db), "--quiet"])
        assert result.exit_code == 0, result.output
    out = tmp_path / "step.json"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == example_bundle


def test_bundle_is_byte_identical_with_two_jobs(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    two = tmp_path / "two.json"
    for jobs, out in (("1", one), ("2", two)):
        result = runner.invoke(app, [
            "build", str(EXAMPLES), "--db", str(tmp_path / f"{jobs}.db"), "--bundle", str(out),
            "--quiet", "--jobs", jobs, "--batch-size", "2",
        ])
        assert result.exit_code == 0, result.output
    assert one.read_bytes() == two.read_bytes()


def test_seeds_build_and_the_dated_seed_keeps_its_date(tmp_path: Path) -> None:
    seeds = seeds_or_skip()
    bundle = _build(tmp_path, str(seeds), name="seeds")
    assert check_spans(bundle) == []
    assert validate_bundle(bundle) == []
    assert len(bundle["articles"]) == 5
    dated = [a for a in bundle["articles"] if a["published"] and a["published"]["method"] == "metadata"]
    assert [a["published"]["value"] for a in dated] == ["2017-07-13"]


def test_seed_ids_are_stable_across_two_builds(tmp_path: Path) -> None:
    seeds = seeds_or_skip()
    first = _build(tmp_path, str(seeds), name="s1")
    second = _build(tmp_path, str(seeds), name="s2")
    assert first == second


def test_bad_input_is_reported_and_the_build_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "good.txt").write_text("A council voted on Tuesday to close the bridge.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(bad), "--db", str(tmp_path / "s.db"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.output and "binary.txt" in result.output


def test_nothing_readable_exits_one(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1


def test_strict_exits_one_on_any_problem(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("A council voted on Tuesday to close the bridge.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "--db", str(tmp_path / "s.db"), "--strict", "-q"])
    assert result.exit_code == 1


_KILL_WORDS = """council mayor voted bridge river budget court judge police officers arrested protest union
strike workers minister election board hospital storm flood fire market prices rose fell school
teachers parents road water report said announced agreed rejected signed law bill tax city county
state company shares investors families residents village army rebels talks ceasefire aid"""


def test_kill_minus_nine_leaves_a_store_the_next_build_resumes(tmp_path: Path) -> None:
    # Distinct texts (random sentences over a small vocabulary), so that every article is parsed
    # and the build is still running when it is killed: copies of one text would be stored as
    # near-duplicates without analysis, and the whole build could end between two polls.
    rng = random.Random(7)
    vocabulary = _KILL_WORDS.split()
    total = 120
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(total):
            sentences = [" ".join(rng.choice(vocabulary) for _ in range(10)).capitalize() + "." for _ in range(20)]
            handle.write(json.dumps({"text": f"Report number {i}.\n\n" + " ".join(sentences)}) + "\n")
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "storyline.cli", "build", str(corpus), "--db", str(db), "--quiet",
           "--batch-size", "4"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    import sqlite3

    while time.monotonic() < deadline:  # kill once some batches are committed
        time.sleep(0.1)
        try:
            with sqlite3.connect(db) as con:
                if con.execute("select count(*) from articles").fetchone()[0] >= 8:
                    break
        except sqlite3.Error:
            continue
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = con.execute("select count(*) from articles").fetchone()[0]
    assert 0 < stored < total
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == total


def _age_analyses(db: Path, doctor: str | None = None) -> int:
    """Mark every stored analysis as made by an older analyser; give the article ``doctor`` (a
    source file name) an analysis without events or claims, as an older analyser might have
    made.  Returns how many analyses there are."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute("UPDATE analyses SET analyzer = 'storyline 0.0 (older)'")
            if doctor is not None:
                (article_id, record), = conn.execute(
                    "SELECT n.article_id, n.record FROM analyses n JOIN articles a ON a.id = n.article_id "
                    "WHERE a.source LIKE ?", (f"%{doctor}",)
                ).fetchall()
                old = json.loads(record)
                assert old["events"] and old["claims"]
                old["events"], old["claims"] = [], []
                conn.execute(
                    "UPDATE analyses SET record = ?, events = 0, claims = 0 WHERE article_id = ?",
                    (json.dumps(old).encode(), article_id),
                )
        return int(conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0])
    finally:
        conn.close()


def test_analyses_of_an_older_analyser_are_redone_and_give_the_fresh_story(
    tmp_path: Path, example_bundle: dict
) -> None:
    db = tmp_path / "upgraded.db"
    assert runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db), "--quiet"]).exit_code == 0
    count = _age_analyses(db, doctor="01-courier-leak.txt")
    result = runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{count} re-analysed" in result.output
    out = tmp_path / "upgraded.json"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == example_bundle
    again = runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db)])
    assert "re-analysed" not in again.output  # every analysis is current now


def test_a_story_an_older_linker_made_is_linked_again_without_new_articles(
    tmp_path: Path, example_bundle: dict
) -> None:
    import sqlite3

    from storyline.api import build
    from storyline.link.background import list_version
    from storyline.settings import Settings
    from storyline.store import open_store

    db = tmp_path / "relinked.db"
    first = build([str(EXAMPLES)], db=db, settings=Settings(quiet=True))
    assert first.linked and not first.linker_changed  # linked for its new articles
    with open_store(db, create=False, read_only=True) as store:  # the word list dating reads counts too
        assert list_version() in (store.linked_by() or "").split()
    assert not build([str(EXAMPLES)], db=db, settings=Settings(quiet=True)).linked  # nothing changed
    conn = sqlite3.connect(db)
    try:
        with conn:  # an older linker's story: no events, and its fingerprint
            conn.execute("DELETE FROM events")
            conn.execute("UPDATE story_meta SET value = ? WHERE key = 'linker'", (b"0ld0ld0ld0ld summary-160",))
    finally:
        conn.close()
    report = build([str(EXAMPLES)], db=db, settings=Settings(quiet=True))
    assert report.linked and report.linker_changed and report.added == 0
    out = tmp_path / "relinked.json"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == example_bundle
    assert not build([str(EXAMPLES)], db=db, settings=Settings(quiet=True)).linked
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute("DELETE FROM story_meta WHERE key = 'linker'")  # a story of a storyline before linkers
    finally:
        conn.close()
    result = runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "story re-linked by this storyline" in " ".join(result.output.split())


def test_keep_analyses_keeps_the_older_ones(tmp_path: Path) -> None:
    db = tmp_path / "kept.db"
    assert runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db), "--quiet"]).exit_code == 0
    count = _age_analyses(db, doctor="01-courier-leak.txt")
    result = runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db), "--keep-analyses"])
    assert result.exit_code == 0, result.output
    assert f"kept {count} analyses made by an older storyline" in " ".join(result.output.split())
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT n.analyzer, n.events FROM analyses n JOIN articles a ON a.id = n.article_id "
            "WHERE a.source LIKE '%01-courier-leak.txt'"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [("storyline 0.0 (older)", 0)]


def test_an_article_whose_re_analysis_fails_keeps_its_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import storyline.analyze
    from storyline.api import build
    from storyline.errors import E
    from storyline.settings import Settings

    db = tmp_path / "failing.db"
    build([str(EXAMPLES)], db=db, settings=Settings(quiet=True))
    count = _age_analyses(db, doctor="01-courier-leak.txt")
    real = storyline.analyze.analyze_doc

    def failing(doc, article):  # type: ignore[no-untyped-def]
        if article.source.endswith("01-courier-leak.txt"):
            raise RuntimeError("the parser broke")
        return real(doc, article)

    monkeypatch.setattr(storyline.analyze, "analyze_doc", failing)
    report = build([str(EXAMPLES)], db=db, settings=Settings(quiet=True))
    assert report.reanalysed == count - 1
    assert [(Path(p.source).name, p.code) for p in report.problems] == [("01-courier-leak.txt", E.ANALYSIS_FAILED.code)]
    conn = sqlite3.connect(db)
    try:
        left = conn.execute("SELECT n.events FROM analyses n WHERE n.analyzer = 'storyline 0.0 (older)'").fetchall()
    finally:
        conn.close()
    assert left == [(0,)]  # the doctored analysis is still there, and still due for re-analysis


def test_a_copy_of_an_article_that_failed_is_kept_as_an_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one article a batch: its failure is known before the next article is checked
    import sqlite3

    import storyline.analyze
    from storyline.api import build
    from storyline.settings import Settings

    text = (EXAMPLES / "eastbrook" / "01-courier-leak.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("BREAKS THE PARSER\n" + text, encoding="utf-8")
    (folder / "b.txt").write_text("Reprinted\n" + text + "\nCopyright the wire.", encoding="utf-8")
    real = storyline.analyze.analyze_doc

    def failing(doc, article):  # type: ignore[no-untyped-def]
        if "BREAKS THE PARSER" in article.text:
            raise RuntimeError("the parser broke")
        return real(doc, article)

    monkeypatch.setattr(storyline.analyze, "analyze_doc", failing)
    db = tmp_path / "s.db"
    report = build([str(folder)], db=db, settings=Settings(quiet=True, batch_size=1))
    assert [Path(p.source).name for p in report.problems] == ["a.txt"]
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT source, duplicate_of FROM articles").fetchall()
    finally:
        conn.close()
    assert [(Path(source).name, copy_of) for source, copy_of in rows] == [("b.txt", None)]
