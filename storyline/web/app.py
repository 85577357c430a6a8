"""The FastAPI application: HTML pages and the JSON API over one story, read-only.

Thin, as the CLI is: each route parses its parameters, asks :class:`StoryIndex`
and renders a template (autoescaped: article text is untrusted) or returns
JSON.  Every response carries a Content-Security-Policy that allows scripts,
styles and requests from this origin only (no inline script, no inline
handler), and static files are served from the package's ``static`` folder
alone.  Only GET exists: nothing can change the story through the server.
"""

from __future__ import annotations

import contextlib
import gc
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import msgspec
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

import storyline
from storyline.errors import StorylineError
from storyline.export._common import format_date, safe_url
from storyline.export.csvs import events_csv
from storyline.export.timelinejs import build_timelinejs, encode_timelinejs
from storyline.timeline.format import unnamed_actor
from storyline.web.queries import SEARCH_SCAN, Facets, Filters, StoryIndex

__all__ = ["CSP", "create_app"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
PAGE = 200
CONFLICTS_PAGE = 50
CHART_LIMIT = 1500

_PACKAGE = Path(str(resources.files("storyline.web")))


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(_PACKAGE / "templates")), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    env.filters["unnamed_actor"] = unnamed_actor
    env.filters["safe_url"] = safe_url
    env.globals["version"] = storyline.__version__
    return env


def _facet_groups(q: str, chosen: dict[str, str], facets: Facets) -> list[dict[str, Any]]:
    """Each facet's values with the query string that picks (or drops) it, for the search page."""
    def query(**change: str) -> str:
        params = {"q": q, **chosen, **change}
        return urllib.parse.urlencode({k: v for k, v in params.items() if v})

    pairs: list[tuple[str, str, list[tuple[str, str, int]]]] = [
        ("outlet", "Outlet", [(o, o, n) for o, n in facets.outlet]),
        ("entity", "Entity", facets.entity),
        ("type", "Event type", [(t, t, n) for t, n in facets.type]),
        ("year", "Year", [(y, y, n) for y, n in facets.year]),
    ]
    return [
        {"name": name, "label": label, "clear_query": query(**{name: ""}) if chosen[name] else None,
         "items": [{"text": text, "count": n, "selected": chosen[name] == value, "query": query(**{name: value})}
                   for value, text, n in items]}
        for name, label, items in pairs
    ]


def _plain(record: Any) -> Any:
    return msgspec.to_builtins(record)


Text = Annotated[str | None, Query(max_length=200)]
KeyDateCount = Annotated[int | None, Query(ge=1, le=200, description="How many dates (default: from the story's size)")]
SentenceCount = Annotated[int | None, Query(ge=1, le=20, description="Sentences per date (default: from the story)")]


def event_filters(
    actor: Text = None, type: Text = None, modality: Text = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    outlet: Text = None,
) -> Filters:
    """The timeline's filters, shared by every page and API call that lists events."""
    return Filters(actor=actor or None, type=type or None, modality=modality or None,
                   date_from=date_from or None, date_to=date_to or None, outlet=outlet or None)


EventFilters = Annotated[Filters, Depends(event_filters)]


