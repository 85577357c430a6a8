from __future__ import annotations

import pytest

from storyline.ids import make_id
from storyline.link import link
from storyline.link.entities import explain, resolve_entities
from storyline.model import Article, ArticleAnalysis, Entity, Quote
from storyline.settings import Settings

from .records import analysis, art, ent, span


def one(text: str, name: str, label: str = "PERSON", **attrs: str) -> tuple[Article, ArticleAnalysis]:
    a = art(text)
    return a, analysis(a, mentions=(ent(a, name, label, attrs=attrs),))


def entities(*pairs: tuple[Article, ArticleAnalysis]) -> tuple[Entity, ...]:
    return resolve_entities(list(pairs))[0]


def test_spelling_variant_merged_with_reason() -> None:
    found = entities(
        one("Marisol Vargas-Lindqvist spoke on Tuesday.", "Marisol Vargas-Lindqvist", party="R"),
        one("Marisol Vargas-Lindqvst spoke again.", "Marisol Vargas-Lindqvst", party="R"),
    )
    assert len(found) == 1
    (reason,) = found[0].reasons
    assert reason.rule == "spelling-variant"
    assert "jaro-winkler" in reason.detail and "same party R" in reason.detail


def test_spelling_variant_with_conflicting_party_kept_apart() -> None:
    found = entities(
        one("Marisol Vargas-Lindqvist spoke on Tuesday.", "Marisol Vargas-Lindqvist", party="R"),
        one("Marisol Vargas-Lindqvst spoke again.", "Marisol Vargas-Lindqvst", party="D"),
    )
    assert len(found) == 2


@pytest.mark.parametrize(
    ("a", "b"), [("John Smith", "Jane Smith"), ("Mark Green", "Mary Green")], ids=["john-jane", "mark-mary"]
)
def test_same_surname_different_first_names_kept_apart(a: str, b: str) -> None:
    assert len(entities(one(f"{a} voted.", a), one(f"{b} voted.", b))) == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Human Rights Watch", "Human Rights First"),
        ("Department of State", "Department of Defense"),
    ],
    ids=["hrw-hrf", "state-defense"],
)
def test_organisations_differing_in_a_word_kept_apart(a: str, b: str) -> None:
    assert len(entities(one(f"{a} said so.", a, "ORG"), one(f"{b} said so.", b, "ORG"))) == 2


def test_organisation_spelling_variant_merged() -> None:
    found = entities(
        one("Amnesty International said.", "Amnesty International", "ORG"),
        one("Amnesty Internationl said.", "Amnesty Internationl", "ORG"),
    )
    assert [e.reasons[0].rule for e in found] == ["spelling-variant"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ed Royce", "Edward Royce"),
        ("Bob Corker", "Robert Corker"),
        ("Bill Nelson", "William Nelson"),
    ],
    ids=["ed-edward", "bob-robert", "bill-william"],
)
def test_nickname_merged(a: str, b: str) -> None:
    found = entities(one(f"{a} spoke.", a), one(f"{b} spoke.", b))
    assert len(found) == 1
    assert found[0].reasons[0].rule == "nickname"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José Pérez", "Jose Perez"),
        ("the State Department", "State Department"),
        ("Vargas Lindqvist", "Vargas-Lindqvist"),
    ],
    ids=["accents", "the", "hyphen"],
)
def test_equal_after_normalisation_merged(a: str, b: str) -> None:
    found = entities(one(f"{a} spoke.", a, "ORG"), one(f"{b} spoke.", b, "ORG"))
    assert len(found) == 1
    assert found[0].reasons[0].rule == "same-name"


def test_refers_to_joins_within_article() -> None:
    a = art("Ed Royce spoke. Royce said more.")
    pair = (a, analysis(a, mentions=(ent(a, "Ed Royce"), ent(a, "Royce", nth=1, refers_to="Ed Royce"))))
    (found,) = entities(pair)
    assert len(found.mentions) == 2 and found.name == "Ed Royce"


def test_surname_only_merges_with_the_only_person_of_that_surname() -> None:
    found = entities(one("Ed Royce spoke.", "Ed Royce"), one("Royce answered.", "Royce"))
    assert len(found) == 1
    assert found[0].reasons[0].rule == "surname-only"


def test_surname_only_stays_apart_when_two_people_share_it() -> None:
    found = entities(
        one("John Smith spoke.", "John Smith"),
        one("Jane Smith spoke.", "Jane Smith"),
        one("Smith answered.", "Smith"),
    )
    assert sorted(e.name for e in found) == ["Jane Smith", "John Smith", "Smith"]


