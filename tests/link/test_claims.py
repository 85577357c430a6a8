from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from storyline import dates
from storyline.link import link
from storyline.link.claims import _group, compare_claims
from storyline.model import Article, ArticleAnalysis, Conflict, DateValue, Sentence
from storyline.settings import Settings

from .records import analysis, art, claim, day, ent, event, timex

Bound = tuple[float | None, float | None]

STORY = " Riot police cleared the harbour square after the protest against the river dam."
"""What every test article also tells: claims are compared only between articles of one story."""


def said(
    text: str,
    number: str,
    low: float | None,
    high: float | None,
    *,
    subject: str = "people detained",
    approx: str | None = None,
    duplicate_of: str | None = None,
    published: str | None = None,
    story: str = STORY,
    **fields: object,
) -> tuple[Article, ArticleAnalysis]:
    a = art(text + story, duplicate_of=duplicate_of, published=published)
    return a, analysis(a, claims=(claim(a, number, subject, low, high, approx=approx),), **fields)


def conflicts(*pairs: tuple[Article, ArticleAnalysis | None]) -> tuple[Conflict, ...]:
    return compare_claims(list(pairs))[1]


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (("more than 50", 51, None), ("53", 53, 53), True),
        (("12", 12, 12), ("15", 15, 15), False),
        (("52", 52, 52), ("53", 53, 53), False),
        (("between 10 and 20", 10, 20), ("15", 15, 15), True),
        (("fewer than 10", None, 9), ("12", 12, 12), False),
    ],
    ids=["more-than-50-vs-53", "12-vs-15", "52-vs-53", "range-contains", "fewer-than-vs-more"],
)
def test_agreement(
    a: tuple[str, float | None, float | None], b: tuple[str, float | None, float | None], agree: bool
) -> None:
    found = conflicts(
        said(f"Police said {a[0]} people were detained.", *a),
        said(f"Officials said {b[0]} people were detained.", *b),
    )
    assert (found == ()) is agree


def test_conflict_lists_the_disagreeing_claims() -> None:
    first, second = (
        said("Police said 12 were held.", "12", 12, 12),
        said("Others said 15 were held.", "15", 15, 15),
    )
    (found,) = conflicts(first, second)
    assert found.about == "people detained"
    assert found.claims == tuple(sorted((first[1].claims[0].id, second[1].claims[0].id)))
    assert found.id.startswith("x-")


def test_approximate_claim_widened() -> None:
    found = conflicts(
        said("About 50 were held.", "About 50", 50, 50, approx="about"), said("53 were held.", "53", 53, 53)
    )
    assert found == ()


def test_same_article_never_conflicts() -> None:
    a = art("First 12 were held, then 15 were held.")
    pair = (
        a,
        analysis(
            a, claims=(claim(a, "12", "people detained", 12, 12), claim(a, "15", "people detained", 15, 15))
        ),
    )
    assert conflicts(pair) == ()


def test_copy_never_conflicts() -> None:
    first = said("Police said 12 were held.", "12", 12, 12)
    copy = said("Police said 15 were held.", "15", 15, 15, duplicate_of=first[0].id)
    assert conflicts(first, copy) == ()


@pytest.mark.parametrize(
    ("subject", "grouped"),
    [
        ("detained people", True),
        ("people were detained", True),
        ("people detain", True),
        ("people killed", False),
        ("people retained", False),
        ("people", False),
    ],
    ids=["word-order", "extra-word", "verb-form", "different-subject", "spelled-alike", "lone-word"],
)
def test_subjects_grouped_by_similarity(subject: str, grouped: bool) -> None:
    found = conflicts(
        said("Police said 12 were held.", "12", 12, 12),
        said("Others said 15 were held.", "15", 15, 15, subject=subject),
    )
    assert bool(found) is grouped


def test_subjects_spelled_alike_never_chain_into_one_group() -> None:
    # one letter or two apart, one after the other: killed, filled, fled, feed, freed
    subjects = ["people feed", "people filled", "people fled", "people freed", "people killed", "people kills"]
    root = _group(subjects)
    assert root["people kills"] == root["people killed"]
    assert len({root[s] for s in subjects}) == 5


