from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest

from storyline import dates
from storyline.api import open_view
from storyline.ids import article_id
from storyline.model import (
    Article,
    ArticleAnalysis,
    Event,
    EventMention,
    Modality,
    Published,
    Quote,
    Sentence,
    Span,
    Story,
    TimeExpr,
)
from storyline.store import open_store
from storyline.timeline.summary import KeyDate, Weights, default_sizes, key_dates, summarize

Pair = tuple[Article, ArticleAnalysis | None]


def doc(lines: list[str], published: str | None, *, names: dict[str, str] | None = None,
        outlet: str | None = None, copy_of: str | None = None) -> Pair:
    """An article of one sentence a line; ``names`` maps a phrase in it to the ISO day it names."""
    text = "\n".join(lines)
    pub = Published(date=dates.day(dt.date.fromisoformat(published)), method="metadata") if published else None
    article = Article(id=article_id(text), source=f"{outlet or 'x'}.txt", text=text, outlet=outlet,
                      published=pub, duplicate_of=copy_of)
    if copy_of is not None:
        return article, None
    sentences, start = [], 0
    for line in lines:
        sentences.append(Sentence(start, start + len(line)))
        start += len(line) + 1
    times = []
    for phrase, iso in (names or {}).items():
        at = text.index(phrase)
        times.append(TimeExpr(id=f"t-{at}", span=Span(article.id, at, at + len(phrase), phrase), type="DATE",
                              value=iso, anchor="dct", date=dates.day(dt.date.fromisoformat(iso))))
    analysis = ArticleAnalysis(article=article.id, sentences=tuple(sentences), times=tuple(times))
    return article, analysis


def event(pair: Pair, phrase: str, iso: str, *, modality: Modality = "asserted") -> Event:
    article = pair[0]
    at = article.text.index(phrase)
    span = Span(article.id, at, at + len(phrase), phrase)
    day = dates.day(dt.date.fromisoformat(iso))
    mention = EventMention(id=f"m-{at}", span=span, trigger=span, type="PROTEST", modality=modality,
                           date=day, date_basis="clause")
    return Event(id=f"v-{at}", type="PROTEST", modality=modality, mentions=(mention,), summary=phrase,
                 date=day, sources=1)


MARCH = "Thousands of workers marched through the capital on Monday demanding higher wages."
STRIKE = "The union called a general strike across the country on Friday after the talks failed."
LATER = "The march on March 6 was the largest protest the capital had seen in a decade."
FILLER = "Officials said the situation in the capital remained calm but tense overnight."


def story_pairs() -> list[Pair]:
    return [
        doc([MARCH, FILLER], "2023-03-06", names={"Monday": "2023-03-06"}, outlet="A"),
        doc([STRIKE, FILLER + " Shops reopened."], "2023-03-10", names={"Friday": "2023-03-10"}, outlet="B"),
        doc([LATER, "Organisers promised more marches across the capital in the weeks ahead."], "2023-04-20",
            names={"March 6": "2023-03-06"}, outlet="C"),
    ]


def days(keys: list[KeyDate]) -> list[str]:
    return [k.date.isoformat() for k in keys]


def test_the_day_more_articles_name_ranks_first() -> None:
    assert days(summarize(story_pairs(), Story(), dates=1, sentences=1)) == ["2023-03-06"]


def test_a_day_later_articles_refer_back_to_outranks_a_day_only_published_on() -> None:
    pairs = [
        doc([MARCH], "2023-03-06", names={"Monday": "2023-03-06"}),
        doc([STRIKE], "2023-03-10", names={"Friday": "2023-03-10"}),
        doc([LATER], "2023-04-20", names={"March 6": "2023-03-06"}),
        doc([FILLER], "2023-04-20"),
    ]
    assert days(summarize(pairs, Story(), dates=1, sentences=1)) == ["2023-03-06"]


def test_events_dated_to_a_day_raise_it() -> None:
    strike = doc([STRIKE], "2023-03-10", names={"Friday": "2023-03-10"})
    march = doc([MARCH], "2023-03-06", names={"Monday": "2023-03-06"})
    story = Story(events=(event(strike, "general strike", "2023-03-10"),))
    assert days(summarize([march, strike], story, dates=1, sentences=1)) == ["2023-03-10"]


def test_requested_events_do_not_raise_a_day() -> None:
    strike = doc([STRIKE], "2023-03-10", names={"Friday": "2023-03-10"})
    march = doc([MARCH], "2023-03-06", names={"Monday": "2023-03-06"})
    story = Story(events=(event(strike, "general strike", "2023-03-10", modality="requested"),))
    assert days(summarize([march, strike], story, dates=1, sentences=1)) == ["2023-03-06"]


