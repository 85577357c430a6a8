from __future__ import annotations

import pytest

from storyline.link.claims import compare_claims
from storyline.model import Article, ArticleAnalysis, Conflict

from .records import analysis, art, claim

Bound = tuple[float | None, float | None]


def said(
    text: str,
    number: str,
    low: float | None,
    high: float | None,
    *,
    subject: str = "people detained",
    approx: str | None = None,
    duplicate_of: str | None = None,
) -> tuple[Article, ArticleAnalysis]:
    a = art(text, duplicate_of=duplicate_of)
    return a, analysis(a, claims=(claim(a, number, subject, low, high, approx=approx),))


def conflicts(*pairs: tuple[Article, ArticleAnalysis | None]) -> tuple[Conflict, ...]:
    return compare_claims(list(pairs))[1]


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (("more than 50", 51, None), ("53", 53, 53), True),
        (("12", 12, 12), ("15", 15, 15), False),
        (("52", 52, 52), ("53", 53, 53), False),
        (("between 10 and 20", 10, 20), ("15", 15, 15), True),
        (("fewer than 10", None, 9), ("12", 12, 12), False),
    ],
    ids=["more-than-50-vs-53", "12-vs-15", "52-vs-53", "range-contains", "fewer-than-vs-more"],
)
def test_agreement(
    a: tuple[str, float | None, float | None], b: tuple[str, float | None, float | None], agree: bool
) -> None:
    found = conflicts(
        said(f"Police said {a[0]} people were detained.", *a),
        said(f"Officials said {b[0]} people were detained.", *b),
    )
    assert (found == ()) is agree


def test_conflict_lists_the_disagreeing_claims() -> None:
    first, second = (
        said("Police said 12 were held.", "12", 12, 12),
        said("Others said 15 were held.", "15", 15, 15),
    )
    (found,) = conflicts(first, second)
    assert found.about == "people detained"
    assert found.claims == tuple(sorted((first[1].claims[0].id, second[1].claims[0].id)))
    assert found.id.startswith("x-")


def test_approximate_claim_widened() -> None:
    found = conflicts(
        said("About 50 were held.", "About 50", 50, 50, approx="about"), said("53 were held.", "53", 53, 53)
    )
    assert found == ()


def test_same_article_never_conflicts() -> None:
    a = art("First 12 were held, then 15 were held.")
    pair = (
        a,
        analysis(
            a, claims=(claim(a, "12", "people detained", 12, 12), claim(a, "15", "people detained", 15, 15))
        ),
    )
    assert conflicts(pair) == ()


def test_copy_never_conflicts() -> None:
    first = said("Police said 12 were held.", "12", 12, 12)
    copy = said("Police said 15 were held.", "15", 15, 15, duplicate_of=first[0].id)
    assert conflicts(first, copy) == ()


@pytest.mark.parametrize(
    ("subject", "grouped"),
    [
        ("detained people", True),
        ("people were detained", True),
        ("people killed", False),
        ("people", False),
    ],
    ids=["word-order", "extra-word", "different-subject", "lone-word"],
)
def test_subjects_grouped_by_similarity(subject: str, grouped: bool) -> None:
    found = conflicts(
        said("Police said 12 were held.", "12", 12, 12),
        said("Others said 15 were held.", "15", 15, 15, subject=subject),
    )
    assert bool(found) is grouped


def test_every_claim_kept_with_its_mention_id() -> None:
    pair = said("Police said 12 were held.", "12", 12, 12)
    claims, _ = compare_claims([pair])
    assert [c.id for c in claims] == [pair[1].claims[0].id]
