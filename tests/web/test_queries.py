"""StoryIndex: filters, chart lanes, article segments, search with facets, read-only access."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store import records

from storyline.errors import StorylineError
from storyline.web.queries import Filters, StoryIndex
from web.conftest import HOSTILE_TEXT


@pytest.fixture(scope="module")
def index(web_db: Path) -> StoryIndex:
    return StoryIndex(web_db)


def test_missing_database_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StorylineError):
        StoryIndex(tmp_path / "none.db")


@pytest.mark.parametrize(
    ("filters", "count"),
    [
        (Filters(), 3),
        (Filters(actor="senate"), 2),
        (Filters(type="SANCTION"), 1),
        (Filters(modality="requested"), 1),
        (Filters(date_from="2017-08"), 1),
        (Filters(date_to="2017-07-31"), 2),
        (Filters(outlet="Wire"), 2),
    ],
    ids=["none", "actor", "type", "modality", "from", "to", "outlet"],
)
def test_select_applies_each_filter(index: StoryIndex, filters: Filters, count: int) -> None:
    assert len(index.select(filters)) == count


def test_filters_round_trip_through_the_query_string() -> None:
    assert Filters(actor="Ann Lee", date_from="2017").query(group="outlet") == "actor=Ann+Lee&from=2017&group=outlet"


@pytest.mark.parametrize(("group", "lane"), [("actor", "Senate"), ("outlet", "Paper")], ids=["actor", "outlet"])
def test_chart_lanes_follow_the_grouping(index: StoryIndex, group: str, lane: str) -> None:
    chart = index.chart(index.select(Filters(type="AGREE")), group=group, limit=100)
    assert chart["lanes"][0] == lane


def test_chart_keeps_the_best_sourced_when_over_the_limit(index: StoryIndex) -> None:
    chart = index.chart(index.events, group="actor", limit=1)
    assert (chart["shown"], chart["events"][0]["sources"]) == (1, 2)


def test_chart_marks_modality(index: StoryIndex) -> None:
    chart = index.chart(index.events, group="actor", limit=100)
    assert {e["modality"] for e in chart["events"]} == {"asserted", "requested"}


def _hostile_id(index: StoryIndex) -> str:
    return next(a for a in index.articles if index.articles[a].source == "evil.html")


def test_segments_rebuild_the_text_exactly(index: StoryIndex) -> None:
    found = index.article(_hostile_id(index))
    assert found is not None
    assert "".join(s.text for s in index.segments(*found)) == HOSTILE_TEXT


@pytest.mark.parametrize(
    ("words", "kind", "href_prefix"),
    [("Ann Lee", "entity", "/entities/"), ("banned", "event", "/events/"), ("Nothing to hide,", "quote", "/entities/")],
    ids=["entity", "event-trigger", "quote-speaker"],
)
def test_segments_link_each_span_to_its_record(index: StoryIndex, words: str, kind: str, href_prefix: str) -> None:
    found = index.article(_hostile_id(index))
    assert found is not None
    segment = next(s for s in index.segments(*found) if s.text == words)
    assert kind in segment.kinds and segment.href is not None and segment.href.startswith(href_prefix)


def test_segments_carry_span_anchors(index: StoryIndex) -> None:
    found = index.article(_hostile_id(index))
    assert found is not None
    start = HOSTILE_TEXT.index("Ann Lee")
    assert any(f"s-{start}-{start + 7}" in s.anchors for s in index.segments(*found))


def test_search_finds_sentences_with_facets(index: StoryIndex) -> None:
    result = index.search("senate")
    assert (result.total, dict(result.facets.outlet)) == (2, {"Wire": 1, "Paper": 1})


@pytest.mark.parametrize(
    ("facet", "value", "total"),
    [("outlet", "Wire", 1), ("year", "2017", 2), ("type", "AGREE", 2), ("entity", "nobody", 0)],
    ids=["outlet", "year", "type", "entity"],
)
def test_search_facet_narrows(index: StoryIndex, facet: str, value: str, total: int) -> None:
    assert index.search("senate", **{facet: value}).total == total


@pytest.mark.parametrize(
    "query", ['"', "AND OR NOT", "*", "(", ""], ids=["quote", "operators", "star", "paren", "empty"]
)
def test_search_accepts_any_input(index: StoryIndex, query: str) -> None:
    assert index.search(query).total >= 0


def test_search_marks_the_query_words(index: StoryIndex) -> None:
    hit = index.search("detained").hits[0]
    assert ("detained", True) in hit["pieces"]


def test_quotes_filter_by_speaker(index: StoryIndex) -> None:
    assert [q.span.text for q, _ in index.quote_rows("ann")] == ["Nothing to hide,"]


def test_article_date_prefers_the_dateline_to_the_inferred(index: StoryIndex) -> None:
    a1 = records.batch()[0][0]
    published = index.articles[a1.id].published
    assert published is not None and published.value == "2017-07-13"


def test_connection_is_read_only(index: StoryIndex) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        index.store().add_problems([])


def test_search_past_the_rank_limit_comes_in_document_order(index: StoryIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storyline.web.queries.RANK_LIMIT", 0)
    result = index.search("senate")
    assert (result.ranked, result.total) == (False, 2)


def test_memo_computes_once(index: StoryIndex) -> None:
    calls: list[int] = []
    first = index.memo(("test", 1), lambda: calls.append(1) or [1])
    assert index.memo(("test", 1), lambda: calls.append(2) or [2]) is first and calls == [1]


def test_memo_keeps_at_most_its_size(index: StoryIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storyline.web.queries.MEMO_SIZE", 2)
    for n in range(5):
        index.memo(("bounded", n), lambda n=n: n)
    assert len(index._memo) <= 2
