"""TempEval-3 scoring: relaxed and strict matches, type and value accuracy, value F1."""

from __future__ import annotations

import pytest

from storyline.eval.tempeval import match, score_documents
from storyline.eval.timeml import Timex


def tx(start: int, end: int, value: str = "2017", type_: str = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), type_, value)


@pytest.mark.parametrize(
    ("gold", "system", "strict", "relaxed"),
    [
        ([tx(0, 5)], [tx(0, 5)], 1, 1),
        ([tx(0, 5)], [tx(3, 9)], 0, 1),
        ([tx(0, 5)], [tx(5, 9)], 0, 0),
        ([tx(0, 5), tx(6, 9)], [tx(0, 9)], 0, 1),
    ],
    ids=["identical", "overlap", "adjacent", "one-system-for-two-gold"],
)
def test_matching(gold: list[Timex], system: list[Timex], strict: int, relaxed: int) -> None:
    counts, _ = match(gold, system)
    assert (counts.strict, counts.relaxed) == (strict, relaxed)


def test_value_and_type_are_scored_over_relaxed_matches() -> None:
    counts, _ = match([tx(0, 5, "2017-07"), tx(10, 15, "P1Y", "DURATION")],
                      [tx(0, 5, "2017-07"), tx(10, 15, "P2Y", "DATE")])
    assert (counts.value_ok, counts.type_ok) == (1, 1)


def test_value_f1_is_value_accuracy_times_relaxed_f1() -> None:
    s = score_documents([([tx(0, 5, "2017"), tx(10, 15, "2018")], [tx(0, 5, "2017"), tx(20, 25)])])
    assert (s.relaxed_p, s.relaxed_r, s.relaxed_f1) == (50.0, 50.0, 50.0)
    assert (s.value_acc, s.value_f1) == (100.0, 50.0)


def test_no_output_scores_zero() -> None:
    s = score_documents([([tx(0, 5)], [])])
    assert (s.relaxed_f1, s.value_f1) == (0.0, 0.0)