def test_key_dates_come_in_date_order() -> None:
    assert days(summarize(story_pairs(), Story(), dates=3, sentences=1)) == ["2023-03-06", "2023-03-10",
                                                                              "2023-04-20"]


def test_a_sentence_naming_the_day_is_chosen_from_a_later_article() -> None:
    pairs = [doc([FILLER], "2023-03-06"), doc([FILLER + " Later.", LATER], "2023-04-20",
                                              names={"March 6": "2023-03-06"})]
    (key,) = summarize(pairs, Story(), dates=1, sentences=2)
    assert LATER in [s.text for s in key.sentences]


def test_sentences_are_verbatim_spans_of_their_articles() -> None:
    pairs = story_pairs()
    texts = {a.id: a.text for a, _ in pairs}
    spans = [s for k in summarize(pairs, Story(), dates=3, sentences=2) for s in k.sentences]
    assert spans
    assert all(texts[s.article][s.start:s.end] == s.text for s in spans)


def test_near_duplicate_sentences_are_not_both_chosen() -> None:
    pairs = [
        doc([MARCH], "2023-03-06", names={"Monday": "2023-03-06"}, outlet="A"),
        doc([MARCH.replace("Thousands", "Many thousands")], "2023-03-06", names={"Monday": "2023-03-06"},
            outlet="B"),
    ]
    (key,) = summarize(pairs, Story(), dates=1, sentences=2)
    assert len(key.sentences) == 1


def test_a_second_article_is_preferred_to_a_second_sentence_of_the_first() -> None:
    first = doc([MARCH, "Police on Monday closed the main square to traffic as the marchers arrived."],
                "2023-03-06", names={"Monday": "2023-03-06"}, outlet="A")
    second = doc(["On Monday the transport minister resigned over the handling of the workers' dispute."],
                 "2023-03-07", names={"On Monday": "2023-03-06"}, outlet="B")
    (key,) = summarize([first, second], Story(), dates=1, sentences=2)
    assert {s.article for s in key.sentences} == {first[0].id, second[0].id}


@pytest.mark.parametrize(
    "said",
    [pytest.param("On Monday we marched through the capital because our wages are far too low.", id="first-person"),
     pytest.param('"The march on Monday was peaceful and the capital stayed calm," the police chief said.',
                  id="direct-quote")],
)
def test_what_someone_said_is_passed_over_for_what_happened(said: str) -> None:
    pair = doc([said], "2023-03-06", names={"On Monday" if said.startswith("On") else "Monday": "2023-03-06"})
    article, analysis = pair
    assert analysis is not None
    if said.startswith('"'):
        end = said.index('"', 1) + 1
        quote = Quote(id="q-1", span=Span(article.id, 0, end, said[:end]), kind="direct", cue="said")
        pair = (article, msgspec.structs.replace(analysis, quotes=(quote,)))
    other = doc([MARCH], "2023-03-07", names={"Monday": "2023-03-06"})
    (key,) = summarize([pair, other], Story(), dates=1, sentences=1)
    assert [s.text for s in key.sentences] == [MARCH]


def test_an_earlier_sentence_of_an_article_is_preferred() -> None:
    second = "Police on Monday closed the main square to traffic as the marchers gathered in the capital."
    pair = doc([FILLER, FILLER.replace("Officials", "Witnesses"), second, MARCH], "2023-03-09",
               names={"on Monday": "2023-03-06", "Monday demanding": "2023-03-06"})
    (key,) = summarize([pair], Story(), dates=1, sentences=1)
    assert [s.text for s in key.sentences] == [second]


@pytest.mark.parametrize(("fresh", "expected"), [pytest.param(0.0, "later", id="off"),
                                                  pytest.param(2.0, "same-week", id="on")])
def test_fresh_weight_prefers_reports_from_the_days_after(fresh: float, expected: str) -> None:
    week = doc([FILLER, "Police said the march on Monday ended without arrests in the capital."], "2023-03-07",
               names={"on Monday": "2023-03-06"})
    later = doc([LATER], "2023-04-20", names={"March 6": "2023-03-06"})
    (key,) = summarize([week, later], Story(), dates=1, sentences=1,
                       weights=Weights(fresh=fresh))
    assert key.sentences[0].article == (week if expected == "same-week" else later)[0].id


def test_opening_sentences_of_the_day_fill_in_when_no_sentence_names_it() -> None:
    pairs = [doc([FILLER, "Short one."], "2023-03-08")]
    (key,) = summarize(pairs, Story(), dates=1, sentences=1)
    assert [s.text for s in key.sentences] == [FILLER]


