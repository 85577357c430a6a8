from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np
import pytest

from storyline import dates
from storyline.link import events as events_module
from storyline.link.dating import date_articles
from storyline.link.entities import resolve_entities
from storyline.link.events import build_events, summarize
from storyline.link.similarity import ArticleSimilarity
from storyline.model import Article, ArticleAnalysis, DateValue, Event, EventMention
from storyline.settings import Settings

from .records import analysis, art, day, ent, event, span

Pairs = Sequence[tuple[Article, ArticleAnalysis | None]]
SETTINGS = Settings(quiet=True)


def run(pairs: Pairs, settings: Settings = SETTINGS) -> tuple[Event, ...]:
    _, index = resolve_entities([(a, an) for a, an in pairs if an is not None])
    return build_events(pairs, date_articles(pairs, index), index, settings)


def report(
    text: str,
    date: DateValue | None,
    *,
    published: str | None = "2017-08-01",
    duplicate_of: str | None = None,
    actor: str = "Congress",
    target: str = "Norway",
    trigger: str = "sanctioned",
    modality: str = "asserted",
) -> tuple[Article, ArticleAnalysis]:
    a = art(text, published=published, duplicate_of=duplicate_of)
    mentions = (ent(a, actor, "ORG"), ent(a, target, "GPE"))
    ev = event(a, trigger, actors=(actor,), targets=(target,), date=date, clause=text, modality=modality)
    return a, analysis(a, mentions=mentions, events=(ev,))


def test_same_event_in_two_articles_merged() -> None:
    (found,) = run(
        [
            report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
            report("On Thursday Congress sanctioned Norway.", day("2017-07-27")),
        ]
    )
    assert found.sources == 2 and len(found.mentions) == 2
    assert found.reasons[0].rule == "same-event"


@pytest.mark.parametrize("copy_analysed", [False, True], ids=["copy-not-analysed", "copy-analysed"])
def test_copy_not_counted_in_sources(copy_analysed: bool) -> None:
    first = report("Congress sanctioned Norway on July 27.", day("2017-07-27"))
    second = report("On Thursday Congress sanctioned Norway.", day("2017-07-27"))
    copy = report("Congress sanctioned Norway on July 27!", day("2017-07-27"), duplicate_of=first[0].id)
    (found,) = run([first, second, copy if copy_analysed else (copy[0], None)])
    assert found.sources == 2


def test_same_type_on_different_days_not_merged() -> None:
    found = run(
        [
            report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
            report("Congress sanctioned Norway on July 29.", day("2017-07-29")),
        ]
    )
    assert len(found) == 2


def test_different_targets_same_day_not_merged() -> None:
    found = run(
        [
            report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
            report("Congress sanctioned Iran on July 27.", day("2017-07-27"), target="Iran"),
        ]
    )
    assert len(found) == 2


def test_same_event_twice_in_one_article_merged() -> None:
    a = art(
        "Congress sanctioned Norway. Congress sanctioned Norway again, critics said.", published="2017-08-01"
    )
    evs = (
        event(a, "sanctioned", actors=("Congress",), targets=("Norway",), date=day("2017-07-27")),
        event(a, "sanctioned", actors=("Congress",), targets=("Norway",), date=day("2017-07-27"), nth=1),
    )
    mentions = (ent(a, "Congress", "ORG"), ent(a, "Norway", "GPE"))
    (found,) = run([(a, analysis(a, mentions=mentions, events=evs))])
    assert len(found.mentions) == 2 and found.sources == 1


def test_undated_mention_joins_the_one_dated_event() -> None:
    (found,) = run(
        [
            report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
            report("Congress sanctioned Norway, it emerged.", None, published=None),
        ]
    )
    assert found.sources == 2 and found.date == day("2017-07-27")
    assert found.reasons[0].rule == "undated-join"


def test_year_mention_does_not_chain_two_days() -> None:
    found = run(
        [
            report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
            report("Congress sanctioned Norway on July 29.", day("2017-07-29")),
            report("In 2017 Congress sanctioned Norway.", dates.year(2017)),
        ]
    )
    assert sorted(len(e.mentions) for e in found) == [1, 2]


def test_clause_date_preferred_over_article_date() -> None:
    a, an = report("Congress sanctioned Norway.", None, published="2017-07-28")
    (found,) = run([(a, an), report("Congress sanctioned Norway in July.", dates.month(2017, 7))])
    assert found.date == dates.month(2017, 7)