def create_app(db: str | Path) -> FastAPI:
    """The app over the story database ``db`` (loaded once, read-only)."""
    index = StoryIndex(db)
    # The loaded story is a large heap that never changes: keep the cyclic garbage collector from
    # walking it on every full collection (a 300 ms pause on the Timeline17 story, see benchmarks/web.py).
    gc.collect()
    gc.freeze()
    env = _env()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        index.close()  # the database connections the request threads opened

    app = FastAPI(
        lifespan=lifespan,
        title="storyline", version=storyline.__version__,
        description="A story's events, entities, quotes, conflicts, articles and full-text search, read-only.",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.index = index
    app.mount("/static", StaticFiles(directory=str(_PACKAGE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        body = env.get_template(name).render(index=index, **context)
        return HTMLResponse(body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/static/")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page("error.html", status=exc.status_code, message=str(exc.detail), title="Not found")

    @app.exception_handler(StorylineError)
    async def bad_option(request: Request, exc: StorylineError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return page("error.html", status=400, message=str(exc), title="Bad request")

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> HTMLResponse:
        return page("index.html", title="Story", summary=index.summary())

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(
        f: EventFilters, group: Annotated[str, Query(pattern="^(actor|outlet)$")] = "actor",
        page_no: Annotated[int, Query(alias="page", ge=1)] = 1,
    ) -> HTMLResponse:
        events = index.select(f)
        rows = events[(page_no - 1) * PAGE: page_no * PAGE]
        return page("timeline.html", title="Timeline", f=f, group=group, events=rows, total=len(events),
                    page_no=page_no, pages=max(1, -(-len(events) // PAGE)))

    @app.get("/key-dates", response_class=HTMLResponse, include_in_schema=False)
    def key_dates_page(dates: KeyDateCount = None, sentences: SentenceCount = None, q: Text = None) -> HTMLResponse:
        rows = index.key_dates(dates, sentences, q)
        return page("key_dates.html", title="Key dates", rows=rows, dates=dates, sentences=sentences, q=q or "")

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str) -> HTMLResponse:
        v = index.event_by_id.get(event_id)
        if v is None:
            raise HTTPException(404, f"no event {event_id}")
        mentions = sorted(v.mentions, key=lambda m: (m.span.article, m.span.start))
        return page("event.html", title=v.summary, v=v, mentions=mentions)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(q: Text = None) -> HTMLResponse:
        return page("entities.html", title="Entities", q=q or "", rows=index.entity_list(q, limit=500))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: str) -> HTMLResponse:
        e = index.entities.get(entity_id)
        if e is None:
            raise HTTPException(404, f"no entity {entity_id}")
        mentions = sorted(e.mentions, key=lambda s: (s.article, s.start))
        return page("entity.html", title=e.name, e=e, events=index.entity_events.get(e.id, [])[:PAGE],
                    n_events=len(index.entity_events.get(e.id, [])), quotes=index.entity_quotes.get(e.id, [])[:PAGE],
                    mentions=mentions[:PAGE], n_mentions=len(mentions),
                    articles=sorted(index.entity_articles.get(e.id, ())))

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(speaker: Text = None, page_no: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        rows = index.quote_rows(speaker)
        return page("quotes.html", title="Quotes", speaker=speaker or "", total=len(rows),
                    rows=rows[(page_no - 1) * PAGE: page_no * PAGE], page_no=page_no,
                    pages=max(1, -(-len(rows) // PAGE)))

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(page_no: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        rows = index.conflict_rows()
        size = CONFLICTS_PAGE
        return page("conflicts.html", title="Conflicts", rows=rows[(page_no - 1) * size: page_no * size],
                    total=len(rows), page_no=page_no, pages=max(1, -(-len(rows) // size)))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        found = index.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        article, analysis = found
        return page("article.html", title=article.title or article.id, a=article, cited=index.articles[article.id],
                    segments=index.segments(article, analysis))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: Text = None, outlet: Text = None, entity: Text = None, type: Text = None,
                    year: Text = None) -> HTMLResponse:
        result = index.search(q or "", outlet=outlet, entity=entity, type=type, year=year) if q else None
        chosen = {"outlet": outlet or "", "entity": entity or "", "type": type or "", "year": year or ""}
        groups = _facet_groups(q or "", chosen, result.facets) if result else []
        return page("search.html", title="Search", q=q or "", result=result, chosen=chosen, facets=groups,
                    scan=SEARCH_SCAN)

    # ------------------------------------------------------------------ JSON API

    @app.get("/api/summary", tags=["story"], summary="Counts, date span, outlets, top events and people")
    def api_summary() -> dict[str, Any]:
        s = index.summary()
        return {
            "counts": s["counts"], "date_from": s["date_from"], "date_to": s["date_to"],
            "outlets": [{"outlet": o, "articles": n} for o, n in s["outlets"]],
            "top_events": [_plain(v) for v in s["top_events"]],
            "top_people": [{"id": e.id, "name": e.name, "articles": n} for e, n in s["top_people"]],
            "conflicts": [x.id for x, _ in s["conflicts"]],
        }

    @app.get("/api/events", tags=["events"], summary="Events in date order, filtered (the timeline's list)")
    def api_events(
        f: EventFilters, offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict[str, Any]:
        events = index.select(f)
        return {"total": len(events), "offset": offset,
                "events": [_plain(v) for v in events[offset: offset + limit]]}

    @app.get("/api/timeline", tags=["events"], summary="The timeline chart's data: dated events in lanes")
    def api_timeline(
        f: EventFilters, group: Annotated[str, Query(pattern="^(actor|outlet)$")] = "actor",
        limit: Annotated[int, Query(ge=1, le=5000)] = CHART_LIMIT,
    ) -> dict[str, Any]:
        return index.memo(("chart", f, group, limit), lambda: index.chart(index.select(f), group=group, limit=limit))

    @app.get("/api/key-dates", tags=["events"],
             summary="The key dates: the most important days, each with cited sentences (timeline --summary)")
    def api_key_dates(dates: KeyDateCount = None, sentences: SentenceCount = None, q: Text = None) -> dict[str, Any]:
        return {"key_dates": index.key_dates(dates, sentences, q)}

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its mentions")
    def api_event(event_id: str) -> dict[str, Any]:
        v = index.event_by_id.get(event_id)
        if v is None:
            raise HTTPException(404, f"no event {event_id}")
        return dict(_plain(v))

    @app.get("/api/entities", tags=["entities"], summary="Entities, most-mentioned first")
    def api_entities(q: Text = None, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        rows = index.entity_list(q, limit=limit)
        return {"entities": [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                              "articles": n} for e, n in rows]}

    @app.get("/api/entities/{entity_id}", tags=["entities"], summary="An entity's dossier")
    def api_entity(entity_id: str) -> dict[str, Any]:
        e = index.entities.get(entity_id)
        if e is None:
            raise HTTPException(404, f"no entity {entity_id}")
        return {**_plain(e), "articles": sorted(index.entity_articles.get(e.id, ())),
                "events": [{"id": v.id, "type": v.type, "summary": v.summary, "date": format_date(v.date)}
                           for v in index.entity_events.get(e.id, [])],
                "quotes": [_plain(q) for q in index.entity_quotes.get(e.id, [])]}

    @app.get("/api/quotes", tags=["quotes"], summary="Quotes with their speakers, filtered by speaker")
    def api_quotes(speaker: Text = None, offset: Annotated[int, Query(ge=0)] = 0,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        rows = index.quote_rows(speaker)
        return {"total": len(rows), "quotes": [
            {**_plain(q), "speaker_entity": who.id if who else None, "speaker_name": who.name if who else None}
            for q, who in rows[offset: offset + limit]]}

    @app.get("/api/conflicts", tags=["conflicts"], summary="Where the sources disagree, with each claim")
    def api_conflicts(offset: Annotated[int, Query(ge=0)] = 0,
                      limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        rows = index.conflict_rows()
        return {"total": len(rows), "conflicts": [{**_plain(x), "claim_records": [_plain(c) for c in cs]}
                                                  for x, cs in rows[offset: offset + limit]]}

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="An article: metadata, text and analysis")
    def api_article(article_id: str) -> dict[str, Any]:
        found = index.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        article, analysis = found
        return {"article": _plain(article), "published": _plain(index.articles[article.id].published),
                "analysis": _plain(analysis)}

    @app.get("/api/search", tags=["search"], summary="Full-text search over sentences, with facets")
    def api_search(q: Annotated[str, Query(max_length=200)], outlet: Text = None, entity: Text = None,
                   type: Text = None, year: Text = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
        r = index.search(q, outlet=outlet, entity=entity, type=type, year=year, limit=limit)
        hits = [{k: v for k, v in h.items() if k != "pieces"} for h in r.hits]
        return {"query": r.query, "total": r.total, "matches": r.matches, "ranked": r.ranked, "capped": r.capped,
                "hits": hits, "facets": {
            "outlet": [{"value": o, "count": n} for o, n in r.facets.outlet],
            "entity": [{"value": e, "name": name, "count": n} for e, name, n in r.facets.entity],
            "type": [{"value": t, "count": n} for t, n in r.facets.type],
            "year": [{"value": y, "count": n} for y, n in r.facets.year],
        }}

    @app.get("/api/export/timelinejs", tags=["export"], summary="TimelineJS 3 JSON of the filtered events")
    def api_export_timelinejs(
        f: EventFilters,
    ) -> Response:

        def make() -> bytes:
            events = index.select(f)
            return encode_timelinejs(build_timelinejs(index.story, events, index.sources(events)))

        return Response(index.memo(("timelinejs", f), make), media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="story.timeline.json"'})

    @app.get("/api/export/csv", tags=["export"], summary="CSV of the filtered events")
    def api_export_csv(
        f: EventFilters,
    ) -> Response:

        def make() -> bytes:
            events = index.select(f)
            return events_csv(index.story, events, index.sources(events)).encode("utf-8")

        return Response(index.memo(("csv", f), make), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="story.events.csv"'})

    return app

