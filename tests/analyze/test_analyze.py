"""The composed per-article stage: one parse, every record, the right date to resolve against."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from conftest import make_article

import storyline.analyze as analyze_pkg
from storyline import dates
from storyline.analyze import Analyzer, analyze, analyze_doc, document_time
from storyline.model import Article, ArticleAnalysis, Published, Span

TEXT = (
    "More than 50 members of Congress on Monday urged President Jane Roe to condemn the arrests. "
    "\u201cThe abuses must stop,\u201d Rep. John Doe said. Police detained 40 people in early March."
)


def _spans(result: ArticleAnalysis) -> list[Span]:
    out: list[Span] = [t.span for t in result.times] + [c.span for c in result.claims]
    out += [m.span for m in result.mentions]
    for q in result.quotes:
        out += [q.span, *([q.speaker] if q.speaker else [])]
    for e in result.events:
        out += [e.span, e.trigger, *e.actors, *e.targets]
    return out


def test_all_is_sorted_and_defined() -> None:
    assert list(analyze_pkg.__all__) == sorted(analyze_pkg.__all__)
    assert all(hasattr(analyze_pkg, name) for name in analyze_pkg.__all__)


@pytest.mark.model
def test_analysis_belongs_to_the_article(nlp) -> None:  # type: ignore[no-untyped-def]
    article = make_article(TEXT, published="2017-07-13")
    result = analyze_doc(nlp(TEXT), article)
    assert result.article == article.id
    assert result.times and result.claims and result.mentions


@pytest.mark.model
def test_every_span_is_a_slice_of_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    article = make_article(TEXT, published="2017-07-13")
    for span in _spans(analyze_doc(nlp(TEXT), article)):
        assert span.article == article.id
        assert span.text == TEXT[span.start : span.end]


@pytest.mark.model
def test_sentences_cover_the_text_in_order(nlp) -> None:  # type: ignore[no-untyped-def]
    result = analyze_doc(nlp(TEXT), make_article(TEXT))
    assert len(result.sentences) == 3
    assert result.sentences[0].start == 0 and result.sentences[-1].end == len(TEXT)
    for a, b in zip(result.sentences, result.sentences[1:], strict=False):
        assert a.end <= b.start


@pytest.mark.model
@pytest.mark.parametrize(
    ("prefix", "published", "monday"),
    [
        ("", "2017-07-13", "2017-07-10"),
        ("July 20, 2017 \u2014 ", None, "2017-07-17"),
        ("July 20, 2017 \u2014 ", "2017-07-13", "2017-07-10"),
        ("", None, "XXXX-WXX-1"),
    ],
    ids=["metadata", "dateline-when-undated", "metadata-beats-dateline", "no-date"],
)
def test_relative_dates_resolve_against_the_document_time(nlp, prefix: str, published: str | None,  # type: ignore[no-untyped-def]
                                                          monday: str) -> None:
    text = prefix + TEXT
    result = analyze_doc(nlp(text), make_article(text, published=published))
    (t,) = [t for t in result.times if t.span.text == "Monday"]
    assert t.value == monday
    assert (result.dateline is not None) == bool(prefix)


@pytest.mark.parametrize(
    ("published", "dateline", "expected"),
    [
        (dates.day(dt.date(2017, 7, 13)), dates.day(dt.date(2017, 7, 20)), "2017-07-13"),
        (dates.month(2017, 7), dates.day(dt.date(2017, 7, 20)), "2017-07-20"),
        (dates.month(2017, 6), dates.day(dt.date(2017, 7, 20)), "2017-06"),
        (None, dates.day(dt.date(2017, 7, 20)), "2017-07-20"),
        (None, None, None),
    ],
    ids=["day-metadata", "dateline-refines-month", "dateline-disagrees", "dateline-only", "nothing"],
)
def test_document_time(published, dateline, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    article: Article = make_article("Text.")
    if published is not None:
        article = msgspec.structs.replace(article, published=Published(date=published, method="metadata"))
    line = Published(date=dateline, method="explicit") if dateline is not None else None
    got = document_time(article, line)
    assert (got.value if got else None) == expected


@pytest.mark.model
def test_pipe_matches_one_at_a_time(settings) -> None:  # type: ignore[no-untyped-def]
    analyzer = Analyzer(settings)
    articles = [make_article(TEXT, published="2017-07-13"), make_article("The Senate voted on Friday."),
                make_article("Hundreds of people protested in 2018.")]
    assert analyzer.pipe(articles) == [analyzer(a) for a in articles]


@pytest.mark.model
def test_analyze_uses_default_settings() -> None:
    article = make_article("The Senate voted on Friday.", published="2017-07-13")
    result = analyze(article)
    assert [t.value for t in result.times] == ["2017-07-07"]