def test_copies_count_for_nothing() -> None:
    original = doc([STRIKE], "2023-03-10", names={"Friday": "2023-03-10"})
    copies = [doc([STRIKE + f" ({i})"], "2023-03-10", copy_of=original[0].id) for i in range(3)]
    march = [doc([MARCH], "2023-03-06", names={"Monday": "2023-03-06"}) for _ in range(1)]
    march.append(doc([LATER], "2023-04-20", names={"March 6": "2023-03-06"}))
    assert days(summarize([original, *copies, *march], Story(), dates=1, sentences=1)) == ["2023-03-06"]


def test_query_keeps_only_articles_with_its_words() -> None:
    keys = summarize(story_pairs(), Story(), dates=3, sentences=1, query="union strike")
    assert days(keys) == ["2023-03-10"]


def test_query_matching_nothing_gives_no_dates() -> None:
    assert summarize(story_pairs(), Story(), query="volcano") == []


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [pytest.param(dt.date(2023, 3, 1), dt.date(2023, 3, 31), ["2023-03-06", "2023-03-10"], id="march"),
     pytest.param(dt.date(2023, 3, 9), None, ["2023-03-10", "2023-04-20"], id="from-9-march"),
     pytest.param(None, dt.date(2023, 3, 7), ["2023-03-06"], id="to-7-march")],
)
def test_a_window_keeps_articles_and_dates_inside_it(lo: dt.date | None, hi: dt.date | None,
                                                      expected: list[str]) -> None:
    assert days(summarize(story_pairs(), Story(), dates=5, sentences=1, date_from=lo, date_to=hi)) == expected


def test_an_article_published_outside_the_window_does_not_vote() -> None:
    # Only the April article names 6 March twice over; cut it off and 10 March (two mentions) wins.
    pairs = [
        doc([MARCH], "2023-03-06"),
        doc([STRIKE], "2023-03-10", names={"Friday": "2023-03-10"}),
        doc(["Traders said on Friday the strike had emptied the markets of the capital."], "2023-03-11",
            names={"on Friday": "2023-03-10"}),
        doc([LATER, "A second rally on March 6 drew students from every university."], "2023-04-20",
            names={"March 6": "2023-03-06"}),
    ]
    assert days(summarize(pairs, Story(), dates=1, sentences=1, date_to=dt.date(2023, 3, 31))) == ["2023-03-10"]


def test_the_articles_count_is_of_independent_articles() -> None:
    by_day = {k.date.isoformat(): k.articles for k in summarize(story_pairs(), Story(), dates=3, sentences=1)}
    assert by_day == {"2023-03-06": 2, "2023-03-10": 1, "2023-04-20": 1}


def test_no_articles_give_no_dates() -> None:
    assert summarize([], Story()) == []


@pytest.mark.parametrize(
    ("articles", "n_days", "expected"),
    [pytest.param(5, 40, (6, 1), id="five-articles"),
     pytest.param(5, 2, (2, 1), id="fewer-days-than-wanted"),
     pytest.param(100, 400, (25, 2), id="hundred-articles"),
     pytest.param(3000, 900, (30, 3), id="three-thousand-capped")],
)
def test_default_sizes_grow_with_the_story(articles: int, n_days: int, expected: tuple[int, int]) -> None:
    assert default_sizes(articles, n_days) == expected


def test_defaults_apply_when_sizes_are_not_given() -> None:
    keys = summarize(story_pairs(), Story())
    assert len(keys) == 3
    assert all(len(k.sentences) <= 1 for k in keys)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "story.db"
    with open_store(path) as store:
        store.add_articles([(a, b, b"") for a, b in story_pairs()])
        store.write_story(Story())
    return path


@pytest.mark.parametrize("kind", ["path", "str", "view", "store"])
def test_key_dates_reads_a_built_story(db: Path, kind: str) -> None:
    if kind in ("path", "str"):
        keys = key_dates(db if kind == "path" else str(db), dates=1, sentences=1)
    elif kind == "view":
        with open_view(db) as view:
            keys = key_dates(view, dates=1, sentences=1)
    else:
        with open_store(db, create=False) as store:
            keys = key_dates(store, dates=1, sentences=1)
    assert days(keys) == ["2023-03-06"]


def test_key_dates_takes_iso_bounds_for_the_window(db: Path) -> None:
    assert days(key_dates(db, dates=5, sentences=1, date_from="2023-03", date_to="2023-03")) == [
        "2023-03-06", "2023-03-10"]


def test_key_dates_refuses_anything_else() -> None:
    with pytest.raises(TypeError, match="StoryView"):
        key_dates(42)