def test_acronym_matching_initials_merged() -> None:
    found = entities(
        one("Human Rights Watch said.", "Human Rights Watch", "ORG"), one("HRW said.", "HRW", "ORG")
    )
    assert len(found) == 1
    assert found[0].reasons[0].rule == "acronym"


def test_acronym_defined_in_an_article_joins_across_articles() -> None:
    a = art("The Committee to Protect Journalists (CPJ) said.")
    defined = analysis(
        a,
        mentions=(
            ent(a, "Committee to Protect Journalists", "ORG"),
            ent(a, "CPJ", "ORG", refers_to="Committee to Protect Journalists"),
        ),
    )
    (found,) = entities((a, defined), one("CPJ said more.", "CPJ", "ORG"))
    assert len(found.mentions) == 3


def test_name_is_most_frequent_full_form() -> None:
    found = entities(
        one("Robert Corker spoke.", "Robert Corker"),
        one("Bob Corker spoke.", "Bob Corker"),
        one("Bob Corker spoke again.", "Bob Corker"),
    )
    assert [(e.name, e.aliases) for e in found] == [("Bob Corker", ("Bob Corker", "Robert Corker"))]


def test_conflicting_attribute_left_out_and_recorded() -> None:
    found = entities(
        one("Tom Cole spoke.", "Tom Cole", party="R", state="OK"),
        one("Tom Cole spoke again.", "Tom Cole", party="R", state="TX"),
    )
    (entity,) = found
    assert entity.attributes == {"party": "R"}
    assert any(r.rule == "attribute-conflict" and "state" in r.detail for r in entity.reasons)


def test_ids_stable_when_input_order_changes() -> None:
    pairs = [
        one("Ed Royce spoke.", "Ed Royce"),
        one("Edward Royce spoke.", "Edward Royce"),
        one("Human Rights Watch said.", "Human Rights Watch", "ORG"),
    ]
    assert entities(*pairs) == entities(*reversed(pairs))


def test_entity_index_maps_overlapping_span() -> None:
    a = art("Sen. Bob Corker spoke.")
    found, index = resolve_entities([(a, analysis(a, mentions=(ent(a, "Bob Corker"),)))])
    assert index.entity_at(span(a, "Sen. Bob Corker")) == found[0].id
    assert index.entity_at(span(a, "spoke")) is None


def test_entity_index_answers_each_mention_as_entity_at() -> None:
    """of_mentions is entity_at of each mention, in order, also for a pronoun that names nobody,
    and for nested mentions; another analysis of the article is asked
    anew, not answered from what was kept."""
    a = art("Sen. Bob Corker of the Halvern Trade Council spoke. He left.")
    mentions = (ent(a, "Bob Corker"), ent(a, "He"), ent(a, "Halvern Trade Council", "ORG"),
                ent(a, "Halvern", "ORG"))
    first = analysis(a, mentions=mentions)
    _, index = resolve_entities([(a, first)])
    got = index.of_mentions(first)
    assert got == tuple(index.entity_at(m.span) for m in mentions)
    assert got[1] is None and None not in (got[0], got[2], got[3]) and got[0] != got[2]
    assert index.of_mentions(first) is got
    fewer = analysis(a, mentions=mentions[:1])
    assert index.of_mentions(fewer) == got[:1]


def test_unresolved_pronoun_is_not_an_entity() -> None:
    a = art("He spoke. Ed Royce listened.")
    pair = (a, analysis(a, mentions=(ent(a, "He"), ent(a, "Ed Royce"))))
    assert [e.name for e in entities(pair)] == ["Ed Royce"]


def test_lone_hyphenated_surname_merges_with_full_name() -> None:
    full = art("Marisol Vargas-Lindqvist spoke.")
    lone = art("Vargas-Lindqvist answered.")
    found = entities(
        (full, analysis(full, mentions=(ent(full, "Marisol Vargas-Lindqvist", key="marisol vargas lindqvist"),))),
        (lone, analysis(lone, mentions=(ent(lone, "Vargas-Lindqvist", key="vargas lindqvist"),))),
    )
    assert [(e.name, e.reasons[0].rule) for e in found] == [("Marisol Vargas-Lindqvist", "surname-only")]


def test_linked_acronym_carrying_the_expansion_key_joins_across_articles() -> None:
    a = art("The Organization for Security and Co-operation in Europe (OSCE) met.")
    b = art("Organization for Security and Co-operation in Europe monitors went.")
    key = "organization for security and co operation in europe"
    full = "Organization for Security and Co-operation in Europe"
    pa = analysis(a, mentions=(ent(a, full, "ORG", key=key), ent(a, "OSCE", "ORG", key=key, refers_to=full)))
    (found,) = entities((a, pa), (b, analysis(b, mentions=(ent(b, full, "ORG", key=key),))))
    assert found.name == full and found.aliases == ("OSCE", full)


