"""Event mentions: trigger, PLOVER type, actors and targets, modality, date."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_article

from storyline import dates
from storyline.analyze.events import UNTYPED, _requested, _stems, event_for_span, find_events
from storyline.analyze.mentions import find_mentions
from storyline.ids import make_id
from storyline.model import DateValue, EventMention, Span, TimeExpr

pytestmark = pytest.mark.model

DCT = dates.day(dt.date(2019, 1, 15))


def _events(nlp, text: str, *, times: tuple[TimeExpr, ...] = (), dct: DateValue | None = DCT):  # type: ignore[no-untyped-def]
    article = make_article(text)
    doc = nlp(text)
    events = find_events(doc, article, find_mentions(doc, article), times, dct)
    for e in events:
        for span in (e.span, e.trigger, *e.actors, *e.targets, *([e.location] if e.location else [])):
            assert span.text == text[span.start : span.end]
        assert e.id == make_id("v", article.id, e.trigger.start, e.trigger.end)
    return article, events


def _by_trigger(events: tuple[EventMention, ...], trigger: str) -> EventMention:
    hits = [e for e in events if e.trigger.text == trigger]
    assert len(hits) == 1, [e.trigger.text for e in events]
    return hits[0]


def test_urge_to_sanction_is_a_request_by_x_of_y(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Sen. Nora Halvorsen urged the State Department to impose sanctions on Norway.")
    request = _by_trigger(events, "urged")
    assert (request.type, request.modality) == ("REQUEST", "asserted")
    assert [s.text for s in request.actors] == ["Nora Halvorsen"]
    assert [s.text for s in request.targets] == ["State Department"]
    assert not [e for e in events if e.type == "SANCTION" and e.modality != "requested"]


def test_an_ordered_act_is_requested_not_done(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The regulator ordered the mill to halt operations until the valves are replaced.")
    order = _by_trigger(events, "ordered")
    assert (order.type, order.modality) == ("REQUEST", "asserted")
    assert _by_trigger(events, "halt").modality == "requested"


def test_requested_action_is_kept_as_requested(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Sen. Nora Halvorsen urged the State Department to impose sanctions on Norway.")
    sanction = next(e for e in events if e.type == "SANCTION")
    assert sanction.modality == "requested"
    assert [s.text for s in sanction.actors] == ["State Department"]
    assert [s.text for s in sanction.targets] == ["Norway"]


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        pytest.param("Lena Moritz condemned the raids.", "condemned", "ACCUSE", id="condemn"),
        pytest.param("Police arrested Lena Moritz.", "arrested", "COERCE", id="arrest"),
        pytest.param("Guards tortured the prisoners.", "tortured", "ASSAULT", id="torture"),
        pytest.param("The Senate passed Senate Resolution 311.", "passed", "SUPPORT", id="pass"),
        pytest.param("Lena Moritz met Colm Arkwright in Vienna.", "met", "CONSULT", id="meet"),
        pytest.param("Lena Moritz called on Poland to act.", "called on", "REQUEST", id="phrasal"),
        pytest.param("Norway rejected the proposal.", "rejected", "REJECT", id="reject"),
    ],
)
def test_trigger_type_from_the_lexicon(nlp, text: str, trigger: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).type == type_


def test_nominal_event(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The arrests of forty people in Kazan drew wide attention.")
    event = _by_trigger(events, "arrests")
    assert (event.type, event.cameo) == ("COERCE", "173")
    assert event.location is not None and event.location.text == "Kazan"


def test_clause_without_lexicon_trigger_has_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The weather was mild and the streets were quiet.")
    assert events == ()


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        pytest.param("The State Department has not sanctioned anyone.", "sanctioned", id="has-not"),
        pytest.param("Officials never arrested the suspects.", "arrested", id="never"),
        pytest.param("The ministry refused to release the prisoners.", "release", id="refused-to"),
    ],
)
def test_negated_event(nlp, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).modality == "negated"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        pytest.param("President Colm Arkwright is unlikely to sign the bill.", "sign", id="unlikely-to"),
        pytest.param("The ministry plans to release the prisoners.", "release", id="plans-to"),
        pytest.param("Poland would condemn any such move.", "condemn", id="modal"),
        pytest.param("If Poland condemns the move, talks will end.", "condemns", id="if-clause"),
    ],
)
def test_hypothetical_event(nlp, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).modality == "hypothetical"


def test_unlikely_to_sign_keeps_its_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "President Colm Arkwright is unlikely to sign the bill.")
    assert [s.text for s in _by_trigger(events, "sign").actors] == ["Colm Arkwright"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        pytest.param("Lena Moritz said police detained the activists.", "detained", id="said-complement"),
        pytest.param("“Police detained the activists,” Lena Moritz said.", "detained", id="in-quote"),
        pytest.param(
            "According to Lena Moritz, police detained the activists.", "detained", id="according-to"
        ),
    ],
)
def test_reported_event(nlp, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).modality == "reported"


def test_passive_agent_is_the_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Lena Moritz was arrested by Norwegian police in Kazan.")
    event = _by_trigger(events, "arrested")
    assert [s.text for s in event.targets] == ["Lena Moritz"]
    assert [s.text for s in event.actors] == ["Norwegian"]
    assert event.location is not None and event.location.text == "Kazan"


def _time(article_id: str, text: str, phrase: str, value: DateValue) -> TimeExpr:
    start = text.index(phrase)
    end = start + len(phrase)
    return TimeExpr(
        id=make_id("t", article_id, start, end),
        span=Span(article_id, start, end, phrase),
        type="DATE",
        value=value.value,
        date=value,
    )


def test_event_date_from_its_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Police arrested Lena Moritz on March 3, 2018."
    article = make_article(text)
    when = _time(article.id, text, "March 3, 2018", dates.day(dt.date(2018, 3, 3)))
    _, events = _events(nlp, text, times=(when,))
    event = _by_trigger(events, "arrested")
    assert (event.date, event.time, event.date_basis) == (when.date, when.id, "clause")


def test_event_date_prefers_the_time_its_trigger_governs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "After the raids in 2017, Lena Moritz condemned the ministry in March 2018."
    article = make_article(text)
    year = _time(article.id, text, "2017", dates.year(2017))
    month = _time(article.id, text, "March 2018", dates.month(2018, 3))
    _, events = _events(nlp, text, times=(year, month))
    assert _by_trigger(events, "condemned").time == month.id


@pytest.mark.parametrize(
    ("dct", "basis"),
    [pytest.param(DCT, "article", id="article-date"), pytest.param(None, None, id="no-date")],
)
def test_event_date_falls_back_to_the_article(nlp, dct: DateValue | None, basis: str | None) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Police arrested Lena Moritz.", dct=dct)
    event = _by_trigger(events, "arrested")
    assert (event.date, event.time, event.date_basis) == (dct, None, basis)


def test_pronoun_actor_is_the_person_last_named_as_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Sen. Nora Halvorsen condemned the governor, Colm Arkwright, on Monday. "
        "On Tuesday, she urged the State Department to act."
    )
    _, events = _events(nlp, text)
    assert [s.text for s in _by_trigger(events, "urged").actors] == ["Nora Halvorsen"]


def test_conjoined_passive_participles_take_the_patient_as_target(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Lena Moritz said she was arrested, held for days and beaten.")
    beaten = _by_trigger(events, "beaten")
    assert beaten.actors == ()
    assert [s.text for s in beaten.targets] == ["Lena Moritz"]


def test_first_person_in_a_quote_is_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.analyze.quotes import find_quotes

    text = "“We condemn these arrests,” said Sen. Nora Halvorsen."
    article = make_article(text)
    doc = nlp(text)
    mentions = find_mentions(doc, article)
    quotes = find_quotes(doc, article, mentions)
    events = find_events(doc, article, mentions, (), DCT, quotes=quotes)
    condemn = _by_trigger(events, "condemn")
    assert condemn.modality == "reported"
    assert [s.text for s in condemn.actors] == ["Nora Halvorsen"]


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        pytest.param("Ruritania restored diplomatic ties with Freedonia.", "restored", "SUPPORT", id="restore-ties"),
        pytest.param("Ruritania severed ties with Freedonia.", "severed", "SANCTION", id="sever-ties"),
        pytest.param("The government lifted the curfew.", "lifted", "CONCEDE", id="lift-curfew"),
        pytest.param("Ruritania lifted the embargo on Freedonia.", "lifted", "RETREAT", id="lift-embargo"),
        pytest.param("The union called off the strike.", "called", "CONCEDE", id="call-off-strike"),
        pytest.param("The ministry accepted the demands of the teachers.", "accepted", "CONCEDE", id="accept-demands"),
        pytest.param("Farmers blocked the roads into Velmora.", "blocked", "PROTEST", id="block-roads"),
        pytest.param("Dock workers stopped work on Monday.", "stopped", "PROTEST", id="stop-work"),
        pytest.param("Ruritania reduced food supplies to the camp.", "reduced", "SANCTION", id="reduce-supplies"),
        pytest.param("The two sides reached an agreement on water.", "reached", "AGREE", id="reach-agreement"),
        pytest.param("The agency withdrew its observers from Velmora.", "withdrew", "SANCTION", id="withdraw-staff"),
        pytest.param("Ruritania strengthened its forces on the border.", "strengthened", "MOBILIZE", id="reinforce"),
        pytest.param("Police broke up the rally in Velmora.", "broke", "COERCE", id="break-up-rally"),
        pytest.param("The army fired rockets at the village.", "fired", "ASSAULT", id="fire-rockets"),
        pytest.param("Ruritania sent troops to the border.", "sent", "MOBILIZE", id="send-troops"),
        pytest.param("The two sides held talks in Geneva.", "held", "CONSULT", id="hold-talks"),
    ],
)
def test_verb_and_object_name_the_event(nlp, text: str, trigger: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).type == type_


def test_trigger_lemma_is_recorded(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Police arrested Lena Moritz.")
    assert _by_trigger(events, "arrested").lemma == "arrest"


def test_light_verb_lemma_is_the_event_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The European Union imposed sanctions on Norway.")
    assert _by_trigger(events, "imposed").lemma == "sanction"


@pytest.mark.parametrize(
    ("text", "trigger", "codes"),
    [
        pytest.param("Norwegian troops attacked the village.", "attacked", ("NORMIL",), id="demonym-and-role"),
        pytest.param("The United Nations condemned the raids.", "condemned", ("IGO",), id="igo"),
        pytest.param("Amnesty International condemned the raids.", "condemned", ("NGO",), id="ngo"),
        pytest.param("Lena Moritz condemned the raids.", "condemned", ("",), id="unknown-person"),
    ],
)
def test_actor_codes(nlp, text: str, trigger: str, codes: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).actor_codes == codes


def _gold(nlp, text: str, words: str) -> EventMention | None:  # type: ignore[no-untyped-def]
    article = make_article(text)
    doc = nlp(text)
    start = text.index(words)
    return event_for_span(doc, article, find_mentions(doc, article), (), DCT, start, start + len(words))


def test_event_for_span_types_a_known_trigger(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _gold(nlp, "Police arrested Lena Moritz on Monday.", "arrested")
    assert ev is not None and (ev.type, ev.trigger.text) == ("COERCE", "arrested")
    assert [s.text for s in ev.targets] == ["Lena Moritz"]


def test_event_for_span_keeps_an_unknown_trigger_untyped(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _gold(nlp, "Lena Moritz checked into a clinic.", "checked into")
    assert ev is not None and (ev.type, ev.lemma, ev.trigger.text) == (UNTYPED, "check", "checked into")
    assert [s.text for s in ev.actors] == ["Lena Moritz"]


def test_phrasal_with_an_adverb_particle(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The United States backed away from the deal.")
    assert _by_trigger(events, "backed away").type == "RETREAT"


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        pytest.param("The agency delivered 40 tons of food to Velmora.", "delivered", "AID", id="quantity-of"),
        pytest.param("Norvia launched a mediation effort between the two parties.", "launched", "CONSULT",
                     id="generic-head"),
        pytest.param("The government declared a state of emergency.", "declared", "COERCE", id="state-of"),
        pytest.param("The army imposed martial law.", "imposed", "COERCE", id="two-word-noun"),
        pytest.param("The rebels engaged in heavy fighting with the army.", "engaged", "ASSAULT", id="engage-in"),
    ],
)
def test_the_object_phrase_names_the_event(nlp, text: str, trigger: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).type == type_


def test_calling_a_strike_is_not_calling_it_off(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The union called a strike at the port.")
    assert all(e.type != "CONCEDE" for e in events)


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        pytest.param("Ruritania said it would attack the town.", "attack", "THREATEN", id="would-attack"),
        pytest.param("The council plans to impose a curfew in Velmora.", "impose", "THREATEN", id="plans-to"),
        pytest.param("The union said it will boycott the elections.", "boycott", "THREATEN", id="will-boycott"),
        pytest.param("The navy said it would tighten the blockade of the port.", "blockade", "THREATEN",
                     id="noun-object-of-intent"),
        pytest.param("The rebels vowed to attack the town.", "vowed", "THREATEN", id="vowed-to-attack"),
        pytest.param("Norvia said it would meet the rebels in Velmora.", "meet", "AGREE", id="would-meet"),
        pytest.param("Ruritania said it would withdraw its troops.", "withdraw", "CONCEDE", id="would-withdraw"),
        pytest.param("Norvia offered to hand over the suspects.", "offered", "AGREE", id="offer-stays-agree"),
    ],
)
def test_an_announced_event_is_coded_as_the_intention(nlp, text: str, trigger: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).type == type_


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        pytest.param("If the army attacks the town, the rebels will leave.", "attacks", "ASSAULT", id="if-clause"),
        pytest.param("The rebels tried to attack the town.", "attack", "ASSAULT", id="attempt"),
        pytest.param("Officials said the floods could destroy the bridge.", "destroy", "ASSAULT", id="epistemic-could"),
    ],
)
def test_a_condition_or_attempt_is_not_an_intention(nlp, text: str, trigger: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).type == type_


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        pytest.param("Norvia said it would not accept more refugees.", "accept", "reported", id="would-not"),
        pytest.param("The two sides failed to reach an agreement.", "reach", "asserted", id="failed-to"),
        pytest.param("The legislature has still not passed the storage bill.", "passed", "asserted", id="not-yet"),
        pytest.param("Norvia must not withdraw from the talks.", "withdraw from", "hypothetical", id="must-not"),
        pytest.param("Officials never released the prisoners.", "released", "asserted", id="never"),
    ],
)
def test_a_cooperative_event_said_not_to_happen_is_a_rejection(nlp, text: str, trigger: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    # the refusal happened: marked "did not happen", a REJECT would read as no refusal at all
    _, events = _events(nlp, text)
    event = _by_trigger(events, trigger)
    assert (event.type, event.modality, event.cameo, event.mode) == ("REJECT", modality, "120", None)


def test_a_rejection_said_not_to_happen_did_not_happen(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The company denied that it ignored the safety warnings.")
    ignored = _by_trigger(events, "ignored")
    assert (ignored.type, ignored.modality) == ("REJECT", "negated")


def test_reported_must_clause_is_a_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Lena Moritz said Freedonia must release the journalists.")
    demand = _by_trigger(events, "said")
    assert (demand.type, demand.modality) == ("REQUEST", "asserted")
    assert [s.text for s in demand.actors] == ["Lena Moritz"]
    assert [s.text for s in demand.targets] == ["Freedonia"]
    assert _by_trigger(events, "release").modality == "requested"


def test_first_person_must_is_not_a_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Lena Moritz said we must stay calm.")
    assert events == ()


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        pytest.param("Helicopters evacuated the wounded from Velmora.", "evacuated", "AID", id="evacuate-people"),
        pytest.param("The army evacuated the town of Velmora.", "evacuated", "RETREAT", id="evacuate-place"),
        pytest.param("The court allowed the candidate to run.", "allowed", "CONCEDE", id="allow-person-to"),
        pytest.param("The rebels returned the land to the farmers.", "returned", "RETREAT", id="return-object"),
        pytest.param("The judge ordered Lena Moritz to appear in court.", "ordered", "REQUEST", id="order"),
        pytest.param("Clashes between the rebels and the army left ten dead.", "Clashes", "ASSAULT",
                     id="noun-between"),
    ],
)
def test_verb_senses_and_noun_arguments(nlp, text: str, trigger: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).type == type_


def test_return_without_an_object_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The minister returned home on Friday.")
    assert events == ()


def test_regular_inflection_repairs_a_wrong_lemma() -> None:
    assert "stage" in _stems("staged")
    assert "ban" in _stems("banned")
    assert "ban" not in _stems("banded")  # only a doubled consonant is undone
    assert "carry" in _stems("carried")


def test_demonstrations_staged_are_a_protest(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Thousands of students staged mass demonstrations in Velmora.")
    event = _by_trigger(events, "staged")
    assert (event.type, event.lemma) == ("PROTEST", "demonstration")


def test_it_as_actor_stands_for_the_organisation_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Norvale Chemicals said in a statement that it was cooperating with the inspectors.")
    cooperate = _by_trigger(events, "cooperating")
    assert [s.text for s in cooperate.actors] == ["Norvale Chemicals"]


def test_an_ordered_act_parsed_as_a_purpose_clause_is_still_requested(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs "to halt" on "order" as a purpose clause (advcl) here, not as its complement
    _, events = _events(nlp, "Regulators order Halvern plant to halt operations.\n\nThe agency acted on Monday.")
    assert _by_trigger(events, "halt").modality == "requested"


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        pytest.param("The Senate passed a resolution condemning the raids on Tuesday.", "condemning", "Senate",
                     id="a text's makers act through it"),
        pytest.param("A Parliament resolution condemning the raids followed in June.", "condemning", "Parliament",
                     id="the text's own name"),
        pytest.param("Witnesses saw Interpol officers arresting the suspect.", "arresting", "Interpol",
                     id="the noun that acts"),
    ],
)
def test_an_active_participle_on_a_noun_is_done_by_that_noun(nlp, text: str, trigger: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    found = _by_trigger(events, trigger)
    assert [a.text for a in found.actors] == [actor]
    assert actor not in [t.text for t in found.targets]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        pytest.param("The 2016 act allows authorities to freeze the assets of traffickers.", "freeze",
                     id="a law's power"),
        pytest.param("The decree authorizes the army to arrest opposition leaders.", "arrest", id="a decree's leave"),
    ],
)
def test_an_act_a_text_only_allows_is_not_done(nlp, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).modality == "hypothetical"


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        pytest.param("“What crimes have they committed, and who did they attack?” the governor asked.", "attack",
                     "hypothetical", id="a direct question"),
        pytest.param("Who ordered the raid? Police arrested 40 people on Monday.", "arrested", "asserted",
                     id="the sentence after a question"),
    ],
)
def test_an_event_asked_about_is_not_told(nlp, text: str, trigger: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).modality == modality


def test_an_actor_that_names_no_entity_is_kept_as_words(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "Both leaders have denied or ignored the accusations.")
    for trigger in ("denied", "ignored"):
        found = _by_trigger(events, trigger)
        assert found.actors == () and found.subject is not None and found.subject.text == "Both leaders"
    _, named = _events(nlp, "The Foreign Ministry denied the accusations.")
    found = _by_trigger(named, "denied")
    assert [s.text for s in found.actors] == ["Foreign Ministry"] and found.subject is None
    _, pronoun = _events(nlp, "They denied the accusations.")
    assert _by_trigger(pronoun, "denied").subject is None  # its referent is named elsewhere, or nowhere


def test_a_request_carries_through_continue_to(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The statement calls on the Danish government to continue to condemn the violence.")
    assert _by_trigger(events, "condemn").modality == "requested"
    _, told = _events(nlp, "The Danish government continued to condemn the violence.")
    assert _by_trigger(told, "condemn").modality == "asserted"


def test_a_joined_verb_is_told_by_the_whole_coordination(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Police said the activists were detained, beaten and tortured in the capital."
    _, events = _events(nlp, text)
    assert _by_trigger(events, "tortured").span.text.startswith("the activists were detained")


def test_a_participle_on_a_noun_is_told_from_the_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, "The report named two journalists arrested by the police.")
    assert _by_trigger(events, "arrested").span.text == "two journalists arrested by the police"


def test_the_ordered_party_acts_whatever_comes_between(nlp) -> None:  # type: ignore[no-untyped-def]
    # "on Monday" is not whom the order is "on": the requested halt is Halvern's, not the agency's
    text = "The Environmental Protection Agency on Monday ordered Halvern Chemicals to halt operations."
    _, events = _events(nlp, text)
    halt = _by_trigger(events, "halt")
    assert halt.modality == "requested" and [s.text for s in halt.actors] == ["Halvern Chemicals"]


def test_a_relative_clause_acts_through_the_noun_it_hangs_on(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the mayors who condemned it": someone acted, the mayors, though no entity names them
    _, events = _events(nlp, "Several of the mayors who had condemned the raid met in Oslo.")
    mayors = _by_trigger(events, "condemned")
    assert mayors.actors == () and mayors.subject is not None and mayors.subject.text == "the mayors"
    # "a motion that condemns X", approved by the Storting: the Storting's words
    _, events = _events(nlp, "The Storting approved a motion that condemns the raids in Velmora.")
    assert [s.text for s in _by_trigger(events, "condemns").actors] == ["Storting"]


@pytest.mark.parametrize(
    ("text", "trigger", "word"),
    [
        pytest.param("The minister stepped down on Monday.", "stepped down", "step down", id="particle"),
        pytest.param("Officials carried out a new round in the spring.", "carried out", "carry out round",
                     id="light-phrasal-takes-its-object"),
    ],
)
def test_a_phrasal_trigger_links_by_its_whole_word(nlp, text: str, trigger: str, word: str) -> None:  # type: ignore[no-untyped-def]
    # "step down" is not "step up"; "carry out a new round" and "carry out raids" are two acts
    _, events = _events(nlp, text)
    assert _by_trigger(events, trigger).lemma == word


@pytest.mark.parametrize(
    "text",
    [
        "The mayors welcomed a bill passed in the National Assembly last spring.",
        "The bill was drafted by two deputies and passed easily through the National Assembly.",
        "The bill passed the National Assembly on Tuesday.",
    ],
    ids=["passed-in", "passed-through", "text-passed-the-body"],
)
def test_the_body_a_text_passes_is_who_passed_it(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(nlp, text)
    passed = _by_trigger(events, "passed")
    assert [s.text for s in passed.actors] == ["National Assembly"] and passed.targets == ()


def test_sanctions_called_for_are_requested_whatever_the_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    # a quotation mark later in the sentence once led the parser to hang "sanctions" on the quoted
    # word ("... “raids”") instead of on "for": the words before the noun still ask for it
    from spacy.tokens import Doc

    words = ["Deputies", "have", "called", "for", "tougher", "sanctions", "on", "ministers", "“", "raids", "”"]
    heads = [2, 2, 2, 2, 5, 9, 5, 6, 9, 2, 9]
    deps = ["nsubj", "aux", "ROOT", "prep", "amod", "nsubj", "prep", "pobj", "punct", "ccomp", "punct"]
    pos = ["NOUN", "AUX", "VERB", "ADP", "ADJ", "NOUN", "ADP", "NOUN", "PUNCT", "NOUN", "PUNCT"]
    lemmas = ["deputy", "have", "call", "for", "tough", "sanction", "on", "minister", "“", "raid", "”"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              sent_starts=[True] + [False] * (len(words) - 1))
    assert _requested(doc[5])
    _, events = _events(nlp, "The European Union imposed broader sanctions on Norway.")
    assert _by_trigger(events, "imposed").modality == "asserted"


def test_a_participle_listed_after_another_undergoes_what_it_does(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser hung "beaten" on "papers": the list says the prisoners were beaten, not the papers
    from spacy.tokens import Doc

    from storyline.analyze.events import _listed_after

    words = ["Norwegian", "papers", ",", "which", "ran", "accounts", "of", "prisoners", "being", "held",
             ",", "beaten", ",", "and", "questioned"]
    heads = [1, 1, 1, 4, 1, 4, 5, 6, 9, 7, 7, 1, 11, 11, 11]
    deps = ["amod", "ROOT", "punct", "nsubj", "relcl", "dobj", "prep", "pobj", "auxpass", "acl", "punct", "acl",
            "punct", "cc", "conj"]
    tags = ["JJ", "NNS", ",", "WDT", "VBD", "NNS", "IN", "NNS", "VBG", "VBN", ",", "VBN", ",", "CC", "VBN"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert _listed_after(doc[11]).head.text == "prisoners"
    assert _listed_after(doc[9]).i == 9  # the first of the list keeps its own noun


@pytest.mark.parametrize(
    ("dct", "basis"),
    [pytest.param(DCT, "article", id="article-date"), pytest.param(None, None, id="no-date")],
)
def test_an_act_whose_own_time_is_unresolved_does_not_borrow_another(nlp, dct: DateValue | None,
                                                                     basis: str | None) -> None:  # type: ignore[no-untyped-def]
    # an undated report: "on Tuesday" names no day, and the 1930s are when the hall was built, not
    # when the police arrested anyone
    text = "Police arrested Lena Moritz on Tuesday in the hall, which was built in the 1930s."
    article = make_article(text)
    tuesday = TimeExpr(id=make_id("t", article.id, text.index("Tuesday"), text.index("Tuesday") + 7),
                       span=Span(article.id, text.index("Tuesday"), text.index("Tuesday") + 7, "Tuesday"),
                       type="DATE", value="XXXX-WXX-2", date=None)
    decade = _time(article.id, text, "the 1930s", DateValue(value="193", earliest=dt.date(1930, 1, 1),
                                                         latest=dt.date(1939, 12, 31), precision="decade"))
    _, events = _events(nlp, text, times=(tuesday, decade), dct=dct)
    event = _by_trigger(events, "arrested")
    assert (event.date, event.time, event.date_basis) == (dct, None, basis)


def test_an_act_in_a_question_asked_is_asked_about_not_asked_for(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs the question on "asked", a request verb: the question mark says it is asked about
    from spacy.tokens import Doc

    words = ["“", "Which", "treaties", "did", "they", "violate", "?", "”", "she", "asked", "."]
    spaces = [False, True, True, True, True, False, False, True, True, False, False]
    heads = [9, 2, 5, 5, 5, 9, 5, 9, 9, 9, 9]
    deps = ["punct", "det", "dobj", "aux", "nsubj", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"]
    pos = ["PUNCT", "DET", "NOUN", "AUX", "PRON", "VERB", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT"]
    tags = ["``", "WDT", "NNS", "VBD", "PRP", "VB", ".", "''", "PRP", "VBD", "."]
    lemmas = ["“", "which", "treaty", "do", "they", "violate", "?", "”", "she", "ask", "."]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              sent_starts=[True] + [False] * (len(words) - 1))
    (violate,) = [e for e in find_events(doc, make_article(doc.text), [], (), None) if e.trigger.text == "violate"]
    assert violate.modality == "hypothetical"
