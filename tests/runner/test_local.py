from __future__ import annotations

from collections.abc import Sequence

import msgspec
import pytest
from conftest import make_article

from storyline.model import Article, ArticleAnalysis, Problem
from storyline.runner import local
from storyline.settings import Settings


class FakeAnalyzer:
    """Stands in for the spaCy-backed Analyzer: fails on articles containing 'BOOM'."""

    def __call__(self, article: Article) -> ArticleAnalysis:
        if "BOOM" in article.text:
            raise ValueError("cannot parse")
        return ArticleAnalysis(article=article.id)

    def pipe(self, articles: Sequence[Article]) -> list[ArticleAnalysis]:
        return [self(a) for a in articles]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "_worker_analyzer", FakeAnalyzer())


def test_results_come_back_in_input_order(fake: None) -> None:
    articles = [make_article(f"Article number {i}.") for i in range(10)]
    results = list(local.analyze_stream(articles, Settings(batch_size=3)))
    assert [a.id for a, _ in results] == [a.id for a in articles]
    assert all(isinstance(r, ArticleAnalysis) and r.article == a.id for a, r in results)


def test_a_failing_article_becomes_a_problem_and_its_batch_survives(fake: None) -> None:
    articles = [make_article("Fine one."), make_article("BOOM here.", source="bad.txt"), make_article("Fine two.")]
    results = [r for _, r in local.analyze_stream(articles, Settings(batch_size=3))]
    assert isinstance(results[1], Problem) and results[1].source == "bad.txt"
    assert isinstance(results[0], ArticleAnalysis) and isinstance(results[2], ArticleAnalysis)


def test_copies_are_not_analysed(fake: None) -> None:
    original = make_article("The original report.")
    copy = msgspec.structs.replace(make_article("The original report, reprinted."), duplicate_of=original.id)
    results = [r for _, r in local.analyze_stream([original, copy], Settings())]
    assert isinstance(results[0], ArticleAnalysis) and results[1] is None


@pytest.mark.model
@pytest.mark.slow
def test_process_pool_gives_the_same_analyses() -> None:
    articles = [make_article(f"The council met on Monday, session {i}.", published="2024-03-06") for i in range(6)]
    one = [r for _, r in local.analyze_stream(articles, Settings(batch_size=2))]
    two = [r for _, r in local.analyze_stream(articles, Settings(batch_size=2, jobs=2))]
    assert one == two