@pytest.mark.parametrize(
    ("others", "merged"),
    [
        (("Halvern Chemicals",), True),
        (("Halvern Chemicals", "Halvern Inc."), False),
        (("Halvern Bank",), False),
    ],
    ids=["one-company", "two-companies", "not-a-designator"],
)
def test_one_word_organisation_joins_its_company(others: tuple[str, ...], merged: bool) -> None:
    pairs = [one(f"{o} said.", o, "ORG") for o in others] + [one("Halvern said.", "Halvern", "ORG")]
    found = entities(*pairs)
    assert (len(found) == len(others)) is merged


def test_a_titled_mention_makes_the_entity_a_person() -> None:
    a = art("Halvern spoke. Mr. Halvern left. Halvern grew.")
    mentions = (
        ent(a, "Halvern", "ORG", key="halvern"),
        ent(a, "Halvern", "PERSON", key="halvern", nth=1, refers_to="Halvern", title="Mr."),
        ent(a, "Halvern", "ORG", key="halvern", nth=2, refers_to="Halvern"),
    )
    (found,) = entities((a, analysis(a, mentions=mentions)))
    assert found.type == "PERSON"


def test_entity_type_is_the_majority_label() -> None:
    a = art("Halvern spoke. Halvern left. Halvern grew.")
    mentions = (
        ent(a, "Halvern", "ORG", key="halvern"),
        ent(a, "Halvern", "PERSON", key="halvern", nth=1, refers_to="Halvern"),
        ent(a, "Halvern", "ORG", key="halvern", nth=2, refers_to="Halvern"),
    )
    (found,) = entities((a, analysis(a, mentions=mentions)))
    assert found.type == "ORG"


def test_explain_lists_every_merge_reason() -> None:
    (found,) = entities(
        one("Marisol Vargas-Lindqvist spoke on Tuesday.", "Marisol Vargas-Lindqvist", party="R"),
        one("Marisol Vargas-Lindqvst spoke again.", "Marisol Vargas-Lindqvst", party="R"),
    )
    lines = explain(found)
    assert lines[0].startswith(f"{found.id}  Marisol Vargas-Lindqvist") and any(
        line.strip().startswith("spelling-variant:") for line in lines
    )


def _letter_quote(a: Article, authors: tuple[str, ...]) -> Quote:
    words = span(a, "the arrests were troubling")
    return Quote(
        id=make_id("q", a.id, words.start), span=words, kind="indirect", cue="says",
        speaker=span(a, "The letter"), authors=tuple(span(a, name) for name in authors),
    )


@pytest.mark.parametrize(
    ("authors", "resolved"),
    [pytest.param(("Ed Royce",), True, id="one-author"), pytest.param(("Ed Royce", "Eliot Engel"), False, id="two")],
)
def test_letter_quote_is_spoken_by_its_one_author(authors: tuple[str, ...], resolved: bool) -> None:
    a = art("Ed Royce and Eliot Engel wrote a letter. The letter says the arrests were troubling.")
    mentions = (ent(a, "Ed Royce"), ent(a, "Eliot Engel"))
    story = link([(a, analysis(a, mentions=mentions, quotes=(_letter_quote(a, authors),)))], Settings())
    royce = next(e.id for e in story.entities if e.name == "Ed Royce")
    assert (list(story.speakers.values()) == [royce]) is resolved


def nominal_pair(text: str, *mentions: tuple[str, str]) -> tuple[Article, ArticleAnalysis]:
    """An article with the given (words, label) mentions, each found once in ``text``."""
    a = art(text)
    return a, analysis(a, mentions=tuple(ent(a, words, label) for words, label in mentions))


def test_common_nouns_with_one_head_join_across_articles() -> None:
    (found,) = entities(
        nominal_pair("The 6.1-magnitude quake struck at dawn.", ("6.1-magnitude quake", "THING")),
        nominal_pair("The quake damaged a school.", ("quake", "THING")),
    )
    assert [r.rule for r in found.reasons] == ["same-head"] and "quake" in found.reasons[0].detail


def test_common_nouns_with_different_numbers_kept_apart() -> None:
    found = entities(
        nominal_pair("The 6.1-magnitude quake struck at dawn.", ("6.1-magnitude quake", "THING")),
        nominal_pair("The 5.9-magnitude quake struck at noon.", ("5.9-magnitude quake", "THING")),
    )
    assert len(found) == 2


