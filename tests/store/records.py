"""Small records built by hand: two articles, a copy, their analyses, a story linking them.

Every span is cut from its article's text by :func:`span`, so the offsets are right
by construction.  Shared by the store and export tests.
"""

from __future__ import annotations

import datetime as dt

from conftest import make_article

from storyline import dates
from storyline.ids import make_id
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    ClaimMention,
    Conflict,
    Entity,
    EntityMention,
    Event,
    EventMention,
    MergeReason,
    Published,
    Quote,
    Removed,
    Sentence,
    Span,
    Story,
    TimeExpr,
)

TEXT_1 = (
    "WASHINGTON, July 13, 2017 - The Senate passed the bill on Tuesday. "
    '"We won," said Mitch McConnell. More than 50 people were detained in Zürich.'
)
TEXT_2 = (
    "The Senate approved the measure last week, McConnell told reporters. "
    "About 40 people were detained."
)
TEXT_3 = TEXT_2 + " Copyright AP."


def span(article: Article, needle: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``needle`` in the article's text, as a span."""
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(needle, start + 1)
    return Span(article=article.id, start=start, end=start + len(needle), text=needle)


def sentences(article: Article) -> tuple[Sentence, ...]:
    """Sentences split at ". " (good enough for hand-written text)."""
    out, start = [], 0
    text = article.text
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        out.append(Sentence(start=start, end=end))
        start = end + 1
    return tuple(out)


def articles() -> tuple[Article, Article, Article]:
    a1 = make_article(TEXT_1, title="Senate passes bill", outlet="Wire", source="one.txt")
    a2 = make_article(TEXT_2, published="2017-07-14", outlet="Paper", source="two.html")
    a3 = make_article(TEXT_3, source="three.txt")
    a3 = Article(
        id=a3.id, source=a3.source, text=a3.text, url="https://example.org/3",
        removed=(Removed(text="Share this", reason="share-button"),), duplicate_of=a2.id,
    )
    return a1, a2, a3


def analyses(a1: Article, a2: Article) -> tuple[ArticleAnalysis, ArticleAnalysis]:
    tuesday = TimeExpr(
        id=make_id("t", a1.id, 1), span=span(a1, "Tuesday"), type="DATE", value="2017-07-11",
        anchor="dct", date=dates.day(dt.date(2017, 7, 11)),
    )
    last_week = TimeExpr(
        id=make_id("t", a2.id, 1), span=span(a2, "last week"), type="DATE", value="2017-W27",
        anchor="dct",
        date=dates.DateValue(
            value="2017-W27", earliest=dt.date(2017, 7, 3), latest=dt.date(2017, 7, 9), precision="week"
        ),
    )
    passed = EventMention(
        id=make_id("m", a1.id, 1), span=span(a1, "The Senate passed the bill on Tuesday."),
        trigger=span(a1, "passed"), type="AGREE", modality="asserted", actors=(span(a1, "Senate"),),
        date=tuesday.date, time=tuesday.id, date_basis="clause",
    )
    approved = EventMention(
        id=make_id("m", a2.id, 1), span=span(a2, "The Senate approved the measure last week"),
        trigger=span(a2, "approved"), type="AGREE", modality="reported", actors=(span(a2, "Senate"),),
        date=last_week.date, time=last_week.id, date_basis="clause",
    )
    x1 = ArticleAnalysis(
        article=a1.id,
        sentences=sentences(a1),
        mentions=(
            EntityMention(span=span(a1, "Senate"), label="ORG", key="senate"),
            EntityMention(span=span(a1, "Mitch McConnell"), label="PERSON", key="mitch mcconnell",
                          attributes={"title": "Senate majority leader"}),
        ),
        times=(tuesday,),
        quotes=(
            Quote(id=make_id("q", a1.id, 1), span=span(a1, "We won,"), kind="direct", cue="said",
                  speaker=span(a1, "Mitch McConnell")),
        ),
        events=(passed,),
        claims=(
            ClaimMention(id=make_id("c", a1.id, 1), span=span(a1, "More than 50 people were detained"),
                         subject="people detained", value="more than 50", unit="people", low=51,
                         high=None, approx="more than"),
        ),
        dateline=Published(date=dates.day(dt.date(2017, 7, 13)), method="explicit",
                           evidence=(span(a1, "July 13, 2017"),)),
    )
    x2 = ArticleAnalysis(
        article=a2.id,
        sentences=sentences(a2),
        mentions=(EntityMention(span=span(a2, "McConnell"), label="PERSON", key="mcconnell"),),
        times=(last_week,),
        quotes=(
            Quote(id=make_id("q", a2.id, 1), span=span(a2, "The Senate approved the measure last week"),
                  kind="indirect", cue="told", speaker=None),
        ),
        events=(approved,),
        claims=(
            ClaimMention(id=make_id("c", a2.id, 1), span=span(a2, "About 40 people were detained"),
                         subject="people detained", value="about 40", unit="people", low=40, high=40,
                         approx="about"),
        ),
    )
    return x1, x2


def batch() -> list[tuple[Article, ArticleAnalysis | None, bytes]]:
    """What a build would hand the store: two analysed articles and one copy."""
    a1, a2, a3 = articles()
    x1, x2 = analyses(a1, a2)
    return [(a1, x1, b"\x01sig1"), (a2, x2, b"\x02sig2"), (a3, None, b"\x03sig3")]


def story() -> Story:
    """The story linking :func:`batch`, with every kind of record filled in."""
    (a1, x1, _), (a2, x2, _), (a3, _, _) = batch()
    mcconnell = Entity(
        id=make_id("e", "mitch mcconnell"), name="Mitch McConnell", type="PERSON",
        aliases=("Mitch McConnell", "McConnell"),
        mentions=(span(a2, "McConnell"), span(a1, "Mitch McConnell")),
        attributes={"title": "Senate majority leader", "party": "Republican"},
        reasons=(MergeReason(rule="surname", detail="McConnell = Mitch McConnell"),),
    )
    senate = Entity(
        id=make_id("e", "senate"), name="Senate", type="ORG", aliases=("Senate",),
        mentions=(span(a1, "Senate"), span(a2, "Senate")),
    )
    event = Event(
        id=make_id("v", "senate passes"), type="AGREE", modality="asserted",
        mentions=(x2.events[0], x1.events[0]), summary="Senate passed the bill",
        date=x1.events[0].date, actors=(senate.id,), sources=2, cameo="057",
        reasons=(MergeReason(rule="trigger+date", detail="passed ~ approved, 2017-07-11 in 2017-W27"),),
    )
    claims = tuple(
        Claim(id=make_id("c", "claim", m.id), subject=m.subject, value=m.value, unit=m.unit, span=m.span,
              low=m.low, high=m.high, approx=m.approx)
        for m in (x2.claims[0], x1.claims[0])
    )
    conflict = Conflict(id=make_id("x", "people detained"), about="people detained",
                        claims=(claims[1].id, claims[0].id))
    return Story(
        entities=(senate, mcconnell),
        events=(event,),
        claims=claims,
        conflicts=(conflict,),
        published={a3.id: Published(date=dates.month(2017, 7), method="inferred")},
        speakers={x1.quotes[0].id: mcconnell.id},
    )
