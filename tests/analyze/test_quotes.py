"""Quotes: direct, partial and indirect, each with its cue and the words naming the speaker."""

from __future__ import annotations

import pytest
from conftest import make_article

from storyline.analyze.mentions import find_mentions
from storyline.analyze.quotes import find_quotes
from storyline.ids import make_id
from storyline.model import Quote

pytestmark = pytest.mark.model


def _quotes(nlp, text: str) -> tuple[Quote, ...]:  # type: ignore[no-untyped-def]
    article = make_article(text)
    doc = nlp(text)
    quotes = find_quotes(doc, article, find_mentions(doc, article))
    for q in quotes:
        assert q.span.text == text[q.span.start : q.span.end]
        assert q.id == make_id("q", article.id, q.span.start, q.span.end)
        if q.speaker is not None:
            assert q.speaker.text == text[q.speaker.start : q.speaker.end]
    return quotes


def _kinds(quotes: tuple[Quote, ...], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("“We will not back down,” Halvorsen said. “The abuses must stop now.”", id="curly"),
        pytest.param('"We will not back down," Halvorsen said. "The abuses must stop now."', id="straight"),
        pytest.param(
            "“We will not back down,” Halvorsen said, “and the abuses must stop now.”", id="one-sentence"
        ),
        pytest.param("“We will not back down,”Halvorsen said. “The abuses must stop now.”", id="no space after"),
    ],
)
def test_quote_split_around_the_cue(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    direct = _kinds(_quotes(nlp, "Sen. Nora Halvorsen spoke on Monday. " + text), "direct")
    assert [q.span.text for q in direct] == [
        "We will not back down",
        next(p for p in ("The abuses must stop now.", "and the abuses must stop now.") if p in text),
    ]
    assert {q.speaker.text for q in direct if q.speaker} == {"Halvorsen"}
    assert all(q.speaker is not None for q in direct)
    assert direct[0].cue == "said"


def test_paragraph_opening_quote_takes_speaker_from_previous_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rep. Colm Arkwright introduced the measure on Wednesday.\n\n"
        "“This resolution sends a clear message to the Kremlin.”"
    )
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert quote.speaker is not None and quote.speaker.text == "Colm Arkwright"


