"""The interface every store backend implements (SQLite and PostgreSQL)."""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Iterator, Sequence
from types import TracebackType

from storyline.model import Article, ArticleAnalysis, Problem, Span, Story

__all__ = ["Store"]


class Store(abc.ABC):
    """One gateway to a story database: articles, their analyses, the linked story.

    Every write is one transaction, so a build killed at any moment leaves a
    database that is consistent and that a re-build resumes (ids already
    present are skipped).  Several processes may write one database at once:
    batches never interleave, and :meth:`link_lock` with the ``generation``
    rule of :meth:`write_story` keeps the stored story the freshest one.  Use
    it as a context manager, or call :meth:`close`.
    """

    # ------------------------------------------------------------- articles

    @abc.abstractmethod
    def article_ids(self) -> set[str]:
        """The ids of every stored article (copies included)."""

    @abc.abstractmethod
    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """``(article id, near-duplicate signature)`` for every stored article, in insertion order."""

    @abc.abstractmethod
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored (one indexed lookup)."""

    @abc.abstractmethod
    def near_copies(self, keys: Sequence[int]) -> list[tuple[str, bytes]]:
        """``(article id, signature)`` of the stored articles whose signature has any of these LSH
        band keys (:func:`storyline.minhash.band_keys`), in insertion order: the store's own
        near-duplicate index, so that a build need not hold every signature."""

    @abc.abstractmethod
    def add_articles(
        self, batch: Sequence[tuple[Article, ArticleAnalysis | None, bytes]], *, analyzer: str | None = None
    ) -> int:
        """Store a batch of ``(article, analysis or None for a copy, signature)`` in one
        transaction; articles whose id is already stored are skipped.  Returns how many
        were added.  ``analyzer`` names what made the analyses
        (:func:`~storyline.analyze.version.analysis_version`); ``None`` stores them as made by
        an unknown analyser, which :meth:`stale_analyses` lists."""

    @abc.abstractmethod
    def stale_analyses(self, analyzer: str) -> list[str]:
        """The ids of the stored analyses not made by ``analyzer`` (or by an unknown one), in
        id order.  Copies have no analysis and are never listed."""

    @abc.abstractmethod
    def replace_analyses(self, batch: Sequence[tuple[Article, ArticleAnalysis]], *, analyzer: str) -> int:
        """Replace the stored analyses of these stored articles, in one transaction, with new
        ones made by ``analyzer`` (their sentences in the search index too, where their
        boundaries moved); ids with no stored analysis are skipped.  A replacement counts as a
        new batch of articles: the story needs linking again.  Returns how many were replaced."""

    @abc.abstractmethod
    def iter_pairs(self) -> Iterator[tuple[Article, ArticleAnalysis | None]]:
        """Every article with its analysis (``None`` for copies), ordered by article id, streamed."""

    @abc.abstractmethod
    def iter_articles(self) -> Iterator[Article]:
        """Every article, ordered by article id, streamed."""

    @abc.abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""

    @abc.abstractmethod
    def get_analysis(self, article_id: str) -> ArticleAnalysis | None:
        """The analysis of this article, or ``None`` (unknown id, or a copy)."""

    # ---------------------------------------------------------------- story

    @abc.abstractmethod
    def needs_link(self) -> bool:
        """True when articles were added after the stored story was written."""

    @abc.abstractmethod
    def generation(self) -> int:
        """The articles generation: a counter that grows with every batch that adds articles.

        Read it before linking and pass it to :meth:`write_story`, so the story
        is labelled with the articles it was linked from."""

    @abc.abstractmethod
    def write_story(self, story: Story, *, generation: int | None = None, linker: str | None = None) -> bool:
        """Replace the stored story, in one transaction, with one linked from the
        articles of ``generation`` (default: the current :meth:`generation`) by ``linker``
        (:func:`~storyline.analyze.version.link_version` and the version of the word list dating
        reads, as ``build`` writes it; ``None``: not recorded).

        A stale story never overwrites a fresher one: when ``generation`` is older
        than the stored story's, nothing is written.  Returns whether it wrote."""

    @abc.abstractmethod
    def linked_by(self) -> str | None:
        """The linker that wrote the stored story, as :meth:`write_story` recorded it (``None``:
        no story yet, or one written without it, by an older storyline)."""

    @abc.abstractmethod
    def link_lock(self) -> contextlib.AbstractContextManager[None]:
        """A lock held while linking, exclusive across processes (and threads with
        their own store), so that two builds of one database do not link at once."""

    @abc.abstractmethod
    def story(self) -> Story:
        """The stored story (an empty :class:`Story` before the first link)."""

    # ---------------------------------------------------------------- query

    @abc.abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[Span]:
        """Sentences matching every word of ``query`` (``"quoted phrases"`` kept
        together), best first.  Any input is accepted; none raises."""

    @abc.abstractmethod
    def iter_sentences(self) -> Iterator[tuple[int, str, int, int]]:
        """``(sentence id, article id, start, end)`` for every stored sentence, streamed.  The ids
        are the ones :meth:`search_ids` returns and :meth:`sentence_texts` reads."""

    @abc.abstractmethod
    def search_ids(self, query: str, *, limit: int, rank_limit: int) -> tuple[int, list[int]]:
        """How many sentences match ``query`` (as :meth:`search` reads it), and the ids of up to
        ``limit`` of them: best first when there are at most ``rank_limit`` matches, else in
        storage order (ranking every match of a common word costs more than it tells)."""

    @abc.abstractmethod
    def sentence_texts(self, ids: Sequence[int]) -> dict[int, str]:
        """Sentence id -> its text, for the ids given (unknown ids are left out)."""

    @abc.abstractmethod
    def counts(self) -> dict[str, int]:
        """How many of each kind of record the store holds."""

    # ------------------------------------------------------------- problems

    @abc.abstractmethod
    def add_problems(self, problems: Sequence[Problem], *, run: int | None = None) -> int:
        """Record one build's report lines, in one transaction, and return the run number.

        With ``run=None`` they are filed as a new run (call it once per build, even
        with no problems, so :meth:`problems` never shows a previous build's);
        pass the number returned to add more lines to that run.
        """

    @abc.abstractmethod
    def problems(self, *, run: int | None = None) -> list[Problem]:
        """The problems recorded under ``run`` (default: the latest run), in the order added."""

    # ------------------------------------------------------------ lifecycle

    @abc.abstractmethod
    def close(self) -> None:
        """Close the database; further calls fail.  Closing twice is harmless."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