def test_vaguer_subject_joins_the_one_group_it_fits() -> None:
    signed = said("50 members signed.", "50", 50, 50, subject="members of parliament signed")
    vague = said("Some 40 members.", "40", 40, 40, subject="members of parliament")
    assert len(conflicts(signed, vague)) == 1


def test_vaguer_subject_fitting_two_groups_joins_neither() -> None:
    # "46 members of parliament" (what they did unread) could count the signers of the letter or
    # the sponsors of the bill: it is compared with neither, and they are not compared through it
    signed = said("Over 50 members signed.", "50", 51, None, subject="members of parliament signed")
    sponsored = said("46 members sponsored it.", "46", 46, 46, subject="members of parliament sponsored")
    vague = said("There were 30 members.", "30", 30, 30, subject="members of parliament")
    assert conflicts(signed, sponsored, vague) == ()
    assert len(conflicts(signed, vague)) == 1


def test_every_claim_kept_with_its_mention_id() -> None:
    pair = said("Police said 12 were held.", "12", 12, 12)
    claims, _ = compare_claims([pair])
    assert [c.id for c in claims] == [pair[1].claims[0].id]


def _when(
    text: str, words: str, first: str, last: str, subject: str = "crackdown began"
) -> tuple[Article, ArticleAnalysis]:
    lo, hi = dt.date.fromisoformat(first).toordinal(), dt.date.fromisoformat(last).toordinal()
    a = art(text + STORY)
    return a, analysis(a, claims=(claim(a, words, subject, float(lo), float(hi), unit="date"),))


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (("early March 2017", "2017-03-01", "2017-03-31"), ("late autumn of 2017", "2017-09-22", "2017-12-20"), False),
        (("March 2017", "2017-03-01", "2017-03-31"), ("3 March 2017", "2017-03-03", "2017-03-03"), True),
        (("2017", "2017-01-01", "2017-12-31"), ("May 2017", "2017-05-01", "2017-05-31"), True),
    ],
    ids=["early-march-vs-late-autumn", "month-vs-day-inside", "year-vs-month-inside"],
)
def test_temporal_claims_compared_by_interval(
    a: tuple[str, str, str], b: tuple[str, str, str], agree: bool
) -> None:
    found = conflicts(
        _when(f"The crackdown began in {a[0]}.", a[0], a[1], a[2]),
        _when(f"The crackdown began in {b[0]}, officials said.", b[0], b[1], b[2]),
    )
    assert (not found) is agree


def test_about_does_not_widen_a_date() -> None:
    pair = _when("The crackdown began in about May 2017.", "about May 2017", "2017-05-01", "2017-05-31")
    a, an = pair
    widened = msgspec.structs.replace(an, claims=(msgspec.structs.replace(an.claims[0], approx="about"),))
    other = _when("The crackdown began in June 2017.", "June 2017", "2017-06-01", "2017-06-30")
    assert len(conflicts((a, widened), other)) == 1


def test_temporal_conflict_lists_both_sides() -> None:
    (found,) = conflicts(
        _when("The crackdown began in early March 2017.", "early March 2017", "2017-03-01", "2017-03-31"),
        _when("The crackdown began in late autumn of 2017.", "late autumn of 2017", "2017-09-22", "2017-12-20"),
    )
    assert found.about == "crackdown began" and len(found.claims) == 2


def test_articles_of_two_stories_never_conflict() -> None:
    flood = said("Police said 12 were held.", "12", 12, 12)
    fire = " Wildfire crews evacuated mountain villages overnight."
    other = said("Police said 15 were held.", "15", 15, 15, story=fire)
    assert conflicts(flood, other) == ()


@pytest.mark.parametrize(
    ("first", "second", "compared"),
    [("2020-03-02", "2020-03-05", True), ("2020-03-02", "2020-04-20", False), ("2020-03-02", None, True)],
    ids=["same-week", "weeks-apart", "one-undated"],
)
def test_counts_told_weeks_apart_are_not_compared(first: str, second: str | None, compared: bool) -> None:
    # a count is the count of when it was told: 12 detained on 2 March and 15 by late April can both be true
    found = conflicts(
        said("Police said 12 were held.", "12", 12, 12, published=first),
        said("Officials said 15 were held.", "15", 15, 15, published=second),
    )
    assert bool(found) is compared


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for part in text.split(". "):
        end = min(len(text), start + len(part) + 1)
        out.append(Sentence(start, end))
        start = end + 1
    return tuple(out)