def test_quote_over_several_paragraphs_shares_one_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The first part of the statement runs on for a while.\n\n"
        "“The second part ends the statement,” Rep. Colm Arkwright said."
    )
    direct = _kinds(_quotes(nlp, text), "direct")
    assert len(direct) == 2
    assert [q.speaker.text if q.speaker else None for q in direct] == ["Colm Arkwright"] * 2


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "She called it “a disgrace and a scandal.\n\nThe vote is set for June.", id="curly-open"
        ),
        pytest.param(
            'She called it "a disgrace and a scandal.\n\nThe vote is set for June.', id="straight-open"
        ),
    ],
)
def test_unbalanced_mark_ends_at_paragraph_end(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    quotes = [q for q in _quotes(nlp, text) if q.kind != "indirect"]
    assert [q.span.text for q in quotes] == ["a disgrace and a scandal."]


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        pytest.param(
            "The letter notes “credible reports” that officials detained dozens of men.",
            "credible reports",
            "The letter",
            id="letter-notes",
        ),
        pytest.param(
            "Halvorsen called the detentions “an outrage” and demanded answers.",
            "an outrage",
            "Halvorsen",
            id="embedded-phrase",
        ),
    ],
)
def test_partial_quote(nlp, text: str, quoted: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    (quote,) = [q for q in _quotes(nlp, text) if q.span.text == quoted]
    assert quote.kind == "partial"
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_according_to_is_indirect(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "According to the Baltic Monitoring Group, the raids began in early March."
    (quote,) = _quotes(nlp, text)
    assert quote.kind == "indirect"
    assert quote.cue == "according to"
    assert quote.span.text == "the raids began in early March"
    assert quote.speaker is not None and quote.speaker.text == "Baltic Monitoring Group"


@pytest.mark.parametrize(
    ("text", "reported", "cue"),
    [
        pytest.param(
            "Lena Moritz said that the ministry had ignored the warnings.",
            "the ministry had ignored the warnings",
            "said",
            id="said-that",
        ),
        pytest.param(
            "Lena Moritz told reporters the ministry had ignored the warnings.",
            "the ministry had ignored the warnings",
            "told",
            id="told-reporters",
        ),
    ],
)
def test_reported_speech_is_indirect(nlp, text: str, reported: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    (quote,) = _quotes(nlp, text)
    assert (quote.kind, quote.span.text, quote.cue) == ("indirect", reported, cue)
    assert quote.speaker is not None and quote.speaker.text == "Lena Moritz"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Lena Moritz arrived late.\n\n“The ministry ignored every warning,” she said.", id="she-said"
        ),
        pytest.param(
            "Lena Moritz arrived late. “The ministry ignored every warning,” she said.", id="same-para"
        ),
    ],
)
def test_pronoun_speaker_is_the_preceding_person(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert quote.cue == "said"
    assert quote.speaker is not None and quote.speaker.text == "Lena Moritz"


def test_direct_quote_is_not_also_indirect(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, "“The ministry ignored every warning,” Lena Moritz said.")
    assert [q.kind for q in quotes] == ["direct"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("“", id="lone-opener"),
        pytest.param('"""', id="three-straight"),
        pytest.param("“”", id="empty-quote"),
        pytest.param("” reversed “ marks”", id="reversed"),
        pytest.param("a\r\nb “c d,” he said.\r\n", id="crlf"),
        pytest.param("— “Quote” —\n\n“", id="trailing-opener"),
    ],
)
def test_odd_marks_never_crash(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    for quote in _quotes(nlp, text):
        assert quote.span.start < quote.span.end
        assert "\n" not in quote.span.text


def _speaker_of(quotes: tuple[Quote, ...], words: str) -> str | None:
    (quote,) = [q for q in quotes if q.span.text.startswith(words)]
    return quote.speaker.text if quote.speaker is not None else None


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        pytest.param(
            "“The ministry has failed its own people,” Sen. Nora Halvorsen (D-Md.) said on Tuesday.",
            "The ministry", "Nora Halvorsen", id="subject-after-the-quote",
        ),
        pytest.param(
            "“We will find them, and we will act,” said Colm Arkwright, a lawyer for the families.",
            "We will find", "Colm Arkwright", id="inverted-cue",
        ),
        pytest.param(
            "Nora Halvorsen walked out of the hearing on Tuesday. Said Halvorsen: “Nobody listened to us.”",
            "Nobody listened", "Halvorsen", id="said-x-colon",
        ),
        pytest.param(
            "Nora Halvorsen criticised the ruling on Tuesday, saying, “The court ignored the evidence.”",
            "The court ignored", "Nora Halvorsen", id="participle-cue-takes-the-clause-subject",
        ),
        pytest.param(
            "According to Colm Arkwright, “the vote was never going to be close.”",
            "the vote was", "Colm Arkwright", id="according-to-before-the-quote",
        ),
    ],
)
def test_speaker_named_beside_the_quote(nlp, text: str, words: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    assert _speaker_of(_quotes(nlp, text), words) == speaker


def test_quote_after_a_finished_sentence_takes_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry may be reluctant to act, Halvorsen said. “The other factor is the election.”"
    assert _speaker_of(_quotes(nlp, "Nora Halvorsen spoke on Monday. " + text), "The other factor") == "Halvorsen"


def test_quote_credited_with_a_dash(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“The debate showed who he really is.” ― Maria Lopez\n“I was not surprised.” ― Nora Halvorsen"
    quotes = _quotes(nlp, text)
    assert [_speaker_of(quotes, "The debate"), _speaker_of(quotes, "I was not")] == ["Maria Lopez", "Nora Halvorsen"]


def test_one_word_quote_standing_as_a_sentence_is_direct(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, "“We will not stop,” Nora Halvorsen said. “Never.”")
    (never,) = [q for q in quotes if q.span.text == "Never."]
    assert (never.kind, never.speaker.text if never.speaker else None) == ("direct", "Nora Halvorsen")


def test_partial_quote_without_speech_verb_takes_the_clause_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, "Japan branded North Korea an “outlaw nation in the neighborhood.”")
    (partial,) = _kinds(quotes, "partial")
    assert partial.speaker is not None and partial.speaker.text == "Japan"


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        pytest.param(
            "Sen. Nora Halvorsen and Rep. Colm Arkwright sent a letter to the ministry on Monday. "
            "The letter says the arrests were “deeply troubling.”",
            ["Nora Halvorsen", "Colm Arkwright"], id="earlier-sentence-sent",
        ),
        pytest.param(
            "A letter signed by Nora Halvorsen says the arrests were “deeply troubling.”",
            ["Nora Halvorsen"], id="signed-by",
        ),
        pytest.param(
            "“The arrests were deeply troubling,” reads a letter to the minister that Reps. David Holm (D-R.I.), "
            "Maria Lopez (R-Fla.) and 51 other members of the House signed.",
            ["David Holm", "Maria Lopez"], id="relative-clause-signed",
        ),
        pytest.param("The letter says the arrests were “deeply troubling.”", [], id="authors-unknown"),
    ],
)
def test_non_person_source_is_linked_to_its_authors(nlp, text: str, authors: list[str]) -> None:  # type: ignore[no-untyped-def]
    quotes = [q for q in _quotes(nlp, text) if "deeply" in q.span.text]
    (quote,) = [q for q in quotes if q.kind != "indirect"]
    assert quote.speaker is not None and quote.speaker.text.lower().endswith("letter")
    assert [a.text for a in quote.authors] == authors
    # the reported clause around the phrase, where there is one, has the same source
    for q in quotes:
        assert q.speaker == quote.speaker and q.authors == quote.authors


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Nora Halvorsen said the bill was “dead on arrival” in the Senate.",
         "the bill was “dead on arrival” in the Senate", "Nora Halvorsen"),
        ("Nora Halvorsen called the proposal “a disgrace.”", "the proposal “a disgrace.”", "Nora Halvorsen"),
        ("The minister described the law as a “crazy system” on Monday.",
         "as a “crazy system”", "The minister"),
    ],
)
def test_reported_speech_holding_a_quoted_phrase_is_one_indirect_quote(  # type: ignore[no-untyped-def]
    nlp, text: str, clause: str, speaker: str,
) -> None:
    quotes = _quotes(nlp, text)
    (indirect,) = _kinds(quotes, "indirect")
    assert clause in indirect.span.text or indirect.span.text in clause
    assert "“" in indirect.span.text and indirect.speaker is not None and indirect.speaker.text == speaker
    (partial,) = _kinds(quotes, "partial")
    assert indirect.span.start <= partial.span.start and partial.span.end <= indirect.span.end


