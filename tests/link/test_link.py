from __future__ import annotations

from collections.abc import Sequence

import msgspec
import pytest

from storyline import dates
from storyline.link import link
from storyline.model import Article, ArticleAnalysis, Span, Story
from storyline.settings import Settings

from .records import analysis, art, claim, day, ent, event, quote, timex

Pairs = Sequence[tuple[Article, ArticleAnalysis | None]]
SETTINGS = Settings(quiet=True)


def corpus() -> Pairs:
    one = art(
        'Congress sanctioned Norway on July 27, 2017. "It is done," Ed Royce said. '
        "More than 50 members signed.",
        published="2017-07-28",
    )
    two = art("In 2017 Edward Royce said Congress sanctioned Norway. 53 members signed.")
    copy = art(one.text + " ", published="2017-07-28", duplicate_of=one.id)
    three = art(
        "Congress sanctioned Norway on July 27, 2017, and 12 members objected.", published="2017-07-29"
    )
    four = art("Congress sanctioned Norway on July 27, 2017; 15 members objected.", published="2017-07-30")

    def common(a: Article) -> tuple[object, ...]:
        return (ent(a, "Congress", "ORG"), ent(a, "Norway", "GPE"))

    return [
        (
            one,
            analysis(
                one,
                mentions=(*common(one), ent(one, "Ed Royce")),
                quotes=(quote(one, "It is done,", "Ed Royce"),),
                events=(
                    event(
                        one, "sanctioned", actors=("Congress",), targets=("Norway",), date=day("2017-07-27")
                    ),
                ),
                claims=(claim(one, "More than 50", "members signed", 51, None),),
            ),
        ),
        (
            two,
            analysis(
                two,
                mentions=(*common(two), ent(two, "Edward Royce")),
                times=(timex(two, "2017", dates.year(2017)),),
                events=(event(two, "sanctioned", actors=("Congress",), targets=("Norway",)),),
                claims=(claim(two, "53", "members signed", 53, 53),),
            ),
        ),
        (copy, None),
        (
            three,
            analysis(
                three,
                mentions=common(three),
                events=(
                    event(
                        three, "sanctioned", actors=("Congress",), targets=("Norway",), date=day("2017-07-27")
                    ),
                ),
                claims=(claim(three, "12", "members objected", 12, 12),),
            ),
        ),
        (
            four,
            analysis(
                four,
                mentions=common(four),
                events=(
                    event(
                        four, "sanctioned", actors=("Congress",), targets=("Norway",), date=day("2017-07-27")
                    ),
                ),
                claims=(claim(four, "15", "members objected", 15, 15),),
            ),
        ),
    ]


def test_story_links_every_stage() -> None:
    story = link(corpus(), SETTINGS)
    assert sorted(e.name for e in story.entities) == ["Congress", "Edward Royce", "Norway"]
    (ev,) = story.events
    assert ev.sources == 4 and ev.date == day("2017-07-27")
    assert [c.about for c in story.conflicts] == ["members objected"]
    assert len(story.claims) == 4


def test_undated_article_published_is_inferred() -> None:
    pairs = corpus()
    story = link(pairs, SETTINGS)
    undated = pairs[1][0]
    assert list(story.published) == [undated.id]
    assert story.published[undated.id].method == "inferred"
    assert str(story.published[undated.id].date.earliest) == "2017-07-27"


def test_speaker_resolved_to_entity() -> None:
    story = link(corpus(), SETTINGS)
    royce = next(e.id for e in story.entities if e.name == "Edward Royce")
    assert list(story.speakers.values()) == [royce]


def test_ids_stable_when_input_order_changes() -> None:
    pairs = corpus()
    assert link(pairs, SETTINGS) == link(list(reversed(pairs)), SETTINGS)


def test_outputs_sorted_by_id() -> None:
    story = link(corpus(), SETTINGS)
    for records in (story.entities, story.events, story.claims, story.conflicts):
        assert [r.id for r in records] == sorted(r.id for r in records)


def test_every_span_points_into_its_article() -> None:
    pairs = corpus()
    texts = {a.id: a.text for a, _ in pairs}
    story = link(pairs, SETTINGS)
    spans: list[Span] = [s for e in story.entities for s in e.mentions]
    spans += [m.span for ev in story.events for m in ev.mentions]
    spans += [s for p in story.published.values() for s in p.evidence]
    assert spans and all(texts[s.article][s.start : s.end] == s.text for s in spans)


def test_story_round_trips_through_json() -> None:
    story = link(corpus(), SETTINGS)
    assert msgspec.json.decode(msgspec.json.encode(story), type=Story) == story


def test_empty_input_gives_empty_story() -> None:
    assert link([], SETTINGS) == Story()


def test_cycle_collector_is_paused_while_linking_and_restored_after() -> None:
    """Linking runs with Python's cycle collector off (it makes no cycles, and the collector
    walked its millions of containers for nothing), and gives the collector back as it found it,
    also when the input fails."""
    import gc

    seen: list[bool] = []

    def pairs() -> Pairs:
        seen.append(gc.isenabled())
        return corpus()

    assert gc.isenabled()
    story = link(pairs(), SETTINGS)
    assert story.events and gc.isenabled()

    def reading():  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        yield from corpus()
        raise OSError("the store went away")

    with pytest.raises(OSError, match="went away"):
        link(reading(), SETTINGS)
    assert seen == [True, False] and gc.isenabled()
    gc.disable()
    try:
        link(corpus(), SETTINGS)
        assert not gc.isenabled()  # left off when it was off
    finally:
        gc.enable()
