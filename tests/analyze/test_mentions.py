"""Entity mentions: cleaned spaCy entities, attributes read around names, in-article links."""

from __future__ import annotations

import pytest
from conftest import make_article

from storyline.analyze.mentions import Antecedents, find_mentions, name_key
from storyline.model import EntityMention

pytestmark = pytest.mark.model


def _mentions(nlp, text: str) -> tuple[EntityMention, ...]:  # type: ignore[no-untyped-def]
    article = make_article(text)
    return find_mentions(nlp(text), article)


def _one(mentions: tuple[EntityMention, ...], text: str) -> EntityMention:
    hits = [m for m in mentions if m.span.text == text]
    assert len(hits) == 1, [m.span.text for m in mentions]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "name", "attributes"),
    [
        pytest.param(
            "Sen. Nora Halvorsen, D-Md., spoke on Tuesday.",
            "Nora Halvorsen",
            {"title": "Sen.", "party": "D", "state": "MD"},
            id="title-and-comma-tag",
        ),
        pytest.param(
            "Rep. Colm Arkwright (R-PA) voted against the measure.",
            "Colm Arkwright",
            {"title": "Rep.", "party": "R", "state": "PA"},
            id="parenthesised-tag",
        ),
        pytest.param(
            "The letter was signed by Rep. Ivy Tamberlane (D-R.I.) last week.",
            "Ivy Tamberlane",
            {"title": "Rep.", "party": "D", "state": "RI"},
            id="dotted-state",
        ),
        pytest.param(
            "Sen. Walter Prentice of Rhode Island objected.",
            "Walter Prentice",
            {"title": "Sen.", "state": "RI"},
            id="of-state",
        ),
        pytest.param(
            "Secretary of State Miriam Oakhurst flew to Vienna.",
            "Miriam Oakhurst",
            {"title": "Secretary of State"},
            id="multiword-title",
        ),
    ],
)
def test_title_party_state(nlp, text: str, name: str, attributes: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    mention = _one(_mentions(nlp, text), name)
    assert mention.label == "PERSON"
    assert mention.attributes == attributes


def test_party_tag_is_not_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    mentions = _mentions(nlp, "Sen. Nora Halvorsen, D-Md., spoke on Tuesday.")
    assert [m.span.text for m in mentions] == ["Nora Halvorsen"]


@pytest.mark.parametrize(
    ("text", "name", "role", "org"),
    [
        pytest.param(
            "An analyst at the Center for Maritime Policy, Teodor Vance, said the plan would fail.",
            "Teodor Vance",
            "analyst",
            "Center for Maritime Policy",
            id="role-before-name",
        ),
        pytest.param(
            "A spokeswoman for the State Department, Jane Roe, declined to comment.",
            "Jane Roe",
            "spokeswoman",
            "State Department",
            id="spokeswoman-for",
        ),
        pytest.param(
            "Lena Moritz, a researcher at Human Rights Watch, said the reports were credible.",
            "Lena Moritz",
            "researcher",
            "Human Rights Watch",
            id="role-after-name",
        ),
    ],
)
def test_affiliation(nlp, text: str, name: str, role: str, org: str) -> None:  # type: ignore[no-untyped-def]
    mention = _one(_mentions(nlp, text), name)
    assert mention.attributes["affiliation"] == org
    assert mention.attributes["title"] == role


@pytest.mark.parametrize(
    ("text", "later"),
    [
        pytest.param(
            "Sen. Nora Halvorsen spoke first. Later, Halvorsen said the vote was close.",
            "Halvorsen",
            id="surname-only",
        ),
        pytest.param(
            "Nora Halvorsen spoke first. Ms. Halvorsen then left the chamber.",
            "Halvorsen",
            id="honorific-surname",
        ),
        pytest.param(
            "Nora B. Halvorsen spoke first. Halvorsen's aides were silent.",
            "Halvorsen",
            id="possessive-surname",
        ),
    ],
)
def test_surname_refers_to_full_name(nlp, text: str, later: str) -> None:  # type: ignore[no-untyped-def]
    mentions = _mentions(nlp, text)
    full = next(m for m in mentions if m.label == "PERSON" and " " in m.span.text)
    short = [m for m in mentions if m.span.text == later]
    assert short, [m.span.text for m in mentions]
    assert short[0].refers_to == full.span.start
    assert short[0].key == full.key == "nora halvorsen"


def test_acronym_refers_to_expansion(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Council for Maritime Safety and Co-operation in Northern Seas (CMSCNS) met on Monday. "
        "A CMSCNS report followed."
    )
    mentions = _mentions(nlp, text)
    expansion = _one(mentions, "Council for Maritime Safety and Co-operation in Northern Seas")
    acronyms = [m for m in mentions if m.span.text == "CMSCNS"]
    assert len(acronyms) == 2
    assert all(m.refers_to == expansion.span.start and m.key == expansion.key for m in acronyms)
    assert expansion.refers_to is None


@pytest.mark.parametrize(
    ("text", "law"),
    [
        pytest.param(
            "The Senate passed Senate Resolution 311 on Friday.", "Senate Resolution 311", id="resolution"
        ),
        pytest.param("She cited House Bill 1234 in her remarks.", "House Bill 1234", id="house-bill"),
        pytest.param("Visas were barred under Section 2103(b) of the law.", "Section 2103(b)", id="section"),
        pytest.param("Critics said the Clean Harbors Act was too weak.", "Clean Harbors Act", id="the-x-act"),
    ],
)
def test_named_instruments_are_law(nlp, text: str, law: str) -> None:  # type: ignore[no-untyped-def]
    mention = _one(_mentions(nlp, text), law)
    assert mention.label == "LAW"


@pytest.mark.parametrize(
    ("text", "label", "key"),
    [
        pytest.param("Nora B. Halvorsen", "PERSON", "nora halvorsen", id="middle-initial"),
        pytest.param("Sen. Nora Halvorsen", "PERSON", "nora halvorsen", id="title"),
        pytest.param("José Núñez", "PERSON", "jose nunez", id="accents"),
        pytest.param("the State Department", "ORG", "state department", id="leading-the"),
        pytest.param("Co-operation Council", "ORG", "co operation council", id="hyphen"),
        pytest.param("U.S.", "GPE", "us", id="dotted"),
    ],
)
def test_name_key(text: str, label: str, key: str) -> None:
    assert name_key(text, label) == key


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The Council's envoy, Sen. Nora Halvorsen, D-Md., met the Committee.", id="possessive-the"
        ),
        pytest.param(
            "“We acted,” said Rep. Colm Arkwright (R-PA).\n\nArkwright left Vienna.", id="quotes-lines"
        ),
    ],
)
def test_every_span_matches_the_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    for mention in _mentions(nlp, text):
        assert mention.span.text == text[mention.span.start : mention.span.end]
        assert not mention.span.text.lower().startswith("the ")
        assert not mention.span.text.endswith(("'s", "’s"))