def test_the_sentence_date_is_the_counts_time() -> None:
    # told seven weeks apart, but both counts are of the day the sentence names: compared
    texts = ("On 4 March 12 were held. The rest went home.", "On 4 March 15 were held. Talks went on.")
    pairs = []
    for text, number, published in zip(texts, ("12", "15"), ("2020-03-05", "2020-04-23"), strict=True):
        a = art(text + STORY, published=published)
        pairs.append((a, analysis(
            a, claims=(claim(a, number, "people detained", float(number), float(number)),),
            sentences=_sentences(a.text), times=(timex(a, "4 March", day("2020-03-04")),),
        )))
    assert len(conflicts(*pairs)) == 1


def test_counts_in_different_places_are_not_compared() -> None:
    def told(place: str, number: str) -> tuple[Article, ArticleAnalysis]:
        a = art(f"In {place} {number} were held. Others fled." + STORY)
        return a, analysis(
            a, claims=(claim(a, number, "people detained", float(number), float(number)),),
            sentences=_sentences(a.text), mentions=(ent(a, place, "GPE"),),
        )

    def linked(*pairs: tuple[Article, ArticleAnalysis]) -> tuple[Conflict, ...]:
        story = link(list(pairs), Settings(quiet=True))
        return story.conflicts

    assert linked(told("Northgate", "12"), told("Southport", "15")) == ()
    assert len(linked(told("Northgate", "12"), told("Northgate", "15"))) == 1


def test_counts_of_one_event_are_compared_whatever_their_dates() -> None:
    # two reports of one vote, months apart and naming no place: the event ties them together
    def told(number: str, published: str) -> tuple[Article, ArticleAnalysis]:
        a = art(f"The council passed the ban with {number} votes. It was close." + STORY, published=published)
        return a, analysis(
            a, claims=(claim(a, f"{number} votes", "vote passed", float(number), float(number)),),
            sentences=_sentences(a.text), mentions=(ent(a, "council", "ORG", key="council"),),
            events=(event(a, "passed", "AGREE", clause=f"The council passed the ban with {number} votes",
                          actors=("council",), date=day("2020-03-02"), basis="clause"),),
        )

    first, second = told("7", "2020-03-03"), told("9", "2020-09-01")
    story = link([first, second], Settings(quiet=True))
    assert len(story.events) == 1
    assert len(story.conflicts) == 1


def test_one_conflict_per_happening() -> None:
    # the same subject told of two different weeks: two separate disagreements, not one
    found = conflicts(
        said("Police said 12 were held.", "12", 12, 12, published="2020-03-02"),
        said("Officials said 15 were held.", "15", 15, 15, published="2020-03-03"),
        said("Police said 40 were held.", "40", 40, 40, published="2020-06-01"),
        said("Officials said 44 were held.", "44", 44, 44, published="2020-06-02"),
    )
    assert len(found) == 2 and all(len(c.claims) == 2 for c in found)


def _timed(text: str, number: str, when: str, value: DateValue, published: str) -> tuple[Article, ArticleAnalysis]:
    a = art(text + STORY, published=published)
    return a, analysis(
        a, claims=(claim(a, number, "people killed", float(number), float(number)),),
        sentences=_sentences(a.text), times=(timex(a, when, value),),
    )


def test_a_years_count_is_not_compared_with_a_days() -> None:
    # told the same day: the 1918 toll is not the count of this week's outbreak
    old = _timed("In 1918 the flu killed 500 people here. Many more fell ill.", "500", "1918",
                 dates.year(1918), "2020-03-02")
    now = _timed("On 1 March it killed 12 people here. Many more fell ill.", "12", "1 March",
                 day("2020-03-01"), "2020-03-02")
    again = _timed("In 1918 the flu killed 700 people here. Records differ.", "700", "1918",
                   dates.year(1918), "2020-03-04")
    found = conflicts(old, now, again)
    assert [set(c.claims) for c in found] == [{old[1].claims[0].id, again[1].claims[0].id}]