def test_a_quoted_phrase_cut_by_a_clause_gives_no_indirect_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, "“He said the vote,” Nora Halvorsen wrote, “was rigged.”")
    assert _kinds(quotes, "indirect") == []


def test_a_dash_credit_after_a_non_breaking_space_names_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We are tired of waiting for the council to act.” ―\u00a0Dorota Wielgosz\n“Me too.” ― Pavel Ostrowski\n"
    quotes = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert [q.speaker.text if q.speaker else None for q in quotes] == ["Dorota Wielgosz", "Pavel Ostrowski"]


def test_partial_quote_takes_the_parenthetical_cue_of_its_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "During her years in office, Nora Halvorsen said, most voters have come to believe "
        "“that the system is broken.”"
    )
    (partial,) = _kinds(_quotes(nlp, text), "partial")
    assert (partial.cue, partial.speaker.text if partial.speaker else None) == ("said", "Nora Halvorsen")


def test_a_phrase_in_reported_speech_is_the_reporting_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Ann Ostrow met Ben Kolar on Monday. Ben Kolar, a doctor, said she would “never” diagnose anyone "
            "on television.")
    (partial,) = _kinds(_quotes(nlp, text), "partial")
    assert (partial.cue, partial.speaker.text if partial.speaker else None) == ("said", "Ben Kolar")


_LEMMAS = {"said": "say", "scoffed": "scoff", "suggesting": "suggest", "asked": "ask", "saying": "say"}


def _hand_parsed(nlp, rows: list[tuple[str, str, str, int, str]]) -> tuple[Quote, ...]:  # type: ignore[no-untyped-def]
    """Quotes of a Doc whose parse is written by hand: ``(word, POS, dep, head index, after)``,
    ``after`` being the space after the word and "P" marking a PERSON name.  A rule written for
    a parser slip is tested on that slip, whatever the model does with the same words."""
    from spacy.tokens import Doc

    words = [r[0] for r in rows]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[r[4].endswith(" ") for r in rows],
        pos=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        lemmas=[_LEMMAS.get(w, w.lower()) for w in words],
        ents=[
            ("B-PERSON" if i == 0 or rows[i - 1][4][:1] != "P" else "I-PERSON") if r[4][:1] == "P" else "O"
            for i, r in enumerate(rows)
        ],
    )
    article = make_article(doc.text)
    return find_quotes(doc, article, find_mentions(doc, article))


def test_cue_opening_the_sentence_after_a_closing_question_mark(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“We will not back down,” Colm Arkwright said.\n\n"
        "“Why should anyone trust the ministry now?” Nora Halvorsen asked, looking at the crowd."
    )
    assert _speaker_of(_quotes(nlp, text), "Why should") == "Nora Halvorsen"


