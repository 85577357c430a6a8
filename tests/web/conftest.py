"""A small story for the web app: the store test records plus one hostile article.

The hostile article's title, text, URL and event summary carry ``<script>``,
``javascript:`` links and inline handlers; every page must show them as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from conftest import make_article
from store import records

from storyline.ids import make_id
from storyline.model import Article, ArticleAnalysis, Entity, EntityMention, Event, EventMention, Quote
from storyline.store import open_store

HOSTILE_TEXT = (
    "The council met on Monday. <script>window.__xss = 1</script> "
    '<a href="javascript:window.__xss=2">Read more</a> <img src="x" onerror="window.__xss=3"> '
    '"Nothing to hide," said Ann Lee. The council banned the march.'
)


Batch = list[tuple[Article, ArticleAnalysis | None, bytes]]


def hostile_records() -> tuple[Batch, Entity, Entity, Event]:
    """The hostile article with its analysis, its two entities and its event."""
    article = make_article(HOSTILE_TEXT, published="2017-08-02", outlet="<b>Evil</b> Times",
                           title="<script>window.__xss = 4</script>Council bans march", source="evil.html")
    article = msgspec.structs.replace(article, url="javascript:window.__xss=5")
    council = records.span(article, "council", 1)
    ann = records.span(article, "Ann Lee")
    banned = EventMention(
        id=make_id("m", article.id, 1), span=records.span(article, "The council banned the march."),
        trigger=records.span(article, "banned"), type="SANCTION", modality="asserted", actors=(council,),
        date=article.published.date if article.published else None, date_basis="article",
    )
    analysis = ArticleAnalysis(
        article=article.id, sentences=records.sentences(article),
        mentions=(EntityMention(span=ann, label="PERSON", key="ann lee"),),
        quotes=(Quote(id=make_id("q", article.id, 1), span=records.span(article, "Nothing to hide,"), kind="direct",
                      cue="said", speaker=ann),),
        events=(banned,),
    )
    lee = Entity(id=make_id("e", "ann lee"), name="Ann <i>Lee</i>", type="PERSON", aliases=("Ann Lee",),
                 mentions=(ann,))
    council_e = Entity(id=make_id("e", "council"), name="City council", type="ORG", aliases=("council",),
                       mentions=(council,))
    event = Event(id=make_id("v", "ban"), type="SANCTION", modality="asserted", mentions=(banned,),
                  summary='<img src=x onerror="window.__xss=6">council banned the march', date=banned.date,
                  actors=(council_e.id,), targets=(lee.id,))
    return [(article, analysis, b"\x09sig")], lee, council_e, event


def build_web_store(path: Path) -> Path:
    batch, lee, council, event = hostile_records()
    story = records.story()
    requested = msgspec.structs.replace(story.events[0], id=make_id("v", "requested"), modality="requested",
                                        summary="Senate urged to pass the bill", date=records.story().events[0].date)
    story = msgspec.structs.replace(
        story, entities=(*story.entities, lee, council), events=(*story.events, requested, event),
        speakers={**story.speakers, make_id("q", batch[0][0].id, 1): lee.id},
    )
    with open_store(path) as store:
        store.add_articles(records.batch() + batch)
        store.write_story(story)
    return path


def pytest_configure(config: pytest.Config) -> None:
    # Until pyproject.toml registers it (pytest runs with --strict-markers).
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_store(tmp_path_factory.mktemp("web") / "story.db")


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    with TestClient(create_app(web_db)) as test_client:
        yield test_client