def test_a_date_that_opens_the_count_is_not_its_time() -> None:
    # "killed since March" is the toll when told (both in April's second week), not March's
    first = _timed("Since March 40 people were killed. Talks failed.", "40", "March",
                   DateValue("2020-03", dt.date(2020, 3, 1), dt.date(2020, 3, 31), "month"), "2020-04-09")
    second = said("Officials said 55 people were killed.", "55", 55, 55, subject="people killed",
                  published="2020-04-10")
    assert len(conflicts(first, second)) == 1
    in_march = _timed("In March 40 people were killed. Talks failed.", "40", "March",
                      DateValue("2020-03", dt.date(2020, 3, 1), dt.date(2020, 3, 31), "month"), "2020-04-09")
    assert conflicts(in_march, second) == ()


def test_a_count_of_unknown_time_does_not_tie_two_days_together() -> None:
    monday = _timed("On 2 March 12 people were killed. It rained.", "12", "2 March", day("2020-03-02"), "2020-03-03")
    tuesday = _timed("On 3 March 30 people were killed. It rained.", "30", "3 March", day("2020-03-03"), "2020-03-04")
    undated = said("Officials said 50 people were killed.", "50", 50, 50, subject="people killed")
    found = conflicts(monday, tuesday, undated)
    ids = {p[0].id: p[1].claims[0].id for p in (monday, tuesday, undated)}
    assert sorted(sorted(c.claims) for c in found) == sorted(
        [sorted((ids[monday[0].id], ids[undated[0].id])), sorted((ids[tuesday[0].id], ids[undated[0].id]))])


def test_durations_of_one_thing_conflict() -> None:
    # "the strike lasted three weeks" against "about two months" (45..68 days once widened)
    weeks = said("The strike lasted three weeks.", "three weeks", 21, 21, subject="strike lasted for",
                 published="2020-03-02", story=STORY)
    months = said("The strike lasted about two months.", "about two months", 50.4, 68.2, approx="about",
                  subject="strike lasted for", published="2020-03-03")
    agree = said("The strike lasted 22 days, union leaders said.", "22 days", 22, 22, subject="strike lasted for",
                 published="2020-03-03")
    weeks, months, agree = (_in_days(p) for p in (weeks, months, agree))
    (found,) = conflicts(weeks, months)
    assert found.about == "strike lasted for"
    assert len(conflicts(months, agree)) == 1 and conflicts(weeks, _approx(agree)) == ()


def _in_days(pair: tuple[Article, ArticleAnalysis]) -> tuple[Article, ArticleAnalysis]:
    a, an = pair
    return a, msgspec.structs.replace(an, claims=tuple(msgspec.structs.replace(c, unit="day") for c in an.claims))


def _approx(pair: tuple[Article, ArticleAnalysis]) -> tuple[Article, ArticleAnalysis]:
    a, an = pair
    return a, msgspec.structs.replace(an, claims=tuple(msgspec.structs.replace(c, approx="about") for c in an.claims))


def _plain(text: str, number: str, published: str) -> tuple[Article, ArticleAnalysis]:
    a = art(text + STORY, published=published)
    return a, analysis(
        a, claims=(claim(a, number, "people killed", float(number), float(number)),), sentences=_sentences(a.text),
    )


def test_a_running_total_is_not_compared_with_one_days_count() -> None:
    # told the same week: 95 so far, 12 on Monday; both are right
    total = _plain("So far 95 people have been killed. Talks failed.", "95", "2020-03-04")
    monday = _timed("On 2 March 12 people were killed. It rained.", "12", "2 March", day("2020-03-02"), "2020-03-03")
    assert conflicts(total, monday) == ()
    other_total = _plain("In all 120 people have been killed. Talks failed.", "120", "2020-03-05")
    assert len(conflicts(total, other_total)) == 1  # two totals of one week disagree


