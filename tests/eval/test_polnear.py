"""The PolNeAR reader and span matching, on a small BRAT document written here."""

from pathlib import Path

import pytest

from storyline.eval.polnear import containing, marked_share, match_spans, prf, read_polnear, trim

TEXT = "“We will act,” Nora Halvorsen said. Arkwright said the vote was close.\n"
ANN = """T1\tContent 1 12\tWe will act
T2\tSource 15 29\tNora Halvorsen
T3\tCue 30 34\tsaid
E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2
T4\tSource 36 45\tArkwright
T5\tCue 46 50\tsaid
T6\tContent 51 56;57 70\tthe vote was close
E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for sub in ("text", "attributions"):
        (tmp_path / "data" / "test" / sub).mkdir(parents=True)
    (tmp_path / "data" / "test" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "data" / "test" / "attributions" / "a_x1.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "data" / "test" / "attributions" / "a_y2.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_reads_one_annotator_per_article(root: Path) -> None:
    (doc,) = read_polnear(root, "test")
    assert (doc.doc_id, len(doc.attributions)) == ("a", 2)


def test_attribution_carries_content_cue_and_source(root: Path) -> None:
    (doc,) = read_polnear(root, "test")
    first = doc.attributions[0]
    assert (first.content_text, first.source, first.cue) == ("We will act", ((15, 29),), ((30, 34),))


def test_discontinuous_content_keeps_its_pieces(root: Path) -> None:
    (doc,) = read_polnear(root, "test")
    assert doc.attributions[1].content == ((51, 56), (57, 70))


@pytest.mark.parametrize(
    ("text", "share"),
    [
        pytest.param("“We will act,”", 1.0, id="all-quoted"),
        pytest.param("the vote was close", 0.0, id="no-marks"),
        pytest.param('ab "cd"', 0.5, id="half-straight"),
    ],
)
def test_marked_share(text: str, share: float) -> None:
    assert marked_share(text) == share


def test_trim_drops_marks_and_edge_punctuation() -> None:
    assert trim("“We will act,” she said", 0, 14) == (1, 12)


@pytest.mark.parametrize(
    ("pred", "threshold", "matched"),
    [
        pytest.param(((0, 14),), None, True, id="exact-after-trim"),
        pytest.param(((1, 5),), None, False, id="exact-needs-equal-spans"),
        pytest.param(((1, 5),), 0.3, True, id="covers-a-third"),
        pytest.param(((1, 5),), 0.8, False, id="covers-less-than-0.8"),
    ],
)
def test_match_spans_by_gold_coverage(pred, threshold: float | None, matched: bool) -> None:  # type: ignore[no-untyped-def]
    assert bool(match_spans(TEXT, [((1, 12),)], [pred], threshold)) is matched


def test_match_spans_pairs_one_to_one() -> None:
    assert len(match_spans(TEXT, [((1, 12),)], [((1, 12),), ((1, 12),)], 0.3)) == 1


def test_containing_finds_the_gold_span_around_a_prediction() -> None:
    assert containing(TEXT, [((1, 12),), ((51, 70),)], ((57, 70),), 0.8) == 1


def test_prf_from_counts() -> None:
    assert prf(1, 2, 1, 4) == pytest.approx((0.5, 0.25, 1 / 3))


REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "bench" / "quotes" / "polnear"


@pytest.mark.skipif(not REAL.is_dir(), reason="PolNeAR not present")
def test_real_test_split_reads_with_valid_offsets() -> None:
    docs = read_polnear(REAL, "test")
    assert len(docs) == 84
    assert all(0 <= a <= b <= len(d.text) for d in docs for att in d.attributions for a, b in att.content)
