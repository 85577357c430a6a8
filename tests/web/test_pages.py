"""The HTML pages: each one renders, links records together, filters, and 404s on unknown ids."""

from __future__ import annotations

from typing import Any

import pytest
from store import records

STORY = records.story()
EVENT = STORY.events[0]
ENTITY = STORY.entities[1]
ARTICLE = records.batch()[0][0]

PAGES = ["/", "/timeline", "/entities", f"/events/{EVENT.id}", f"/entities/{ENTITY.id}", "/quotes", "/conflicts",
         f"/articles/{ARTICLE.id}", "/search", "/search?q=senate", "/key-dates", "/key-dates?dates=2&sentences=1"]


@pytest.mark.parametrize("url", PAGES, ids=PAGES)
def test_page_renders(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "url", ["/events/v-nope", "/entities/e-nope", "/articles/a-nope", "/nowhere"], ids=["event", "entity", "article",
                                                                                          "page"],
)
def test_unknown_id_is_a_404_page(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 and "Not found" in response.text


def test_bad_date_filter_is_a_400(client: Any) -> None:
    assert client.get("/timeline?from=someday").status_code == 400


def test_home_shows_counts_and_top_people(client: Any) -> None:
    text = client.get("/").text
    assert "Mitch McConnell" in text and "conflicts" in text


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [("type=SANCTION", "council banned the march", "Senate passed the bill"),
     ("modality=requested", "Senate urged", "Senate passed the bill"),
     ("actor=senate", "Senate passed the bill", "council banned")],
    ids=["type", "modality", "actor"],
)
def test_timeline_list_follows_the_filters(client: Any, query: str, present: str, absent: str) -> None:
    text = client.get(f"/timeline?{query}").text
    listing = text[text.index('id="event-list"'):]
    assert present in listing and absent not in listing


def test_timeline_export_links_keep_the_filter(client: Any) -> None:
    assert "/api/export/timelinejs?type=SANCTION" in client.get("/timeline?type=SANCTION").text


def test_requested_event_is_marked(client: Any) -> None:
    assert 'class="tag m-requested"' in client.get("/timeline?modality=requested").text


def test_event_page_links_actors_and_article_spans(client: Any) -> None:
    text = client.get(f"/events/{EVENT.id}").text
    trigger = EVENT.mentions[1].trigger
    assert f'href="/entities/{STORY.entities[0].id}"' in text
    assert f'href="/articles/{trigger.article}#s-{trigger.start}-{trigger.end}"' in text


def test_entity_dossier_lists_quotes_and_mentions(client: Any) -> None:
    text = client.get(f"/entities/{ENTITY.id}").text
    assert "We won," in text and "Senate majority leader" in text


def test_article_page_highlights_spans(client: Any) -> None:
    text = client.get(f"/articles/{ARTICLE.id}").text
    assert f'href="/entities/{ENTITY.id}" title="Mitch McConnell (PERSON)">Mitch McConnell</a>' in text


def test_quotes_filter_by_speaker(client: Any) -> None:
    text = client.get("/quotes?speaker=mitch").text
    assert "We won," in text and "Nothing to hide" not in text


def test_conflicts_show_both_claims(client: Any) -> None:
    text = client.get("/conflicts").text
    assert "More than 50 people were detained" in text and "About 40 people were detained" in text


def test_search_page_shows_facets_and_marks(client: Any) -> None:
    text = client.get("/search?q=detained").text
    assert "<mark>detained</mark>" in text and 'href="/search?q=detained&amp;outlet=Wire"' in text


def test_key_dates_page_links_each_sentence_to_its_place_in_the_article(client: Any) -> None:
    rows = client.get("/api/key-dates").json()["key_dates"]
    html = client.get("/key-dates").text
    for row in rows:
        assert f'<time datetime="{row["date"]}">' in html
        for s in row["sentences"]:
            assert f'href="/articles/{s["article"]}#s-{s["start"]}-{s["end"]}"' in html
    assert '<a href="/key-dates">Key dates</a>' in client.get("/").text
