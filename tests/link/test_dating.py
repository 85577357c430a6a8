from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storyline import dates
from storyline.ids import make_id
from storyline.link.dating import date_articles
from storyline.link.entities import resolve_entities
from storyline.model import Article, ArticleAnalysis, Published, Sentence, TimeExpr

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


def test_undated_article_gets_inferred_open_interval_with_evidence() -> None:
    a = art("The law passed in 2016. On July 13, 2017 the Senate voted. Last week it met.")
    times = (
        timex(a, "2016", dates.year(2016)),
        timex(a, "July 13, 2017", day("2017-07-13")),
        timex(a, "Last week", dates.year(2030), anchor="dct"),  # relative: never a bound
    )
    published, _ = run([(a, analysis(a, times=times))])
    found = published[a.id]
    assert found.method == "inferred"
    # the point estimate is the day after the latest day mentioned: news reports yesterday
    assert (found.date.value, found.date.earliest, found.date.latest) == (
        "2017-07-14",
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
    dated = art("Congress sanctioned Norway on July 27, 2017.", published="2017-07-28")
    undated = art("In 2016 talks began. Congress sanctioned Norway.")
    pairs: Pairs = [
        (
            dated,
            analysis(
                dated,
                mentions=(ent(dated, "Congress", "ORG"), ent(dated, "Norway", "GPE")),
                events=(
                    event(
                        dated, "sanctioned", actors=("Congress",), targets=("Norway",), date=day("2017-07-27")
                    ),
                ),
            ),
        ),
        (
            undated,
            analysis(
                undated,
                mentions=(ent(undated, "Congress", "ORG"), ent(undated, "Norway", "GPE")),
                times=(timex(undated, "2016", dates.year(2016)),),
                events=(event(undated, "sanctioned", actors=("Congress",), targets=("Norway",)),),
            ),
        ),
    ]
    published, _ = run(pairs)
    found = published[undated.id]
    # lower bound from the shared event; upper bound from the one similar dated article (half a year on)
    assert (found.method, found.date.earliest, found.date.latest) == (
        "inferred", dt.date(2017, 7, 27), dt.date(2018, 1, 24))
    assert found.date.value == "2017-07"  # half a year wide: the month of the point
    assert {s.article for s in found.evidence} == {dated.id, undated.id}


def _weekday_timex(article: Article, text: str, n: int) -> TimeExpr:
    s = span(article, text)
    return TimeExpr(id=make_id("t", s.article, s.start, s.end), span=s, type="DATE", value=f"XXXX-WXX-{n}")


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for piece in text.split(". "):
        end = min(len(text), start + len(piece) + 2)
        out.append(Sentence(start, end))
        start = end
    return tuple(out)


def test_weekday_of_the_latest_day_closes_the_interval_within_a_week() -> None:
    a = art("The vote of July 13, 2017 was close. Ministers met again on Thursday.")
    times = (timex(a, "July 13, 2017", day("2017-07-13")), _weekday_timex(a, "Thursday", 4))
    published, _ = run([(a, analysis(a, times=times, sentences=_sentences(a.text)))])
    found = published[a.id].date
    assert (found.earliest, found.latest) == (dt.date(2017, 7, 13), dt.date(2017, 7, 19))
    assert {e.text for e in published[a.id].evidence} == {"July 13, 2017", "Thursday"}


def test_weekday_spelling_out_the_latest_day_says_nothing_of_the_week() -> None:
    # "Thursday, July 13, 2017" names one old day twice; it does not say this is the week after it
    a = art("The vote on Thursday, July 13, 2017 was close. It is remembered.")
    times = (timex(a, "July 13, 2017", day("2017-07-13")), _weekday_timex(a, "Thursday", 4))
    published, _ = run([(a, analysis(a, times=times, sentences=_sentences(a.text)))])
    assert published[a.id].date.latest is None


def test_a_date_announced_for_the_future_is_not_a_lower_bound() -> None:
    a = art("The court met on March 2, 2017. The verdict will be read on May 3, 2017.")
    times = (timex(a, "March 2, 2017", day("2017-03-02")), timex(a, "May 3, 2017", day("2017-05-03")))
    published, _ = run([(a, analysis(a, times=times, sentences=_sentences(a.text)))])
    assert published[a.id].date.earliest == dt.date(2017, 3, 2)
    assert {e.text for e in published[a.id].evidence} == {"March 2, 2017"}


def test_weekday_of_another_day_leaves_the_interval_open() -> None:
    a = art("The vote on Monday followed July 13, 2017.")
    times = (timex(a, "July 13, 2017", day("2017-07-13")), _weekday_timex(a, "Monday", 1))
    published, _ = run([(a, analysis(a, times=times))])
    assert published[a.id].date.latest is None


def test_last_year_beside_an_explicit_year_pins_the_year() -> None:
    a = art("Sales fell in 2016 and rose last year.")
    last = span(a, "last year")
    times = (
        timex(a, "2016", dates.year(2016)),
        TimeExpr(id=make_id("t", a.id, last.start, last.end), span=last, type="DATE", value="PAST_REF"),
    )
    published, _ = run([(a, analysis(a, times=times, sentences=(Sentence(0, len(a.text)),)))])
    found = published[a.id].date
    assert (found.earliest, found.latest, found.value) == (dt.date(2017, 1, 1), dt.date(2017, 12, 31), "2017")


def test_year_after_the_latest_day_is_a_plan_not_a_bound() -> None:
    a = art("On July 13, 2017 the city set a goal for 2035.")
    times = (timex(a, "July 13, 2017", day("2017-07-13")), timex(a, "2035", dates.year(2035)))
    published, _ = run([(a, analysis(a, times=times))])
    assert published[a.id].date.earliest == dt.date(2017, 7, 13)


def test_dated_article_reporting_the_same_day_closes_the_interval() -> None:
    dated = art("The vote was held on July 13, 2017.", published="2017-07-16")
    undated = art("The vote of July 13, 2017 was close.")
    pairs: Pairs = [
        (dated, analysis(dated, times=(timex(dated, "July 13, 2017", day("2017-07-13")),))),
        (undated, analysis(undated, times=(timex(undated, "July 13, 2017", day("2017-07-13")),))),
    ]
    published, _ = run(pairs)
    found = published[undated.id].date
    assert (found.earliest, found.latest, found.value) == (dt.date(2017, 7, 13), dt.date(2018, 1, 12), "2017-07")


def test_article_without_dates_is_placed_by_the_most_similar_dated_articles() -> None:
    dated = art("Congress sanctioned Norway.", published="2017-07-28")
    undated = art("Norway answered Congress.")
    pairs: Pairs = [
        (dated, analysis(dated, mentions=(ent(dated, "Congress", "ORG"), ent(dated, "Norway", "GPE")))),
        (undated, analysis(undated, mentions=(ent(undated, "Congress", "ORG"), ent(undated, "Norway", "GPE")))),
    ]
    published, _ = run(pairs)
    found = published[undated.id]
    assert (found.method, found.date.earliest, found.date.latest) == (
        "inferred", dt.date(2017, 1, 29), dt.date(2018, 1, 24))


def test_bare_year_after_all_look_alikes_is_dropped_as_a_plan() -> None:
    dated = [art(f"Congress sanctioned Norway, report {i}.", published=f"2017-07-{10 + i}") for i in range(3)]
    undated = art("Norway answered Congress before the 2030 summit.")
    pairs: Pairs = [
        (a, analysis(a, mentions=(ent(a, "Congress", "ORG"), ent(a, "Norway", "GPE")))) for a in dated
    ] + [(undated, analysis(undated, mentions=(ent(undated, "Congress", "ORG"), ent(undated, "Norway", "GPE")),
                            times=(timex(undated, "2030", dates.year(2030)),)))]
    published, _ = run(pairs)
    found = published[undated.id].date
    assert (found.earliest, found.latest) == (dt.date(2017, 6, 10), dt.date(2017, 8, 11))


def test_event_a_dated_article_tells_as_still_to_come_is_no_lower_bound() -> None:
    dated = art("Congress will sanction Norway on July 27, 2017.", published="2017-07-01")
    undated = art("In 2016 talks began. Congress sanctioned Norway.")
    pairs: Pairs = [
        (dated, analysis(
            dated, mentions=(ent(dated, "Congress", "ORG"), ent(dated, "Norway", "GPE")),
            events=(event(dated, "sanction", actors=("Congress",), targets=("Norway",), date=day("2017-07-27")),),
        )),
        (undated, analysis(
            undated, mentions=(ent(undated, "Congress", "ORG"), ent(undated, "Norway", "GPE")),
            times=(timex(undated, "2016", dates.year(2016)),),
            events=(event(undated, "sanctioned", actors=("Congress",), targets=("Norway",)),),
        )),
    ]
    published, _ = run(pairs)
    # no bound from the announced event (the look-alike alone allows half a year before it)
    assert dt.date(2016, 1, 1) <= published[undated.id].date.earliest < dt.date(2017, 7, 27)


def test_rare_words_shared_with_dated_articles_place_an_article_without_names() -> None:
    flood = [art(f"Floodwaters breached the levees near the reservoir, report {i}.", published="2019-03-0" + str(i))
             for i in range(1, 4)]
    budget = [art(f"Lawmakers debated the municipal budget amendments, report {i}.", published="2021-10-1" + str(i))
              for i in range(1, 4)]
    filler = [art(f"Unrelated item number {i}.", published="2020-06-01") for i in range(30)]
    undated = art("Engineers said the levees and the reservoir held after the floodwaters rose.")
    pairs: Pairs = [(a, analysis(a)) for a in (*flood, *budget, *filler, undated)]
    published, _ = run(pairs)
    found = published[undated.id].date
    assert found.earliest <= dt.date(2019, 3, 1) and found.latest is not None
    assert dt.date(2019, 3, 3) <= found.latest < dt.date(2021, 1, 1)


def test_point_is_cut_to_the_month_within_a_year_and_to_the_day_within_a_quarter() -> None:
    from storyline.link.dating import _cut, _Interval

    def cut(width: int) -> str:
        lo = dt.date(2020, 1, 10)
        return _cut(_Interval(lo, lo + dt.timedelta(days=width), dt.date(2020, 1, 20), "day", set())).value

    assert (cut(80), cut(200), cut(365)) == ("2020-01-20", "2020-01", "2020")


def test_a_near_copy_outvotes_looser_look_alikes() -> None:
    from storyline.link.dating import _weighted_median

    votes = [(dt.date(2020, 3, 1), 10.0), (dt.date(2020, 3, 9), 11.0), (dt.date(2020, 3, 20), 12.0),
             (dt.date(2020, 2, 2), 90.0)]
    assert _weighted_median(votes) == dt.date(2020, 2, 2)
    assert _weighted_median([(dt.date(2020, 3, d), 1.0) for d in (1, 5, 9)]) == dt.date(2020, 3, 5)


def _harbor(text: str, published: str | None = None, **fields: object) -> tuple[Article, ArticleAnalysis]:
    """An article of a made-up port story naming the board and whichever towns it mentions."""
    a = art(text, published=published)
    mentions = tuple(ent(a, name, label) for name, label in
                     (("Harbor Board", "ORG"), ("Velmora", "GPE"), ("Ostrand", "GPE")) if name in text)
    return a, analysis(a, mentions=mentions, **fields)


def test_event_dated_after_most_look_alikes_is_no_lower_bound() -> None:
    march = [_harbor(f"The Harbor Board inspected the Velmora docks and cranes, report {i}.", f"2019-03-0{i}")
             for i in range(1, 6)]
    later = art("The Harbor Board closed the Velmora docks on September 9, 2019.")
    later_pair = _harbor(later.text, "2019-09-10", events=(event(
        later, "closed", "CLOSE", actors=("Harbor Board",), targets=("Velmora",), date=day("2019-09-09")),))
    undated = art("The Harbor Board inspected the cranes and closed the Velmora docks.")
    undated_pair = _harbor(undated.text, events=(event(
        undated, "closed", "CLOSE", actors=("Harbor Board",), targets=("Velmora",)),))
    published, _ = run([*march, later_pair, undated_pair])
    found = published[undated.id].date
    # another closing of the kind, after most look-alikes: the March reports place the article
    assert found.earliest < dt.date(2019, 3, 1) and found.value.startswith("2019-03")


def test_event_on_another_target_is_no_lower_bound() -> None:
    dated = art("The Harbor Board fined Ostrand on May 2, 2017.")
    dated_pair = _harbor(dated.text, "2017-05-03", events=(event(
        dated, "fined", "FINE", actors=("Harbor Board",), targets=("Ostrand",), date=day("2017-05-02")),))
    undated = art("In 2016 talks began. The Harbor Board fined Velmora.")
    undated_pair = _harbor(undated.text, times=(timex(undated, "2016", dates.year(2016)),), events=(event(
        undated, "fined", "FINE", actors=("Harbor Board",), targets=("Velmora",)),))
    published, _ = run([dated_pair, undated_pair])
    # no bound from the fine on another town (the look-alike alone allows half a year before it)
    assert dt.date(2016, 1, 1) <= published[undated.id].date.earliest < dt.date(2017, 5, 2)


def test_own_date_after_all_look_alikes_is_outvoted() -> None:
    march = [_harbor(f"The Harbor Board reopened the Velmora docks, report {i}.", f"2019-03-0{i}")
             for i in range(1, 4)]
    undated = art("The Harbor Board reopened the Velmora docks. Repairs end on August 23, 2019.")
    undated_pair = _harbor(undated.text, times=(timex(undated, "August 23, 2019", day("2019-08-23")),))
    published, _ = run([*march, undated_pair])
    found = published[undated.id].date
    assert (found.earliest, found.latest) == (dt.date(2019, 1, 30), dt.date(2019, 4, 2))


def test_look_alikes_raise_a_lower_bound_from_an_old_date() -> None:
    march = [_harbor(f"The Harbor Board reopened the Velmora docks, report {i}.", f"2019-03-0{i}")
             for i in range(1, 4)]
    undated = art("The Harbor Board reopened the Velmora docks, shut since 1987.")
    undated_pair = _harbor(undated.text, times=(timex(undated, "1987", dates.year(1987)),))
    published, _ = run([*march, undated_pair])
    found = published[undated.id].date
    assert (found.earliest, found.latest, found.value) == (dt.date(2019, 1, 30), dt.date(2019, 4, 2), "2019-03-02")


def test_weekday_week_before_the_look_alikes_is_outvoted() -> None:
    march = [_harbor(f"The Harbor Board reopened the Velmora docks, report {i}.", f"2019-03-0{i}")
             for i in range(1, 4)]
    text = "The docks first shut on June 6, 2013. On Thursday the Harbor Board reopened the Velmora docks."
    undated = art(text)
    undated_pair = _harbor(text, sentences=_sentences(text), times=(
        timex(undated, "June 6, 2013", day("2013-06-06")), _weekday_timex(undated, "Thursday", 4)))
    published, _ = run([*march, undated_pair])
    found = published[undated.id].date
    # alone, the Thursday would close the week of June 6, 2013; the look-alikes place it in 2019
    assert (found.earliest, found.latest) == (dt.date(2019, 1, 30), dt.date(2019, 4, 2))
    alone = date_articles([undated_pair], resolve_entities([undated_pair])[1]).published[undated.id].date
    assert alone.latest == dt.date(2013, 6, 12)


def _shared_event_pairs(undated_text: str, *, modality: str = "asserted", actor_label: str = "ORG",
                        actor: str = "Congress") -> tuple[Article, Pairs]:
    """A dated article reporting "<actor> sanctioned Norway" on 2017-07-27 and an undated one
    that reports the same words with ``modality``."""
    dated = art(f"{actor} sanctioned Norway on July 27, 2017.", published="2017-07-28")
    undated = art(undated_text)
    pairs: Pairs = [
        (dated, analysis(
            dated, mentions=(ent(dated, actor, actor_label), ent(dated, "Norway", "GPE")),
            events=(event(dated, "sanctioned", actors=(actor,), targets=("Norway",), date=day("2017-07-27")),),
        )),
        (undated, analysis(
            undated, mentions=(ent(undated, actor, actor_label), ent(undated, "Norway", "GPE")),
            times=(timex(undated, "2016", dates.year(2016)),),
            events=(event(undated, "sanction", actors=(actor,), targets=("Norway",), modality=modality),),
        )),
    ]
    return undated, pairs


def test_an_event_the_undated_article_only_asks_for_is_no_lower_bound() -> None:
    undated, pairs = _shared_event_pairs("In 2016 talks began. Members urged Congress to sanction Norway.",
                                         modality="requested")
    published, _ = run(pairs)
    assert published[undated.id].date.earliest < dt.date(2017, 7, 27)


def test_a_whole_people_acting_does_not_tie_two_events_together() -> None:
    # "Norwegians sanctioned ..." in two articles: a people acts in countless events of a story
    undated, pairs = _shared_event_pairs("In 2016 talks began. Norwegians sanctioned Norway.",
                                         actor="Norwegians", actor_label="NORP")
    published, _ = run(pairs)
    assert published[undated.id].date.earliest < dt.date(2017, 7, 27)
    # the same with an organisation acting is the same event: a lower bound
    undated, pairs = _shared_event_pairs("In 2016 talks began. Congress sanctioned Norway.")
    published, _ = run(pairs)
    assert published[undated.id].date.earliest == dt.date(2017, 7, 27)


def test_a_date_stamped_with_a_clock_time_in_the_page_body_is_no_lower_bound() -> None:
    body = "The council met on March 2, 2017 and voted. " + "It debated the budget at length. " * 10
    a = art(body + "At 6:19 pm on 9 May 2017 , a reader wrote : Good news.")
    times = (timex(a, "March 2, 2017", day("2017-03-02")), timex(a, "9 May 2017", day("2017-05-09")))
    published, _ = run([(a, analysis(a, times=times, sentences=_sentences(a.text)))])
    assert published[a.id].date.earliest == dt.date(2017, 3, 2)


def test_a_new_date_set_for_a_hearing_is_no_lower_bound() -> None:
    a = art("The court met on March 2, 2017, setting a new trial date of 22 May 2017.")
    times = (timex(a, "March 2, 2017", day("2017-03-02")), timex(a, "22 May 2017", day("2017-05-22")))
    published, _ = run([(a, analysis(a, times=times, sentences=_sentences(a.text)))])
    assert published[a.id].date.earliest == dt.date(2017, 3, 2)


def test_articles_about_something_else_do_not_move_an_inferred_date() -> None:
    """The neighbours' features weigh by their rarity in news at large, not in the story, and a
    word is left out only when news at large uses it often: so dated articles that share nothing
    with an undated one change neither who its look-alikes are nor what they weigh.  (With a cut
    relative to the story, "levees" in six of seven dated articles was left out, and in six of
    sixty-seven it counted: sixty articles about something else moved the date by two years.)"""
    undated = art("Engineers inspected the levees and the floodgate.")
    pairs: list[tuple[Article, ArticleAnalysis | None]] = [(undated, analysis(undated))]
    for n in range(6):
        a = art(f"The levees held through the storm, residents of ward {n} said.", published=f"2017-03-0{n + 1}")
        pairs.append((a, analysis(a)))
    gate = art("A floodgate jammed at the canal lock.", published="2019-05-05")
    pairs.append((gate, analysis(gate)))
    alone = run(pairs)[0][undated.id]
    others = []
    for n in range(60):
        a = art(f"Orchestra players rehearsed the winter concertos backstage ({n}).", published="2018-01-10")
        others.append((a, analysis(a)))
    assert run([*pairs, *others])[0][undated.id] == alone
    assert alone.date.earliest.year == 2017  # the levees' six articles outvote the floodgate's one


def test_neighbours_rank_as_a_plain_vote_written_out() -> None:
    """The numpy vote gives what the docstring says, written plainly: each dated article's score
    is the sum of the weights of the features it shares (summed in sorted order; a common word
    and an unweighted feature left out), the article itself excluded, the best five first, ties
    to the earlier article."""
    import random

    from storyline.link.background import feature_idf, word_share
    from storyline.link.dating import _COMMON_WORD, _NEIGHBOURS, _Neighbours

    pool = ["w:levees", "w:people", "w:floodgate", "w:about", "w:harbour", "w:turbidity", "e:x1", "e:x2",
            "d:2017-03-01", "md:03-01", "w:qzxvbrntk"]
    rng = random.Random(3)
    dated = [(f"a{i:02d}", dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(900)),
              frozenset(rng.sample(pool, rng.randrange(1, 6)))) for i in range(40)]
    dated += [("b00", dt.date(2018, 1, 1), dated[0][2]), ("b01", dt.date(2018, 1, 2), dated[0][2])]  # ties
    neighbours = _Neighbours(dated)

    def plain(article_id: str, feats: frozenset[str]) -> list[tuple[float, dt.date, frozenset[str]]]:
        kept = [f for f in sorted(feats) if not (f.startswith("w:") and word_share(f[2:]) > _COMMON_WORD)
                and feature_idf(f) > 0]
        scored = []
        for i, (aid, _, theirs) in enumerate(dated):
            score = 0.0
            for f in kept:
                if f in theirs:
                    score += feature_idf(f)
            if score > 0 and aid != article_id:
                scored.append((-score, i))
        return [(-s, dated[i][1], dated[i][2] & feats) for s, i in sorted(scored)[:_NEIGHBOURS]]

    assert "w:people" not in neighbours._feature and "w:about" not in neighbours._feature  # common words
    for n in range(30):
        feats = frozenset(rng.sample(pool, rng.randrange(1, 8)))
        asker = dated[n][0] if n % 3 == 0 else "undated"
        assert neighbours.nearest(asker, feats) == plain(asker, feats)
    assert neighbours.nearest("undated", frozenset({"w:people"})) == []


def test_a_neighbour_vote_cites_the_first_mentions_of_what_the_articles_share() -> None:
    undated = art("The Halvern Council met again. Later the Halvern Council and Tarsk agreed on the levees.")
    dated = art("The Halvern Council and Tarsk argued over the levees.", published="2017-03-01")

    def named(a: Article) -> ArticleAnalysis:
        return analysis(a, mentions=tuple(ent(a, n, "ORG", nth=k) for n, k in
                                          (("Halvern Council", 0), ("Halvern Council", 1), ("Tarsk", 0))
                                          if a.text.count(n) > k))

    published, _ = run([(undated, named(undated)), (dated, named(dated))])
    assert published[undated.id].date.value == "2017"  # one look-alike: its year, widened
    # the council's first mention, not its second; Tarsk's; no day is shared
    assert published[undated.id].evidence == (span(undated, "Halvern Council"), span(undated, "Tarsk"))
