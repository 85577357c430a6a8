"""Coreference scores against the worked example of Pradhan et al. (2014), computed by hand."""

import pytest

from storyline.eval import coref

# Key {a b c} {d e f g}; response {a b} {c d} {f g h i} (Pradhan et al. 2014, figure 1).
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


@pytest.mark.parametrize(
    ("metric", "precision", "recall"),
    [
        pytest.param(coref.muc, 2 / 5, 2 / 5, id="muc"),
        pytest.param(coref.b_cubed, 4 / 8, (35 / 12) / 7, id="b3"),
        pytest.param(coref.ceaf_e, 1.3 / 3, 1.3 / 2, id="ceaf-e"),
    ],
)
def test_metric_matches_hand_computed_example(metric, precision: float, recall: float) -> None:
    p, r, f = metric(KEY, RESPONSE)
    assert (p, r, f) == pytest.approx((precision, recall, 2 * precision * recall / (precision + recall)))


@pytest.mark.parametrize("metric", [coref.muc, coref.b_cubed, coref.ceaf_e], ids=["muc", "b3", "ceaf-e"])
def test_identical_partitions_score_one(metric) -> None:
    assert metric(KEY, KEY) == pytest.approx((1.0, 1.0, 1.0))


def test_muc_of_singletons_only_is_zero_not_an_error() -> None:
    assert coref.muc([{"a"}, {"b"}], [{"a"}, {"b"}]) == (0.0, 0.0, 0.0)


def test_ceaf_e_uses_the_best_alignment_not_the_greedy_one() -> None:
    # phi4: k0-r0 6/10, k0-r1 4/7, k1-r0 4/7, k1-r1 0. Greedy takes k0-r0 (0.6 in all); the optimum 8/7.
    key = [{"a", "b", "c", "d", "e"}, {"f", "g"}]
    response = [{"a", "b", "c", "f", "g"}, {"d", "e"}]
    p, r, _ = coref.ceaf_e(key, response)
    assert (p, r) == pytest.approx((8 / 7 / 2, 8 / 7 / 2))


def test_conll_is_the_mean_of_the_three_f1s() -> None:
    scores = coref.conll(KEY, RESPONSE)
    f1s = [scores[name][2] for name in ("muc", "b3", "ceaf_e")]  # type: ignore[index]
    assert scores["conll"] == pytest.approx(sum(f1s) / 3)