@pytest.mark.model
@pytest.mark.slow
def test_seeds_summary_cites_real_spans(tmp_path: Path) -> None:
    from conftest import seeds_or_skip

    from storyline.api import build
    from storyline.settings import Settings

    seeds = seeds_or_skip()
    build([str(seeds)], db=tmp_path / "seeds.db", settings=Settings(quiet=True))
    with open_view(tmp_path / "seeds.db") as view:
        keys = key_dates(view)
        texts = {a.id: a.text for a in view.store.iter_articles()}
    assert keys
    assert [k.date for k in keys] == sorted(k.date for k in keys)
    assert all(texts[s.article][s.start:s.end] == s.text for k in keys for s in k.sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(Update 4:08 a.m. Tuesday, 9:08 p.m. ET Monday)", True),
        ("JANE DOE, HOST: There is breaking news this morning from the capital.", True),
        ("Council Votes; Protests Spread;; Markets Fall on Monday", True),
        ("By the Wire Staff Troops enter the city as the curfew begins", True),
        ("Editor's Note: This article is being updated as news comes in.", True),
        ("THE COUNCIL VOTED TO BAN THE MARCH ON MONDAY EVENING", True),
        ("The council voted 14-0 to ban the march on Monday evening.", False),
        ("LONDON (Wire) - The council voted to ban the march on Monday.", False),
        ("A transcript of the call shows the minister agreed to the plan.", False),
        ("March 3, 2014 | By Jane Doe, Wire", True),
        ("March 3, 2014 at 2:36 pm", True),
        ("March 3, 2014 was the day the council voted to ban the march.", False),
    ],
)
def test_page_furniture_is_never_a_key_sentence(text: str, expected: bool) -> None:
    from storyline.timeline.summary import furniture

    assert furniture(text) is expected


@pytest.mark.parametrize(
    ("sentence", "news"),
    [
        ("KESTREL BAY | Fri Apr 22, 2011 12:12 pm EDT KESTREL BAY (Wire) - The council voted to ban the march.",
         "The council voted to ban the march."),
        ("KESTREL BAY — Protesters returned to the square on Friday.", "Protesters returned to the square on Friday."),
        ("NORTHPORT/SOUTHPORT, Nov 17 (Wire) - The two ports agreed to share the dredging cost.",
         "The two ports agreed to share the dredging cost."),
        ("The council (which met on Monday) - as expected - voted to ban the march.", None),
        ("CAIRO — Yes.", None),  # too little would be left
        ("March 3, 2014 | By Jane Doe and Ann Lee, Wire Protesters filled the square again on Monday.",
         "Protesters filled the square again on Monday."),
    ],
)
def test_a_wire_dateline_is_cut_from_a_key_sentence(sentence: str, news: str | None) -> None:
    from storyline.timeline.summary import news_start

    start = news_start(sentence, 0, len(sentence))
    assert sentence[start:] == (news if news is not None else sentence)


def test_a_sentence_told_for_one_key_date_is_not_told_again_for_another() -> None:
    # one sentence names both days; each day also has a sentence of its own
    both = "The march on March 6 and the strike on March 10 shut the capital down for days."
    names = {"March 6": "2023-03-06", "March 10": "2023-03-10"}
    pairs = [
        doc([both, FILLER], "2023-03-12", names=names, outlet="A"),
        doc([both + " Again.", FILLER + " Still."], "2023-03-13", names=names, outlet="B"),
        doc(["Thousands marched on March 6 through the capital to the parliament building."], "2023-03-14",
            names={"March 6": "2023-03-06"}, outlet="C"),
        doc(["The strike on March 10 closed every port in the country for the whole day."], "2023-03-15",
            names={"March 10": "2023-03-10"}, outlet="D"),
    ]
    keys = summarize(pairs, Story(), dates=2, sentences=1)
    assert days(keys) == ["2023-03-06", "2023-03-10"]
    told = [s.text for k in keys for s in k.sentences]
    assert len(told) == 2 and len({" ".join(t.split()[:10]) for t in told}) == 2


def test_a_key_date_with_nothing_else_to_tell_may_repeat_a_told_sentence() -> None:
    both = "The march on March 6 and the strike on March 10 shut the capital down for days."
    names = {"March 6": "2023-03-06", "March 10": "2023-03-10"}
    pairs = [doc([both, FILLER], "2023-03-12", names=names, outlet="A"),
             doc([both + " Again.", FILLER + " Still."], "2023-03-13", names=names, outlet="B")]
    keys = summarize(pairs, Story(), dates=2, sentences=1)
    assert days(keys) == ["2023-03-06", "2023-03-10"] and all(k.sentences for k in keys)
