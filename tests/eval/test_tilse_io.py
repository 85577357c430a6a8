from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.eval.tilse_io import SEPARATOR, format_timeline, parse_timeline, read_timeline, write_timeline

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "tls" / "t17" / "gold_timelines"

D1 = dt.date(2009, 6, 25)
D2 = dt.date(2009, 6, 28)

TWO_BLOCKS = """2009-06-25
Paramedics are called to the house .
He travels with the patient in an ambulance .
--------------------------------
2009-06-28
Police interview the doctor for three hours .
--------------------------------
"""


def test_parse_reads_dates_and_sentences_in_order() -> None:
    assert parse_timeline(TWO_BLOCKS) == {
        D1: ["Paramedics are called to the house .", "He travels with the patient in an ambulance ."],
        D2: ["Police interview the doctor for three hours ."],
    }


def test_parse_sorts_dates() -> None:
    text = "2009-06-28\nLater .\n-----\n2009-06-25\nEarlier .\n-----\n"
    assert list(parse_timeline(text)) == [D1, D2]


def test_parse_keeps_both_blocks_of_a_repeated_date() -> None:
    text = "2009-06-25\nFirst .\n-----\n2009-06-25\nSecond .\n-----\n"
    assert parse_timeline(text) == {D1: ["First .", "Second ."]}


def test_parse_keeps_a_last_block_without_separator() -> None:
    assert parse_timeline("2009-06-25\nUnclosed .\n") == {D1: ["Unclosed ."]}


def test_parse_ignores_blank_lines_and_outer_spaces() -> None:
    assert parse_timeline("\n2009-06-25  \n\n  Spaced .  \n\n-----\n") == {D1: ["Spaced ."]}


@pytest.mark.parametrize(
    "text",
    [pytest.param("A sentence first .\n2009-06-25\n", id="sentence-before-date"),
     pytest.param("2009-06-25\nOk .\n-----\nStray .\n", id="sentence-after-separator"),
     pytest.param("2009-02-30\nNo such day .\n", id="impossible-date")],
)
def test_parse_refuses_malformed_text(text: str) -> None:
    with pytest.raises(ValueError, match="line"):
        parse_timeline(text)


def test_format_writes_the_tilse_layout() -> None:
    assert format_timeline({D2: ["Two ."], D1: ["One .", "Also one ."]}) == (
        f"2009-06-25\nOne .\nAlso one .\n{SEPARATOR}\n2009-06-28\nTwo .\n{SEPARATOR}\n"
    )


def test_format_puts_each_sentence_on_one_line() -> None:
    assert format_timeline({D1: ["Broken\nacross  lines ."]}).splitlines()[1] == "Broken across lines ."


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    timeline = parse_timeline(TWO_BLOCKS)
    write_timeline(timeline, tmp_path / "tl.txt")
    assert read_timeline(tmp_path / "tl.txt") == timeline


def test_reads_every_timeline17_gold_file() -> None:
    if not GOLD.is_dir():
        pytest.skip("../shared/bench/tls/t17 is absent")
    for path in sorted(GOLD.glob("*/*.txt")):
        timeline = read_timeline(path)
        assert timeline, path
        assert all(timeline.values()), path