def test_subject_without_letters_gives_way_to_the_one_beside_the_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    # "... as was clear ― Arkwright scoffed, “Everyone does that.”" with the dash parsed as a subject
    rows = [
        ("It", "PRON", "nsubj", 1, " "), ("was", "AUX", "ROOT", 1, " "), ("clear", "ADJ", "acomp", 1, " "),
        ("―", "NOUN", "nsubj", 5, " "), ("Arkwright", "PROPN", "nsubj", 5, "P "),
        ("scoffed", "VERB", "ccomp", 1, ""), (",", "PUNCT", "punct", 5, " "), ("“", "PUNCT", "punct", 9, ""),
        ("Everyone", "PRON", "nsubj", 9, " "), ("does", "VERB", "ccomp", 5, " "), ("that", "PRON", "dobj", 9, ""),
        (".", "PUNCT", "punct", 9, ""), ("”", "PUNCT", "punct", 9, ""),
    ]
    (quote,) = _kinds(_hand_parsed(nlp, rows), "direct")
    assert quote.speaker is not None and quote.speaker.text == "Arkwright"


def test_subject_inside_another_quoted_title_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    # '"We are ready," Halvorsen said on "Morning Desk."' with "Morning" parsed as the subject of "said"
    rows = [
        ('"', "PUNCT", "punct", 4, ""), ("We", "PRON", "nsubj", 2, " "), ("are", "AUX", "ccomp", 6, " "),
        ("ready", "ADJ", "acomp", 2, ""), (",", "PUNCT", "punct", 2, ""), ('"', "PUNCT", "punct", 6, " "),
        ("said", "VERB", "ROOT", 6, " "), ("Halvorsen", "PROPN", "npadvmod", 6, "P "),
        ("on", "ADP", "prep", 6, " "), ('"', "PUNCT", "punct", 10, ""), ("Morning", "PROPN", "nsubj", 6, " "),
        ("Desk", "PROPN", "conj", 10, ""), (".", "PUNCT", "punct", 6, ""), ('"', "PUNCT", "punct", 6, ""),
    ]
    quotes = _hand_parsed(nlp, rows)
    assert _speaker_of(quotes, "We are ready") == "Halvorsen"


def test_object_of_a_cue_before_the_quote_is_not_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'Halvorsen left, suggesting questions, including, "Who pays?"' with "suggesting" hung on "pays"
    rows = [
        ("Halvorsen", "PROPN", "nsubj", 1, "P "), ("left", "VERB", "ROOT", 1, ""), (",", "PUNCT", "punct", 1, " "),
        ("suggesting", "VERB", "advcl", 10, " "), ("questions", "NOUN", "dobj", 3, ""),
        (",", "PUNCT", "punct", 4, " "), ("including", "VERB", "prep", 4, ""), (",", "PUNCT", "punct", 10, " "),
        ('"', "PUNCT", "punct", 10, ""), ("Who", "PRON", "nsubj", 10, " "), ("pays", "VERB", "ccomp", 1, ""),
        ("?", "PUNCT", "punct", 10, ""), ('"', "PUNCT", "punct", 10, ""),
    ]
    quotes = _hand_parsed(nlp, rows)
    assert _speaker_of(quotes, "Who pays") != "questions"


def test_a_sentence_answering_the_quote_is_not_its_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Nora Halvorsen nodded: “Of course I agree with you.” To which Colm Arkwright replied, “Good.”"
    assert _speaker_of(_quotes(nlp, text), "Of course") == "Nora Halvorsen"


