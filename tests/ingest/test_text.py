"""Plain-text reader: decoding, bad files, header metadata, headline."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from storyline.ids import article_id
from storyline.ingest.text import read_text_file, split_header
from storyline.model import Article, Problem
from storyline.settings import Settings

SETTINGS = Settings(quiet=True)
BODY = "Café owners in the old town said trade had doubled since the street was closed to cars."


def read_one(path: Path, settings: Settings = SETTINGS) -> Article | Problem:
    results = list(read_text_file(path, settings))
    assert len(results) == 1
    return results[0]


def write(tmp_path: Path, data: bytes, name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(BODY.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + BODY.encode("utf-8"), id="utf-8-bom"),
        pytest.param(BODY.encode("utf-16"), id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(BODY.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(BODY.encode("cp1252"), id="cp1252"),
        pytest.param(BODY.encode("latin-1"), id="latin-1"),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes) -> None:
    article = read_one(write(tmp_path, data))
    assert isinstance(article, Article)
    assert article.text == BODY


def test_cp1252_punctuation_decodes(tmp_path: Path) -> None:
    text = "“It’s over,” she said – and left."
    article = read_one(write(tmp_path, text.encode("cp1252")))
    assert isinstance(article, Article)
    assert article.text == text


def test_double_encoded_utf8_is_repaired(tmp_path: Path) -> None:
    text = "“It’s over,” she said – and left the café."
    # What a cp1252 editor makes of UTF-8 (bytes cp1252 leaves undefined become C1 controls).
    misread = "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in text.encode()
    )
    mojibake = misread.encode("utf-8")
    article = read_one(write(tmp_path, mojibake))
    assert isinstance(article, Article)
    assert article.text == text


def test_utf8_with_a_stray_cp1252_byte_keeps_its_utf8(tmp_path: Path) -> None:
    data = "“It’s over,” she said.".encode() + b" Caf\xe9 owners agreed."
    article = read_one(write(tmp_path, data))
    assert isinstance(article, Article)
    assert article.text == "“It’s over,” she said. Café owners agreed."


def test_latin1_with_undefined_cp1252_bytes_falls_back(tmp_path: Path) -> None:
    # 0x81 is undefined in cp1252; one such byte in a long text is a stray, not another encoding.
    data = BODY.encode("latin-1") * 20 + b"\x81"
    article = read_one(write(tmp_path, data))
    assert isinstance(article, Article)
    assert article.text.startswith(BODY)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b"", "E001", id="empty"),
        pytest.param(b"  \n\r\n\t ", "E001", id="whitespace-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E002", id="nul-bytes"),
        pytest.param(bytes(range(1, 32)) * 10 + b"some words", "E002", id="control-characters"),
        pytest.param(b"\x81\x8d\x8f\x90\x9d" * 40, "E003", id="undecodable"),
    ],
)
def test_bad_files_give_one_problem(tmp_path: Path, data: bytes, code: str) -> None:
    path = write(tmp_path, data)
    result = read_one(path)
    assert isinstance(result, Problem)
    assert (result.code, result.source) == (code, str(path))


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, BODY.encode("utf-8"))
    result = read_one(path, Settings(max_text_bytes=20))
    assert isinstance(result, Problem)
    assert result.code == "E004"
    assert "over the limit of 20 bytes" in result.message


def test_nothing_left_after_cleaning_is_e014(tmp_path: Path) -> None:
    result = read_one(write(tmp_path, b"Share this:\n\nAdvertisement\n"))
    assert isinstance(result, Problem)
    assert result.code == "E014"


def test_id_is_hash_of_cleaned_text(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, f"{BODY}\r\n\r\n\r\nAdvertisement\r\n".encode()))
    assert isinstance(article, Article)
    assert article.id == article_id(BODY)
    assert article.source == str(tmp_path / "story.txt")


@pytest.mark.parametrize(
    "first_line",
    [
        " date 2017-07-13 ",
        "date: 2017-07-13 ",
        "Date: July 13, 2017 ",
        "Published 13 July 2017 ",
    ],
    ids=["bare-iso-leading-space", "colon-iso", "written-out", "published-day-first"],
)
def test_leading_date_token_becomes_published(tmp_path: Path, first_line: str) -> None:
    article = read_one(write(tmp_path, (first_line + BODY).encode()))
    assert isinstance(article, Article)
    assert article.text == BODY
    assert article.published is not None
    assert article.published.method == "metadata"
    assert article.published.date.earliest == dt.date(2017, 7, 13)
    assert article.published.date.precision == "day"


def test_date_on_its_own_line_is_removed(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, f"date: 2017-07-13\n{BODY}".encode()))
    assert isinstance(article, Article)
    assert article.text == BODY


def test_a_sentence_starting_with_date_is_not_metadata(tmp_path: Path) -> None:
    text = "Date palms line the avenue, which was planted in 1920 by the first settlers."
    article = read_one(write(tmp_path, text.encode()))
    assert isinstance(article, Article)
    assert (article.text, article.published) == (text, None)


def test_header_block_fills_metadata(tmp_path: Path) -> None:
    header = (
        "title: Streets closed to cars\nDate: 2020-05-01\noutlet: Town Courier\n"
        "url: https://example.org/a\nauthor: Ana Ruiz\n\n"
    )
    article = read_one(write(tmp_path, (header + BODY).encode()))
    assert isinstance(article, Article)
    assert article.text == BODY
    assert (article.title, article.outlet, article.url, article.author) == (
        "Streets closed to cars", "Town Courier", "https://example.org/a", "Ana Ruiz",
    )
    assert article.published is not None and article.published.date.value == "2020-05-01"


def test_key_value_lines_mixed_with_prose_are_not_a_header() -> None:
    text = f"Note: the figures are provisional\nand may change.\n\n{BODY}"
    assert split_header(text) == (text, {})


def test_short_first_line_is_the_title_and_stays_in_text(tmp_path: Path) -> None:
    headline = "Old town streets closed to cars"
    article = read_one(write(tmp_path, f"{headline}\n\n{BODY}".encode()))
    assert isinstance(article, Article)
    assert article.title == headline
    assert article.text == f"{headline}\n\n{BODY}"


@pytest.mark.parametrize(
    "first",
    [
        "The street was closed in May.",
        " ".join(["word"] * 25),
    ],
    ids=["ends-with-full-stop", "too-long"],
)
def test_first_line_that_is_not_a_headline_gives_no_title(tmp_path: Path, first: str) -> None:
    article = read_one(write(tmp_path, f"{first}\n\n{BODY}".encode()))
    assert isinstance(article, Article)
    assert article.title is None


def test_title_is_found_after_debris_is_cleaned(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, f"X\n\nStreets closed to cars\n\n{BODY}".encode()))
    assert isinstance(article, Article)
    assert article.title == "Streets closed to cars"
    assert [r.reason for r in article.removed] == ["lone glyph"]