def test_asserted_modality_wins() -> None:
    (found,) = run(
        [
            report("Congress may have sanctioned Norway.", day("2017-07-27"), modality="reported"),
            report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
        ]
    )
    assert found.modality == "asserted"
    assert found.summary == "Congress sanctioned Norway on July 27."


def test_summary_trimmed_at_word_boundary() -> None:
    text = "Congress sanctioned Norway on July 27 after a long debate over the bill."
    (found,) = run([report(text, day("2017-07-27"))], SETTINGS.replace(max_summary_chars=30))
    assert found.summary == "Congress sanctioned Norway..."
    assert len(found.summary) <= 30 and text.startswith(found.summary[:-3])


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short  line", 20, "short line"),
        ("one two three four", 12, "one two..."),
        ("abcdefghijkl", 8, "abcde..."),
    ],
    ids=["fits", "word-boundary", "no-space"],
)
def test_summarize(text: str, limit: int, expected: str) -> None:
    assert summarize(text, limit) == expected


def test_ids_stable_when_input_order_changes() -> None:
    pairs = [
        report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
        report("On Thursday Congress sanctioned Norway.", day("2017-07-27")),
        report("Congress sanctioned Iran on July 27.", day("2017-07-27"), target="Iran"),
    ]
    assert run(pairs) == run(list(reversed(pairs)))


def bare(text: str, trigger: str, date: DateValue | None) -> tuple[Article, ArticleAnalysis]:
    a = art(text, published="2017-08-01")
    return a, analysis(a, events=(event(a, trigger, "COOPERATE", date=date),))


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        (("They were cooperating, police said.", "cooperating", day("2017-07-27")), True),
        (("They were helping, police said.", "helping", day("2017-07-27")), False),
        (("They were cooperating, police said.", "cooperating", day("2017-07-20")), False),
        (("They were cooperating, police said.", "cooperating", None), False),
    ],
    ids=["same-trigger-same-day", "other-trigger", "other-day", "undated"],
)
def test_mentions_without_participants_merge_on_trigger_and_date(
    second: tuple[str, str, DateValue | None], merged: bool
) -> None:
    found = run(
        [bare("The firm was cooperating with police.", "cooperating", day("2017-07-27")), bare(*second)]
    )
    assert (len(found) == 1) is merged


def test_undated_mention_stays_apart_when_two_dated_events_fit() -> None:
    found = run(
        [
            report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
            report("Congress sanctioned Norway on July 29.", day("2017-07-29")),
            report("Congress sanctioned Norway, it emerged.", None, published=None),
        ]
    )
    assert sorted(len(e.mentions) for e in found) == [1, 1, 1]


def worded(
    text: str, trigger: str, lemma: str, *, names: tuple[str, ...] = ("Senate",), type_: str = "SUPPORT",
    actors: tuple[str, ...] = (), date: DateValue | None = None,
) -> tuple[Article, ArticleAnalysis]:
    a = art(text, published="2017-08-01")
    ev = msgspec.structs.replace(event(a, trigger, type_, actors=actors, date=date), lemma=lemma)
    return a, analysis(a, mentions=tuple(ent(a, n, "ORG") for n in names), events=(ev,))


def test_same_word_merges_across_articles_about_the_same_thing() -> None:
    (found,) = run([
        worded("The Senate vote passed on July 27.", "vote", "vote", date=day("2017-07-27")),
        worded("The Senate voted on Thursday.", "voted", "vote", date=day("2017-07-27")),
    ])
    assert found.sources == 2 and found.reasons[0].rule == "same-lemma"


def test_same_word_stays_apart_when_articles_share_no_entity() -> None:
    found = run([
        worded("The Senate vote passed on July 27.", "vote", "vote", date=day("2017-07-27")),
        worded("The Assembly voted on Thursday.", "voted", "vote", names=("Assembly",), date=day("2017-07-27")),
    ])
    assert len(found) == 2


def test_same_word_stays_apart_when_articles_tell_different_happenings() -> None:
    # one entity in common, nothing else: a vote on a pipeline and a vote on a school budget
    found = run([
        worded("The Senate vote on the pipeline permits passed narrowly after hours of debate.", "vote", "vote",
               date=day("2017-07-27")),
        worded("The Senate voted to expand teacher salaries across rural schools.", "voted", "vote",
               date=day("2017-07-27")),
    ])
    assert len(found) == 2


