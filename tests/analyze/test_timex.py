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
    ids=["month-day-year", "day-month-year", "iso", "month-year", "year", "decade", "season", "quarter",
         "half"],
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