def test_according_to_a_source_the_parser_read_as_a_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Prices rose, according to show insiders." with "show" parsed as a verb
    rows = [
        ("Prices", "NOUN", "nsubj", 1, " "), ("rose", "VERB", "ROOT", 1, ""), (",", "PUNCT", "punct", 1, " "),
        ("according", "VERB", "prep", 1, " "), ("to", "ADP", "prep", 3, " "), ("show", "VERB", "pcomp", 4, " "),
        ("insiders", "NOUN", "dobj", 5, ""), (".", "PUNCT", "punct", 1, ""),
    ]
    (quote,) = _hand_parsed(nlp, rows)
    assert (quote.cue, quote.speaker.text if quote.speaker else None) == ("according to", "show insiders")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(
            "Colm Arkwright appeared on the evening news and began by saying that the council had “lost its way.”",
            "Colm Arkwright", id="by-saying",
        ),
        pytest.param(
            "After saying the talks were “going nowhere,” Halvorsen left the room.", "Halvorsen", id="after-saying"
        ),
    ],
)
def test_gerund_after_a_preposition_shares_the_subject(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    for quote in _quotes(nlp, text):
        assert quote.speaker is not None and quote.speaker.text == speaker


def test_as_x_put_it_names_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    (quote,) = _quotes(nlp, "The new rules require a “clear and lawful purpose,” as one analyst put it.")
    assert (quote.cue, quote.speaker.text if quote.speaker else None) == ("put", "one analyst")


def test_naming_verb_introduces_a_quote_of_several_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Nora Halvorsen spoke on Monday. However, she characterized the mayor as, “a little lost, and "
        "always late. Nobody waits for him anymore.”"
    )
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert (quote.cue, quote.speaker.text if quote.speaker else None) == ("characterized", "Nora Halvorsen")