_POOL = ["lawsuit", "permits", "sediment", "breakwater", "wetlands", "turbidity"]


def _dispute(i: int) -> str:
    return f"in the Harbor Authority dispute over {_POOL[i % 6]}, {_POOL[(i + 1) % 6]} and {_POOL[(i + 2) % 6]}"


def _affair(first: str, second: str, fifth: str) -> list[tuple[str, str]]:
    """Six articles of one long dispute: all name the Harbor Authority and share some of its
    recurring words; the first two tell of the same happening (the chapel meeting), the fifth of
    another (the fishermen's), with no recurring word in common with the first two."""
    return [
        (first, f"Residents {first} the council to halt the dredging at an emergency meeting in Lakeside chapel, "
                f"{_dispute(0)}."),
        (second, f"At the emergency meeting in Lakeside chapel, residents {second} the council to halt the dredging, "
                 f"{_dispute(1)}."),
        ("reviewed", f"Auditors reviewed invoices from contractors, {_dispute(2)}."),
        ("measured", f"Engineers measured the channel near the pier, {_dispute(4)}."),
        (fifth, f"Fishermen {fifth} the governor to audit the Harbor Authority spending, in the Harbor Authority "
                "dispute over wetlands and turbidity."),
        ("scheduled", f"A judge scheduled hearings for the spring, {_dispute(5)}."),
    ]


def test_in_a_long_affair_same_word_needs_more_than_the_usual_likeness() -> None:
    # The residents' "urged" and the fishermen's "urged" are two requests: their articles meet
    # above SAME_HAPPENING, but no more than any two articles of this affair do.
    pairs = [worded(text, verb, "urge" if verb == "urged" else verb, names=("Harbor Authority",))
             for verb, text in _affair("urged", "urged", "urged")]
    found = [e for e in run(pairs) if e.mentions[0].lemma == "urge"]
    assert sorted(e.sources for e in found) == [1, 2]
    merged = next(e for e in found if e.sources == 2)
    assert {m.span.article for m in merged.mentions} == {pairs[0][0].id, pairs[1][0].id}


def test_in_a_long_affair_an_undated_mention_joins_the_dated_event_of_an_article_alike() -> None:
    # Three requests to or by the same actor, of three words: the dated one (the chapel meeting),
    # an undated report of that meeting, and an undated request of another year.
    texts = _affair("urged", "asked", "pressed")
    pairs = []
    for n, (verb, text) in enumerate(texts):
        a = art(text, published="2017-08-01")
        evs: tuple[EventMention, ...] = ()
        if n in (0, 1, 4):
            evs = (msgspec.structs.replace(
                event(a, verb, "REQUEST", targets=("Harbor Authority",), date=day("2017-07-27") if n == 0 else None),
                lemma=verb),)
        pairs.append((a, analysis(a, mentions=(ent(a, "Harbor Authority", "ORG"),), events=evs)))
    found = run(pairs)
    sources = sorted(e.sources for e in found)
    assert sources == [1, 2]
    merged = next(e for e in found if e.sources == 2)
    assert {m.span.article for m in merged.mentions} == {pairs[0][0].id, pairs[1][0].id}
    assert merged.reasons[0].rule == "undated-join"


def test_inflected_and_derived_words_link_as_their_family() -> None:
    (found,) = run([
        worded("The Senate nominated a judge for the appeals court on July 27.", "nominated", "nominate",
               date=day("2017-07-27")),
        worded("The Senate nomination of the judge for the appeals court.", "nomination", "nomination",
               date=day("2017-07-27")),
    ])
    assert found.sources == 2 and found.reasons[0].rule == "same-lemma"


def test_same_word_on_different_days_is_two_events() -> None:
    found = run([
        worded("The Senate vote passed on July 27.", "vote", "vote", date=day("2017-07-27")),
        worded("The Senate voted again on July 29.", "voted", "vote", date=day("2017-07-29")),
    ])
    assert len(found) == 2


def test_same_word_with_conflicting_actors_is_two_events() -> None:
    found = run([
        worded("The Senate and House voted.", "voted", "vote", names=("Senate", "House"), actors=("Senate",),
               date=day("2017-07-27")),
        worded("The Senate and House voted, too.", "voted", "vote", names=("Senate", "House"), actors=("House",),
               date=day("2017-07-27")),
    ])
    assert len(found) == 2


