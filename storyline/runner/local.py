"""Run ``analyze()`` over a stream of articles, in this process or a process pool.

Articles stream through in batches: at most ``2 * jobs`` batches are in flight,
so memory does not grow with the corpus.  Each worker process loads the spaCy
model once (in its initializer) and reuses it for every batch.  Results come
back in input order, so a build is deterministic whatever ``jobs`` is.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from storyline.errors import E, problem
from storyline.model import Article, ArticleAnalysis, Problem
from storyline.settings import Settings

__all__ = ["Result", "analyze_batch", "analyze_stream", "batched", "in_order"]

F = TypeVar("F")
T = TypeVar("T")

Result = ArticleAnalysis | Problem | None
"""What one article gives: its analysis, a Problem when analysis failed, or
``None`` for a copy of an earlier article (copies are never analysed)."""

_worker_analyzer = None


def _analyzer(settings: Settings):  # type: ignore[no-untyped-def]
    """The per-process Analyzer, built on first use and kept for the process's life."""
    global _worker_analyzer
    if _worker_analyzer is None:
        from storyline.analyze import Analyzer

        _worker_analyzer = Analyzer(settings)
    return _worker_analyzer


def _init_worker(settings: Settings) -> None:
    _analyzer(settings)


def analyze_batch(batch: Sequence[Article], settings: Settings) -> list[Result]:
    """Analyse one batch; an article that makes analysis fail becomes a Problem."""
    analyzer = _analyzer(settings)
    todo = [a for a in batch if a.duplicate_of is None]
    try:
        done: dict[str, Result] = dict(zip((a.id for a in todo), analyzer.pipe(todo), strict=True))
    except Exception:  # noqa: BLE001 - isolate the article that breaks the batch
        done = {}
        for article in todo:
            try:
                done[article.id] = analyzer(article)
            except Exception as exc:  # noqa: BLE001 - reported as bad input, the build goes on
                done[article.id] = problem(article.source, E.ANALYSIS_FAILED, detail=repr(exc)[:200])
    return [None if a.duplicate_of is not None else done[a.id] for a in batch]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), lazily."""
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def analyze_stream(
    articles: Iterable[Article], settings: Settings
) -> Iterator[tuple[Article, Result]]:
    """Yield ``(article, result)`` in input order, analysing with ``settings.jobs`` processes."""
    batches = batched(articles, max(1, settings.batch_size))
    if settings.jobs <= 1:
        for batch in batches:
            yield from zip(batch, analyze_batch(batch, settings), strict=True)
        return
    # spawn, not fork: the parent may run a progress-bar thread, and forking a
    # process with live threads can deadlock a child on an inherited lock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=settings.jobs, mp_context=context,
        initializer=_init_worker, initargs=(settings,),
    ) as pool:
        yield from in_order(
            batches, lambda batch: pool.submit(analyze_batch, batch, settings),
            lambda _batch, future: future.result(), window=2 * settings.jobs,
        )


def in_order(
    batches: Iterable[list[Article]],
    submit: Callable[[list[Article]], F],
    collect: Callable[[list[Article], F], Sequence[Result]],
    *,
    window: int,
) -> Iterator[tuple[Article, Result]]:
    """Submit batches as they come, at most ``window`` in flight, and yield ``(article, result)``
    in input order: the client holds a bounded number of articles whatever the corpus size."""
    pending: collections.deque[tuple[list[Article], F]] = collections.deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            done, handle = pending.popleft()
            yield from zip(done, collect(done, handle), strict=True)
    while pending:
        done, handle = pending.popleft()
        yield from zip(done, collect(done, handle), strict=True)
