"""Numeric claims: the number, what it counts, and the interval the wording allows."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_article

from storyline.analyze.claims import find_claims
from storyline.analyze.timex import find_times
from storyline.ids import make_id
from storyline.model import ClaimMention

pytestmark = pytest.mark.model


def _claims(nlp, text: str) -> tuple[ClaimMention, ...]:  # type: ignore[no-untyped-def]
    article = make_article(text)
    claims = find_claims(nlp(text), article)
    for c in claims:
        assert c.span.text == text[c.span.start : c.span.end]
        assert c.id == make_id("c", article.id, c.span.start, c.span.end)
    return claims


def _one(nlp, text: str) -> ClaimMention:  # type: ignore[no-untyped-def]
    claims = _claims(nlp, text)
    assert len(claims) == 1, claims
    return claims[0]


def test_more_than_and_exact_counts_are_compatible(nlp) -> None:  # type: ignore[no-untyped-def]
    loose = _one(nlp, "More than 50 members of Congress urged the president to act.")
    exact = _one(nlp, "The letter was signed by 53 members of Congress.")
    assert (loose.low, loose.high, loose.approx) == (51, None, "more than")
    assert (exact.low, exact.high, exact.approx) == (53, 53, None)
    assert loose.low is not None and exact.low is not None and loose.low <= exact.low
    assert loose.unit == exact.unit == "member"


@pytest.mark.parametrize(
    ("text", "low", "high", "approx"),
    [
        ("At least 100 people were detained.", 100, None, "at least"),
        ("About 40 journalists left the country.", 36, 44, "about"),
        ("Nearly 30 activists fled the region.", 27, 29, "nearly"),
        ("Fewer than 20 people attended the rally.", None, 19, "fewer than"),
        ("Up to 300 people were held in the camps.", None, 300, "up to"),
        ("Between 50 and 60 activists fled.", 50, 60, "between"),
        ("Fifty-three people signed the letter.", 53, 53, None),
        ("Hundreds of men were detained.", 200, 999, "hundreds"),
        ("Dozens of activists fled the region.", 24, 99, "dozens"),
        ("Tens of thousands of people protested.", 20_000, 99_999, "tens of thousands"),
        ("Several hundred activists gathered outside.", 300, 999, "several"),
        ("The flu kills 250,000 to 500,000 people a year.", 250_000, 500_000, "range"),
        ("The pandemic killed 50 to 100 million people.", 50_000_000, 100_000_000, "range"),
        ("Police said 12-15 protesters were arrested.", 12, 15, "range"),
        ("The count of detainees rose from 20 to 50 people.", 50, 50, None),
    ],
    ids=["at-least", "about", "nearly", "fewer-than", "up-to", "between", "words", "hundreds", "dozens",
         "tens-of-thousands", "several-hundred", "x-to-y", "x-to-y-million", "x-y", "from-x-to-y-is-a-change"],
)
def test_bounds_follow_the_wording(nlp, text: str, low: float | None, high: float | None,  # type: ignore[no-untyped-def]
                                   approx: str | None) -> None:
    c = _one(nlp, text)
    assert (c.low, c.high, c.approx) == (low, high, approx)


@pytest.mark.parametrize(
    ("text", "subject", "span"),
    [
        ("Police said 100 people were detained.", "people detained", "100 people"),
        ("53 members of Congress signed the letter.", "member of congress signed", "53 members of Congress"),
        ("Hundreds of gay men were detained.", "man detained", "Hundreds of gay men"),
        ("Police arrested 27 men.", "man arrested", "27 men"),
        ("The bill was co-sponsored by 46 members of the Senate.", "member of senate sponsored",
         "46 members of the Senate"),
    ],
    ids=["passive-subject", "of-object", "vague-of", "object", "passive-agent"],
)
def test_subject_key_and_span(nlp, text: str, subject: str, span: str) -> None:  # type: ignore[no-untyped-def]
    c = _one(nlp, text)
    assert (c.subject, c.span.text) == (subject, span)


def test_money_has_a_currency_unit(nlp) -> None:  # type: ignore[no-untyped-def]
    c = _one(nlp, "The government pledged $2 million in aid.")
    assert (c.unit, c.low, c.high, c.value) == ("usd", 2_000_000, 2_000_000, "2 million")
    assert c.span.text.startswith("$2 million")


@pytest.mark.parametrize(
    "text",
    [
        "Senate Resolution 211 passed without objection.",
        "Section 301 of the law applies here.",
        "The law was passed in 2017.",
        "The campaign lasted seven months.",
        "The 43-year-old man was released.",
        "The vote is set for July 13.",
        "It was the third vote on the issue.",
        "Call 555-1234 for details.",
        "On the one hand, the vote was close.",
        "Nearly 30 were released.",
    ],
    ids=["resolution-number", "section-number", "year", "duration", "age", "date", "ordinal", "phone",
         "idiom-one", "counts-nothing"],
)
def test_not_claims(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _claims(nlp, text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Thirty-seven people were taken to hospital.",
        "Forty-two people were treated in hospital.",
        "The leak sent 37 people to hospital.",
    ],
    ids=["taken-to", "treated-in", "sent-to"],
)
def test_same_outcome_gets_one_subject(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _one(nlp, text).subject == "people hospitalized"


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("Police detained 40 protesters on Sunday.", {"40 protesters": "protester detained"}),
        ("One protester held a sign.", {"One protester": "protester hold sign"}),
        ("He was holding two machine guns.", {"two machine guns": "machine gun hold"}),
        ("Forty protesters were held overnight.", {"Forty protesters": "protester detained"}),
        ("Thirty soldiers killed 5 civilians.",
         {"Thirty soldiers": "soldier kill civilian", "5 civilians": "civilian killed"}),
        ("Fighting on Saturday left 63 people dead.", {"63 people": "people killed"}),
        ("Hundreds of people are feared dead.", {"Hundreds of people": "people killed"}),
        ("Some 1,500 people were left homeless by the quake.", {"Some 1,500 people": "people homeless"}),
        ("Thousands of people have taken to the streets.", {"Thousands of people": "people protested"}),
        ("Some 16,000 people are thought to have been killed.", {"Some 16,000 people": "people killed"}),
        ("About 300 people are reported to have been arrested.", {"About 300 people": "people arrested"}),
    ],
    ids=["object-suffers", "agent-holds", "holds-guns", "were-held", "agent-kills", "left-dead", "feared-dead",
         "left-homeless", "took-to-the-streets", "thought-to-have", "reported-to-have"],
)
def test_outcome_only_for_what_the_counted_suffered(  # type: ignore[no-untyped-def]
    nlp, text: str, subjects: dict[str, str],
) -> None:
    assert {c.span.text: c.subject for c in _claims(nlp, text)} == subjects


def test_percentage_counts_its_of_object(nlp) -> None:  # type: ignore[no-untyped-def]
    c = _one(nlp, "Polls show 12 percent of voters agreed.")
    assert (c.unit, c.low, c.high, c.span.text) == ("percent", 12, 12, "12 percent of voters")


def _temporal(nlp, text: str) -> tuple[ClaimMention, ...]:  # type: ignore[no-untyped-def]
    article = make_article(text)
    doc = nlp(text)
    times = find_times(doc, article, dt.date(2018, 6, 1))
    found = tuple(c for c in find_claims(doc, article, times=times) if c.unit == "date")
    for c in found:
        assert c.span.text == text[c.span.start : c.span.end]
    return found


@pytest.mark.parametrize(
    ("text", "subject", "first", "last"),
    [
        pytest.param("The crackdown began in March 2017.", "crackdown began", "2017-03-01", "2017-03-31", id="began"),
        pytest.param("The protests started in May 2017.", "protest began", "2017-05-01", "2017-05-31", id="started"),
        pytest.param("The ban was lifted in May 2018.", "ban ended", "2018-05-01", "2018-05-31", id="lifted"),
        pytest.param("The strike ended on 3 June 2017.", "strike ended", "2017-06-03", "2017-06-03", id="ended"),
    ],
)
def test_when_something_began_or_ended(nlp, text: str, subject: str, first: str, last: str) -> None:  # type: ignore[no-untyped-def]
    (claim,) = _temporal(nlp, text)
    assert claim.subject == subject
    assert (claim.low, claim.high) == (
        dt.date.fromisoformat(first).toordinal(), dt.date.fromisoformat(last).toordinal()
    )


def test_temporal_claim_keeps_the_modifier(nlp) -> None:  # type: ignore[no-untyped-def]
    (claim,) = _temporal(nlp, "The crackdown began in early March 2017.")
    assert claim.approx == "early" and claim.value == "early March 2017"


def test_negated_beginning_is_not_a_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _temporal(nlp, "The crackdown did not begin in March 2017.") == ()


def test_date_of_another_verb_is_not_a_temporal_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _temporal(nlp, "The crackdown was reported in March 2017.") == ()


def test_no_times_no_temporal_claims(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The crackdown began in March 2017."
    assert find_claims(nlp(text), make_article(text)) == ()


@pytest.mark.model
def test_two_dates_under_one_verb_give_one_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    article = make_article(
        "Protesters , police clash in the capital updated : Mon Feb 14 2011 10:24:00 Tensions erupted in "
        "another restive nation as security forces on Saturday blocked a march .",
        published="2011-02-15",
    )
    doc = nlp(article.text)
    times = find_times(doc, article, dt.date(2011, 2, 15))
    assert len([t for t in times if t.date is not None]) >= 2  # "Mon" and "Feb 14 2011" under one verb
    claims = find_claims(doc, article, times=times)
    ids = [c.id for c in claims]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "subject", "low", "high"),
    [
        ("The strike lasted three weeks.", "strike lasted for", 21, 21),
        ("The siege lasted about ten months.", "siege lasted for", 252, 341),
        ("The trial lasted more than a year.", "trial lasted for", 365, None),
        ("The journalists were held for nearly two months.", "journalist detained for", 50.4, 62),
        ("The gunmen held the building for three days.", "gunman hold building for", 3, 3),
    ],
    ids=["weeks", "about-months", "more-than-a-year", "held-for-nearly", "held-a-building"],
)
def test_how_long_something_lasted_is_a_claim_in_days(  # type: ignore[no-untyped-def]
    nlp, text: str, subject: str, low: float, high: float | None,
) -> None:
    article = make_article(text)
    doc = nlp(text)
    (found,) = [c for c in find_claims(doc, article, times=find_times(doc, article, dt.date(2018, 6, 1)))
                if c.unit == "day"]
    assert (found.subject, found.low, found.high) == (subject, low, high)
    assert found.span.text == text[found.span.start : found.span.end] and found.span.text.startswith("The ")


@pytest.mark.parametrize(
    "text",
    ["The ceasefire will take effect in three weeks.", "A week after the report was released, the raids resumed."],
    ids=["in-three-weeks", "a-week-after"],
)
def test_a_point_in_time_is_no_duration_claim(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    article = make_article(text)
    doc = nlp(text)
    assert [c for c in find_claims(doc, article, times=find_times(doc, article, dt.date(2018, 6, 1)))
            if c.unit == "day"] == []


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("NATO launched its bombing campaign in March 2011.", "bombing campaign began"),
        ("The crackdown began in early March 2017.", "crackdown began"),
        ("The government lifted the curfew in May 2016.", "curfew ended"),
    ],
    ids=["transitive-launch", "intransitive-begin", "transitive-lift"],
)
def test_what_began_is_the_object_of_a_transitive_verb(nlp, text: str, subject: str) -> None:  # type: ignore[no-untyped-def]
    (found,) = _temporal(nlp, text)
    assert found.subject == subject


def test_a_digit_run_with_a_leading_zero_is_no_count(nlp) -> None:  # type: ignore[no-untyped-def]
    # "45,000-50 ,000": a stray space leaves ",000", which is not a count of none
    assert all(c.low != 0 for c in _claims(nlp, "About 45,000-50 ,000 people have died since Tuesday."))


def test_breaking_out_again_is_no_beginning(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _temporal(nlp, "Protests again broke out in several towns on 4 March 2011.") == ()
    assert len(_temporal(nlp, "Protests broke out in several towns on 4 March 2011.")) == 1


def test_opening_fire_begins_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _temporal(nlp, "Security forces opened fire on protesters on 4 March 2011.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "The government wants to relocate some 400,000 people to tent villages.",
        "Officials warned that thousands of people could die if the fighting goes on.",
        "The country will send 4,000 more troops next month.",
        "The camp can hold 10,000 people.",
        "If 500 people die, the government will fall.",
        "I told him that he will have thousands of people killed if he does that.",
    ],
    ids=["wants-to", "could", "will", "can", "if", "will-have-killed"],
)
def test_a_count_of_what_may_or_will_happen_is_no_claim(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _claims(nlp, text) == ()


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Up to 200,000 people may have died in the disaster.", "people killed"),
        ("The agency says 130,000 people have now been relocated.", "people relocated"),
        ("Officials will say that 40 people were killed.", "people killed"),
    ],
    ids=["may-have-died", "have-been-relocated", "will-say-were-killed"],
)
def test_an_estimate_of_what_happened_stays(nlp, text: str, subject: str) -> None:  # type: ignore[no-untyped-def]
    assert _one(nlp, text).subject == subject
