"""Time expressions: found, typed and normalised with TIMEX3 values, resolved against the DCT."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_article

from storyline import dates
from storyline.analyze.timex import find_times, parse_number, resolve_in_sentence
from storyline.ids import make_id
from storyline.model import Span, TimeExpr

DCT = "2017-07-13"  # a Thursday


def _times(nlp, text: str, published: str | None = DCT) -> tuple[TimeExpr, ...]:  # type: ignore[no-untyped-def]
    article = make_article(text, published=published)
    dct = dt.date.fromisoformat(published) if published else None
    return find_times(nlp(text), article, dct)


def _one(nlp, text: str, expr: str, published: str | None = DCT) -> TimeExpr:  # type: ignore[no-untyped-def]
    found = [t for t in _times(nlp, text, published) if t.span.text == expr]
    assert len(found) == 1, [t.span.text for t in _times(nlp, text, published)]
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The senators met on Monday to discuss the bill.", "Monday", "2017-07-10"),
        ("The committee met on Thursday.", "Thursday", "2017-07-13"),
        ("The Senate will vote on Monday.", "Monday", "2017-07-17"),
        ("Last Thursday the group met again.", "Last Thursday", "2017-07-06"),
        ("The House voted yesterday.", "yesterday", "2017-07-12"),
        ("Today the Senate voted.", "Today", "2017-07-13"),
        ("A year ago today, the leak began.", "A year ago today", "2016-07-13"),
    ],
    ids=["weekday-past", "weekday-same-day", "weekday-future", "last-weekday", "yesterday", "today",
         "a-year-ago-today"],
)
def test_relative_day_resolves_against_dct(nlp, text: str, expr: str, value: str) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, text, expr)
    assert (t.type, t.value, t.anchor) == ("DATE", value, "dct")
    assert t.date == dates.day(dt.date.fromisoformat(value))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "value", "precision"),
    [
        ("He said last year that the group had grown.", "last year", "2016", "year"),
        ("The arrests began in December.", "December", "2016-12", "month"),
        ("Arrests were reported in March.", "March", "2017-03", "month"),
        ("The Senate will act in December.", "December", "2017-12", "month"),
        ("The group met last week.", "last week", "2017-W27", "week"),
        ("Turnout fell last month.", "last month", "2017-06", "month"),
        ("Three weeks ago the group met.", "Three weeks ago", "2017-W25", "week"),
        ("The group was founded two years ago.", "two years ago", "2015", "year"),
        ("The protests began last summer.", "last summer", "2016-SU", "season"),
    ],
    ids=["last-year", "december-past", "march-past", "december-future", "last-week", "last-month",
         "weeks-ago", "years-ago", "last-summer"],
)
def test_relative_period_resolves_by_tense(nlp, text: str, expr: str, value: str, precision: str) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, text, expr)
    assert (t.value, t.anchor) == (value, "dct")
    assert t.date is not None and t.date.precision == precision


@pytest.mark.model
def test_tense_comes_from_the_finite_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    # "surfacing" is a present participle; "began" makes it past: April before an October DCT
    t = _one(nlp, "Reports began surfacing in early April.", "early April", published="2017-10-27")
    assert t.value == "2017-04"


@pytest.mark.model
def test_earlier_this_month_ends_at_the_dct(nlp) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, "The bill passed earlier this month.", "earlier this month")
    assert t.value == "2017-07"
    assert t.date is not None
    assert (t.date.earliest, t.date.latest) == (dt.date(2017, 7, 1), dt.date(2017, 7, 13))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "value", "earliest", "latest"),
    [
        ("The letter was sent on July 13, 2017, by hand.", "July 13, 2017", "2017-07-13", DCT, DCT),
        ("It was signed on 13 July 2017 in the capital.", "13 July 2017", "2017-07-13", DCT, DCT),
        ("As of July 13 , 2017 , the count rose.", "July 13 , 2017", "2017-07-13", DCT, DCT),
        ("The file is dated 2017-07-13 in the archive.", "2017-07-13", "2017-07-13", DCT, DCT),
        ("The ban took effect in July 2017.", "July 2017", "2017-07", "2017-07-01", "2017-07-31"),
        ("The first arrests came in 2017.", "2017", "2017", "2017-01-01", "2017-12-31"),
        ("Such laws were common in the 1990s.", "the 1990s", "199", "1990-01-01", "1999-12-31"),
        ("The camps opened in summer 2017.", "summer 2017", "2017-SU", "2017-06-01", "2017-08-31"),
        ("Sales fell in the first quarter of 2019.", "the first quarter of 2019", "2019-Q1", "2019-01-01",
         "2019-03-31"),
        ("Sales rose in the first half of 2019.", "the first half of 2019", "2019-H1", "2019-01-01",
         "2019-06-30"),
    ],
    ids=["month-day-year", "day-month-year", "detached-comma", "iso", "month-year", "year", "decade", "season",
         "quarter", "half"],
)
def test_absolute_dates(nlp, text: str, expr: str, value: str, earliest: str, latest: str) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, text, expr)
    assert (t.type, t.value, t.anchor) == ("DATE", value, None)
    assert t.date is not None
    assert (t.date.earliest.isoformat(), t.date.latest and t.date.latest.isoformat()) == (earliest, latest)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "value", "mod"),
    [
        ("The crackdown began in early March.", "early March", "2017-03", "EARLY"),
        ("The talks collapsed in late 2016.", "late 2016", "2016", "LATE"),
        ("The law was passed in mid-2015.", "mid-2015", "2015", "MID"),
        ("The report came out at the end of May.", "the end of May", "2017-05", "END"),
    ],
    ids=["early-month", "late-year", "mid-year", "end-of-month"],
)
def test_modifier_keeps_the_whole_period(nlp, text: str, expr: str, value: str, mod: str) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, text, expr)
    assert (t.value, t.mod) == (value, mod)
    assert t.date is not None and t.date.mod == mod
    whole = dates.parse_iso(value)
    assert whole is not None and (t.date.earliest, t.date.latest) == (whole.earliest, whole.latest)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "value", "mod"),
    [
        ("The campaign lasted seven months.", "seven months", "P7M", None),
        ("The detentions went on for six weeks.", "six weeks", "P6W", None),
        ("He has ruled for more than a decade.", "more than a decade", "P10Y", "MORE_THAN"),
        ("Now, some seven months later, the Senate acted.", "some seven months", "P7M", "APPROX"),
        ("Prices rose over the past two years.", "the past two years", "P2Y", None),
        ("The talks lasted 36 hours.", "36 hours", "PT36H", None),
        ("Activists have warned about it for years.", "years", "PXY", None),
    ],
    ids=["months", "weeks", "more-than-a-decade", "approx", "the-past-n", "hours", "vague"],
)
def test_durations(nlp, text: str, expr: str, value: str, mod: str | None) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, text, expr)
    assert (t.type, t.value, t.mod, t.date) == ("DURATION", value, mod, None)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The report is published every year.", "every year", "P1Y"),
        ("The figures are updated annually.", "annually", "P1Y"),
        ("The council meets every Monday.", "every Monday", "XXXX-WXX-1"),
        ("They spoke twice a week.", "twice a week", "P1W"),
    ],
    ids=["every-year", "annually", "every-weekday", "twice-a-week"],
)
def test_sets(nlp, text: str, expr: str, value: str) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, text, expr)
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The senators met on Monday.", "Monday", "XXXX-WXX-1"),
        ("The arrests began in December.", "December", "XXXX-12"),
        ("He said last year that it grew.", "last year", "PAST_REF"),
        ("Today the Senate voted.", "Today", "PRESENT_REF"),
        ("The vote was on July 13.", "July 13", "XXXX-07-13"),
    ],
    ids=["weekday", "month", "last-year", "today", "month-day"],
)
def test_without_dct_relative_values_stay_underspecified(nlp, text: str, expr: str, value: str) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, text, expr, published=None)
    assert (t.value, t.anchor, t.date) == (value, None, None)


@pytest.mark.model
def test_without_dct_absolute_dates_keep_their_interval(nlp) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, "The letter was sent on July 13, 2017.", "July 13, 2017", published=None)
    assert t.date == dates.day(dt.date(2017, 7, 13))


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Senate Resolution 211 passed without objection.",
        "Officials feared a second wave of arrests.",
        "She said she may come back soon.",
        "The 43-year-old man was released.",
    ],
    ids=["resolution-number", "a-second-wave", "modal-may", "age"],
)
def test_not_time_expressions(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _times(nlp, text) == ()


@pytest.mark.parametrize(
    ("text", "expr", "value", "anchor_text"),
    [
        ("In 2018, a report followed; by the end of the year, 30 people had fled.", "the end of the year",
         "2018", "2018"),
        ("The vote was on Monday. The next day, the House acted.", "The next day", "2017-07-11", "Monday"),
        ("The law passed on March 3, 2016. Later that month, protests began.", "Later that month", "2016-03",
         "March 3, 2016"),
        ("The law passed on March 3, 2016. The following year was calm.", "The following year", "2017",
         "March 3, 2016"),
    ],
    ids=["end-of-the-year", "the-next-day", "later-that-month", "the-following-year"],
)
def test_anaphoric_expressions_resolve_against_the_previous_date(text: str, expr: str, value: str,
                                                                 anchor_text: str) -> None:
    article = make_article(text)
    times = find_times(None, article, dt.date(2017, 7, 13))
    by_text = {t.span.text: t for t in times}
    assert by_text[expr].value == value
    assert by_text[expr].anchor == by_text[anchor_text].id


@pytest.mark.parametrize(
    "text", ["That day was hard.", "In 2018 he left. That day was hard."],
    ids=["no-anchor", "anchor-too-coarse"],
)
def test_anaphoric_expression_without_a_fitting_anchor_is_dropped(text: str) -> None:
    assert [t.span.text for t in find_times(None, make_article(text), dt.date(2017, 7, 13))] in ([], ["2018"])


@pytest.mark.model
def test_fiscal_year_has_no_calendar_interval(nlp) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, "The money comes from the FY 2020 appropriations act.", "FY 2020")
    assert (t.value, t.date) == ("FY2020", None)


TEXT = (
    "More than 50 members of Congress on Thursday urged the president to act. The letter, sent "
    "earlier this month, says the crackdown began in early March and that hundreds were held for "
    "weeks. In 2018, a second report followed; by the end of the year, 30 people had fled. "
    "The senators will meet again next week, and every year after."
)


@pytest.mark.model
def test_every_span_is_a_slice_of_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    times = _times(nlp, TEXT)
    assert len(times) >= 6
    for t in times:
        assert t.span == Span(t.span.article, t.span.start, t.span.end, TEXT[t.span.start : t.span.end])


@pytest.mark.model
def test_times_are_ordered_and_never_overlap(nlp) -> None:  # type: ignore[no-untyped-def]
    times = _times(nlp, TEXT)
    for a, b in zip(times, times[1:], strict=False):
        assert a.span.end <= b.span.start


@pytest.mark.model
def test_ids_hash_article_and_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    article = make_article(TEXT, published=DCT)
    for t in find_times(nlp(TEXT), article, dt.date(2017, 7, 13)):
        assert t.id == make_id("t", article.id, t.span.start, t.span.end)


def test_works_without_a_parse() -> None:
    article = make_article("The vote was on Monday, July 10, 2017.")
    (t,) = find_times(None, article, None)
    assert (t.span.text, t.value) == ("Monday, July 10, 2017", "2017-07-10")


def _t(start: int, end: int, value: str, type_: str = "DATE") -> TimeExpr:
    dv = dates.parse_iso(value) if value[0].isdigit() else None
    return TimeExpr(id=f"t-{start}", span=Span("a", start, end, "x" * (end - start)), type=type_,  # type: ignore[arg-type]
                    value=value, date=dv)


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        ((_t(0, 4, "2017"), _t(10, 20, "2017-07-13")), "t-10"),
        ((_t(0, 4, "P7M", "DURATION"), _t(10, 14, "2017-03")), "t-10"),
        ((_t(0, 4, "2017"), _t(200, 210, "2017-07-13")), "t-0"),
        ((_t(0, 4, "P7M", "DURATION"),), None),
    ],
    ids=["day-beats-year", "duration-ignored", "outside-sentence-ignored", "nothing-dated"],
)
def test_resolve_in_sentence_prefers_the_most_specific(times: tuple[TimeExpr, ...],
                                                       expected: str | None) -> None:
    got = resolve_in_sentence(times, 0, 100)
    assert (got.id if got else None) == expected


def test_resolve_in_sentence_ranks_now_last() -> None:
    now = TimeExpr(id="t-now", span=Span("a", 0, 3, "now"), type="DATE", value="PRESENT_REF",
                   date=dates.day(dt.date(2017, 7, 13)))
    year = _t(10, 14, "2016")
    assert resolve_in_sentence((now, year), 0, 100) == year


@pytest.mark.parametrize(
    ("text", "value"),
    [("53", 53), ("1,500", 1500), ("2.5 million", 2_500_000), ("fifty-three", 53), ("a hundred", 100),
     ("a dozen", 12), ("two hundred thousand", 200_000), ("many", None)],
    ids=["digits", "thousands-comma", "decimal-scale", "hyphenated-words", "a-hundred", "dozen",
         "compound-words", "not-a-number"],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("The 2017-2018 session ended.", [("2017", "2017"), ("2018", "2018")]),
        ("The group met between June and August 2017.", [("June", "2017-06"), ("August 2017", "2017-08")]),
        ("The siege (1915-16) failed.", [("1915", "1915"), ("16", "1916")]),
        ("Talks ran on April 6-7, 2015.", [("April 6", "2015-04-06"), ("7, 2015", "2015-04-07")]),
    ],
    ids=["year-range", "month-range", "two-digit-end", "day-range"],
)
def test_range_ends_are_two_timexes(nlp, text: str, ends: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    found = [(t.span.text, t.value) for t in _times(nlp, text)]
    assert found == ends


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("It was planned in 1939. The war began in 1941. In June the army advanced.", "June", "1941-06"),
        ("It was planned in 1939. The war began in October 1941. In March the army advanced.", "March", "1942-03"),
        ("It was planned in 1939. The war began in October 1941. On December 7 the fleet was hit.", "December 7",
         "1941-12-07"),
        ("The siege began in 1916. By 1917 it was over. In May the troops left.", "May", "1917-05"),
    ],
    ids=["month-same-year", "month-next-year", "day-same-year", "latest-year"],
)
def test_history_resolves_year_less_dates_against_the_date_just_told(text: str, expr: str, value: str) -> None:
    article = make_article(text)
    times = find_times(None, article, dt.date(2009, 12, 19))
    by_text = {t.span.text: t for t in times}
    assert by_text[expr].value == value
    assert by_text[expr].anchor not in (None, "dct")


def test_news_resolves_year_less_dates_against_the_dct() -> None:
    article = make_article("The firm was founded in 1998. In March it reported a loss.")
    by_text = {t.span.text: t for t in find_times(None, article, dt.date(2017, 7, 13))}
    assert (by_text["March"].value, by_text["March"].anchor) == ("2017-03", "dct")


@pytest.mark.parametrize(
    "opening",
    ["The family has ruled since 1971, and the emergency law has been in force since 1963.",
     "The party has ruled since 1971. Its leader took over in 2000."],
    ids=["two-since", "since-and-one-year"],
)
def test_a_state_that_began_long_ago_does_not_make_news_a_history(opening: str) -> None:
    # "since 1971" opens a state lasting to the writer's day: the protests are this year's
    found = _found(opening + " The protests began on 18 March. Talks followed in April.", dt.date(2011, 6, 21))
    assert (found["18 March"].value, found["18 March"].anchor) == ("2011-03-18", "dct")
    assert found["April"].value == "2011-04"


def test_in_a_history_a_state_opened_since_a_year_is_not_the_date_later_ones_count_from() -> None:
    found = _found("The war began in 1941. In 1942 the army, in the field since 1938, advanced. In June it halted.",
                   dt.date(2009, 12, 19))
    assert found["June"].value == "1942-06"


def test_without_dct_year_less_dates_stay_underspecified() -> None:
    article = make_article("The war began in 1941. In June the army advanced.")
    by_text = {t.span.text: t for t in find_times(None, article, None)}
    assert (by_text["June"].value, by_text["June"].date) == ("XXXX-06", None)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The truce was signed on May 3, 1920. Six days later it broke.", "Six days later", "1920-05-09"),
        ("The treaty came in 1778. Two years earlier the war had begun.", "Two years earlier", "1776"),
        ("The army landed in June 1944. Three months later it reached the border.", "Three months later",
         "1944-09"),
    ],
    ids=["days-later", "years-earlier", "months-later"],
)
def test_counted_shift_resolves_against_the_previous_date(text: str, expr: str, value: str) -> None:
    article = make_article(text)
    by_text = {t.span.text: t for t in find_times(None, article, dt.date(2009, 12, 19))}
    assert (by_text[expr].type, by_text[expr].value) == ("DATE", value)


def test_counted_shift_without_a_previous_date_is_a_duration() -> None:
    article = make_article("Seven months later, the Senate acted.")
    times = find_times(None, article, dt.date(2017, 7, 13))
    assert [(t.span.text, t.type, t.value) for t in times] == [("Seven months", "DURATION", "P7M")]


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("See you tmrw at the gym", "tmrw", "DATE", "2017-07-14"),
        ("Great party last nite", "last nite", "TIME", "2017-07-12TNI"),
        ("Waited 30 mins for the bus", "30 mins", "DURATION", "PT30M"),
        ("Back at 1130pm after the show", "1130pm", "TIME", "2017-07-13T23:30"),
        ("The match is this Sat at noon", "this Sat", "DATE", "2017-07-15"),
        ("have a good sunday!", "sunday", "DATE", "2017-07-09"),
        ("We land in the morning", "the morning", "TIME", "2017-07-13TMO"),
    ],
    ids=["tmrw", "last-nite", "mins", "clock-no-colon", "abbreviated-weekday", "lower-case-weekday",
         "part-of-day"],
)
def test_colloquial_expressions(text: str, expr: str, type_: str, value: str) -> None:
    article = make_article(text)
    by_text = {t.span.text: t for t in find_times(None, article, dt.date(2017, 7, 13))}
    assert (by_text[expr].type, by_text[expr].value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Shops are busy before Christmas.", "Christmas", "2017-12-25"),
        ("Thanksgiving 2016 was quiet.", "Thanksgiving 2016", "2016-11-24"),
        ("The city fell in 480 BC.", "480 BC", "BC0480"),
        ("The revolt lasted from 499 to 493 BC.", "499", "BC0499"),
        ("Investors worry about the future.", "the future", "FUTURE_REF"),
        ("Profit fell in the third-quarter.", "the third-quarter", "2017-Q3"),
    ],
    ids=["holiday-nearest", "thanksgiving", "bc-year", "bc-range-start", "future", "hyphenated-quarter"],
)
def test_holidays_eras_and_references(text: str, expr: str, value: str) -> None:
    article = make_article(text)
    by_text = {t.span.text: t for t in find_times(None, article, dt.date(2017, 7, 13))}
    assert by_text[expr].value == value


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Profit rose in the quarter.", "the quarter", "2017-Q2"),
        ("Profit rose from the year-earlier quarter.", "the year-earlier quarter", "2016-Q2"),
        ("Profit was $5 million, up from $4 million year-earlier.", "year-earlier", "2016"),
    ],
    ids=["the-quarter", "year-earlier-quarter", "year-earlier"],
)
def test_reporting_periods_resolve_to_the_last_reported_quarter(text: str, expr: str, value: str) -> None:
    article = make_article(text)
    by_text = {t.span.text: t for t in find_times(None, article, dt.date(2017, 7, 13))}
    assert by_text[expr].value == value


def test_history_places_a_clock_time_on_the_day_just_told() -> None:
    article = make_article(
        "It was planned in 1939. The attack came on 7 December 1941. At 7:48 a.m. the first wave struck.")
    by_text = {t.span.text: t for t in find_times(None, article, dt.date(2009, 12, 19))}
    assert by_text["7:48 a.m."].value == "1941-12-07T07:48"


def _found(text: str, dct: dt.date | None = dt.date(2017, 7, 13)) -> dict[str, TimeExpr]:
    """The time expressions of ``text`` without a parse, by their text."""
    return {t.span.text: t for t in find_times(None, make_article(text), dct)}


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Third-quarter profit rose to $5 million from $4 million a year ago.", "a year ago", "2016-Q3"),
        ("Its third-quarter loss narrowed. A year earlier, it lost $2 million.", "A year earlier", "2016-Q3"),
        ("Third-quarter sales rose, compared with year-earlier sales of $8 million.", "year-earlier", "2016-Q3"),
        ("Third-quarter sales rose. Sales for last year's quarter were $3 million.", "last year's quarter",
         "2016-Q3"),
        ("Third-quarter net rose, compared with $3 million for the corresponding period last year.",
         "the corresponding period last year", "2016-Q3"),
        ("Third-quarter net rose. In the 2015 period, the company lost money.", "the 2015 period", "2015-Q3"),
        ("Third-quarter sales rose 5%, up from last year's $2 billion.", "last year", "2016-Q3"),
        ("Sales rose 5% from a year ago.", "a year ago", "2016"),
    ],
    ids=["ago", "earlier", "year-earlier", "last-years-quarter", "corresponding-period", "year-period",
         "from-last-year", "no-quarter-named"],
)
def test_a_comparison_in_results_news_is_the_same_quarter_a_year_before(text: str, expr: str, value: str) -> None:
    assert _found(text, dt.date(2017, 10, 20))[expr].value == value


def test_a_quarter_named_long_ago_is_no_reporting_period() -> None:
    found = _found("In the third quarter of 2009 it lost money. Profit rose 5% from a year ago.",
                   dt.date(2017, 10, 20))
    assert found["a year ago"].value == "2016"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Sales for this year's third quarter were $14 million.", "this year's third quarter", "2017-Q3"),
        ("The spin-off could be effective in next year's first quarter.", "next year's first quarter",
         "2018-Q1"),
        ("In the 2015 third quarter, the firm lost money.", "the 2015 third quarter", "2015-Q3"),
        ("In the year-ago third quarter, it earned $2 million.", "the year-ago third quarter", "2016-Q3"),
        ("It earned $5 million in the fiscal third quarter.", "the fiscal third quarter", "2017-Q3"),
        ("Earnings will be lower for the last half of 2017.", "the last half of 2017", "2017-H2"),
    ],
    ids=["this-years-quarter", "next-years-quarter", "year-quarter", "year-ago-quarter", "fiscal-quarter",
         "last-half"],
)
def test_quarter_phrases(text: str, expr: str, value: str) -> None:
    assert _found(text, dt.date(2017, 10, 20))[expr].value == value


@pytest.mark.model
def test_a_quarter_just_ended_is_the_one_a_future_tense_means(nlp) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, "The company will report third-quarter results next week.", "third-quarter",
             published="2017-10-20")
    assert t.value == "2017-Q3"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "published", "value"),
    [
        ("The regulator gave the bank until mid-November to respond.", "mid-November", "2017-10-30", "2017-11"),
        ("The uprising began in March.", "March", "2012-02-08", "2011-03"),
        ("The company agreed to sell the unit in February.", "February", "2017-10-30", "2018-02"),
    ],
    ids=["month-just-ahead", "month-three-weeks-ahead", "infinitive-after-a-past-verb"],
)
def test_a_month_just_ahead_fits_a_past_tense_clause(nlp, text: str, expr: str, published: str,  # type: ignore[no-untyped-def]
                                                     value: str) -> None:
    assert _one(nlp, text, expr, published=published).value == value


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The company declared a dividend payable Dec. 15 to holders of record.", "Dec. 15", "2017-12-15"),
        ("The board named a new chairman, effective Feb. 1.", "Feb. 1", "2018-02-01"),
    ],
    ids=["payable", "effective"],
)
def test_payable_and_effective_dates_lie_ahead(nlp, text: str, expr: str, value: str) -> None:  # type: ignore[no-untyped-def]
    assert _one(nlp, text, expr, published="2017-10-26").value == value


def test_this_month_name_is_the_one_of_the_dct_year() -> None:
    assert _found("The election is due this September.", dt.date(2018, 2, 5))["this September"].value == "2018-09"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("But in June last year, the leaders fell out.", "June last year", "2016-06"),
        ("In January this year, two officers arrived.", "January this year", "2017-01"),
        ("They will join in April next year.", "April next year", "2018-04"),
    ],
    ids=["last-year", "this-year", "next-year"],
)
def test_month_with_a_relative_year(text: str, expr: str, value: str) -> None:
    assert _found(text)[expr].value == value


def test_news_that_tells_some_history_still_counts_from_the_dct() -> None:
    text = ("The group said Tuesday it was founded in 1950 and grew in 1962. On Wednesday it named a chief. "
            "In March it opened an office.")
    assert _found(text)["March"].value == "2017-03"


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("The offer expires at 5 p.m. EST Nov. 9, the company said.", "5 p.m. EST Nov. 9", "TIME",
         "2017-11-09T17:00"),
        ("Talks broke off at noon Thursday.", "noon Thursday", "TIME", "2017-07-13T12:00"),
        ("Judging is this Sat, 7pm at the theatre.", "this Sat, 7pm", "TIME", "2017-07-15T19:00"),
        ("Doors open 4pm tmrw at the hall.", "4pm tmrw", "TIME", "2017-07-14T16:00"),
        ("The paper said in an editorial on Saturday, July 15: the court erred.", "Saturday, July 15", "DATE",
         "2017-07-15"),
        ("They crossed the river on the night of July 4, 1776.", "the night of July 4, 1776", "TIME",
         "1776-07-04TNI"),
        ("The rally is held on Christmas night.", "Christmas night", "TIME", "2017-12-25TNI"),
    ],
    ids=["clock-date", "clock-weekday", "weekday-clock", "clock-tomorrow", "weekday-date-colon",
         "night-of", "holiday-night"],
)
def test_a_time_and_its_day_are_one_expression(text: str, expr: str, type_: str, value: str) -> None:
    t = _found(text)[expr]
    assert (t.type, t.value) == (type_, value)


def test_a_coarser_period_or_a_look_back_does_not_move_the_story() -> None:
    text = ("The fleet was hit on December 7, 1941. In 1941 the war spread. In January the allies met. "
            "The treaty was signed in early June 1942. Two years earlier the war had begun. In July the army "
            "advanced.")
    found = _found(text, dt.date(2009, 12, 19))
    assert found["January"].value == "1942-01"
    assert found["July"].value == "1942-07"


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("The battle raged on 22-25 April 1951 near the river.",
         [("22", "1951-04-22"), ("25 April 1951", "1951-04-25")]),
        ("The summit is on April 24 and 25, 2018.", [("April 24", "2018-04-24"), ("25, 2018", "2018-04-25")]),
    ],
    ids=["day-month", "month-day-and"],
)
def test_day_ranges_are_two_timexes(text: str, ends: list[tuple[str, str]]) -> None:
    found = [(t.span.text, t.value) for t in find_times(None, make_article(text), dt.date(2017, 7, 13))]
    assert found == ends


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("Their summer offensive failed in the heat.", "summer", "DATE", "2017-SU"),
        ("Troops arrived at a rate of 10,000 per day.", "per day", "SET", "P1D"),
        ("He will stay for at least two more weeks.", "at least two more weeks", "DURATION", "P2W"),
        ("The loan may be extended for an additional year.", "an additional year", "DURATION", "P1Y"),
        ("The refugees lived in camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("She spent about 5 1/2 hours in the city.", "about 5 1/2 hours", "DURATION", "PT5H30M"),
        ("The pilot landed an hour and a half later than planned.", "an hour and a half", "DURATION", "PT1H30M"),
        ("We had the best Xmas dinner ever.", "Xmas", "DATE", "2017-12-25"),
    ],
    ids=["bare-season", "per-day", "more-weeks", "additional-year", "half-years", "half-hours",
         "and-a-half", "xmas"],
)
def test_more_expressions(text: str, expr: str, type_: str, value: str) -> None:
    t = _found(text)[expr]
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("Lincoln was shot on April 14, 1865. He died early the next morning.", "early the next morning", "TIME",
         "1865-04-15TMO"),
        ("The city fell on May 10, 1940. On that same day, the army moved west.", "that same day", "DATE",
         "1940-05-10"),
        ("The feud began in 2007. It erupted earlier that year when a truce failed.", "earlier that year", "DATE",
         "2007"),
    ],
    ids=["next-morning", "that-same-day", "earlier-that-year-when"],
)
def test_more_anaphors(text: str, expr: str, type_: str, value: str) -> None:
    t = _found(text, dt.date(2009, 12, 19))[expr]
    assert (t.type, t.value) == (type_, value)


def test_the_next_day_with_no_date_before_it_counts_from_the_dct() -> None:
    t = _found("I slept on the sofa till the next day.")["the next day"]
    assert (t.value, t.anchor) == ("2017-07-14", "dct")


def test_a_part_of_the_day_in_general_is_no_day_of_a_history() -> None:
    text = "The war began in 1950. By 1951 the army moved only at night. In 1952 it stopped."
    t = _found(text, dt.date(2009, 12, 19))["night"]
    assert (t.value, t.date) == ("XXXX-XX-XXTNI", None)


@pytest.mark.model
def test_a_quarterly_dividend_is_no_time_expression(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [t.span.text for t in _times(nlp, "The company raised its quarterly dividend to 12 cents.")] == []


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The army crossed into Europe in April 480 BC.", "April 480 BC", "BC0480-04"),
        ("The allies met again in the spring of 480 BC.", "the spring of 480 BC", "BC0480-SP"),
        ("Even during the 4th century BC the treaty was disputed.", "the 4th century BC", "BC03"),
        ("Throughout the 470s BC, the league campaigned.", "the 470s BC", "BC047"),
        ("The Third Punic War (149 B.C to 146 B.C) ended it.", "149 B.C", "BC0149"),
    ],
    ids=["month", "season", "century", "decade", "no-final-period"],
)
def test_dates_before_the_common_era(text: str, expr: str, value: str) -> None:
    assert _found(text, dt.date(2009, 12, 19))[expr].value == value


def test_a_history_of_antiquity_never_falls_back_on_the_publication_year() -> None:
    text = "The fleet sailed in 480 BC. In September it reached Salamis. The following year, 479 BC, it won."
    found = _found(text, dt.date(2009, 12, 19))
    assert (found["September"].value, found["September"].date) == ("BC0480-09", None)
    assert found["The following year"].value == "BC0479"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("Over the weekend, the rebels took the town.", "the weekend", "DATE", "2017-W27-WE"),
        ("Traders sold ahead of the weekend.", "the weekend", "DATE", "2017-W28-WE"),
        ("Shops will open this long weekend.", "this long weekend", "DATE", "2017-W28-WE"),
        ("Florals make our weekends brighter.", "weekends", "SET", "XXXX-WE"),
    ],
    ids=["over-the-weekend", "ahead-of-the-weekend", "long-weekend-future", "weekends"],
)
def test_weekends(nlp, text: str, expr: str, type_: str, value: str) -> None:  # type: ignore[no-untyped-def]
    t = _one(nlp, text, expr)
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Diem held talks in April and June 1955.", "April", "1955-04"),
        ("The armies clashed in August and September 1914.", "August", "1914-08"),
        ("The strikes ran from November to February 1990.", "November", "1989-11"),
    ],
    ids=["and", "and-later", "across-new-year"],
)
def test_a_month_listed_with_a_dated_one_takes_its_year(text: str, expr: str, value: str) -> None:
    assert _found(text, dt.date(2009, 12, 19))[expr].value == value


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [("Unrest began in August , 1983 , when he died.", "August , 1983", "1983-08"),
     ("It ended in the summer , 2003 .", "summer , 2003", "2003-SU")],
    ids=["month", "season"],
)
def test_a_year_after_a_spaced_comma_belongs_to_its_month(text: str, expr: str, value: str) -> None:
    # text tokenised the Penn Treebank way ("August , 1983") keeps its years
    assert _found(text)[expr].value == value
