"""Near-duplicates: syndicated copies point at the earliest-seen original."""

from __future__ import annotations

import pytest

from storyline.ids import article_id
from storyline.ingest.dedup import PERMUTATIONS, Deduplicator, band_keys, jaccard, signature
from storyline.model import Article

ORIGINAL = " ".join(
    [
        "The regional water authority announced on Wednesday that it would raise prices by eight percent",
        "from next April, citing the cost of repairing pipes damaged during last winter's cold spell.",
        "Officials said about one in five of the network's older mains had cracked, and that leaks had",
        "cost the authority more than two million litres a day at the peak of the freeze in January.",
        "Consumer groups criticised the increase, saying households were already struggling with higher",
        "energy bills, and called on the authority to spread the cost of the repairs over ten years.",
        "The authority's chief executive said the work could not wait, because further failures would",
        "leave thousands of homes without water and cost far more to fix in an emergency.",
        "A public consultation on the plan will open next month and run until the end of the year.",
    ]
)
# The same report with a new first sentence, two small edits and a different sign-off.
SYNDICATED = (
    "(Wire) " + ORIGINAL.replace("on Wednesday", "this week").replace("ten years", "a decade")
    + " Reporting by the wire desk; editing by the night team."
)
OTHER = " ".join(
    [
        "Firefighters spent the night tackling a blaze at a disused warehouse near the railway station,",
        "where smoke could be seen for miles across the valley. No one was hurt, the fire service said,",
        "but nearby roads stayed closed on Thursday morning while crews damped down the remains.",
        "Police said they were treating the fire as suspicious and appealed for witnesses to come forward.",
    ]
)


def art(text: str) -> Article:
    return Article(id=article_id(text), source="test", text=text)


def test_signature_is_deterministic_bytes() -> None:
    sig = signature(ORIGINAL)
    assert sig == signature(ORIGINAL)
    assert len(sig) == 4 * PERMUTATIONS


@pytest.mark.parametrize(
    ("first", "second", "low", "high"),
    [
        pytest.param(ORIGINAL, ORIGINAL, 1.0, 1.0, id="same"),
        pytest.param(ORIGINAL, SYNDICATED, 0.8, 1.0, id="syndicated"),
        pytest.param(ORIGINAL, OTHER, 0.0, 0.1, id="unrelated"),
    ],
)
def test_estimated_jaccard(first: str, second: str, low: float, high: float) -> None:
    assert low <= jaccard(signature(first), signature(second)) <= high


def test_syndicated_copy_points_at_the_original() -> None:
    dedup = Deduplicator(0.8)
    original, _ = dedup.check(art(ORIGINAL))
    copy, _ = dedup.check(art(SYNDICATED))
    assert original.duplicate_of is None
    assert copy.duplicate_of == original.id


def test_unrelated_article_is_not_a_copy() -> None:
    dedup = Deduplicator(0.8)
    dedup.check(art(ORIGINAL))
    other, _ = dedup.check(art(OTHER))
    assert other.duplicate_of is None


def test_exact_copy_is_left_to_the_caller() -> None:
    dedup = Deduplicator(0.8)
    dedup.check(art(ORIGINAL))
    again, _ = dedup.check(art(ORIGINAL))
    assert again.duplicate_of is None


def test_known_signatures_count_as_seen_first() -> None:
    earlier = art(SYNDICATED)
    dedup = Deduplicator(0.8, known=[(earlier.id, signature(earlier.text))])
    article, sig = dedup.check(art(ORIGINAL))
    assert article.duplicate_of == earlier.id
    assert sig == signature(ORIGINAL)


def test_earliest_of_several_matches_wins() -> None:
    dedup = Deduplicator(0.8)
    first, _ = dedup.check(art(ORIGINAL))
    dedup.check(art(SYNDICATED))
    third, _ = dedup.check(art(SYNDICATED + " Updated."))
    assert third.duplicate_of == first.id


def test_signature_of_another_length_is_ignored() -> None:
    dedup = Deduplicator(0.8, known=[("a-old", b"\x00" * 7)])
    article, _ = dedup.check(art(ORIGINAL))
    assert article.duplicate_of is None


def test_short_texts_get_a_signature() -> None:
    assert len(signature("Too short")) == 4 * PERMUTATIONS


def test_copies_are_found_among_other_articles() -> None:
    # the original sits between unrelated articles: found, and the earliest still wins
    dedup = Deduplicator(0.8)
    others = [art(" ".join(f"story{i} word{j}" for j in range(60))) for i in range(4)]
    for other in others[:2]:
        dedup.check(other)
    first, _ = dedup.check(art(ORIGINAL))
    for other in others[2:]:
        dedup.check(other)
    copy, _ = dedup.check(art(SYNDICATED))
    later, _ = dedup.check(art(SYNDICATED + " Updated."))
    assert first.duplicate_of is None
    assert copy.duplicate_of == first.id and later.duplicate_of == first.id


class _Shelf:
    """What a store's band index answers (:meth:`Store.near_copies`), over a list, for these tests."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, bytes]] = []

    def near_copies(self, keys: list[int]) -> list[tuple[str, bytes]]:
        wanted = set(keys)
        return [(i, sig) for i, sig in self.rows if wanted & set(band_keys(sig))]


def _texts() -> list[str]:
    edited = ORIGINAL.replace("eight percent", "nine percent")
    return [ORIGINAL, OTHER, SYNDICATED, edited, OTHER + " Updated.", ORIGINAL + " Corrected."]


def test_a_store_backed_index_marks_the_same_copies_as_one_in_memory() -> None:
    memory = Deduplicator(0.8)
    shelf = _Shelf()
    stored = Deduplicator(0.8, stored=shelf.near_copies)
    copies = 0
    for text in _texts():
        a, sig = stored.check(art(text))
        assert a == memory.check(art(text))[0]
        copies += a.duplicate_of is not None
        shelf.rows.append((a.id, sig))  # written at once
        stored.stored([a.id])
    assert copies == 4


def test_articles_on_their_way_to_the_store_are_copies_too() -> None:
    # nothing is written until the end: the copy is found among the pending articles
    shelf = _Shelf()
    dedup = Deduplicator(0.8, stored=shelf.near_copies)
    original, _ = dedup.check(art(ORIGINAL))
    assert dedup.pending(original.id)
    copy, _ = dedup.check(art(SYNDICATED))
    assert copy.duplicate_of == original.id


def test_a_stored_original_comes_before_a_pending_one() -> None:
    shelf = _Shelf()
    first = art(ORIGINAL + " Corrected.")
    shelf.rows.append((first.id, signature(first.text)))
    dedup = Deduplicator(0.8, stored=shelf.near_copies)
    dedup.check(art(ORIGINAL))  # pending, itself a copy of the stored one
    assert dedup.check(art(SYNDICATED))[0].duplicate_of == first.id


def test_stored_articles_are_forgotten_by_the_index() -> None:
    dedup = Deduplicator(0.8, stored=_Shelf().near_copies)
    original, _ = dedup.check(art(ORIGINAL))
    dedup.stored([original.id])
    assert not dedup.pending(original.id)
    assert dedup._held == {} and dedup._by_key == {}
    # the (empty) store does not have it: nothing left in memory to match
    assert dedup.check(art(SYNDICATED))[0].duplicate_of is None
