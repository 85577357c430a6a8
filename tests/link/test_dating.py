from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storyline import dates
from storyline.link.dating import date_articles
from storyline.link.entities import resolve_entities
from storyline.model import Article, ArticleAnalysis, Published

from .records import analysis, art, day, ent, event, span, timex

Pairs = Sequence[tuple[Article, ArticleAnalysis | None]]


def run(pairs: Pairs) -> tuple[dict[str, Published], dict[str, Published]]:
    _, index = resolve_entities([(a, an) for a, an in pairs if an is not None])
    found = date_articles(pairs, index)
    return found.published, found.effective


def test_metadata_date_is_effective_but_not_reported() -> None:
    a = art("Text.", published="2017-07-13")
    published, effective = run([(a, analysis(a))])
    assert published == {} and effective[a.id] == a.published


def test_dateline_used_when_no_metadata() -> None:
    a = art("WASHINGTON, July 13, 2017 - Text.")
    line = Published(date=day("2017-07-13"), method="explicit", evidence=(span(a, "July 13, 2017"),))
    published, _ = run([(a, analysis(a, dateline=line))])
    assert published[a.id] == line


def test_undated_article_gets_inferred_lower_bound_with_evidence() -> None:
    a = art("The law passed in 2016. On July 13, 2017 the Senate voted. Last week it met.")
    times = (
        timex(a, "2016", dates.year(2016)),
        timex(a, "July 13, 2017", day("2017-07-13")),
        timex(a, "Last week", dates.year(2030), anchor="dct"),  # relative: never a bound
    )
    published, _ = run([(a, analysis(a, times=times))])
    found = published[a.id]
    assert found.method == "inferred"
    assert (found.date.value, found.date.earliest, found.date.latest) == (
        "2017-07-13",
        dt.date(2017, 7, 13),
        None,
    )
    assert found.evidence == (span(a, "July 13, 2017"),)


def test_year_mention_gives_year_bound() -> None:
    a = art("Protests grew through 2017.")
    published, _ = run([(a, analysis(a, times=(timex(a, "2017", dates.year(2017)),)))])
    assert (published[a.id].date.value, published[a.id].date.precision) == ("2017", "year")
    assert published[a.id].date.earliest == dt.date(2017, 1, 1)


def test_article_without_absolute_dates_stays_undated() -> None:
    a = art("Yesterday the Senate voted.")
    times = (timex(a, "Yesterday", day("2017-07-12"), anchor="dct"),)
    published, effective = run([(a, analysis(a, times=times))])
    assert a.id not in published and a.id not in effective


def test_event_dated_in_another_article_bounds_the_undated_one() -> None:
    dated = art("Congress sanctioned Russia on July 27, 2017.", published="2017-07-28")
    undated = art("In 2016 talks began. Congress sanctioned Russia.")
    pairs: Pairs = [
        (
            dated,
            analysis(
                dated,
                mentions=(ent(dated, "Congress", "ORG"), ent(dated, "Russia", "GPE")),
                events=(
                    event(
                        dated, "sanctioned", actors=("Congress",), targets=("Russia",), date=day("2017-07-27")
                    ),
                ),
            ),
        ),
        (
            undated,
            analysis(
                undated,
                mentions=(ent(undated, "Congress", "ORG"), ent(undated, "Russia", "GPE")),
                times=(timex(undated, "2016", dates.year(2016)),),
                events=(event(undated, "sanctioned", actors=("Congress",), targets=("Russia",)),),
            ),
        ),
    ]
    published, _ = run(pairs)
    found = published[undated.id]
    assert (found.method, found.date.earliest, found.date.latest) == ("inferred", dt.date(2017, 7, 27), None)
    assert {s.article for s in found.evidence} == {dated.id, undated.id}