@pytest.mark.parametrize(
    ("text", "role", "person"),
    [
        pytest.param(
            "Sen. Nora Halvorsen, D-Md., spoke on Tuesday. The senator said she would vote no.",
            "senator", "Nora Halvorsen", id="senator",
        ),
        pytest.param(
            "Secretary of State Miriam Oakhurst met Rep. Colm Arkwright. Later the secretary left.",
            "secretary", "Miriam Oakhurst", id="secretary-not-the-last-person",
        ),
        pytest.param(
            "Rep. Colm Arkwright (R-PA) objected. The congressman had warned about it.",
            "congressman", "Colm Arkwright", id="congressman",
        ),
        pytest.param(
            "Rep. Colm Arkwright (D-Calif.) objected. The harbor was failing, the California congressman said.",
            "congressman", "Colm Arkwright", id="state-before-the-role",
        ),
        pytest.param(
            "Sen. Nora Halvorsen (R-Ohio) met Sen. Maria Lopez (D-Md.). Later the Republican senator left.",
            "senator", "Nora Halvorsen", id="party-picks-one-of-two",
        ),
    ],
)
def test_title_only_mention_refers_to_the_titled_person(nlp, text: str, role: str, person: str) -> None:  # type: ignore[no-untyped-def]
    mentions = _mentions(nlp, text)
    title_only = _one(mentions, role)
    target = _one(mentions, person)
    assert (title_only.label, title_only.refers_to, title_only.key) == ("PERSON", target.span.start, target.key)


def test_title_only_mention_without_a_fitting_person_is_left_out(nlp) -> None:  # type: ignore[no-untyped-def]
    mentions = _mentions(nlp, "Nora Halvorsen spoke on Tuesday. The senator said nothing.")
    assert all(m.span.text != "senator" for m in mentions)


def test_role_read_from_an_appositive_is_not_a_title_only_referent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Maria Lopez, president of the Harbor Union, signed it. The letter asks the president to act."
    mentions = _mentions(nlp, text)
    assert all(m.span.text != "president" for m in mentions)


