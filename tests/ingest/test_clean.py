"""clean(): debris out by general rules, real reporting kept, every removal recorded."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import clean, normalise_whitespace
from storyline.model import Removed

BODY = (
    "The county board approved the new budget on Thursday after a three-hour debate.\n\n"
    "Supporters said the plan would hire twelve more teachers, while opponents warned of tax rises."
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("one\r\ntwo\rthree", "one\ntwo\nthree", id="line-endings"),
        pytest.param("one   \ntwo\t", "one\ntwo", id="trailing-spaces"),
        pytest.param("one\n\n\n\n\ntwo", "one\n\ntwo", id="blank-runs"),
        pytest.param("\n\n  \none\n\n", "one", id="blank-edges"),
        pytest.param("one\n\xa0\n\n\ntwo", "one\n\ntwo", id="nbsp-only-line"),
    ],
)
def test_normalise_whitespace(raw: str, expected: str) -> None:
    assert normalise_whitespace(raw) == expected


@pytest.mark.parametrize(
    ("debris", "reason"),
    [
        pytest.param("Share this:", "share prompt", id="share-this"),
        pytest.param("Click to share on Twitter (Opens in new window)", "share prompt", id="click-to-share"),
        pytest.param("Leave a comment", "comment prompt", id="leave-comment"),
        pytest.param("Leave a Reply", "comment prompt", id="leave-reply"),
        pytest.param("12 Comments", "comment prompt", id="comment-count"),
        pytest.param(
            "Your email address will not be published. Required fields are marked *",
            "comment prompt", id="comment-form",
        ),
        pytest.param("Sign up for our newsletter", "newsletter prompt", id="newsletter"),
        pytest.param("Follow us on Facebook and Instagram", "follow prompt", id="follow-us"),
        pytest.param("Advertisement", "advertisement", id="advertisement"),
        pytest.param("X", "lone glyph", id="lone-letter"),
        pytest.param("▶", "lone glyph", id="icon"),
        pytest.param("READ MORE: Budget talks stall again", "related links", id="inline-read-more"),
    ],
)
def test_prompt_lines_are_removed(debris: str, reason: str) -> None:
    text, removed = clean(f"{debris}\n\n{BODY}\n\n{debris}")
    assert text == BODY
    assert removed == (Removed(text=debris, reason=reason),) * 2


@pytest.mark.parametrize(
    "heading", ["Related posts", "Read more", "You may also like", "Related Stories:"],
    ids=["related-posts", "read-more", "may-also-like", "related-stories-colon"],
)
def test_related_heading_takes_its_short_lines_with_it(heading: str) -> None:
    listed = "School bus routes change next week\n\nLibrary hours extended for exams"
    text, removed = clean(f"{BODY}\n\n{heading}\n\n{listed}")
    assert text == BODY
    assert removed == (Removed(text=f"{heading}\n" + listed.replace("\n\n", "\n"), reason="related links"),)


def test_related_block_stops_at_prose() -> None:
    prose = (
        "The board will meet again in March. Members are expected to discuss the transport budget, "
        "which was left out of this week's vote."
    )
    text, _ = clean(f"{BODY}\n\nRead more\n\nBus routes change next week\n\n{prose}")
    assert text == f"{BODY}\n\n{prose}"


@pytest.mark.parametrize(
    "bio",
    [
        "Jane Doe is a reporter covering city hall. Follow her on Twitter @janedoe.",
        "Sam Smith is a staff writer at the Valley Herald.",
        "Contact the author at news@example.org or follow him on Twitter.",
    ],
    ids=["reporter-covering", "staff-writer", "follow-him"],
)
def test_trailing_author_bio_is_removed(bio: str) -> None:
    text, removed = clean(f"{BODY}\n\n{bio}")
    assert text == BODY
    assert removed == (Removed(text=bio, reason="author bio"),)


def test_bio_like_paragraph_inside_the_article_is_kept() -> None:
    bio = "Jane Doe is a reporter covering city hall."
    text, removed = clean(f"{bio}\n\n{BODY}")
    assert text == f"{bio}\n\n{BODY}"
    assert removed == ()


def test_dangling_lead_in_at_the_end_is_removed() -> None:
    text, removed = clean(f"{BODY}\n\nThe full report can be read below:")
    assert text == BODY
    assert removed == (Removed(text="The full report can be read below:", reason="dangling lead-in"),)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Share prices fell sharply on Monday as investors worried about the cost of the new rules.",
        "Follow-up inspections found that the bridge had been repaired, officials said in a statement.",
        "Advertisement revenue at the paper fell by a third last year, its owners told staff.",
        "Read more about the plan in the council's report, which runs to 200 pages, a spokesman said.",
        "The mayor, who is a former reporter, said the budget was fair. She declined to comment further.",
    ],
    ids=["share-prices", "follow-up", "advertisement-revenue", "read-more-prose", "former-reporter"],
)
def test_normal_sentences_are_never_removed(paragraph: str) -> None:
    text, removed = clean(f"{paragraph}\n\n{BODY}\n\n{paragraph}")
    assert text == f"{paragraph}\n\n{BODY}\n\n{paragraph}"
    assert removed == ()


def test_only_debris_leaves_nothing() -> None:
    text, removed = clean("Share this:\n\nAdvertisement")
    assert text == ""
    assert [r.reason for r in removed] == ["share prompt", "advertisement"]