def test_undated_mention_of_the_word_joins_its_one_dated_event() -> None:
    a, an = worded("Last year's Senate vote still stings.", "vote", "vote")
    undated = (a, msgspec.structs.replace(an, events=(msgspec.structs.replace(an.events[0], date=None,
                                                                               date_basis=None),)))
    (found,) = run([worded("The Senate voted on July 27.", "voted", "vote", date=day("2017-07-27")), undated])
    assert found.sources == 2 and found.reasons[0].rule == "undated-join"


def test_untyped_mentions_of_different_words_do_not_merge_on_a_shared_actor() -> None:
    found = run([
        worded("The Senate checked the bill on July 27.", "checked", "check", type_="UNTYPED", actors=("Senate",),
               date=day("2017-07-27")),
        worded("The Senate told reporters on July 27.", "told", "tell", type_="UNTYPED", actors=("Senate",),
               date=day("2017-07-27")),
    ])
    assert len(found) == 2


def test_event_codes_come_from_the_mentions() -> None:
    a, an = report("Congress sanctioned Norway on July 27.", day("2017-07-27"))
    ev = msgspec.structs.replace(an.events[0], actor_codes=("USALEG",), target_codes=("NOR",))
    (found,) = run([(a, msgspec.structs.replace(an, events=(ev,)))])
    assert sorted(found.codes.values()) == ["NOR", "USALEG"]


def test_events_carry_salience() -> None:
    found = run([
        report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
        report("On Thursday Congress sanctioned Norway.", day("2017-07-27")),
        report("Congress sanctioned Iran on July 27.", day("2017-07-27"), target="Iran"),
    ])
    by_sources = sorted(found, key=lambda e: e.sources)
    assert 0 < by_sources[0].salience < by_sources[-1].salience


def _one_article(text: str, words: list[tuple[str, int, tuple[str, ...], DateValue | None]]) -> Pairs:
    a = art(text, published=None)
    evs = tuple(
        msgspec.structs.replace(event(a, w, "ASSAULT", actors=actors, date=date, nth=nth), lemma="quake")
        for w, nth, actors, date in words
    )
    names = tuple(sorted({n for _, _, actors, _ in words for n in actors}))
    return [(a, analysis(a, mentions=tuple(ent(a, n, "ORG") for n in names), events=evs))]


def test_one_word_twice_in_an_article_is_one_event() -> None:
    (found,) = run(_one_article("The quake struck at dawn. Rescuers said the quake left thousands homeless.",
                                [("quake", 0, (), None), ("quake", 1, (), None)]))
    assert len(found.mentions) == 2 and found.reasons[0].rule == "same-word-in-article"


def test_one_word_twice_in_an_article_stays_two_events_on_different_days() -> None:
    found = run(_one_article("The quake on May 2 was mild. The quake on May 9 was not.",
                             [("quake", 0, (), day("2017-05-02")), ("quake", 1, (), day("2017-05-09"))]))
    assert len(found) == 2


def test_one_word_twice_in_an_article_stays_two_events_with_other_actors() -> None:
    found = run(_one_article("Alpha quake hit. Beta quake hit.",
                             [("quake", 0, ("Alpha",), None), ("quake", 1, ("Beta",), None)]))
    assert len(found) == 2


def test_a_word_that_names_nobody_does_not_tie_two_actors_events_in_an_article_together() -> None:
    # "Alpha quake ... Beta quake ... the quake": the bare third mention fits either, not both
    found = run(_one_article("Alpha quake hit. Beta quake hit. Then the quake ended.",
                             [("quake", 0, ("Alpha",), None), ("quake", 1, ("Beta",), None),
                              ("quake", 2, (), None)]))
    assert len(found) == 2
    assert all(len(e.actors) == 1 for e in found)


def test_an_actor_is_never_also_its_own_target() -> None:
    a = art("The council said the council would act.", published="2017-08-01")
    ev = event(a, "act", "SUPPORT", actors=("council",), targets=("the council",))
    (found,) = run([(a, analysis(a, mentions=(ent(a, "council", "ORG"), ent(a, "the council", "ORG")),
                                 events=(ev,)))])
    assert found.actors and not found.targets