def test_title_only_mention_fitting_two_people_is_left_out(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Sen. Nora Halvorsen met Sen. Maria Lopez on Tuesday. The senator said the talks went well."
    assert all(m.span.text != "senator" for m in _mentions(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Rep. Colm Arkwright (D-Calif.) objected. Later the Ohio congressman left.", id="other-state"),
        pytest.param("Rep. Colm Arkwright objected. Later the Harbor congressman left.", id="not-a-state"),
    ],
)
def test_title_only_mention_with_a_qualifier_that_does_not_fit_is_left_out(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert all(m.span.text != "congressman" for m in _mentions(nlp, text))


def _nominal(nlp, text: str, word: str) -> str | None:  # type: ignore[no-untyped-def]
    """What the last ``word`` of ``text`` stands for, by :meth:`Antecedents.nominal`."""
    doc = nlp(text)
    span = Antecedents(doc, find_mentions(doc, make_article(text))).nominal(text.rindex(word))
    return text[span[0] : span[1]] if span is not None else None


@pytest.mark.parametrize(
    ("text", "word", "words"),
    [
        pytest.param("The city council met on Monday. It said the vote would wait.", "It", "The city council",
                     id="it-previous-sentence"),
        pytest.param("The committee pledged to act against what it called a threat.", "it", "The committee",
                     id="it-clause-above"),
        pytest.param("Nora Halvorsen arrived late. It was raining.", "It", None, id="it-is-never-a-person"),
        pytest.param("The unions said they would strike.", "they", "The unions", id="they-plural"),
        pytest.param("The city council passed the harbor bill. The mayor signed it on Friday.", "it",
                     "the harbor bill", id="object-it-is-the-object-before"),
        pytest.param("The Norvale Council criticized the crackdown. Other leaders have condemned it.", "it",
                     "the crackdown", id="object-it-is-no-subject-before"),
        pytest.param("The port, which said it was full, closed.", "which", "The port", id="relative-which"),
        pytest.param("Voters like Colm Arkwright, the harbor commissioner, who said the port was full.",
                     "who", "Colm Arkwright", id="relative-on-a-title-beside-a-name"),
    ],
)
def test_antecedent_of_it_they_and_relative_pronouns(nlp, text: str, word: str, words: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _nominal(nlp, text, word) == words


@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param("Maria Keller spoke to reporters on Monday. “Thomas Brandt has failed us,” she said.",
                     "Maria Keller", id="name-inside-a-quote"),
        pytest.param("Ilse Marwick left early. “Arne Lindqvist has failed us,” he said, “and he knows it.”",
                     "Arne Lindqvist", id="pronoun-inside-the-quote"),
    ],
)
def test_he_or_she_outside_quote_marks_passes_over_names_inside_them(nlp, text: str, person: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = Antecedents(doc, find_mentions(doc, make_article(text))).resolve(text.rindex("he "))
    assert found is not None and found.span.text == person


def test_title_case_headline_words_read_as_a_name_are_dropped(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Seven Weeks Later, The Senate Finally Condemns Anti-Fraud Purge In Westland\n\n"
        "The Senate passed the measure on Tuesday."
    )
    mentions = _mentions(nlp, text)
    assert not [m for m in mentions if m.label == "PERSON"], [m.span.text for m in mentions]
    assert [m.span.text for m in mentions if m.label == "ORG"] == ["Senate", "Senate"]


def test_a_headline_name_the_story_names_again_is_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Ann Holt Signs The New Budget Into Law\n\nHolt signed it on Tuesday in Riverton."
    mentions = _mentions(nlp, text)
    assert [m.span.text for m in mentions if m.label == "PERSON"] == ["Ann Holt", "Holt"]


def test_a_name_in_an_ordinary_sentence_is_kept_when_named_once(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The measure was introduced by Nora Halvorsen on Tuesday, and it passed."
    _one(_mentions(nlp, text), "Nora Halvorsen")


def test_surname_the_tagger_took_for_a_common_noun_still_refers_to_the_full_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Nora Halvorsen, an analyst, doubts it. “It is unlikely to pass,” Halvorsen said."
    article = make_article(text)
    doc = nlp(text)
    later = next(t for t in doc if t.text == "Halvorsen" and t.idx > 10)
    later.pos_, later.ent_type_ = "NOUN", ""  # what the tagger does with some rare surnames
    doc.ents = [e for e in doc.ents if e.start_char < 10]
    mentions = find_mentions(doc, article)
    short = [m for m in mentions if m.span.start == later.idx]
    assert short and short[0].key == "nora halvorsen" and short[0].refers_to == 0