def test_colon_lead_takes_the_clause_next_to_the_colon(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "My brother laughed, but my aunt got so angry that I had to take it back: “Of course I agree with you.”"
    (quote,) = _quotes(nlp, text)
    assert quote.speaker is not None and quote.speaker.text == "I"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(
            "“As a teacher, I’d rather work in what he calls “chaos” than in a quiet office.” ― Dorota Wielgosz",
            "Dorota Wielgosz", id="curly-in-curly",
        ),
        pytest.param(
            '"The vote is close, and I will read you the numbers: “Forty yes, forty-one no.” We lost." '
            "― Pavel Ostrowski",
            "Pavel Ostrowski", id="curly-in-straight",
        ),
    ],
)
def test_quote_inside_a_quote_is_part_of_it(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    (quote,) = _quotes(nlp, text)
    assert quote.kind == "direct" and quote.span.text.endswith(("office.", "We lost."))
    assert quote.speaker is not None and quote.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The city council met on Monday. It is denouncing what it calls “a campaign of fear.”",
                     "The city council", id="it"),
        pytest.param("The city council is seeking to contrast its plan with what they call the mayor’s "
                     "“reckless spending.”", "The city council", id="they"),
        pytest.param("Nora Halvorsen arrived late. It said the vote was “a farce.”", "It", id="unresolved"),
    ],
)
def test_it_or_they_speaks_for_the_noun_it_stands_for(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    (partial,) = _kinds(_quotes(nlp, text), "partial")
    assert partial.speaker is not None and partial.speaker.text == speaker


def test_relative_clause_on_a_title_beside_a_name_is_the_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Ann disliked Colm Arkwright, now the harbor commissioner, who in 2010 said the port was a "lost cause."'
    for quote in _quotes(nlp, text):
        assert quote.speaker is not None and quote.speaker.text == "Colm Arkwright"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('Transcript:\n"HALVORSEN: We will not let this go.\n"ARKWRIGHT: Why not?\n'
                     '"HALVORSEN: Because the families deserve answers.', id="marked-turns"),
        pytest.param("Transcript:\nHALVORSEN: We will not let this go.\nARKWRIGHT: Why not?\n"
                     "HALVORSEN: Because the families deserve answers.", id="bare-turns"),
    ],
)
def test_transcript_turns_are_quotes_of_their_labels(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    direct = _kinds(_quotes(nlp, text), "direct")
    assert [(q.span.text, q.speaker.text if q.speaker else None) for q in direct] == [
        ("We will not let this go.", "HALVORSEN"),
        ("Why not?", "ARKWRIGHT"),
        ("Because the families deserve answers.", "HALVORSEN"),
    ]


def test_a_label_opening_one_paragraph_is_no_transcript(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _quotes(nlp, "The vote was held on Monday.\nCORRECTION: An earlier version misspelled a name.") == ()


def test_nearest_speech_verb_before_the_quote_introduces_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ad concludes with footage of Nora Halvorsen saying at a rally, “We will win this,” as the crowd cheers."
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert (quote.cue, quote.speaker.text if quote.speaker else None) == ("saying", "Nora Halvorsen")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The article used one of the workers’ remarks as its title: “Nobody listens to us.”",
                     "The article", id="media-piece"),
        pytest.param("The letter ends with a warning: “We will not wait much longer.”", "The letter", id="letter"),
    ],
)
def test_colon_lead_with_a_document_as_subject(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    (quote,) = _quotes(nlp, text)
    assert quote.speaker is not None and quote.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The vote led the columnist Ilse Marwick to fear a “lost decade” for the region.",
                     "Ilse Marwick", id="object-control"),
        pytest.param("The clip shows footage of Ilse Marwick asking, “Who pays for the bridge?”",
                     "Ilse Marwick", id="footage-of"),
    ],
)
def test_the_object_before_an_infinitive_or_participle_speaks(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    (quote, *_) = _quotes(nlp, text)
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_a_request_is_the_requesters_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Gov. Ilse Marwick urged her supporters to say “no more delays” at the hearing."
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker is not None and q.speaker.text == "Ilse Marwick" for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ilse Marwick was defensive when pressed to explain not paying a builder who said he was "
                     "cheated after he built a wall at one of her hotels, saying, “Maybe he did a bad job.”",
                     id="relative-clause"),
        pytest.param("Dozens of nurses kept up their protest, walking the blocks around Fenwick Hall, where the city "
                     "council met, while chanting, “Open the books now.”", id="where-clause"),
    ],
)
def test_participle_after_a_relative_clause_belongs_to_the_sentence(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert quote.speaker is not None and quote.speaker.start == 0  # the sentence's subject


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param('Only 40 percent of the residents agreed that the mayor is in "good enough shape to serve," '
                     "while 70 percent said the same of her rival.", "Only 40 percent", id="agreed"),
        pytest.param("An audit released last year found that the agency could not be sure that the grants were not "
                     'going to "shell companies or other fronts."', "An audit", id="found"),
        pytest.param('During her term, Ilse Marwick said, most residents have come to believe "that the river is '
                     'worth saving."', "Ilse Marwick", id="aside-beats-it"),
    ],
)
def test_partial_quote_in_a_reported_clause_is_the_reporters(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    (quote,) = _quotes(nlp, text)
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_name_before_a_verb_the_parser_left_without_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc, Span

    # the parse of 'When riots spread, Marwick and Lindqvist call them "lone hotheads".' that reads
    # the names as a conjunct of "riots": "call" has no subject
    words = ["When", "riots", "spread", ",", "Marwick", "and", "Lindqvist", "call", "them",
             '"', "lone", "hotheads", '"', "."]
    spaces = [True, True, False, True, True, True, True, True, True, False, True, False, False, False]
    heads = [2, 2, 7, 7, 1, 4, 4, 7, 7, 11, 11, 7, 11, 7]
    deps = ["advmod", "nsubj", "advcl", "punct", "conj", "cc", "conj", "ROOT", "dobj", "punct", "amod",
            "oprd", "punct", "punct"]
    pos = ["SCONJ", "NOUN", "VERB", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "PRON", "PUNCT", "ADJ",
           "NOUN", "PUNCT", "PUNCT"]
    tags = ["WRB", "NNS", "VBD", ",", "NNP", "CC", "NNP", "VBP", "PRP", "``", "JJ", "NNS", "''", "."]
    lemmas = ["when", "riot", "spread", ",", "Marwick", "and", "Lindqvist", "call", "they", '"', "lone",
              "hothead", '"', "."]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    doc.ents = [Span(doc, 4, 5, label="PERSON"), Span(doc, 6, 7, label="PERSON")]
    article = make_article(doc.text)
    quotes = find_quotes(doc, article, find_mentions(doc, article))
    assert quotes and all(q.speaker is not None and q.speaker.text == "Lindqvist" for q in quotes)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("“We will win this vote,” Maria Keller said on Monday. Thomas Brandt disagreed.\n\n"
                     "“The votes are not there.”", "Thomas Brandt", id="newer-voice-after-the-quote"),
        pytest.param("Maria Keller spoke to the council on Monday.\n\nThe council has nine members.\n\n"
                     "“We will win this vote.”", "Maria Keller", id="paragraph-naming-nobody"),
    ],
)
def test_paragraph_opening_quote_takes_the_last_voice_before_it(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quote = _kinds(_quotes(nlp, text), "direct")[-1]
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_dash_credit_closing_a_paragraph_credits_all_its_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("“The bridge is a good idea.” ― Maria Keller\n\n"
            "“We need the bridge. As my father said ‘Build it and they come.” And that is all we ask for "
            "“the future’.” ― Thomas Brandt")
    quotes = _quotes(nlp, text)
    assert [q.speaker.text if q.speaker else None for q in quotes] == ["Maria Keller", "Thomas Brandt", "Thomas Brandt"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The rule was extended by the governor, who passed the Water Law, which led his aide and longtime "
                     "friend Maria Keller to make an angry remark that painted every farmer as a “water thief.”",
                     "his aide", id="maker-of-a-remark"),
        pytest.param('"The budget is late, the roads are broken, the schools are full, who pays, nobody says, is '
                     'absurd," Brandt said, going on to say that the town has wasted "decades arguing about roads '
                     'and taxes and all of it, and to argue again, our children will not accept that."',
                     "Brandt", id="said-then-going-on-to-say"),
        pytest.param("Mayor Thomas Brandt, D-Ohio, despite conceding that he still had doubts about “builders chasing "
                     "profits” and some “legal issues” that might be costly, the families “really deserve a fair "
                     "hearing” and he does think the judge is right.", "Thomas Brandt", id="two-subjects-near-the-cue"),
    ],
)
def test_speaker_of_a_cue_the_parser_hung_elsewhere(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker is not None and q.speaker.text == speaker for q in quotes if q.kind != "direct")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("OSLO -- Prime Minister Maria Keller, opening the new harbor bridge on Friday, said it would "
                     "\"change the city for a generation.\"", "Maria Keller", id="dateline"),
        pytest.param("Thomas Brandt has said dozens of firms have shown interest in the contract, but he refuses to "
                     "name any of them, aside from saying he wants \"a fair and open process.\"", "Thomas Brandt",
                     id="aside-from-saying"),
        pytest.param("\"We will not give up,\" she said at a crowded news conference announcing that the city was "
                     "suing the builder over its \"shoddy and dangerous\" work.", "she", id="occasion"),
    ],
)
def test_speaker_behind_a_dateline_an_adverb_or_an_occasion(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker is not None and q.speaker.text == speaker for q in quotes if q.cue != "said")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Mayor Lena Brandt said the harbor plan was drafted by the council and said, “We will review "
                     "every page of it.”", id="said-and-said"),
        pytest.param("Lena Brandt said the harbor plan reminds her of an old promise, explaining, “We have heard "
                     "all of this before.”", id="participle"),
        pytest.param("Lena Brandt said the harbor levy has “kept the town afloat” before claiming that the new "
                     "port was “a great success.”", id="before-claiming"),
        pytest.param("Even a senior adviser, Lena Brandt, said Marwick will have to choose whose side she is on, "
                     "saying, “At some point, she is going to have to come out.”", id="through-an-infinitive"),
        pytest.param("Lena Brandt said in politics it takes time to build trust but added, “I strongly support "
                     "the harbor plan.”", id="but-added"),
    ],
)
def test_speech_verb_hung_on_reported_words_is_the_reporters(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker is not None and q.speaker.text.endswith("Lena Brandt") for q in quotes)


