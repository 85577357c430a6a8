"""The Markdown report: timeline lines with footnotes, conflicts, sources, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from store import records

from storyline.export._common import Cited
from storyline.export.markdown import escape_markdown, render_markdown, write_markdown
from storyline.store import Store


@pytest.fixture
def report(story_store: Store, tmp_path: Path) -> str:
    write_markdown(story_store, tmp_path / "story.md")
    return (tmp_path / "story.md").read_text("utf-8")


def test_timeline_line_has_date_summary_and_footnotes(report: str) -> None:
    assert "- **2017-07-11**: Senate passed the bill (AGREE; Senate)[^1][^2]" in report


def test_footnotes_name_outlet_and_date(report: str) -> None:
    assert any(line.startswith("[^") and "Wire" in line and "2017-07-13" in line for line in report.splitlines())


def test_conflict_lists_each_claim(report: str) -> None:
    assert "more than 50" in report and "about 40" in report


def test_every_footnote_used_is_defined(report: str) -> None:
    defined = {line.split("]")[0] + "]" for line in report.splitlines() if line.startswith("[^")}
    used = {"[^" + part.split("]")[0] + "]" for part in report.split("[^")[1:]}
    assert used == defined


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<script>", "\\<script\\>"), ("[x](javascript:y)", "\\[x\\](javascript:y)"), ("a_b*c", "a\\_b\\*c")],
    ids=["html-tag", "link", "emphasis"],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_javascript_url_is_not_linked() -> None:
    story = records.story()
    event = story.events[0]
    article = event.mentions[0].span.article
    text = render_markdown(story, [event], {article: Cited(id=article, source="x", url="javascript:alert(1)")})
    assert "javascript:" not in text
