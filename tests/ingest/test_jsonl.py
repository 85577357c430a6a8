"""JSON Lines and JSON readers: one article per record; bad records do not stop the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest.jsonl import read_json_file, read_jsonl_file
from storyline.model import Article, Problem
from storyline.settings import Settings

SETTINGS = Settings(quiet=True)
FIRST = "The museum reopened on Saturday after a two-year renovation of its east wing."
SECOND = "Visitors queued for an hour to see the restored ceiling, staff at the museum said."


def record(text: str, **fields: str) -> str:
    return json.dumps({"text": text, **fields})


def write(tmp_path: Path, content: str, name: str = "articles.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_every_line_is_an_article_in_file_order(tmp_path: Path) -> None:
    path = write(tmp_path, f"{record(FIRST)}\n\n{record(SECOND)}\n")
    results = list(read_jsonl_file(path, SETTINGS))
    assert [r.text for r in results if isinstance(r, Article)] == [FIRST, SECOND]
    assert all(r.source == str(path) for r in results)


def test_optional_fields_fill_the_article(tmp_path: Path) -> None:
    line = record(
        FIRST, title="Museum reopens", date="2022-03-05T10:00:00Z", url="https://example.org/m",
        outlet="City Times", author="Lee Park",
    )
    (article,) = read_jsonl_file(write(tmp_path, line), SETTINGS)
    assert isinstance(article, Article)
    assert (article.title, article.url, article.outlet, article.author) == (
        "Museum reopens", "https://example.org/m", "City Times", "Lee Park",
    )
    assert article.published is not None
    assert (article.published.date.value, article.published.method) == ("2022-03-05", "metadata")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("March 5, 2022", "2022-03-05"), ("2022-03", "2022-03"), ("not a date", None), ("", None)],
    ids=["written-out", "month-only", "garbage", "blank"],
)
def test_date_field_keeps_its_precision(tmp_path: Path, value: str, expected: str | None) -> None:
    (article,) = read_jsonl_file(write(tmp_path, record(FIRST, date=value)), SETTINGS)
    assert isinstance(article, Article)
    assert (article.published.date.value if article.published else None) == expected


@pytest.mark.parametrize(
    ("bad", "code", "words"),
    [
        pytest.param('{"text": "unterminated', "E006", "line 2", id="malformed"),
        pytest.param('{"title": "no text"}', "E007", "line 2", id="missing-text"),
        pytest.param('{"text": 42}', "E007", "line 2", id="text-not-a-string"),
        pytest.param('["a", "list"]', "E007", "line 2", id="not-an-object"),
        pytest.param(record("Advertisement"), "E014", "cleaning", id="only-debris"),
    ],
)
def test_bad_line_gives_one_problem_and_the_rest_is_read(
    tmp_path: Path, bad: str, code: str, words: str
) -> None:
    path = write(tmp_path, f"{record(FIRST)}\n{bad}\n{record(SECOND)}\n")
    first, problem, second = read_jsonl_file(path, SETTINGS)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert isinstance(problem, Problem)
    assert (problem.code, problem.source) == (code, str(path))
    assert words in problem.message


def test_record_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, f"{record('short text here')}\n{record(FIRST)}\n")
    short, long = read_jsonl_file(path, Settings(max_text_bytes=20))
    assert isinstance(short, Article)
    assert isinstance(long, Problem) and long.code == "E004"


def test_empty_jsonl_file_is_e001(tmp_path: Path) -> None:
    path = write(tmp_path, "\n\n")
    (problem,) = read_jsonl_file(path, SETTINGS)
    assert isinstance(problem, Problem) and problem.code == "E001"


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + record(FIRST).encode())
    (article,) = read_jsonl_file(path, SETTINGS)
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("content", "count"),
    [
        pytest.param(json.dumps([{"text": FIRST}, {"text": SECOND}]), 2, id="list"),
        pytest.param(json.dumps({"text": FIRST}), 1, id="single-record"),
    ],
)
def test_json_file_holds_a_list_or_one_record(tmp_path: Path, content: str, count: int) -> None:
    results = list(read_json_file(write(tmp_path, content, "a.json"), SETTINGS))
    assert len(results) == count
    assert all(isinstance(r, Article) for r in results)


def test_json_list_with_bad_record_reads_the_others(tmp_path: Path) -> None:
    content = json.dumps([{"text": FIRST}, {"title": "no text"}, {"text": SECOND}])
    results = list(read_json_file(write(tmp_path, content, "a.json"), SETTINGS))
    assert [type(r).__name__ for r in results] == ["Article", "Problem", "Article"]
    assert isinstance(results[1], Problem) and results[1].code == "E007"


def test_malformed_json_file_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[\n  {"text": "fine"},\n  {"text": oops}\n]', "a.json")
    (problem,) = read_json_file(path, SETTINGS)
    assert isinstance(problem, Problem)
    assert problem.code == "E006"
    assert "line 3" in problem.message