def test_a_request_never_merges_with_the_act_it_asks_for() -> None:
    a = art("Members urged the Senate to condemn the raid. The Senate condemned the raid.")
    evs = (
        event(a, "condemn", "ACCUSE", actors=("Senate",), modality="requested"),
        event(a, "condemned", "ACCUSE", actors=("Senate",), nth=0),
    )
    evs = tuple(msgspec.structs.replace(e, lemma="condemn") for e in evs)
    found = run([(a, analysis(a, mentions=(ent(a, "Senate", "ORG"),), events=evs))])
    assert sorted(e.modality for e in found) == ["asserted", "requested"]


def test_a_plan_and_its_fulfilment_are_one_event() -> None:
    (found,) = run([
        report("Congress will sanction Norway.", None, modality="hypothetical", trigger="sanction"),
        report("Congress sanctioned Norway on July 27.", day("2017-07-27")),
    ])
    assert found.modality == "asserted" and len(found.mentions) == 2


def test_undated_mentions_of_a_word_meet_when_two_dated_events_of_it_fit() -> None:
    def undated(text: str) -> tuple[Article, ArticleAnalysis]:
        a, an = worded(text, "vote", "vote")
        return a, msgspec.structs.replace(an, events=(msgspec.structs.replace(an.events[0], date=None,
                                                                              date_basis=None),))
    found = run([
        worded("The Senate voted on July 27.", "voted", "vote", date=day("2017-07-27")),
        worded("The Senate voted on July 29.", "voted", "vote", date=day("2017-07-29")),
        undated("The Senate vote on the pipeline still stings."),
        undated("Critics of the Senate vote on the pipeline gathered."),
    ])
    # which of the two days the undated ones mean is not known, but they mean the same vote
    assert sorted(len(e.mentions) for e in found) == [1, 1, 2]


@pytest.mark.parametrize(
    ("text", "words", "events"),
    [
        ("The ministry denied visas in May. Both leaders denied the accusations.", "Both leaders", 2),
        ("The ministry denied visas in May. The claims were denied.", None, 1),
        ("The state ministry denied the visas. State denied visas, officials said.", "State", 1),
    ],
    ids=["unnamed-actor-other-act", "no-actor-words", "headline-and-lead"],
)
def test_an_unnamed_actor_takes_a_named_one_only_on_shared_words(text: str, words: str | None, events: int) -> None:
    # "the ministry denied visas ... both leaders denied the accusations": two denials, and the
    # second is not the ministry's; a clause that shares more than the verb with it may be its
    # own retelling (a headline and its lead)
    a = art(text, published="2017-08-01")
    first, second = text.split(". ")
    named = msgspec.structs.replace(
        event(a, "denied", "REJECT", actors=("ministry",), clause=first), lemma="deny")
    other = msgspec.structs.replace(event(a, "denied", "REJECT", nth=1, clause=second.rstrip(".")), lemma="deny")
    if words is not None:
        other = msgspec.structs.replace(other, subject=span(a, words))
    found = run([(a, analysis(a, mentions=(ent(a, "ministry", "ORG"),), events=(named, other)))])
    assert len(found) == events
    if events == 2:
        (alone,) = [e for e in found if e.mentions[0].subject is not None]
        assert alone.actors == ()


@pytest.mark.parametrize(
    ("second", "who", "events"),
    [
        ("The governors condemned it.", "The governors", 2),
        ("The mayors of the region condemned it.", "The mayors", 1),
    ],
    ids=["two-unnamed-actors", "one-unnamed-actor-twice"],
)
def test_two_unnamed_actors_are_two_acts_unless_their_words_meet(second: str, who: str, events: int) -> None:
    # "a motion that condemns the raid ... the governors who condemned it": neither actor is an
    # entity, and nothing but the verb ties the two together
    text = f"The mayors passed a motion that condemns the raid. {second}"
    a = art(text, published="2017-08-01")
    first = msgspec.structs.replace(
        event(a, "condemns", "ACCUSE", clause="a motion that condemns the raid"),
        lemma="condemn", subject=span(a, "a motion"))
    other = msgspec.structs.replace(
        event(a, "condemned", "ACCUSE", clause=second.rstrip(".")), lemma="condemn", subject=span(a, who))
    if events == 1:  # the same actor's words: "the mayors" passed it
        first = msgspec.structs.replace(first, subject=span(a, "The mayors"))
    found = run([(a, analysis(a, events=(first, other)))])
    assert len(found) == events


