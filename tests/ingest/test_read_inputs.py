"""read_inputs(): files, folders, globs; dispatch by suffix; problems never stop the run."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import seeds_or_skip

import storyline.ingest as ingest
from storyline.ingest import read_inputs
from storyline.model import Article, Problem
from storyline.settings import Settings

SETTINGS = Settings(quiet=True)
DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def body(n: int) -> str:
    return f"Story {n}: the council met on Monday and voted {n} to 3 to approve the new cycle lanes."


def sources(results: list[Article | Problem]) -> list[str]:
    return [Path(r.source).name for r in results]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(body(1))
    (root / "b" / "c.txt").write_text(body(2))
    (root / "b" / "deep" / "d.jsonl").write_text(json.dumps({"text": body(3)}) + "\n")
    (root / "b" / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / ".secret.txt").write_text(body(4))
    (root / ".hidden" / "e.txt").write_text(body(5))
    return root


def test_folder_is_read_recursively_in_sorted_order(folder: Path) -> None:
    results = list(read_inputs([str(folder)], SETTINGS))
    assert sources(results) == ["a.txt", "c.txt", "d.jsonl"]
    assert all(isinstance(r, Article) for r in results)


def test_glob_matches_are_sorted(folder: Path) -> None:
    results = list(read_inputs([str(folder / "**" / "*.txt")], SETTINGS))
    assert sources(results) == ["a.txt", "c.txt"]


@pytest.mark.parametrize(
    ("name", "code"),
    [("notes.docx", "E011"), ("missing.txt", "E012")],
    ids=["unsupported-named-file", "missing-file"],
)
def test_bad_explicit_input_gives_one_problem(folder: Path, name: str, code: str) -> None:
    path = folder / "b" / name
    (result,) = read_inputs([str(path)], SETTINGS)
    assert isinstance(result, Problem)
    assert (result.code, result.source) == (code, str(path))


def test_glob_without_matches_is_e012(tmp_path: Path) -> None:
    (result,) = read_inputs([str(tmp_path / "*.txt")], SETTINGS)
    assert isinstance(result, Problem) and result.code == "E012"


def test_a_path_given_twice_is_read_once(folder: Path) -> None:
    results = list(read_inputs([str(folder / "a.txt"), str(folder)], SETTINGS))
    assert sources(results) == ["a.txt", "c.txt", "d.jsonl"]


def test_bad_files_do_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text(body(1))
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.html").write_bytes((DATA / "no_article.html").read_bytes())
    (tmp_path / "4.jsonl").write_text("{oops\n")
    (tmp_path / "5.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "6.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900\r\n\r\ncut")
    (tmp_path / "7.txt").write_text(body(7))
    results = list(read_inputs([str(tmp_path)], SETTINGS))
    assert [r.code if isinstance(r, Problem) else "article" for r in results] == [
        "article", "E001", "E005", "E006", "E002", "E008", "article",
    ]
    assert all(Path(r.source).parent == tmp_path for r in results)


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("a.txt", "read_text_file"), ("a.HTML", "read_html_file"), ("a.htm", "read_html_file"),
        ("a.jsonl", "read_jsonl_file"), ("a.json", "read_json_file"), ("a.warc", "read_warc_file"),
        ("a.warc.gz", "read_warc_file"), ("a.urls", "read_urls_file"),
    ],
)
def test_dispatch_by_suffix(name: str, reader: str) -> None:
    found = ingest.reader_for(Path(name))
    assert found is not None and found.__name__ == reader


def test_reader_crash_becomes_e013(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(path: Path, settings: Settings) -> Iterator[Article | Problem]:
        raise RuntimeError("parser bug")
        yield  # pragma: no cover - makes this a generator

    monkeypatch.setitem(ingest.READERS, ".txt", crash)
    (tmp_path / "a.txt").write_text(body(1))
    (result,) = read_inputs([str(tmp_path / "a.txt")], SETTINGS)
    assert isinstance(result, Problem)
    assert (result.code, result.message) == ("E013", "cannot read the file (RuntimeError: parser bug)")


@pytest.mark.parametrize(
    "module",
    ["storyline.ingest", "storyline.ingest.clean", "storyline.ingest.dedup", "storyline.ingest.html",
     "storyline.ingest.jsonl", "storyline.ingest.text", "storyline.ingest.urls", "storyline.ingest.warc"],
)
def test_all_is_sorted_and_defined(module: str) -> None:
    loaded = importlib.import_module(module)
    assert list(loaded.__all__) == sorted(loaded.__all__)
    assert all(hasattr(loaded, name) for name in loaded.__all__)


# ------------------------------------------------------------------ the seed story


@pytest.fixture(scope="module")
def seeds() -> list[Article | Problem]:
    return list(read_inputs([str(seeds_or_skip())], SETTINGS))


def test_seeds_give_five_articles(seeds: list[Article | Problem]) -> None:
    assert len(seeds) == 5
    assert all(isinstance(a, Article) for a in seeds)


def test_seed_with_metadata_date_is_dated_and_loses_the_token(seeds: list[Article | Problem]) -> None:
    dated = [a for a in seeds if isinstance(a, Article) and a.published is not None]
    assert len(dated) == 1
    assert dated[0].published is not None and dated[0].published.date.value == "2017-07-13"
    assert not dated[0].text.lower().startswith("date")


def test_seed_lone_letter_is_cleaned_and_recorded(seeds: list[Article | Problem]) -> None:
    glyphs = [a for a in seeds if isinstance(a, Article) and any(r.reason == "lone glyph" for r in a.removed)]
    assert len(glyphs) == 1
    assert not glyphs[0].text.startswith("X\n")
