"""Salience: sources, actor prominence and centrality, weighted by modality; the top-N view."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from storyline import dates
from storyline.model import Event, EventMention, Span, Story
from storyline.timeline import salience_scores, top_events, with_salience
from storyline.timeline.salience import MODALITY_WEIGHT


def _mention(article: str, n: int = 0) -> EventMention:
    span = Span(article, n, n + 4, "word")
    return EventMention(id=f"m-{article}-{n}", span=span, trigger=span, type="SANCTION", modality="asserted")


def _event(
    id_: str, articles: tuple[str, ...], *, actors: tuple[str, ...] = ("e-1",), modality: str = "asserted",
    day: str | None = "2017-07-27", salience: float = 0.0,
) -> Event:
    return Event(
        id=id_, type="SANCTION", modality=modality,  # type: ignore[arg-type]
        mentions=tuple(_mention(a) for a in articles), summary=id_,
        date=dates.day(dt.date.fromisoformat(day)) if day else None,
        actors=actors, sources=len(set(articles)), salience=salience,
    )


def test_more_sources_score_higher() -> None:
    scores = salience_scores([_event("v-1", ("a-1", "a-2", "a-3")), _event("v-2", ("a-4",))])
    assert scores["v-1"] > scores["v-2"]


@pytest.mark.parametrize("modality", ["requested", "negated", "hypothetical"], ids=str)
def test_unrealised_event_scores_lower_than_asserted(modality: str) -> None:
    scores = salience_scores([_event("v-1", ("a-1", "a-2")), _event("v-2", ("a-1", "a-2"), modality=modality)])
    assert scores["v-2"] == pytest.approx(scores["v-1"] * MODALITY_WEIGHT[modality], abs=1e-3)


def test_undated_event_scores_lower_than_dated() -> None:
    scores = salience_scores([_event("v-1", ("a-1",)), _event("v-2", ("a-1",), day=None)])
    assert scores["v-2"] < scores["v-1"]


def test_event_sharing_actors_with_others_is_more_central() -> None:
    events = [
        _event("v-1", ("a-1",), actors=("e-1",)), _event("v-2", ("a-2",), actors=("e-1",)),
        _event("v-3", ("a-3",), actors=("e-1",)), _event("v-4", ("a-4",), actors=("e-9",)),
    ]
    scores = salience_scores(events)
    assert scores["v-1"] > scores["v-4"]


def test_degree_counts_the_other_events_sharing_a_participant() -> None:
    """_degrees is, for each event, the number of other events that share an actor or a target
    with it, as written plainly: events of one entity, of several (a protagonist among them), of
    none, targets only, and repeated sets of entities."""
    import random

    from storyline.timeline.salience import _degrees

    rng = random.Random(7)
    people = ["e-hub"] * 6 + [f"e-{i}" for i in range(12)]
    events = []
    for i in range(300):
        actors = tuple(sorted(set(rng.sample(people, rng.randrange(4)))))
        event = _event(f"v-{i}", ("a-1",), actors=actors)
        if i % 5 == 0:
            event = msgspec.structs.replace(event, targets=(rng.choice(people),))
        events.append(event)
    plain = {}
    for ev in events:
        mine = {*ev.actors, *ev.targets}
        plain[ev.id] = sum(1 for other in events if other.id != ev.id and mine & {*other.actors, *other.targets})
    assert _degrees(events) == plain
    assert min(plain.values()) == 0 and max(plain.values()) > 150  # lone events and the hub's


def test_scores_stay_between_zero_and_one() -> None:
    scores = salience_scores([_event("v-1", ("a-1", "a-2")), _event("v-2", ("a-3",), actors=())])
    assert all(0.0 <= s <= 1.0 for s in scores.values())


def test_with_salience_fills_the_field_in_order() -> None:
    events = with_salience([_event("v-2", ("a-1",)), _event("v-1", ("a-1", "a-2"))])
    assert [e.id for e in events] == ["v-2", "v-1"]
    assert all(e.salience > 0 for e in events)


def test_top_events_keeps_the_most_salient_in_date_order() -> None:
    story = Story(events=(
        _event("v-1", ("a-1",), day="2017-01-01", salience=0.1),
        _event("v-2", ("a-1", "a-2"), day="2017-03-01", salience=0.9),
        _event("v-3", ("a-1", "a-2"), day="2017-02-01", salience=0.8),
    ))
    assert [e.id for e in top_events(story, 2)] == ["v-3", "v-2"]


def test_top_events_applies_filters() -> None:
    story = Story(events=(
        _event("v-1", ("a-1", "a-2"), salience=0.9, modality="requested"),
        _event("v-2", ("a-1",), salience=0.1),
    ))
    assert [e.id for e in top_events(story, 5, modality="asserted")] == ["v-2"]


def test_top_events_scores_a_story_linked_without_salience() -> None:
    story = Story(events=(_event("v-1", ("a-1",)), _event("v-2", ("a-1", "a-2", "a-3"))))
    (top,) = top_events(story, 1)
    assert top.id == "v-2" and top.salience > 0


def test_top_zero_is_empty() -> None:
    story = Story(events=(_event("v-1", ("a-1",), salience=0.5),))
    assert top_events(story, 0) == []


def test_salience_survives_a_round_trip() -> None:
    event = _event("v-1", ("a-1",), salience=0.25)
    assert msgspec.json.decode(msgspec.json.encode(event), type=Event).salience == 0.25