@pytest.mark.parametrize(
    ("first_basis", "lemmas", "events"),
    [
        ("article", ("criticize", "urge"), 2),
        ("clause", ("criticize", "urge"), 1),
        ("article", ("criticize", "criticize"), 1),
    ],
    ids=["both-article-dated", "one-dated-by-its-clause", "one-word"],
)
def test_two_acts_of_one_actor_dated_only_by_their_article_stay_apart(
    first_basis: str, lemmas: tuple[str, str], events: int,
) -> None:
    # an article of August 1 says the ministry criticized the raid and called for an inquiry: both are
    # dated "by August 1" only, which says nothing of whether they are one act
    text = "The ministry criticized the raid. The ministry called for an inquiry into the raid."
    a = art(text, published="2017-08-01")
    mentions = (ent(a, "ministry", "ORG"), ent(a, "ministry", "ORG", nth=1))
    first = msgspec.structs.replace(
        event(a, "criticized", "ACCUSE", actors=("ministry",), date=day("2017-08-01"), basis=first_basis),
        lemma=lemmas[0])
    second = event(a, "called for", "ACCUSE", actors=("ministry",), date=day("2017-08-01"), basis="article")
    second = msgspec.structs.replace(second, actors=(span(a, "ministry", 1),), lemma=lemmas[1])
    found = run([(a, analysis(a, mentions=mentions, events=(first, second)))])
    assert len(found) == events


@pytest.mark.parametrize(("lemma", "events"), [("accuse", 2), ("condemn", 1)], ids=["other-word", "same-word"])
def test_an_undated_act_is_not_the_one_its_article_dates_by_another_word(lemma: str, events: int) -> None:
    # "In 2017 the senator condemned the governor ... the governor, accused of a second wave": the
    # writer dated one act and not the other, so the other is not it
    text = "In 2017 the senator condemned the governor. The governor, accused of a second wave, said nothing."
    a = art(text)
    mentions = (ent(a, "governor", "PERSON"), ent(a, "governor", "PERSON", nth=1))
    dated = msgspec.structs.replace(
        event(a, "condemned", "ACCUSE", targets=("governor",), date=dates.year(2017)), lemma="condemn")
    undated = event(a, "accused", "ACCUSE")
    undated = msgspec.structs.replace(undated, targets=(span(a, "governor", 1),), lemma=lemma)
    found = run([(a, analysis(a, mentions=mentions, events=(dated, undated)))])
    assert len(found) == events


@pytest.mark.parametrize(
    ("second_type", "events"), [("REJECT", 1), ("ACCUSE", 2)], ids=["one-type", "two-types"],
)
def test_verbs_of_one_type_joined_in_one_clause_are_one_act(second_type: str, events: int) -> None:
    # "both ministers have denied or dismissed the charges": one answer, told by two verbs
    text = "Both ministers have denied or dismissed the charges."
    a = art(text, published="2017-08-01")
    denied, dismissed = (
        msgspec.structs.replace(event(a, trigger, type_, clause=text.rstrip(".")), subject=span(a, "Both ministers"),
                                lemma=lemma)
        for trigger, type_, lemma in (("denied", "REJECT", "deny"), ("dismissed", second_type, "dismiss"))
    )
    found = run([(a, analysis(a, events=(denied, dismissed)))])
    assert len(found) == events
    if events == 1:
        assert found[0].reasons[0].rule == "same-clause"


def _alike_or_not(texts: tuple[str, str], trigger: str, type_: str, date: DateValue,
                  named: tuple[str, ...] = ()) -> int:
    """How many events two one-event articles give: the event ``trigger`` on ``date``, its actor the
    first of ``named`` (entities the texts name that are in them), or nobody."""
    pairs = []
    for text in texts:
        a = art(text, published="2017-08-01")
        mentions = tuple(ent(a, name, "ORG" if i == 0 else "GPE") for i, name in enumerate(named) if name in text)
        actors = (named[0],) if named else ()
        ev = event(a, trigger, type_, actors=actors, date=date, clause=text)
        pairs.append((a, analysis(a, mentions=mentions, events=(ev,))))
    return len(run(pairs))