def test_cue_after_a_quote_the_parser_took_as_its_head_keeps_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"Thank you, son," Tomas Ruud replied, before adding that he thinks "children should speak with respect."'
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker is not None and q.speaker.text == "Tomas Ruud" for q in quotes)


def test_name_in_apposition_before_a_verb_without_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("In a statement to the Gazette, her senior adviser, Jakob Lindqvist, said: “The mayor believes the "
            "harbor deal is essential.”")
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert quote.speaker is not None and quote.speaker.text == "Jakob Lindqvist"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        pytest.param("After the vote, Marwick shot back, “The council has failed the town.”", "shot", id="shot-back"),
        pytest.param("“Nobody trusts the council,” Marwick chimed in.", "chimed", id="chimed-in"),
        pytest.param("“We are done here,” Marwick went on.", "went", id="went-on"),
        pytest.param("“Would it be negotiable?” Marwick pressed.", "pressed", id="pressed"),
        pytest.param("“The paper is claiming today that you met in January,” Marwick started.", "started",
                     id="started"),
        pytest.param("“I would say this,” Marwick answered.", "answered", id="answered"),
        pytest.param("“This is a big win for me,” Marwick confessed.", "confessed", id="confessed"),
    ],
)
def test_phrasal_and_bare_cues_introduce_quotes(nlp, text: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert quote.cue == cue and quote.speaker is not None and quote.speaker.text == "Marwick"


def test_bare_cue_with_an_object_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ilse Marwick spoke first. Tomas Ruud began the meeting at noon. “We will vote today.”"
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert quote.cue is None


def test_cue_the_parser_hung_inside_the_quote_takes_the_subject_outside(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc, Span

    # the parse of 'Marwick seemed ready, telling the crowd, "People get carried away."' that hangs
    # "telling" on the quote's verb "get": the quote's subject is not the speaker
    words = ["Marwick", "seemed", "ready", ",", "telling", "the", "crowd", ",", '"', "People", "get", "carried",
             "away", ".", '"']
    spaces = [True, True, False, True, True, True, False, True, False, True, True, True, False, False, False]
    heads = [1, 1, 1, 1, 10, 6, 4, 10, 10, 10, 1, 10, 11, 10, 10]
    deps = ["nsubj", "ROOT", "acomp", "punct", "advcl", "det", "dobj", "punct", "punct", "nsubj", "advcl",
            "acomp", "prt", "punct", "punct"]
    pos = ["PROPN", "VERB", "ADJ", "PUNCT", "VERB", "DET", "NOUN", "PUNCT", "PUNCT", "NOUN", "VERB", "VERB",
           "ADV", "PUNCT", "PUNCT"]
    tags = ["NNP", "VBD", "JJ", ",", "VBG", "DT", "NN", ",", "``", "NNS", "VBP", "VBN", "RB", ".", "''"]
    lemmas = ["Marwick", "seem", "ready", ",", "tell", "the", "crowd", ",", '"', "people", "get", "carry", "away",
              ".", '"']
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    article = make_article(doc.text)
    (quote,) = find_quotes(doc, article, find_mentions(doc, article))
    assert quote.cue == "telling" and quote.speaker is not None and quote.speaker.text == "Marwick"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param('The senators slammed a loophole called an "inversion" in a letter on Monday.', "The senators",
                     id="called"),
        pytest.param('Three lawmakers praised the program known as "Safe Harbor" on Monday.', "Three lawmakers",
                     id="known-as"),
    ],
)
def test_noun_before_a_passive_participle_is_not_its_speaker(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker is not None and q.speaker.text == speaker for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('Marwick, meanwhile, who sits at zero such endorsements, said that fact speaks volumes about '
                     'which of the two candidates is "prepared to take on the establishment."', id="meanwhile-who"),
        pytest.param("Marwick, who like others spoke on the condition of anonymity to discuss the private meeting, "
                     'said the message was that "this is not going to be over in February."', id="who-like-others"),
    ],
)
def test_subject_before_an_aside_speaks_and_the_aside_is_no_quote(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker is not None and q.speaker.text == "Marwick" for q in quotes)
    assert all(not q.span.text.startswith("Marwick") for q in quotes)


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        pytest.param("Pollsters agree - Jonas Lindqvist: “One of the biggest lessons was a simple one.”",
                     "Lindqvist", id="dash-label"),
        pytest.param("The timing of the surge does not surprise pollster Jonas Lindqvist: “Lesser-known candidates "
                     "often gain early.”", "Jonas Lindqvist", id="object-before-colon"),
        pytest.param('Sen. Ilse Marwick (D-Ore.): "I have not heard anyone cite that figure."', "Ilse Marwick",
                     id="bracketed"),
        pytest.param("More from Lindqvist: “The partisanship of the state is a starting point.”", "Lindqvist",
                     id="more-from"),
        pytest.param("Then, later that month on Norway Radio: “I have never said we made a mistake.”", None,
                     id="on-a-station"),
    ],
)
def test_name_before_the_colon_introducing_a_quote(nlp, line: str, speaker: str | None) -> None:  # type: ignore[no-untyped-def]
    text = "Jonas Lindqvist and Ilse Marwick spoke on Monday.\n" + line
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert (quote.speaker.text if quote.speaker is not None else None) == speaker


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('Hours later, Ilse Marwick issued a statement saying the town must "rebuild the harbor '
                     'together."', id="issued-a-statement"),
        pytest.param("Ilse Marwick posted a message on her website reading “Thank you, Bergen” after the vote.",
                     id="posted-a-message"),
        pytest.param("Ilse Marwick held up a sign that read “Harbor first” and waved it at the crowd.",
                     id="held-a-sign"),
    ],
)
def test_words_on_a_thing_someone_put_out_are_theirs(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    quotes = [q for q in _quotes(nlp, text) if q.kind != "indirect"]
    assert quotes and all(q.speaker is not None and q.speaker.text == "Ilse Marwick" for q in quotes)


def test_a_document_without_a_maker_speaks_itself(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A statement from the council said the harbor was “safe for every ship.”"
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker is not None and q.speaker.text.endswith("statement") for q in quotes)


def test_participle_hung_on_the_addressee_is_the_senders(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The Marwick campaign sent out a text message to supporters saying: "With your help, we won the vote!"'
    (quote,) = _kinds(_quotes(nlp, text), "direct")
    assert quote.speaker is not None and quote.speaker.text == "The Marwick campaign"