def test_more_of_them_is_not_a_total_even_beside_the_toll() -> None:
    # "five more ..., raising the toll": the five are the day's, the sentence's total aside
    a = art("On 2 March five more people were killed, raising the toll to 95. It rained." + STORY,
            published="2020-03-03")
    more = a, analysis(
        a, claims=(claim(a, "five more people", "people killed", 5.0, 5.0),), sentences=_sentences(a.text),
        times=(timex(a, "2 March", day("2020-03-02")),),
    )
    total = _plain("So far 80 people have been killed. Talks failed.", "80", "2020-03-04")
    same_day = _timed("On 2 March 9 people were killed. It rained.", "9", "2 March", day("2020-03-02"), "2020-03-03")
    assert conflicts(more, total) == ()
    assert len(conflicts(more, same_day)) == 1


def test_a_count_of_unknown_scope_meets_both() -> None:
    plain = _plain("Officials said 50 people were killed. Talks failed.", "50", "2020-03-04")
    total = _plain("So far 95 people have been killed. Talks failed.", "95", "2020-03-04")
    monday = _timed("On 2 March 12 people were killed. It rained.", "12", "2 March", day("2020-03-02"), "2020-03-03")
    assert len(conflicts(plain, total)) == 1
    assert len(conflicts(plain, monday)) == 1


def _began(text: str, when: str, first: str, last: str, names: tuple[str, ...]) -> tuple[Article, ArticleAnalysis]:
    lo, hi = dt.date.fromisoformat(first).toordinal(), dt.date.fromisoformat(last).toordinal()
    a = art(text + STORY)
    return a, analysis(
        a, claims=(claim(a, when, "protest began", float(lo), float(hi), unit="date"),),
        sentences=_sentences(a.text), mentions=tuple(ent(a, n, "PERSON") for n in names),
    )


@pytest.mark.parametrize(
    ("first", "second", "compared"),
    [
        (("Ana Ruiz",), ("Ana Ruiz",), True),
        (("Ana Ruiz",), ("Tomas Berg",), False),
        (("Ana Ruiz",), (), False),
        ((), (), True),
    ],
    ids=["same-person", "different-people", "one-names-none", "neither-names-anyone"],
)
def test_when_something_began_is_compared_only_for_the_same_someone(
    first: tuple[str, ...], second: tuple[str, ...], compared: bool
) -> None:
    def names(who: tuple[str, ...]) -> str:
        return f" against {who[0]}" if who else ""

    one = _began(f"The protests{names(first)} began in February 2011. It rained.", "February 2011",
                 "2011-02-01", "2011-02-28", first)
    two = _began(f"The protests{names(second)} began in March 2011. It rained.", "March 2011",
                 "2011-03-01", "2011-03-31", second)
    story = link([one, two], Settings(quiet=True))
    assert bool(story.conflicts) is compared


def test_a_further_count_is_an_incidents_even_without_its_day() -> None:
    further = _plain("A further 209 people were killed. Talks failed.", "209", "2020-03-04")
    total = _plain("So far 5000 people have been killed. Talks failed.", "5000", "2020-03-04")
    assert conflicts(further, total) == ()


def test_the_sentence_date_comes_before_the_events_clause_date() -> None:
    # the count's own sentence says 4 March; the event clause around it was dated otherwise
    def told(text: str, number: str, clause_date: DateValue, published: str) -> tuple[Article, ArticleAnalysis]:
        a = art(text + STORY, published=published)
        return a, analysis(
            a, claims=(claim(a, number, "people detained", float(number), float(number)),),
            sentences=_sentences(a.text), times=(timex(a, "4 March", day("2020-03-04")),),
            events=(event(a, "held", "ASSAULT", clause=f"On 4 March {number} were held", date=clause_date),),
        )

    first = told("On 4 March 12 were held. The rest went home.", "12", day("2020-06-01"), "2020-03-05")
    second = told("On 4 March 15 were held. Talks went on.", "15", day("2020-03-04"), "2020-04-23")
    assert len(conflicts(first, second)) == 1


def _counted(text: str, count: str, value: float, published: str) -> tuple[Article, ArticleAnalysis]:
    """Like :func:`_plain`, the claim's span holding what it counts too ("500 people"), as the analysis
    gives it."""
    a = art(text + STORY, published=published)
    return a, analysis(a, claims=(claim(a, count, "people killed", value, value),), sentences=_sentences(a.text))