@pytest.mark.parametrize(
    ("second", "events"),
    [
        ("Harbour workers in Velmora met again on Monday about the harbour strike and the wages.", 1),
        ("Orchestra players from Tarsk met backstage on Monday before the concert season opened.", 2),
    ],
    ids=["alike-articles", "unrelated-articles"],
)
def test_mentions_that_name_nobody_meet_across_articles_only_when_the_articles_are_alike(
    second: str, events: int,
) -> None:
    # "met" on one day in two articles, nobody named: one meeting only when the articles tell of one
    # happening, not whenever two reports of a large archive use the word the same week
    first = "Harbour workers in Velmora met on Monday about the harbour strike and the wages."
    assert _alike_or_not((first, second), "met", "CONSULT", day("2017-07-31")) == events


@pytest.mark.parametrize(
    ("second", "events"),
    [
        ("Congress sanctioned Norway on July 27 over the harbour dispute and the fishing quotas.", 1),
        ("Congress sanctioned Norway on July 27; orchestra tickets for the autumn season went on sale.", 1),
        ("Congress sanctioned Tarsk on July 27 while violinists, cellists, conductors, composers, "
         "librettists, sopranos and choreographers rehearsed backstage at the riverside opera theatre; "
         "meanwhile gardeners planted tulips, daffodils, hyacinths and magnolias along the avenues.", 2),
    ],
    ids=["alike-articles", "alike-enough", "unrelated-articles"],
)
def test_one_actor_and_type_across_articles_is_one_event_only_when_the_articles_are_alike(
    second: str, events: int,
) -> None:
    # a large archive: Congress sanctions two countries on one day in two unrelated stories; the
    # actor, the type and the day they share do not make the two sanctions one
    first = "Congress sanctioned Norway on July 27 over the harbour dispute and the fishing quotas."
    texts = (first, second)
    assert _alike_or_not(texts, "sanctioned", "SANCTION", day("2017-07-27"), ("Congress", "Norway", "Tarsk")) == events


def _swept_pairs(items: Sequence[events_module._V], rank: Sequence[int]) -> list[tuple[int, int, int]]:
    """The candidate pairs as the module docstring describes the sweep, written plainly: in each
    block sorted by (interval, index), each mention with the next _MAX_ROOTS that start before
    it ends; moods apart left out; (rank sum, a, b), each pair once."""
    found: set[tuple[int, int, int]] = set()
    for members in _plain_blocks(items):
        members = sorted(members, key=lambda i: (items[i].interval, i))
        for x, a in enumerate(members):
            for b in members[x + 1 : x + 1 + events_module._MAX_ROOTS]:
                if items[b].interval[0] > items[a].interval[1]:
                    break
                lo, hi = min(a, b), max(a, b)
                moods = {events_module._MOOD[items[i].mention.modality] for i in (lo, hi)}
                if len(moods) == 1:
                    found.add((rank[lo] + rank[hi], lo, hi))
    return sorted(found)


def _plain_blocks(items: Sequence[events_module._V]) -> list[list[int]]:
    """The blocks of the dated mentions as the module docstring describes them, written plainly:
    (type, role, entity, month), the bare trigger's (type, word, month), (lemma, month); blocks
    of one left out."""
    blocks: dict[tuple[str, ...], list[int]] = {}
    for i, v in enumerate(items):
        if v.coarse:
            continue
        lo, hi = v.interval
        months = [(y, m) for y in range(lo.year, hi.year + 1) for m in range(1, 13)
                  if (lo.year, lo.month) <= (y, m) <= (hi.year, hi.month)]
        keys = events_module._blocks(v) + ([("", "l", v.lemma)] if v.lemma is not None else [])
        for key in keys:
            for month in months:
                blocks.setdefault((*key, str(month)), []).append(i)
    return [members for members in blocks.values() if len(members) > 1]


def test_dated_blocks_are_the_plain_blocks() -> None:
    """The numpy blocks hold the same mentions as the plain ones, block for block, each block's
    rows together; mentions across a year's end and undated ones among them."""
    import datetime as dt

    items = _random_dated(300, 5)
    items[0] = msgspec.structs.replace(items[0], interval=(dt.date(2019, 11, 20), dt.date(2020, 2, 3)))
    items[1] = msgspec.structs.replace(items[1], interval=None)
    member, block = events_module._dated_blocks(items)
    assert (np.diff(block) >= 0).all() and (np.diff(block) <= 1).all() and block[0] == 0
    got = sorted(sorted(member[block == b].tolist()) for b in range(int(block[-1]) + 1))
    assert got == sorted(sorted(m) for m in _plain_blocks(items))
    assert any(0 in m for m in got) and not any(1 in m for m in got)


