"""The library API: what the CLI (and any other front end) calls.

``build()`` streams inputs through ingest -> dedup -> analyze -> store in
batches, then links the whole story; ``StoryView`` answers the read-only
questions (timeline, entities, quotes, conflicts, show one record).
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import msgspec

from storyline.analyze.nlp import check_model
from storyline.analyze.version import analysis_version, link_version
from storyline.errors import E, StorylineError
from storyline.ingest import read_inputs
from storyline.ingest.dedup import Deduplicator
from storyline.link import link
from storyline.link.background import list_version
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Conflict,
    Entity,
    Event,
    Problem,
    Published,
    Quote,
    Story,
    TimeExpr,
)
from storyline.runner.local import Result, analyze_stream, batched
from storyline.settings import Settings
from storyline.store import Store, open_store
from storyline.timeline import select_events, top_events

__all__ = ["BuildReport", "ProgressHook", "StoryView", "build", "open_view"]


class ProgressHook(Protocol):
    """What ``build()`` reports while it runs (the CLI draws a Rich bar from it)."""

    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, n: int = 1) -> None: ...


@dataclasses.dataclass
class BuildReport:
    """What one build did.  ``problems`` holds one line per input that could not be read."""

    read: int = 0
    added: int = 0
    already_stored: int = 0
    copies: int = 0
    words: int = 0
    reanalysed: int = 0
    stale_kept: int = 0
    problems: list[Problem] = dataclasses.field(default_factory=list)
    linked: bool = False
    linker_changed: bool = False
    """The story was linked again only because another linker (an older storyline) had made it."""
    seconds: float = 0.0

    @property
    def readable(self) -> bool:
        """True when at least one article was read (new or already stored)."""
        return self.read > 0


def _fresh(
    articles: Iterable[Article | Problem],
    store: Store,
    report: BuildReport,
    dedup: Deduplicator,
    signatures: dict[str, bytes],
) -> Iterator[Article]:
    """New articles only (ids not stored, nor met earlier in this build), each checked for being
    a copy against the store's near-duplicate index and the articles on their way to it.

    Each article's near-duplicate signature goes into ``signatures`` (keyed by
    id) until its batch is written to the store beside it.  Nothing here grows with the store.
    """
    for item in articles:
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        report.read += 1
        if dedup.pending(item.id) or store.has_article(item.id):
            report.already_stored += 1
            continue
        article, signature = dedup.check(item)
        signatures[article.id] = signature
        yield article


def build(
    inputs: Sequence[str],
    *,
    db: str | Path,
    settings: Settings,
    progress: ProgressHook | None = None,
) -> BuildReport:
    """Read ``inputs``, analyse the new articles, store them, and re-link the story.

    Incremental: articles already in ``db`` (same cleaned text, same id) are
    skipped; re-running the same build changes nothing.  Stored analyses made by another
    analyser (an older storyline, spaCy or model) are re-analysed first, unless
    ``settings.keep_analyses``, so the story is the one a fresh build would link.  Every batch is written
    in one transaction, so an interrupted build leaves a consistent store and
    the next run resumes (the link step runs whenever the store says it must).
    """
    started = time.perf_counter()
    report = BuildReport()
    check_model(settings.model)
    analyzer = analysis_version(settings.model)
    with contextlib.ExitStack() as stack:
        cluster = None
        if settings.dask:
            from storyline.runner.dask import connect

            cluster = stack.enter_context(connect(settings.dask, settings))
        store = stack.enter_context(open_store(db))
        if progress is not None:
            progress.stage("analyse", total=_estimate(inputs))
        signatures: dict[str, bytes] = {}
        dedup = Deduplicator(settings.near_duplicate_threshold, stored=store.near_copies)
        fresh = _fresh(read_inputs(inputs, settings), store, report, dedup, signatures)
        done = _done(_analysed(fresh, settings, cluster), report, progress, failed=dedup.stored)
        for batch in batched(done, settings.batch_size):
            rows: list[tuple[Article, ArticleAnalysis | None, bytes]] = []
            for article, analysis in batch:
                if analysis is None:
                    report.copies += 1
                report.words += len(article.text.split())
                rows.append((article, analysis, signatures.pop(article.id, b"")))
            report.added += store.add_articles(rows, analyzer=analyzer)
            dedup.stored(article.id for article, _, _ in rows)
        _reanalyse(store, analyzer, settings, cluster, report, progress)
        store.add_problems(report.problems)
        # Another build may be adding articles to the same database: link under the store's
        # lock, label the story with the generation it was linked from (a stale story never
        # overwrites a fresher one), and go again while articles arrived meanwhile.  A story
        # that another linker made (an older storyline) is linked again once, new articles or not.
        # the linking code's fingerprint, and the version of the word list that dating weighs words
        # by (a package's data, outside the code that the fingerprint hashes)
        linker = f"{link_version(settings.max_summary_chars)} {list_version()}"

        def stale() -> bool:
            return store.needs_link() or (not report.linked and store.linked_by() != linker)

        while stale():
            with store.link_lock():
                if not stale():
                    break
                if progress is not None and not report.linked:
                    progress.stage("link", total=None)
                if not report.linked and not store.needs_link():
                    report.linker_changed = True
                generation = store.generation()
                store.write_story(link(store.iter_pairs(), settings), generation=generation, linker=linker)
                report.linked = True
    report.seconds = time.perf_counter() - started
    return report


def _reanalyse(
    store: Store, analyzer: str, settings: Settings, client: Any, report: BuildReport, progress: ProgressHook | None
) -> None:
    """Re-analyse the stored articles whose analysis another analyser made, batch by batch.

    An article whose analysis now fails keeps its old one (nothing stored is lost) and is
    reported; the next build tries it again.
    """
    stale = store.stale_analyses(analyzer)
    if not stale:
        return
    if settings.keep_analyses:
        report.stale_kept = len(stale)
        return
    if progress is not None:
        progress.stage("re-analyse", total=len(stale))
    articles = (article for article in map(store.get_article, stale) if article is not None)
    for batch in batched(_done(_analysed(articles, settings, client), report, progress), settings.batch_size):
        done = [(article, analysis) for article, analysis in batch if analysis is not None]
        report.reanalysed += store.replace_analyses(done, analyzer=analyzer)


def _done(
    stream: Iterable[tuple[Article, Result]],
    report: BuildReport,
    progress: ProgressHook | None,
    *,
    failed: Callable[[list[str]], None] | None = None,
) -> Iterator[tuple[Article, ArticleAnalysis | None]]:
    """The analysed articles of ``stream`` (``None`` for a copy); a Problem goes to the report,
    and its article's id to ``failed`` (the near-duplicate index then forgets an article that
    will never be stored).  Each result advances the progress bar."""
    for article, result in stream:
        if progress is not None:
            progress.advance()
        if isinstance(result, Problem):
            report.problems.append(result)
            if failed is not None:
                failed([article.id])
        else:
            yield article, result


def _analysed(articles: Iterable[Article], settings: Settings, client: Any) -> Iterator[tuple[Article, Result]]:
    """The analysis stream: on the Dask ``client`` when there is one, else in local processes."""
    if client is None:
        return analyze_stream(articles, settings)
    from storyline.runner.dask import analyze_stream_dask

    return analyze_stream_dask(articles, settings, client)


def _estimate(inputs: Sequence[str]) -> int | None:
    """A cheap article count for the progress bar's ETA: files, JSON lines, URL lines."""
    total = 0
    for item in inputs:
        path = Path(item)
        files: Iterable[Path]
        if path.is_dir():
            files = (p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            files = [path]
        else:
            files = (p for p in Path().glob(item) if p.is_file()) if any(c in item for c in "*?[") else []
        for f in files:
            if f.suffix in {".jsonl", ".urls"}:
                try:
                    with f.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            elif f.suffix in {".txt", ".html", ".htm", ".json"}:
                total += 1
            elif f.name.endswith((".warc", ".warc.gz")):
                return None
    return total or None


# ------------------------------------------------------------------ reading


class StoryView:
    """Read-only questions over a built story.  Use as a context manager."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._story: Story | None = None
        self._entities: dict[str, Entity] | None = None

    def __enter__(self) -> StoryView:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()

    @property
    def story(self) -> Story:
        if self._story is None:
            self._story = self.store.story()
        return self._story

    @property
    def entities(self) -> dict[str, Entity]:
        if self._entities is None:
            self._entities = {e.id: e for e in self.story.entities}
        return self._entities

    def timeline(self, **filters: Any) -> list[Event]:
        """Events in date order, filtered (see :func:`storyline.timeline.select_events`)."""
        return select_events(self.story, **filters)

    def top(self, n: int, **filters: Any) -> list[Event]:
        """The ``n`` most salient events passing the filters, in date order."""
        return top_events(self.story, n, **filters)

    def published(self, article: Article) -> Published | None:
        """The article's date: metadata, else its dateline, else what linking inferred."""
        if article.published is not None:
            return article.published
        analysis = self.store.get_analysis(article.id)
        if analysis is not None and analysis.dateline is not None:
            return analysis.dateline
        return self.story.published.get(article.id)

    def outlet(self, article_id: str) -> str:
        article = self.store.get_article(article_id)
        if article is None:
            return article_id
        return article.outlet or Path(article.source).name or article.source

    def quotes(self, *, speaker: str | None = None) -> Iterator[tuple[Quote, Entity | None]]:
        """Every quote with its resolved speaker, in article order."""
        for _article, analysis in self.store.iter_pairs():
            if analysis is None:
                continue
            for quote in analysis.quotes:
                entity = self.entities.get(self.story.speakers.get(quote.id, ""))
                if speaker is not None and not _names(speaker, entity, quote):
                    continue
                yield quote, entity

    def conflicts(self) -> list[tuple[Conflict, list[Claim]]]:
        claims = {c.id: c for c in self.story.claims}
        return [(x, [claims[c] for c in x.claims if c in claims]) for x in self.story.conflicts]

    def show(self, record_id: str) -> dict[str, Any]:
        """Any article/entity/event/quote/time/claim/conflict by id, as plain data."""
        found = self._find(record_id)
        if found is None:
            raise StorylineError(E.UNKNOWN_ID, id=record_id)
        return found

    def _find(self, record_id: str) -> dict[str, Any] | None:
        prefix = record_id.split("-", 1)[0]
        if prefix == "a":
            article = self.store.get_article(record_id)
            if article is None:
                return None
            data = _plain(article)
            data["published"] = _plain(self.published(article))
            return {"kind": "article", **data}
        if prefix == "e":
            entity = self.entities.get(record_id)
            if entity is None:
                return None
            events = [e for e in self.story.events if record_id in e.actors or record_id in e.targets]
            quotes = [q for q, who in self.quotes() if who is not None and who.id == record_id]
            return {
                "kind": "entity", **_plain(entity),
                "articles": sorted({m.article for m in entity.mentions}),
                "quotes": [_plain(q) for q in quotes],
                "events": [{"id": e.id, "type": e.type, "summary": e.summary} for e in events],
            }
        for kind, records in (
            ("event", self.story.events), ("claim", self.story.claims), ("conflict", self.story.conflicts)
        ):
            if prefix == kind[0] or (prefix == "v" and kind == "event") or (prefix == "x" and kind == "conflict"):
                for record in records:
                    if record.id == record_id:
                        return {"kind": kind, **_plain(record)}
        if prefix in {"q", "t"}:
            for _article, analysis in self.store.iter_pairs():
                if analysis is None:
                    continue
                pool: Sequence[Quote | TimeExpr] = analysis.quotes if prefix == "q" else analysis.times
                for item in pool:
                    if item.id == record_id:
                        data = {"kind": "quote" if prefix == "q" else "time", **_plain(item)}
                        if prefix == "q":
                            data["speaker_entity"] = self.story.speakers.get(record_id)
                        return data
        return None


def _names(needle: str, entity: Entity | None, quote: Quote) -> bool:
    needle = needle.casefold()
    names = list(entity.aliases) + [entity.name] if entity is not None else []
    if quote.speaker is not None:
        names.append(quote.speaker.text)
    return any(needle in n.casefold() for n in names)


def _plain(record: Any) -> Any:
    return msgspec.to_builtins(record)


def open_view(db: str | Path) -> StoryView:
    """A :class:`StoryView` over an existing story database (error if it is missing)."""
    return StoryView(open_store(db, create=False))
