"""The JSON API: every route answers, the OpenAPI document describes it, exports validate."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from store import records

from storyline.export.timelinejs import validate_timelinejs

STORY = records.story()
ARTICLE = records.batch()[0][0]

ROUTES = ["/api/summary", "/api/events", "/api/timeline", f"/api/events/{STORY.events[0].id}", "/api/entities",
          f"/api/entities/{STORY.entities[1].id}", "/api/quotes", "/api/conflicts", f"/api/articles/{ARTICLE.id}",
          "/api/search?q=senate"]


@pytest.mark.parametrize("url", ROUTES, ids=ROUTES)
def test_route_answers_json(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"


def test_openapi_lists_every_api_route(client: Any) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {"/api/summary", "/api/events", "/api/timeline", "/api/events/{event_id}", "/api/entities",
            "/api/entities/{entity_id}", "/api/quotes", "/api/conflicts", "/api/articles/{article_id}",
            "/api/search", "/api/export/timelinejs", "/api/export/csv"} <= paths


def test_openapi_leaves_the_pages_out(client: Any) -> None:
    assert all(p.startswith("/api/") for p in client.get("/api/openapi.json").json()["paths"])


@pytest.mark.parametrize("url", ["/api/events/v-nope", "/api/entities/e-nope", "/api/articles/a-nope"],
                         ids=["event", "entity", "article"])
def test_unknown_id_is_a_json_404(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 and "detail" in response.json()


def test_events_paginate(client: Any) -> None:
    data = client.get("/api/events?limit=1&offset=1").json()
    assert (data["total"], len(data["events"])) == (3, 1)


def test_bad_date_is_a_json_400(client: Any) -> None:
    assert client.get("/api/events?from=someday").status_code == 400


def test_search_returns_facets(client: Any) -> None:
    data = client.get("/api/search?q=detained").json()
    assert {f["value"] for f in data["facets"]["outlet"]} == {"Wire", "Paper"}


def test_timelinejs_export_of_the_filter_validates(client: Any) -> None:
    response = client.get("/api/export/timelinejs?type=AGREE")
    data = json.loads(response.content)
    assert validate_timelinejs(data) == [] and len(data["events"]) == 2


def test_timelinejs_export_is_a_download(client: Any) -> None:
    response = client.get("/api/export/timelinejs")
    assert response.headers["content-disposition"] == 'attachment; filename="story.timeline.json"'


def test_csv_export_of_the_filter(client: Any) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/csv?type=SANCTION").text)))
    assert [r["type"] for r in rows] == ["SANCTION"]


def test_key_dates_are_in_date_order_with_verbatim_cited_sentences(client: Any, web_db: Any) -> None:
    from storyline.store import open_store

    rows = client.get("/api/key-dates").json()["key_dates"]
    assert rows, "the test story has dated events"
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    with open_store(web_db, create=False) as store:
        for row in rows:
            assert row["sentences"] and row["articles"] >= 1
            for s in row["sentences"]:
                article = store.get_article(s["article"])
                assert article is not None and article.text[s["start"]:s["end"]] == s["text"]


def test_key_dates_take_their_counts(client: Any) -> None:
    rows = client.get("/api/key-dates?dates=1&sentences=1").json()["key_dates"]
    assert len(rows) == 1 and len(rows[0]["sentences"]) == 1


@pytest.mark.parametrize("query", ["dates=0", "sentences=99", "dates=x"])
def test_key_dates_refuse_bad_counts(client: Any, query: str) -> None:
    assert client.get(f"/api/key-dates?{query}").status_code == 422