def test_apposition_joins_a_common_noun_to_its_name() -> None:
    (found,) = entities(
        nominal_pair("Its spokesman Ivo Brandt declined.", ("spokesman", "PERSON"), ("Ivo Brandt", "PERSON")),
    )
    assert found.name == "Ivo Brandt" and found.reasons[0].rule == "apposition"


def test_apposition_after_a_comma() -> None:
    (found,) = entities(
        nominal_pair("Ivo Brandt, the spokesman, declined.", ("Ivo Brandt", "PERSON"), ("the spokesman", "PERSON")),
    )
    assert found.reasons[0].rule == "apposition"


def test_common_noun_joins_the_one_name_it_described_elsewhere() -> None:
    found = entities(
        nominal_pair("The actress Lena Marsh left.", ("actress", "PERSON"), ("Lena Marsh", "PERSON")),
        nominal_pair("The actress was seen later.", ("actress", "PERSON")),
    )
    assert [(e.name, len(e.mentions)) for e in found] == [("Lena Marsh", 3)]


def test_common_noun_describing_two_names_joins_neither() -> None:
    found = entities(
        nominal_pair("The actress Lena Marsh left.", ("actress", "PERSON"), ("Lena Marsh", "PERSON")),
        nominal_pair("The actress Dora Vilk left.", ("actress", "PERSON"), ("Dora Vilk", "PERSON")),
        nominal_pair("The actress was seen later.", ("actress", "PERSON")),
    )
    assert sorted((e.name, len(e.mentions)) for e in found) == [("Dora Vilk", 2), ("Lena Marsh", 2), ("actress", 1)]


def test_relative_pronoun_joins_the_mention_before_it() -> None:
    (found,) = entities(nominal_pair("Ivo Brandt, who left early, spoke.", ("Ivo Brandt", "PERSON"), ("who", "PERSON")))
    assert len(found.mentions) == 2 and found.reasons[0].rule == "relative-pronoun"


def test_times_with_one_normalised_value_join_across_articles() -> None:
    a, b = art("It fell yesterday."), art("It fell on March 3.")
    (found,) = entities(
        (a, analysis(a, mentions=(ent(a, "yesterday", "DATE", key="2031-03-03"),))),
        (b, analysis(b, mentions=(ent(b, "March 3", "DATE", key="2031-03-03"),))),
    )
    assert len(found.mentions) == 2 and found.reasons[0].rule == "same-name"


@pytest.mark.parametrize(
    ("a", "b"), [("today", "today"), ("Tuesday", "Thursday"), ("last week", "next week")],
    ids=["deictic", "weekdays", "last-next"],
)
def test_times_without_one_value_kept_apart(a: str, b: str) -> None:
    assert len(entities(one(f"It fell {a}.", a, "DATE"), one(f"It fell {b}.", b, "DATE"))) == 2


def test_capitalised_common_noun_in_a_headline_joins_the_lower_case_ones() -> None:
    (found,) = entities(
        nominal_pair("Inmate escapes", ("Inmate", "PERSON")),
        nominal_pair("The inmate fled.", ("inmate", "PERSON")),
    )
    assert found.reasons[0].rule == "same-head"


def test_capitalised_surname_is_not_read_as_a_common_noun() -> None:
    found = entities(
        nominal_pair("Baker wins", ("Baker", "PERSON")),
        nominal_pair("The baker smiled.", ("baker", "PERSON")),
        nominal_pair("Ivo Baker spoke.", ("Ivo Baker", "PERSON")),
    )
    assert sorted((e.name, len(e.mentions)) for e in found) == [("Ivo Baker", 2), ("baker", 1)]


@pytest.mark.parametrize(
    ("names_in_article", "joined"),
    [(("Halvern Institute",), True), (("Halvern Institute", "Ostrava Institute"), False)],
    ids=["one-institute", "two-institutes"],
)
def test_common_noun_joins_the_one_name_ending_in_it(names_in_article: tuple[str, ...], joined: bool) -> None:
    text = " and ".join(names_in_article) + " met. The institute said no."
    mentions = tuple((n, "ORG") for n in names_in_article) + (("institute", "ORG"),)
    found = entities(nominal_pair(text, *mentions))
    assert any(r.rule == "name-head" for e in found for r in e.reasons) is joined


def test_a_common_noun_never_bridges_two_named_people() -> None:
    a = art("Ivo Brandt, the official, met Ivo Kessler, the official.")
    mentions = (
        ent(a, "Ivo Brandt"), ent(a, "the official"), ent(a, "Ivo Kessler"), ent(a, "the official", nth=1),
    )
    found = entities((a, analysis(a, mentions=mentions)))
    assert sorted(len(e.mentions) for e in found) == [2, 2]