def _random_dated(n: int, seed: int) -> list[events_module._V]:
    """``n`` dated mentions of one article, of two types, three people, three words and three
    moods, on dates from a day to half a year wide within one quarter."""
    import datetime as dt
    import random

    rng = random.Random(seed)
    a = art("Ministers met and the council voted.")
    items = []
    for i in range(n):
        lo = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(90))
        hi = lo + dt.timedelta(days=rng.choice([0, 0, 1, 6, 30, 200]))
        mention = EventMention(
            id=f"m{i:04d}", span=span(a, "met"), trigger=span(a, "met"), type=rng.choice(["MEET", "ACCUSE"]),
            modality=rng.choice(["asserted", "asserted", "requested", "reported"]),
            date=dates.day(lo), date_basis="clause")
        people = frozenset(rng.sample(["e1", "e2", "e3"], rng.randrange(3)))
        items.append(events_module._V(
            mention=mention, independent=True, actors=people, targets=frozenset(), location=None,
            interval=(lo, hi), lemma=rng.choice(["meet", "vote", None]), trigger="met"))
    return items


def test_candidate_pairs_are_the_sweep_of_every_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """The vectorised candidate pairs are exactly the block sweep's, in its order, also when a
    block holds more than _MAX_ROOTS mentions and the pairs are made in several steps."""
    import random

    items = _random_dated(400, 3)
    rng = random.Random(4)
    rank = [rng.randrange(10) for _ in items]
    monkeypatch.setattr(events_module, "_MAX_ROOTS", 40)
    monkeypatch.setattr(events_module, "_PAIRS_PER_STEP", 500)
    expected = _swept_pairs(items, rank)
    assert len(expected) > 2000  # made in several steps of 500, and blocks longer than the window
    mask = (1 << events_module._PAIR_BITS) - 1
    got = [(k >> 2 * events_module._PAIR_BITS, (k >> events_module._PAIR_BITS) & mask, k & mask)
           for k in events_module._candidate_pairs(items, rank).tolist()]
    assert got == expected


def _plainly_merged(items: list[events_module._V]) -> tuple[list[int], list[str]]:
    """_merge_dated as its docstring says it, without the numpy tests: every candidate pair in
    order, judged when its events are apart and their dates meet."""
    uf = events_module._Clusters(items, ArticleSimilarity({}))
    rank = [events_module._RANK.get(v.mention.date.precision, 9) for v in items]
    mask = (1 << events_module._PAIR_BITS) - 1
    for key in events_module._candidate_pairs(items, rank).tolist():
        a, b = (key >> events_module._PAIR_BITS) & mask, key & mask
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb or events_module._meet(uf.interval[ra], uf.interval[rb]) is False:
            continue
        va, vb = items[a], items[b]
        # one article: every rule's articles are alike, and every merge checks whole events
        if events_module._participants_ok(va, vb) and events_module._dated_alike(va, vb):
            uf.union(a, b, "same-event", "")
        elif events_module._bare_match(va, vb):
            uf.union(a, b, "same-trigger", "")
        elif events_module._lemma_match(uf, va, vb):
            uf.union(a, b, "same-lemma", "")
    return [uf.find(i) for i in range(len(items))], [r.rule for _, r in uf.reasons]


@pytest.mark.parametrize("step", [1, 7, 1 << 16])
def test_pairs_left_out_in_numpy_would_not_have_merged(monkeypatch: pytest.MonkeyPatch, step: int) -> None:
    """Testing candidate pairs in numpy against a snapshot of the clusters (one every ``step``
    pairs) leaves the merges as judging every pair in turn makes them."""
    items = _random_dated(400, 7)
    expected = _plainly_merged(items)
    assert len(set(expected[0])) < 200  # the pass merged much, so there was much to leave out
    monkeypatch.setattr(events_module, "_JUDGED_PER_STEP", step)
    uf = events_module._Clusters(items, ArticleSimilarity({}))
    events_module._merge_dated(uf)
    assert ([uf.find(i) for i in range(len(items))], [r.rule for _, r in uf.reasons]) == expected