@pytest.mark.parametrize(
    "rate",
    ["Flu kills 500 people each year.", "Each year, flu kills 500 people.", "On average 500 people are killed.",
     "The fever kills 500 people for every case seen.", "The fever kills 500 people a year."],
    ids=["each-year", "fronted", "on-average", "for-every", "a-year"],
)
def test_a_rate_is_not_compared_with_a_count(rate: str) -> None:
    habit = _counted(rate + " Talks failed.", "500 people", 500, "2020-03-04")
    count = _plain("Officials said 50 people were killed. Talks failed.", "50", "2020-03-04")
    assert conflicts(habit, count) == ()
    other_rate = _plain("The flu kills 9000 people every year. It rained.", "9000", "2020-03-04")
    assert conflicts(habit, other_rate) == ()  # nor with another rate


@pytest.mark.parametrize(
    "phrase",
    ["a year ago", "within a year", "a day later", "after shelling for nearly a month", "in a week of clashes"],
)
def test_a_time_that_is_no_rate_leaves_a_count_a_count(phrase: str) -> None:
    count = _counted(f"Officials said the storm killed 500 people {phrase}. Talks failed.", "500 people", 500,
                     "2020-03-04")
    other = _plain("Officials said 50 people were killed. Talks failed.", "50", "2020-03-04")
    assert len(conflicts(count, other)) == 1


def test_a_rate_phrase_belongs_to_the_nearest_count() -> None:
    # "kills 36000 a year" is the rate; the 20 of the same sentence is a count
    a = art("The virus, which kills 36000 people a year, has killed 20 people in the town. Talks failed." + STORY,
            published="2020-03-04")
    both = a, analysis(
        a, sentences=_sentences(a.text),
        claims=(claim(a, "36000 people", "people killed", 36000.0, 36000.0),
                claim(a, "20 people", "people killed", 20.0, 20.0)),
    )
    count = _plain("Officials said 50 people were killed. Talks failed.", "50", "2020-03-04")
    (found,) = conflicts(both, count)
    assert found.claims == tuple(sorted((both[1].claims[1].id, count[1].claims[0].id)))


def test_one_sentence_copied_into_two_articles_never_conflicts_with_itself() -> None:
    # the same paragraph, read against two publication dates: one report, not two sources
    line = "Last year 40 people were killed in the valley."
    first = _plain(line + " Talks failed.", "40", "2020-03-04")
    second = _plain(line + " It rained.", "40", "2020-03-04")
    second = second[0], msgspec.structs.replace(
        second[1], claims=(msgspec.structs.replace(second[1].claims[0], low=45.0, high=45.0),))
    assert conflicts(first, second) == ()
    other = _plain("Last year 45 people were killed in the hills. It rained.", "45", "2020-03-04")
    assert len(conflicts(first, other)) == 1
    # the copy sides with its twin in one conflict, not a second conflict of its own
    twin = _plain(line + " Nobody came.", "40", "2020-03-04")
    (found,) = conflicts(first, twin, other)
    assert len(found.claims) == 3


def _happened(text: str, number: str, places: tuple[str, ...] = ()) -> tuple[Article, ArticleAnalysis]:
    a = art(text + STORY, published="2020-03-04")
    return a, analysis(
        a, claims=(claim(a, number, "people killed", float(number), float(number)),),
        sentences=_sentences(a.text), mentions=tuple(ent(a, p, "GPE") for p in places),
    )


def test_two_incidents_counts_meet_only_for_a_place_or_day_named_in_both() -> None:
    # "died when a van blew up" and "killed in the raid": two happenings, unless one place says one
    van = _happened("Then 9 people died when a van blew up. Talks failed.", "9")
    raid = _happened("Then 40 people were killed in the raid. It rained.", "40")
    assert conflicts(van, raid) == ()
    van_at = _happened("Then 9 people died when a van blew up in Northgate. Talks failed.", "9", ("Northgate",))
    raid_at = _happened("Then 40 people were killed in the raid on Northgate. It rained.", "40", ("Northgate",))
    assert len(link([van_at, raid_at], Settings(quiet=True)).conflicts) == 1
    # a count that says neither what it is nor when still meets an incident's
    plain = _plain("Officials said 50 people were killed. Talks failed.", "50", "2020-03-04")
    assert len(conflicts(van, plain)) == 1
