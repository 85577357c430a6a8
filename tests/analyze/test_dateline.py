"""Datelines: a publication date the text states about itself, at its start, and nowhere else."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_article

from storyline.analyze.dateline import WINDOW, find_dateline, opens_dateline


@pytest.mark.parametrize(
    ("text", "date_text"),
    [
        ("July 13, 2017 — The Senate voted on the measure.", "July 13, 2017"),
        ("WASHINGTON, July 13, 2017 (Reuters) - The Senate voted.", "July 13, 2017"),
        ("Published: 13 July 2017\n\nThe Senate voted.", "13 July 2017"),
        ("A headline about the vote\nUpdated 2017-07-13 10:32 GMT\nThe Senate voted.", "2017-07-13"),
        ("By Jane Roe | Thursday, July 13, 2017\nThe Senate voted.", "July 13, 2017"),
        ("A headline\nPosted on Jul. 13, 2017 at 3:45 p.m. ET\nThe Senate voted.", "Jul. 13, 2017"),
        ("date 2017-07-13 The Senate voted.", "2017-07-13"),
        # a page whose line breaks were lost: the stamp's clock time and zone mark it
        ("By Jane Roe , Editor OSLO | Thu Jul 13 , 2017 4:23 pm EST OSLO -LRB- Wire -RRB- - The Senate voted.",
         "Jul 13 , 2017"),
        ("Vote delayed as talks stall Thursday 13 July 2017 21.31 BST The Senate voted.", "13 July 2017"),
        ("Jane Roe | 14:07 PM , Thursday , 13 July 2017 The Senate voted.", "13 July 2017"),
    ],
    ids=["date-dash", "city-agency", "published-label", "updated-label", "byline-bar", "posted-with-time",
         "date-label", "flattened-stamp", "stamp-after-headline",
         "clock-first-stamp"],
)
def test_dateline_found(text: str, date_text: str) -> None:
    article = make_article(text)
    found = find_dateline(article)
    assert found is not None
    assert (found.method, found.date.value, found.date.precision) == ("explicit", "2017-07-13", "day")
    (span,) = found.evidence
    assert span.text == date_text == text[span.start : span.end]
    assert span.article == article.id


@pytest.mark.parametrize(
    "text",
    [
        "On July 13, 2017, the Senate voted on the measure.",
        "NEW YORK (AP) — The Senate voted on the measure on July 13, 2017.",
        "The Senate voted on Thursday, July 13, 2017 - a first for the chamber.",
        "x" * (WINDOW + 10) + "\nJuly 13, 2017 — The Senate voted.",
        "Published: July 2017\nThe Senate voted.",
        "The Senate voted on July 13, 2017 4:23 pm EST after a long debate.",
        "The figures as of 17:00 GMT 13 July 2017 are final.",
    ],
    ids=["sentence-date", "date-in-body", "date-mid-line", "beyond-window", "month-only", "clock-in-sentence",
         "clock-after-preposition"],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(make_article(text)) is None


def test_published_beats_updated() -> None:
    found = find_dateline(make_article("Published July 12, 2017; Updated July 13, 2017\nThe Senate voted."))
    assert found is not None and found.date.earliest == dt.date(2017, 7, 12)


def test_reported_even_when_metadata_has_a_date() -> None:
    found = find_dateline(make_article("July 13, 2017 — The Senate voted.", published="2017-07-14"))
    assert found is not None and found.date.earliest == dt.date(2017, 7, 13)


def test_impossible_date_is_ignored() -> None:
    assert find_dateline(make_article("February 30, 2017 — The Senate voted.")) is None


@pytest.mark.parametrize(("text", "place", "expected"), [
    ("WASHINGTON – The council met.", "WASHINGTON", True),
    ("Intro.\nLONDON (Wire) -- Talks began.", "LONDON", True),
    ("The WASHINGTON office – closed.", "WASHINGTON", False),  # not at a line start
    ("LONDON talks began.", "LONDON", False),  # no dash after the place
])
def test_opens_dateline(text: str, place: str, expected: bool) -> None:
    start = text.index(place)
    assert opens_dateline(text, start, start + len(place)) is expected
