"""The per-article stage: one spaCy parse -> one :class:`ArticleAnalysis`.

``analyze_doc(doc, article)`` is pure: it composes the stage functions over one parse, in order

1. sentences (spaCy's sentence boundaries, as character offsets);
2. the dateline (:func:`~storyline.analyze.dateline.find_dateline`, a date the text states
   about itself);
3. the document creation time (DCT) that relative dates resolve against: the article's
   publication date when it is a day; otherwise the dateline's day (when there is no
   publication date, or it is coarser and the dateline day falls inside it); otherwise none;
4. time expressions, entity mentions, quotes, event mentions and numeric claims.

:class:`Analyzer` holds the loaded model; its ``pipe`` parses a batch with ``nlp.pipe``.
Copies (``article.duplicate_of`` set) are never analysed: the caller skips them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from storyline.analyze.claims import find_claims
from storyline.analyze.dateline import find_dateline
from storyline.analyze.events import find_events
from storyline.analyze.mentions import Antecedents, find_mentions
from storyline.analyze.nlp import load_model
from storyline.analyze.quotes import find_quotes
from storyline.analyze.timex import find_times
from storyline.model import Article, ArticleAnalysis, DateValue, Published, Sentence
from storyline.settings import Settings

__all__ = ["Analyzer", "analyze", "analyze_doc", "document_time"]


def document_time(article: Article, dateline: Published | None) -> DateValue | None:
    """The DCT of ``article``: its publication day, else the dateline day that agrees with it.

    The result is what event dating falls back on; its ``earliest`` is the day relative
    expressions resolve against when its precision is ``day``.
    """
    published = article.published.date if article.published is not None else None
    if published is not None and published.precision == "day":
        return published
    if dateline is not None:
        day = dateline.date.earliest
        if published is None or (published.earliest <= day <= (published.latest or day)):
            return dateline.date
    return published


def analyze_doc(doc: Any, article: Article) -> ArticleAnalysis:
    """Everything the per-article stage finds in ``article``, parsed as ``doc``."""
    sentences = tuple(Sentence(s.start_char, s.end_char) for s in doc.sents)
    dateline = find_dateline(article)
    dct_value = document_time(article, dateline)
    dct: dt.date | None = None
    if dct_value is not None and dct_value.precision == "day":
        dct = dct_value.earliest
    times = find_times(doc, article, dct)
    mentions = find_mentions(doc, article)
    antecedents = Antecedents(doc, mentions)  # one pronoun resolver for quotes and events
    quotes = find_quotes(doc, article, mentions, antecedents=antecedents)
    events = find_events(doc, article, mentions, times, dct_value, quotes=quotes, antecedents=antecedents)
    claims = find_claims(doc, article, times=times)
    return ArticleAnalysis(
        article=article.id, sentences=sentences, mentions=mentions, times=times, quotes=quotes,
        events=events, claims=claims, dateline=dateline,
    )


class Analyzer:
    """The per-article stage with its model loaded (once per process)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_model(settings.model)
        self.nlp.max_length = max(self.nlp.max_length, settings.max_text_bytes)

    def __call__(self, article: Article) -> ArticleAnalysis:
        return analyze_doc(self.nlp(article.text), article)

    def pipe(self, articles: Sequence[Article]) -> list[ArticleAnalysis]:
        """Analyses of ``articles``, in order, parsed in batches of ``settings.batch_size``."""
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.settings.batch_size)
        return [analyze_doc(doc, article) for doc, article in zip(docs, articles, strict=True)]


def analyze(article: Article, *, settings: Settings | None = None) -> ArticleAnalysis:
    """Analyse one article with the model named in ``settings`` (default :class:`Settings`)."""
    return Analyzer(settings or Settings())(article)
