"""Word tables the analysis stages share: speech cues, event triggers, titles, parties, states.

The event tables map an English lemma to a PLOVER 2.0 event type, a CAMEO code and (where the
word alone settles it) a PLOVER mode.  They were written for this project from the PLOVER 2.0
manual's category definitions and the CAMEO codebook's category names; the word lists are our
own choice of common news verbs and nouns, not text copied from either.  Where the two disagree
we follow PLOVER (CAMEO 163 "impose sanctions" is coded SANCTION `discontinue`, the manual's
reading of international sanctions; arrests are COERCE `arrest`; killings and torture are
ASSAULT; restoring diplomatic ties is SUPPORT, diplomatic "non-material cooperation"; lifting a
curfew or a state of emergency is CONCEDE, "removing curfews", while lifting sanctions or a
blockade stays RETREAT, CAMEO 085/0872).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ATTRIBUTION_VERBS",
    "COUNTRIES",
    "EVENT_NOUNS",
    "EVENT_PHRASALS",
    "EVENT_VERBS",
    "EVENT_WORD_BASES",
    "FUTURE_RECODE",
    "GROUP_NOUNS",
    "HONORIFICS",
    "HYPOTHETICAL_HEADS",
    "HYPOTHETICAL_MODALS",
    "INTENT_HEADS",
    "INTENT_MODALS",
    "LIGHT_PREP_VERBS",
    "LIGHT_VERBS",
    "MEASURE_NOUNS",
    "GENERIC_EVENT_HEADS",
    "NEGATED_REJECT",
    "NEGATING_HEADS",
    "OBLIGATION_MODALS",
    "PERMITTING_HEADS",
    "DEMAND_CUE_VERBS",
    "OBJECT_EVENTS",
    "PERSON_OBJECT_EVENTS",
    "PARTIES",
    "PERSON_TITLES",
    "REQUEST_VERBS",
    "SPEECH_VERBS",
    "SECTORS",
    "STATES",
    "UNTYPED",
    "LexEntry",
    "actor_code",
    "country_code",
    "event_entry",
    "needs_object",
    "needs_person_object",
]


class LexEntry(NamedTuple):
    """What one trigger word means: PLOVER type, CAMEO code, PLOVER mode (or ``None``)."""

    type: str
    cameo: str
    mode: str | None = None


def _e(type_: str, cameo: str, mode: str | None = None) -> LexEntry:
    return LexEntry(type_, cameo, mode)


# ------------------------------------------------------------------ speech and attribution

SPEECH_VERBS: frozenset[str] = frozenset(
    """say tell state write add note urge argue claim explain insist warn declare announce
    assert contend maintain acknowledge admit concede recall report reply respond comment
    remark observe suggest predict caution complain allege testify confirm stress emphasize
    emphasise point read ask tweet post mention continue conclude describe call""".split()
)
"""Lemmas that can introduce a direct or reported quote ("said", "wrote", "reads")."""

ATTRIBUTION_VERBS: frozenset[str] = SPEECH_VERBS - {"call", "point", "continue", "describe"}
"""Speech verbs that take a reported clause ("X said that ..."): the indirect-speech cues."""

REQUEST_VERBS: frozenset[str] = frozenset(
    """urge ask demand request call implore press appeal pressure plead petition beg
    encourage push lobby order instruct direct""".split()
)
"""Verbs whose complement is asked for, not done: "X urged Y to act" and "X ordered Y to halt" are
a REQUEST by X; Y's act is requested."""

# ------------------------------------------------------------------ modality cues

HYPOTHETICAL_MODALS: frozenset[str] = frozenset(
    "would could may might will shall should can must 'll wo ca".split()
)
HYPOTHETICAL_HEADS: frozenset[str] = frozenset(
    """plan intend expect hope seek aim want wish consider propose vow promise pledge
    prepare threaten offer unlikely likely possible able going try attempt mull weigh
    ready poised set willing prepared swear determined""".split()
)
"""A trigger in the ``xcomp`` of one of these ("plans to sign", "is unlikely to sign")
has not happened yet."""
PERMITTING_HEADS: frozenset[str] = frozenset("allow permit enable authorize authorise empower entitle".split())
"""A trigger in the complement of one of these ("the act allows authorities to freeze assets",
"a ruling that permits police to detain") is a power granted, not an act done."""
NEGATING_HEADS: frozenset[str] = frozenset("deny refuse fail decline refrain neglect".split())
"""A trigger in the complement of one of these ("refused to release") did not happen."""

INTENT_MODALS: frozenset[str] = frozenset("will would shall 'll wo".split())
"""Modals that announce what the actor means to do ("said it would withdraw"); the epistemic
"may/might/could" ("the storm could kill hundreds") are left out."""
INTENT_HEADS: frozenset[str] = frozenset(
    """plan intend vow promise pledge prepare threaten offer going ready poised set willing
    prepared swear determined""".split()
)
"""Heads whose complement is the actor's stated intention ("plans to impose", "vowed to fight"):
PLOVER codes a stated intention by what is intended (AGREE, CONCEDE, THREATEN), not by the act."""
OBLIGATION_MODALS: frozenset[str] = frozenset("must should ought".split())
"""Modals that turn a reported clause into a demand ("said Y must release Z")."""
DEMAND_CUE_VERBS: frozenset[str] = frozenset(
    """say state tell write add note declare announce assert insist stress emphasize emphasise
    reiterate repeat warn conclude rule decide argue maintain""".split()
)
"""Verbs whose "that Y must ..." complement is a demand on Y (PLOVER REQUEST: "all requests,
demands, and orders")."""

LIGHT_VERBS: frozenset[str] = frozenset(
    """impose take carry conduct launch stage hold issue make level file bring announce
    order begin start lift extend introduce pass open reach organize organise undertake
    declare""".split()
)
"""Verbs that lend their clause to an event noun: "imposed sanctions" is a SANCTION."""

LIGHT_PREP_VERBS: frozenset[tuple[str, str]] = frozenset(
    {("engage", "in"), ("participate", "in"), ("join", "in"), ("resort", "to")}
)
"""Verb + preposition that lend their clause to an event noun: "engaged in talks" is a CONSULT."""

MEASURE_NOUNS: frozenset[str] = frozenset(
    """ton tonne kg kilogram pound gallon litre liter barrel dollar euro million billion amount
    quantity shipment consignment cargo batch load convoy worth package""".split()
)
"""Heads of a quantity phrase: in "700 kg of medicine" the object that names the event is
"medicine"."""
GENERIC_EVENT_HEADS: frozenset[str] = frozenset(
    "effort mission campaign operation process initiative bid drive programme program".split()
)
"""Heads that take their event from a modifier: "a mediation effort" is a mediation."""

FUTURE_RECODE: dict[str, str] = {
    "CONSULT": "AGREE",
    "SUPPORT": "AGREE",
    "COOPERATE": "AGREE",
    "AID": "AGREE",
    "RETREAT": "CONCEDE",
    "ASSAULT": "THREATEN",
    "COERCE": "THREATEN",
    "SANCTION": "THREATEN",
    "PROTEST": "THREATEN",
}
"""What PLOVER codes an announced intention as: promised cooperation is AGREE, an announced
retreat CONCEDE (manual, AGREE and CONCEDE), and an announced attack, restriction, sanction or
protest THREATEN ("THREATEN could be ASSAULT + hypothetical"; its modes name boycotts, strikes,
blockades, curfews, arrests, expulsions and suspended relations)."""

NEGATED_REJECT: frozenset[str] = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
)
"""Cooperative events that, said not to happen ("will not accept", "would not meet the demands"),
are a refusal: PLOVER REJECT, "all rejections and refusals"."""

# ------------------------------------------------------------------ event verbs

EVENT_VERBS: dict[str, LexEntry] = {
    # AGREE: promise, offer, agree to cooperate
    "agree": _e("AGREE", "030"),
    "promise": _e("AGREE", "030"),
    "pledge": _e("AGREE", "030"),
    "vow": _e("AGREE", "030"),
    "offer": _e("AGREE", "030"),
    "accept": _e("AGREE", "038"),
    # CONSULT
    "meet": _e("CONSULT", "040"),
    "discuss": _e("CONSULT", "040"),
    "consult": _e("CONSULT", "040"),
    "negotiate": _e("CONSULT", "046"),
    "mediate": _e("CONSULT", "045"),
    "visit": _e("CONSULT", "042", "visit"),
    "host": _e("CONSULT", "043", "visit"),
    "phone": _e("CONSULT", "041", "phone"),
    "telephone": _e("CONSULT", "041", "phone"),
    # SUPPORT: praise, endorse, approve, sign and ratify
    "praise": _e("SUPPORT", "051"),
    "commend": _e("SUPPORT", "051"),
    "welcome": _e("SUPPORT", "051"),
    "applaud": _e("SUPPORT", "051"),
    "endorse": _e("SUPPORT", "051"),
    "support": _e("SUPPORT", "051"),
    "back": _e("SUPPORT", "051"),
    "defend": _e("SUPPORT", "052"),
    "recognize": _e("SUPPORT", "054"),
    "recognise": _e("SUPPORT", "054"),
    "apologize": _e("SUPPORT", "055"),
    "apologise": _e("SUPPORT", "055"),
    "forgive": _e("SUPPORT", "056"),
    "sign": _e("SUPPORT", "057"),
    "ratify": _e("SUPPORT", "057"),
    "approve": _e("SUPPORT", "057"),
    "pass": _e("SUPPORT", "057"),
    "adopt": _e("SUPPORT", "057"),
    "cosponsor": _e("SUPPORT", "053"),
    "co-sponsor": _e("SUPPORT", "053"),
    "sponsor": _e("SUPPORT", "053"),
    # CONCEDE: verbal concessions, pardons, regret
    "pardon": _e("CONCEDE", "081"),
    "acquit": _e("CONCEDE", "081"),
    "yield": _e("CONCEDE", "080"),
    "concede": _e("CONCEDE", "080"),
    "relent": _e("CONCEDE", "080"),
    "ease": _e("CONCEDE", "081"),
    "allow": _e("CONCEDE", "080"),  # with a person object: easing restrictions on persons (PLOVER)
    "permit": _e("CONCEDE", "080"),
    # COOPERATE
    "cooperate": _e("COOPERATE", "060"),
    "collaborate": _e("COOPERATE", "060"),
    "extradite": _e("COOPERATE", "063"),
    # AID
    "aid": _e("AID", "070"),
    "donate": _e("AID", "070"),
    "fund": _e("AID", "071"),
    "assist": _e("AID", "070"),
    "rescue": _e("AID", "073"),
    "shelter": _e("AID", "075"),
    "resettle": _e("AID", "075"),
    "evacuate": _e("AID", "073"),
    # RETREAT
    "release": _e("RETREAT", "0841", "release"),
    "free": _e("RETREAT", "0841", "release"),
    "withdraw": _e("RETREAT", "087", "withdraw"),
    "retreat": _e("RETREAT", "0874", "withdraw"),
    "resign": _e("RETREAT", "080", "resign"),
    "disarm": _e("RETREAT", "0873", "disarm"),
    "return": _e("RETREAT", "084"),  # with an object: CAMEO 084 "return, release"
    # REQUEST
    "urge": _e("REQUEST", "100"),
    "demand": _e("REQUEST", "100"),
    "ask": _e("REQUEST", "100"),
    "request": _e("REQUEST", "100"),
    "implore": _e("REQUEST", "100"),
    "press": _e("REQUEST", "100"),
    "pressure": _e("REQUEST", "100"),
    "appeal": _e("REQUEST", "100"),
    "plead": _e("REQUEST", "100"),
    "petition": _e("REQUEST", "100"),
    "order": _e("REQUEST", "100"),  # PLOVER: "all requests, demands, and orders"
    # ACCUSE: disapprove, allege, investigate, sue
    "condemn": _e("ACCUSE", "111", "disapprove"),
    "criticize": _e("ACCUSE", "111", "disapprove"),
    "criticise": _e("ACCUSE", "111", "disapprove"),
    "denounce": _e("ACCUSE", "111", "disapprove"),
    "decry": _e("ACCUSE", "111", "disapprove"),
    "deplore": _e("ACCUSE", "111", "disapprove"),
    "blast": _e("ACCUSE", "111", "disapprove"),
    "slam": _e("ACCUSE", "111", "disapprove"),
    "rebuke": _e("ACCUSE", "111", "disapprove"),
    "censure": _e("ACCUSE", "111", "disapprove"),
    "protest": _e("PROTEST", "141", "demo"),
    "complain": _e("ACCUSE", "114", "allege"),
    "accuse": _e("ACCUSE", "112", "allege"),
    "allege": _e("ACCUSE", "112", "allege"),
    "charge": _e("ACCUSE", "112", "allege"),
    "indict": _e("ACCUSE", "112", "allege"),
    "sue": _e("ACCUSE", "115", "allege"),
    "blame": _e("ACCUSE", "112", "allege"),
    "investigate": _e("ACCUSE", "090", "investigate"),
    "probe": _e("ACCUSE", "090", "investigate"),
    "convict": _e("SANCTION", "116", "convict"),
    "sentence": _e("SANCTION", "116", "convict"),
    # REJECT
    "reject": _e("REJECT", "120"),
    "refuse": _e("REJECT", "120"),
    "deny": _e("REJECT", "120"),
    "dismiss": _e("REJECT", "120"),
    "veto": _e("REJECT", "129", "yield"),
    "block": _e("REJECT", "120"),
    "oppose": _e("REJECT", "120"),
    "defy": _e("REJECT", "128", "yield"),
    "rebuff": _e("REJECT", "120"),
    "decline": _e("REJECT", "120"),
    "cancel": _e("REJECT", "125", "meet"),
    # THREATEN
    "threaten": _e("THREATEN", "130"),
    "warn": _e("THREATEN", "130"),
    # PROTEST
    "rally": _e("PROTEST", "141", "demo"),
    "demonstrate": _e("PROTEST", "141", "demo"),
    "march": _e("PROTEST", "141", "demo"),
    "picket": _e("PROTEST", "141", "demo"),
    "boycott": _e("PROTEST", "143", "boycott"),
    "riot": _e("PROTEST", "145", "riot"),
    # SANCTION: reduce relations, sanctions, expel diplomats
    "sanction": _e("SANCTION", "163", "discontinue"),
    "designate": _e("SANCTION", "163", "discontinue"),
    "blacklist": _e("SANCTION", "163", "discontinue"),
    "embargo": _e("SANCTION", "163", "discontinue"),
    "suspend": _e("SANCTION", "160", "discontinue"),
    "halt": _e("SANCTION", "160", "discontinue"),
    "expel": _e("SANCTION", "166", "expel"),
    # MOBILIZE
    "deploy": _e("MOBILIZE", "154", "troops"),
    "mobilize": _e("MOBILIZE", "154", "troops"),
    "mobilise": _e("MOBILIZE", "154", "troops"),
    # COERCE: repression short of violence
    "arrest": _e("COERCE", "173", "arrest"),
    "detain": _e("COERCE", "173", "arrest"),
    "jail": _e("COERCE", "173", "arrest"),
    "imprison": _e("COERCE", "173", "arrest"),
    "round": _e("COERCE", "173", "arrest"),  # "round up", checked as a phrasal
    "hold": _e("COERCE", "173", "arrest"),  # "held in prisons", only with a person object
    "persecute": _e("COERCE", "175"),
    "repress": _e("COERCE", "175"),
    "deport": _e("COERCE", "174", "deport"),
    "ban": _e("COERCE", "172", "restrict"),
    "outlaw": _e("COERCE", "1722", "restrict"),
    "censor": _e("COERCE", "172", "censor"),
    "restrict": _e("COERCE", "172", "restrict"),
    "raid": _e("COERCE", "171", "seize"),
    "seize": _e("COERCE", "171", "seize"),
    "confiscate": _e("COERCE", "1711", "seize"),
    "harass": _e("COERCE", "170"),
    "hack": _e("COERCE", "176", "cyber"),  # PLOVER COERCE `cyber`: hacking, security breaches
    "intimidate": _e("COERCE", "170"),
    "blackmail": _e("COERCE", "170"),
    # ASSAULT
    "attack": _e("ASSAULT", "180"),
    "assault": _e("ASSAULT", "182", "beat"),
    "beat": _e("ASSAULT", "182", "beat"),
    "torture": _e("ASSAULT", "1822", "torture"),
    "kill": _e("ASSAULT", "1823"),
    "murder": _e("ASSAULT", "1823", "targeted"),
    "execute": _e("ASSAULT", "186", "targeted"),
    "assassinate": _e("ASSAULT", "186", "targeted"),
    "abduct": _e("ASSAULT", "181", "abduct"),
    "kidnap": _e("ASSAULT", "181", "abduct"),
    "bomb": _e("ASSAULT", "183", "explosives"),
    "shoot": _e("ASSAULT", "190", "firearms"),
    "shell": _e("ASSAULT", "194", "heavy-weapons"),
    "rape": _e("ASSAULT", "1821", "sexual"),
    "abuse": _e("ASSAULT", "182", "beat"),
    "massacre": _e("ASSAULT", "202"),
}

EVENT_PHRASALS: dict[tuple[str, str], LexEntry] = {
    ("call", "on"): _e("REQUEST", "100"),
    ("call", "for"): _e("REQUEST", "100"),
    ("call", "upon"): _e("REQUEST", "100"),
    ("crack", "down"): _e("COERCE", "175"),
    ("round", "up"): _e("COERCE", "173", "arrest"),
    ("speak", "out"): _e("ACCUSE", "111", "disapprove"),
    ("pull", "out"): _e("RETREAT", "087", "withdraw"),
    ("step", "down"): _e("RETREAT", "080", "resign"),
    ("back", "down"): _e("CONCEDE", "080"),
    ("sign", "on"): _e("SUPPORT", "053"),
    ("stand", "up"): _e("SUPPORT", "052"),
    ("speak", "with"): _e("CONSULT", "040"),
    ("talk", "with"): _e("CONSULT", "040"),
}
"""Verb + particle or preposition whose meaning the verb alone does not carry."""

_NEEDS_PARTICLE: frozenset[str] = frozenset({"round"})
_NEEDS_PERSON_OBJECT: frozenset[str] = frozenset({"hold", "free", "release", "allow", "permit"})
_NEEDS_OBJECT: frozenset[str] = frozenset({"return"})  # "returned the land", not "returned home"

GROUP_NOUNS: frozenset[str] = frozenset(
    """people person man men woman women activist prisoner detainee journalist protester
    dissident member official citizen resident student worker soldier civilian child
    hostage refugee suspect opponent critic leader candidate wounded injured casualty survivor
    foreigner national tourist family villager""".split()
)
"""Nouns for people, for verbs that need a person object ("held activists")."""

EVENT_NOUNS: dict[str, LexEntry] = {
    "arrest": _e("COERCE", "173", "arrest"),
    "detention": _e("COERCE", "173", "arrest"),
    "imprisonment": _e("COERCE", "173", "arrest"),
    "crackdown": _e("COERCE", "175"),
    "persecution": _e("COERCE", "175"),
    "purge": _e("COERCE", "175"),
    "deportation": _e("COERCE", "174", "deport"),
    "ban": _e("COERCE", "172", "restrict"),
    "raid": _e("COERCE", "171", "seize"),
    "torture": _e("ASSAULT", "1822", "torture"),
    "killing": _e("ASSAULT", "1823"),
    "murder": _e("ASSAULT", "1823", "targeted"),
    "execution": _e("ASSAULT", "186", "targeted"),
    "assassination": _e("ASSAULT", "186", "targeted"),
    "abduction": _e("ASSAULT", "181", "abduct"),
    "kidnapping": _e("ASSAULT", "181", "abduct"),
    "attack": _e("ASSAULT", "180"),
    "bombing": _e("ASSAULT", "183", "explosives"),
    "massacre": _e("ASSAULT", "202"),
    "sanction": _e("SANCTION", "163", "discontinue"),
    "designation": _e("SANCTION", "163", "discontinue"),
    "embargo": _e("SANCTION", "163", "discontinue"),
    "expulsion": _e("SANCTION", "166", "expel"),
    "conviction": _e("SANCTION", "116", "convict"),
    "condemnation": _e("ACCUSE", "111", "disapprove"),
    "criticism": _e("ACCUSE", "111", "disapprove"),
    "accusation": _e("ACCUSE", "112", "allege"),
    "allegation": _e("ACCUSE", "112", "allege"),
    "investigation": _e("ACCUSE", "090", "investigate"),
    "inquiry": _e("ACCUSE", "090", "investigate"),
    "probe": _e("ACCUSE", "090", "investigate"),
    "lawsuit": _e("ACCUSE", "115", "allege"),
    "protest": _e("PROTEST", "141", "demo"),
    "demonstration": _e("PROTEST", "141", "demo"),
    "rally": _e("PROTEST", "141", "demo"),
    "boycott": _e("PROTEST", "143", "boycott"),
    "riot": _e("PROTEST", "145", "riot"),
    "meeting": _e("CONSULT", "040"),
    "talk": _e("CONSULT", "046"),
    "visit": _e("CONSULT", "042", "visit"),
    "negotiation": _e("CONSULT", "046"),
    "release": _e("RETREAT", "0841", "release"),
    "withdrawal": _e("RETREAT", "087", "withdraw"),
    "resignation": _e("RETREAT", "080", "resign"),
    "ceasefire": _e("RETREAT", "0871", "ceasefire"),
    "deployment": _e("MOBILIZE", "154", "troops"),
    "threat": _e("THREATEN", "130"),
    "ultimatum": _e("THREATEN", "139", "relations"),
    "veto": _e("REJECT", "129", "yield"),
    "rejection": _e("REJECT", "120"),
    "refusal": _e("REJECT", "120"),
    "pardon": _e("CONCEDE", "081"),
    "amnesty": _e("CONCEDE", "081"),
    "apology": _e("SUPPORT", "055"),
    "endorsement": _e("SUPPORT", "051"),
    "aid": _e("AID", "070"),
    "asylum": _e("AID", "075"),
    "donation": _e("AID", "070"),
    "request": _e("REQUEST", "100"),
    "demand": _e("REQUEST", "100"),
    "appeal": _e("REQUEST", "100"),
}
"""Nouns that name an event ("the arrests of forty people", "the designation of X")."""


# More triggers, one per CAMEO category name (the codebook's 3- and 4-digit names, read as English
# verbs) and the PLOVER 2.0 definitions; where CAMEO2PLOVER maps a code to another event than the
# tables above (116 "find guilty" is ACCUSE, 144 "obstruct" PROTEST, 085 "ease sanctions" RETREAT)
# the mapping wins.
EVENT_VERBS.update({
    # AGREE
    "accede": _e("CONCEDE", "083"), "settle": _e("AGREE", "037"), "guarantee": _e("AGREE", "030"),
    "undertake": _e("AGREE", "030"),
    # CONSULT
    "confer": _e("CONSULT", "040"), "talk": _e("CONSULT", "040"), "travel": _e("CONSULT", "042", "visit"),
    "arrive": _e("CONSULT", "042", "visit"), "tour": _e("CONSULT", "042", "visit"),
    # SUPPORT
    "congratulate": _e("SUPPORT", "051"), "hail": _e("SUPPORT", "051"), "laud": _e("SUPPORT", "051"),
    "thank": _e("SUPPORT", "051"), "salute": _e("SUPPORT", "051"), "embrace": _e("SUPPORT", "051"),
    "reaffirm": _e("SUPPORT", "051"), "favor": _e("SUPPORT", "051"), "favour": _e("SUPPORT", "051"),
    "regret": _e("SUPPORT", "055"),
    # COOPERATE
    "share": _e("COOPERATE", "064"), "coordinate": _e("COOPERATE", "060"), "ally": _e("COOPERATE", "060"),
    "normalize": _e("COOPERATE", "060"),
    "normalise": _e("COOPERATE", "060"), # AID
    "supply": _e("AID", "070"), "grant": _e("AID", "070"), "feed": _e("AID", "073"),
    "airlift": _e("AID", "073"), "contribute": _e("AID", "070"),
    "lend": _e("AID", "071"), "loan": _e("AID", "071"), "finance": _e("AID", "071"),
    # CONCEDE
    "relax": _e("CONCEDE", "081"),
    "compromise": _e("CONCEDE", "080"), "reform": _e("CONCEDE", "083"), "submit": _e("CONCEDE", "080"),
    "capitulate": _e("CONCEDE", "080"), "soften": _e("CONCEDE", "081"),
    # RETREAT
    "surrender": _e("RETREAT", "0874", "disarm"),
    "demobilize": _e("RETREAT", "0873", "disarm"), "demobilise": _e("RETREAT", "0873", "disarm"),
    "lift": _e("RETREAT", "085", "ease"), "evacuate": _e("RETREAT", "087", "withdraw"),
    "repatriate": _e("RETREAT", "0841", "release"), "vacate": _e("RETREAT", "087", "withdraw"),
    "abandon": _e("RETREAT", "087", "withdraw"),
    # REQUEST
    "seek": _e("REQUEST", "100"), "insist": _e("REQUEST", "100"), "invite": _e("REQUEST", "106", "meet"),
    "beg": _e("REQUEST", "100"), "lobby": _e("REQUEST", "100"), "exhort": _e("REQUEST", "100"),
    # ACCUSE
    "convict": _e("ACCUSE", "116", "disapprove"), "sentence": _e("ACCUSE", "116", "disapprove"),
    "examine": _e("ACCUSE", "090", "investigate"), "scold": _e("ACCUSE", "111", "disapprove"),
    "chide": _e("ACCUSE", "111", "disapprove"), "lambaste": _e("ACCUSE", "111", "disapprove"),
    "castigate": _e("ACCUSE", "111", "disapprove"), "fault": _e("ACCUSE", "111", "disapprove"),
    "object": _e("ACCUSE", "110", "disapprove"),
    "prosecute": _e("ACCUSE", "115", "allege"), "impeach": _e("ACCUSE", "112", "allege"),
    # REJECT
    "resist": _e("REJECT", "120"), "spurn": _e("REJECT", "120"), "repudiate": _e("REJECT", "120"),
    "renounce": _e("REJECT", "120"), "disregard": _e("REJECT", "128", "yield"),
    "ignore": _e("REJECT", "128", "yield"), "violate": _e("REJECT", "128", "yield"),
    "refute": _e("REJECT", "120"), "renege": _e("REJECT", "127"), "disagree": _e("REJECT", "120"),
    "disavow": _e("REJECT", "120"),
    # THREATEN
    "menace": _e("THREATEN", "130"), # PROTEST
    "obstruct": _e("PROTEST", "144", "obstruct"),
    "blockade": _e("COERCE", "191", "restrict"), "occupy": _e("COERCE", "192", "seize"),
    # SANCTION
    "sever": _e("SANCTION", "161", "withdraw"), "freeze": _e("SANCTION", "163", "discontinue"),
    "downgrade": _e("SANCTION", "161", "withdraw"), "terminate": _e("SANCTION", "160", "discontinue"),
    "postpone": _e("SANCTION", "164", "withdraw"),
    # MOBILIZE
    "mass": _e("MOBILIZE", "154", "troops"), "reinforce": _e("MOBILIZE", "154", "troops"),
    "muster": _e("MOBILIZE", "154", "troops"), "station": _e("MOBILIZE", "154", "troops"),
    # COERCE
    "confine": _e("COERCE", "173", "arrest"), "apprehend": _e("COERCE", "173", "arrest"),
    "capture": _e("COERCE", "173", "arrest"), "nab": _e("COERCE", "173", "arrest"),
    "evict": _e("COERCE", "174", "deport"),
    "impound": _e("COERCE", "1711", "seize"), "annex": _e("COERCE", "192", "seize"),
    "prohibit": _e("COERCE", "172", "restrict"), "forbid": _e("COERCE", "172", "restrict"),
    "dissolve": _e("COERCE", "1722", "ban"), "suppress": _e("COERCE", "175"),
    "disperse": _e("COERCE", "175"), # ASSAULT
    "fight": _e("ASSAULT", "190"), "clash": _e("ASSAULT", "190"), "invade": _e("ASSAULT", "190"),
    "bombard": _e("ASSAULT", "195", "heavy-weapons"), "ambush": _e("ASSAULT", "180"),
    "wound": _e("ASSAULT", "190"), "injure": _e("ASSAULT", "182", "beat"), "hijack": _e("ASSAULT", "181", "abduct"),
    "destroy": _e("ASSAULT", "1712", "seize"), "raze": _e("ASSAULT", "1712", "seize"),
    "loot": _e("ASSAULT", "1712", "seize"),
    "storm": _e("ASSAULT", "190"), "stab": _e("ASSAULT", "182", "beat"), "slay": _e("ASSAULT", "1823"),
    "behead": _e("ASSAULT", "1823"), "detonate": _e("ASSAULT", "183", "explosives"),
    "explode": _e("ASSAULT", "183", "explosives"),
    "strafe": _e("ASSAULT", "195", "heavy-weapons"),
})

EVENT_PHRASALS.update({
    ("fire", "at"): _e("ASSAULT", "190"), ("fire", "on"): _e("ASSAULT", "190"),
    ("open", "fire"): _e("ASSAULT", "190"), ("break", "off"): _e("SANCTION", "161", "withdraw"),
    ("cut", "off"): _e("SANCTION", "162", "discontinue"), ("turn", "down"): _e("REJECT", "120"),
    ("hand", "over"): _e("RETREAT", "0842", "return"), ("give", "up"): _e("CONCEDE", "080"),
    ("set", "free"): _e("RETREAT", "0841", "release"), ("walk", "out"): _e("PROTEST", "143", "boycott"),
    ("lock", "up"): _e("COERCE", "173", "arrest"), ("shut", "down"): _e("COERCE", "172", "restrict"),
    ("close", "down"): _e("COERCE", "172", "restrict"), ("blow", "up"): _e("ASSAULT", "183", "explosives"),
    ("agree", "on"): _e("AGREE", "030"), ("meet", "with"): _e("CONSULT", "040"),
    ("back", "away"): _e("RETREAT", "087", "withdraw"), ("withdraw", "from"): _e("RETREAT", "087", "withdraw"),
    ("lash", "out"): _e("ACCUSE", "111", "disapprove"), ("stand", "by"): _e("SUPPORT", "052"),
    ("speak", "against"): _e("ACCUSE", "111", "disapprove"), ("rule", "out"): _e("REJECT", "120"),
    ("carry", "out"): _e("ASSAULT", "180"),
    ("push", "for"): _e("REQUEST", "100"), ("press", "for"): _e("REQUEST", "100"),
    ("commit", "to"): _e("AGREE", "030"),
})

EVENT_NOUNS.update({
    "talks": _e("CONSULT", "046"), "summit": _e("CONSULT", "040"), "consultation": _e("CONSULT", "040"),
    "agreement": _e("AGREE", "030"), "accord": _e("AGREE", "030"), "deal": _e("AGREE", "030"),
    "treaty": _e("SUPPORT", "057"), "pact": _e("AGREE", "030"), "promise": _e("AGREE", "030"),
    "pledge": _e("AGREE", "030"), "truce": _e("RETREAT", "0871", "ceasefire"),
    "strike": _e("PROTEST", "143", "boycott"), "clash": _e("ASSAULT", "190"), "fighting": _e("ASSAULT", "190"),
    "airstrike": _e("ASSAULT", "195", "heavy-weapons"), "offensive": _e("ASSAULT", "190"),
    "invasion": _e("ASSAULT", "190"), "blockade": _e("COERCE", "191", "restrict"),
    "curfew": _e("COERCE", "1723", "curfew"), "occupation": _e("COERCE", "192", "seize"),
    "shelling": _e("ASSAULT", "194", "heavy-weapons"), "shooting": _e("ASSAULT", "193", "firearms"),
    "assistance": _e("AID", "070"), "support": _e("SUPPORT", "051"), "praise": _e("SUPPORT", "051"),
    "warning": _e("THREATEN", "130"), "charge": _e("ACCUSE", "112", "allege"),
    "sit-in": _e("PROTEST", "144", "obstruct"), "march": _e("PROTEST", "141", "demo"),
    "hostage": _e("ASSAULT", "181", "abduct"), "cooperation": _e("COOPERATE", "060"),
    "recognition": _e("SUPPORT", "054"), "denial": _e("REJECT", "120"), "mobilization": _e("MOBILIZE", "154"),
    "mediation": _e("CONSULT", "045"), "restriction": _e("COERCE", "172", "restrict"),
    "hearing": _e("ACCUSE", "090", "investigate"), "patrol": _e("MOBILIZE", "153", "police"),
    "martial law": _e("COERCE", "1724", "martial-law"), "state of emergency": _e("COERCE", "1724", "martial-law"),
    "state of siege": _e("COERCE", "1724", "martial-law"), "cleansing": _e("ASSAULT", "203"),
    "hacking": _e("COERCE", "176", "cyber"), "suspension": _e("SANCTION", "160", "discontinue"),
})

_TIES = ("tie", "relation", "relationship", "link", "contact")
_DISSENT = ("strike", "protest", "boycott", "demonstration", "rally", "march", "sit-in")
_RESTRICTIONS = ("restriction", "ban", "curfew", "censorship", "state of emergency", "state of siege", "martial law")
_PASSAGES = ("road", "street", "bridge", "highway", "railway", "route", "traffic", "entrance", "transport",
             "junction", "intersection")
_GOODS = ("aid", "assistance", "food", "medicine", "help", "loan", "relief", "supply", "money", "fund",
          "weapon", "arm", "asylum", "shelter", "credit", "grant", "equipment")
_PRESENCE = ("inspector", "observer", "monitor", "diplomat", "envoy", "peacekeeper", "peacekeeping force",
             "staff", "worker", "personnel", "mission")

OBJECT_EVENTS: dict[tuple[str, str], LexEntry] = {
    # PLOVER SUPPORT: "initiate, resume, improve, or expand diplomatic, non-material cooperation";
    # COOPERATE is material ("mutual material cooperation or exchange")
    **{(v, n): _e("SUPPORT", "050") for v in ("restore", "resume", "establish", "normalize", "normalise",
                                               "renew", "improve", "strengthen", "upgrade")
       for n in _TIES},
    **{(v, "cooperation"): _e("COOPERATE", "060") for v in ("restore", "resume", "establish", "renew", "improve",
                                                              "strengthen", "expand")},
    **{(v, n): _e("SANCTION", "161", "withdraw") for v in ("break", "sever", "cut", "suspend", "freeze",
                                                            "downgrade", "end")
       for n in ("tie", "relation", "relationship", "link", "contact", "cooperation")},
    # CAMEO 162 "reduce or stop material aid": PLOVER SANCTION "curtail, decrease, ... terminate"
    **{(v, n): _e("SANCTION", "162", "discontinue") for v in ("cut", "suspend", "halt", "freeze", "end", "stop",
                                                              "reduce", "curtail", "withhold", "prohibit")
       for n in ("aid", "assistance", "funding", "loan", "supply", "shipment", "export", "import")},
    # CAMEO 085 / 0872: easing sanctions and blockades is RETREAT
    **{(v, n): _e("RETREAT", "085", "ease") for v in ("lift", "ease", "relax", "end")
       for n in ("sanction", "embargo", "blockade", "siege")},
    # PLOVER CONCEDE: "easing of administrative or legal restrictions ..., removing curfews"
    **{(v, n): _e("CONCEDE", "081") for v in ("lift", "ease", "relax", "end", "cancel", "repeal", "revoke",
                                              "rescind", "shorten", "scrap", "abolish")
       for n in _RESTRICTIONS},
    # CAMEO 082 "cancel, suspend, or postpone any activity that constitutes political dissent"
    **{(v, n): _e("CONCEDE", "082") for v in ("call off", "end", "suspend", "postpone", "cancel", "halt", "stop")
       for n in _DISSENT},
    # CAMEO 083 "accede to requests or demands"
    **{(v, "demand"): _e("CONCEDE", "083") for v in ("accept", "meet", "grant", "satisfy", "heed")},
    **{(v, n): _e("AID", "070") for v in ("provide", "give", "send", "deliver", "supply", "grant", "donate",
                                          "extend", "hand over", "ship", "airlift")
       for n in _GOODS},
    **{("pay", n): _e("AID", "071") for n in ("compensation", "reparation", "damages")},  # PLOVER AID: reparations
    # CAMEO 15 "mobilize or increase armed forces", 152 "increase military alert status"
    **{(v, n): _e("MOBILIZE", "154", "troops") for v in ("send", "deploy", "mass", "move", "dispatch", "strengthen",
                                                        "reinforce", "boost", "increase", "bolster")
       for n in ("troop", "soldier", "force", "tank", "warship", "unit", "police", "presence")},
    **{(v, "alert"): _e("MOBILIZE", "152", "troops") for v in ("put", "place", "remain", "keep", "go")},
    # CAMEO 144 "obstruct passage, block"
    **{(v, n): _e("PROTEST", "144", "obstruct") for v in ("block", "blockade", "barricade", "occupy")
       for n in _PASSAGES},
    # CAMEO 1721 restrictions on freedom of assembly and expression (PLOVER COERCE `restrict`, `censor`)
    **{(v, n): _e("COERCE", "1721", "restrict") for v in ("prevent", "ban", "break", "disperse", "block", "stop",
                                                          "prohibit", "forbid")
       for n in (*_DISSENT, "gathering", "meeting")},
    **{(v, n): _e("COERCE", "1721", "censor") for v in ("suspend", "close", "shut", "shut down", "ban")
       for n in ("publication", "newspaper", "broadcast", "station", "website", "paper", "channel")},
    # CAMEO 164/165 "halt negotiations / mediation", 166/1662 "expel or withdraw" observers
    **{(v, n): _e("SANCTION", "164", "withdraw") for v in ("end", "halt", "suspend", "abandon", "quit", "stop")
       for n in ("talk", "negotiation", "mediation", "dialogue")},
    **{(v, n): _e("SANCTION", "166", "withdraw") for v in ("withdraw", "pull out", "recall")
       for n in _PRESENCE},
    **{(v, n): _e("ASSAULT", "196") for v in ("violate", "break") for n in ("ceasefire", "truce")},
    # PLOVER AGREE: "agree to ... or otherwise indicate willingness or commitment"; CAMEO 037
    **{("reach", n): _e("AGREE", "037") for n in ("agreement", "accord", "deal", "consensus", "understanding",
                                                 "settlement", "compromise")},
    **{(v, n): _e("ASSAULT", "190") for v in ("fire", "launch", "drop")
       for n in ("shell", "rocket", "missile", "mortar", "bomb", "shot", "grenade", "round")},
    **{(v, n): _e("CONSULT", "046") for v in ("hold", "open", "begin", "start", "resume", "conduct", "renew")
       for n in ("talk", "negotiation", "meeting", "consultation", "discussion", "summit")},
    **{(v, n): _e("REJECT", "125", "meet") for v in ("cancel", "postpone", "call", "delay")
       for n in ("talk", "negotiation", "meeting", "visit", "summit")},
    ("take", "hostage"): _e("ASSAULT", "181", "abduct"), ("hold", "hostage"): _e("ASSAULT", "181", "abduct"),
    ("impose", "curfew"): _e("COERCE", "1723", "curfew"), ("declare", "ceasefire"): _e("RETREAT", "0871", "ceasefire"),
    ("declare", "truce"): _e("RETREAT", "0871", "ceasefire"), ("sign", "agreement"): _e("SUPPORT", "057"),
    ("stage", "strike"): _e("PROTEST", "143", "boycott"), ("go", "strike"): _e("PROTEST", "143", "boycott"),
    ("stop", "work"): _e("PROTEST", "143", "strike"),  # CAMEO 143 "protest by refusing to work"
    ("open", "fire"): _e("ASSAULT", "190"), ("set", "fire"): _e("ASSAULT", "1712", "seize"),
    ("pay", "visit"): _e("CONSULT", "042", "visit"), ("make", "visit"): _e("CONSULT", "042", "visit"),
    ("pay", "tribute"): _e("SUPPORT", "051"), ("express", "support"): _e("SUPPORT", "051"),
    ("express", "regret"): _e("SUPPORT", "055"), ("express", "concern"): _e("ACCUSE", "110", "disapprove"),
    ("raise", "concern"): _e("ACCUSE", "110", "disapprove"), ("lodge", "protest"): _e("ACCUSE", "114", "allege"),
    ("file", "complaint"): _e("ACCUSE", "114", "allege"), ("file", "lawsuit"): _e("ACCUSE", "115", "allege"),
    ("take", "control"): _e("COERCE", "192", "seize"),
    ("seize", "control"): _e("COERCE", "192", "seize"),
    **{("recall", n): _e("SANCTION", "161", "withdraw") for n in ("ambassador", "envoy", "diplomat")},
}
"""Verb (or verb + particle, "call off") + object lemma pairs that name an event neither word names
alone ("restored ties", "called off the strike")."""

PERSON_OBJECT_EVENTS: dict[str, LexEntry] = {
    "evacuate": _e("AID", "073"),  # evacuating the wounded is humanitarian aid; a town, a retreat
}
"""Verbs whose event differs when their object is a person or group."""


UNTYPED = "UNTYPED"
"""The type of an event mention whose trigger the lexicon does not know (gold-span evaluation only)."""


def event_entry(lemma: str, particle: str | None = None) -> LexEntry | None:
    """The entry for a verb lemma, or for verb + particle when the pair has its own."""
    if particle is not None:
        hit = EVENT_PHRASALS.get((lemma, particle))
        if hit is not None:
            return hit
    if lemma in _NEEDS_PARTICLE:
        return None
    return EVENT_VERBS.get(lemma)


def needs_person_object(lemma: str) -> bool:
    """Verbs that only name an event when their object is a person or group ("held activists")."""
    return lemma in _NEEDS_PERSON_OBJECT


def needs_object(lemma: str) -> bool:
    """Verbs that only name an event with a direct object ("returned the land", not "returned home")."""
    return lemma in _NEEDS_OBJECT


# ------------------------------------------------------------------ people: titles, parties, states

_TITLES = """Secretary of State|Secretary of Defense|Secretary of the Treasury|Attorney General|
Prime Minister|Deputy Prime Minister|Foreign Minister|Defense Minister|Interior Minister|
Vice President|President|Vice-President|Senator|Sen.|Sens.|Senators|Representative|Rep.|
Reps.|Congressman|Congresswoman|Governor|Gov.|Lt. Gov.|Mayor|Ambassador|Amb.|Secretary|
Speaker|House Speaker|Chairman|Chairwoman|Chair|Minister|Chancellor|King|Queen|Prince|
Princess|Pope|Judge|Justice|Chief Justice|General|Gen.|Col.|Colonel|Lt.|Lieutenant|Capt.|
Captain|Sgt.|Sergeant|Maj.|Major|Adm.|Admiral|Dr.|Prof.|Professor|Rev.|Father|Sister|
Mr.|Mrs.|Ms.|Miss|Mx.|Sir|Dame|Lord|Lady|Leader|Head|Director|Commissioner|Spokesman|
Spokeswoman|Spokesperson|Premier|Sheikh|Imam|Rabbi|Bishop|Archbishop|
Majority Leader|Minority Leader|Senate Majority Leader|Senate Minority Leader|
House Majority Leader|House Minority Leader|Special Envoy|Envoy|Commander"""

PERSON_TITLES: tuple[str, ...] = tuple(
    sorted((t.strip() for t in _TITLES.replace("\n", "").split("|")), key=len, reverse=True)
)
"""Titles written before a name; longest first so a regex alternation prefers the longest."""

HONORIFICS: frozenset[str] = frozenset({"mr.", "mrs.", "ms.", "miss", "mx.", "mr", "mrs", "ms", "dr.", "dr"})

PARTIES: dict[str, str] = {
    "democrat": "D",
    "democratic": "D",
    "republican": "R",
    "independent": "I",
    "gop": "R",
}

_STATE_ROWS = """AL Alabama Ala.|AK Alaska Alaska|AZ Arizona Ariz.|AR Arkansas Ark.|CA California Calif.|
CO Colorado Colo.|CT Connecticut Conn.|DE Delaware Del.|FL Florida Fla.|GA Georgia Ga.|HI Hawaii Hawaii|
ID Idaho Idaho|IL Illinois Ill.|IN Indiana Ind.|IA Iowa Iowa|KS Kansas Kan.|KY Kentucky Ky.|
LA Louisiana La.|ME Maine Maine|MD Maryland Md.|MA Massachusetts Mass.|MI Michigan Mich.|
MN Minnesota Minn.|MS Mississippi Miss.|MO Missouri Mo.|MT Montana Mont.|NE Nebraska Neb.|
NV Nevada Nev.|NH New_Hampshire N.H.|NJ New_Jersey N.J.|NM New_Mexico N.M.|NY New_York N.Y.|
NC North_Carolina N.C.|ND North_Dakota N.D.|OH Ohio Ohio|OK Oklahoma Okla.|OR Oregon Ore.|
PA Pennsylvania Pa.|RI Rhode_Island R.I.|SC South_Carolina S.C.|SD South_Dakota S.D.|
TN Tennessee Tenn.|TX Texas Texas|UT Utah Utah|VT Vermont Vt.|VA Virginia Va.|WA Washington Wash.|
WV West_Virginia W.Va.|WI Wisconsin Wis.|WY Wyoming Wyo.|DC District_of_Columbia D.C.|
PR Puerto_Rico P.R.|GU Guam Guam"""


def _states() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _STATE_ROWS.replace("\n", "").split("|"):
        code, name, abbr = row.split()
        for form in (code, name.replace("_", " "), abbr, abbr.rstrip(".")):
            table[form.casefold()] = code
    table["w. va."] = "WV"
    table["wva"] = "WV"
    return table


STATES: dict[str, str] = _states()
"""US state names, AP abbreviations and postal codes (casefolded) -> postal code."""


# ------------------------------------------------------------------ CAMEO-style actor codes

_COUNTRY_ROWS = """AFG Afghanistan;Afghan;Afghans|ALB Albania;Albanian;Albanians|DZA Algeria;Algerian;Algerians|
AGO Angola;Angolan|ARG Argentina;Argentine;Argentinian|ARM Armenia;Armenian;Armenians|AUS Australia;Australian;
Australians|AUT Austria;Austrian|AZE Azerbaijan;Azerbaijani;Azerbaijanis;Azeri|BHR Bahrain;Bahraini|
BGD Bangladesh;Bangladeshi|BLR Belarus;Belarusian|BEL Belgium;Belgian|BEN Benin|BOL Bolivia;Bolivian|
BIH Bosnia;Bosnia and Herzegovina;Bosnian;Bosnians|BWA Botswana|BRA Brazil;Brazilian|BGR Bulgaria;Bulgarian|
BFA Burkina Faso|BDI Burundi;Burundian|KHM Cambodia;Cambodian|CMR Cameroon;Cameroonian|CAN Canada;Canadian;
Canadians|CAF Central African Republic|TCD Chad;Chadian|CHL Chile;Chilean|CHN China;Chinese;Beijing|
COL Colombia;Colombian|COD Democratic Republic of the Congo;DR Congo;Congolese|COG Republic of the Congo|
CRI Costa Rica|CIV Ivory Coast;Cote d'Ivoire;Ivorian|HRV Croatia;Croatian;Croats|CUB Cuba;Cuban;Cubans|
CYP Cyprus;Cypriot|CZE Czech Republic;Czechia;Czech|DNK Denmark;Danish|DJI Djibouti|DOM Dominican Republic|
ECU Ecuador;Ecuadorian|EGY Egypt;Egyptian;Egyptians|SLV El Salvador;Salvadoran|ERI Eritrea;Eritrean|
EST Estonia;Estonian|ETH Ethiopia;Ethiopian|FIN Finland;Finnish|FRA France;French|GAB Gabon|GMB Gambia|
GEO Georgia;Georgian|DEU Germany;German;Germans|GHA Ghana;Ghanaian|GRC Greece;Greek;Greeks|
GTM Guatemala;Guatemalan|GIN Guinea;Guinean|HTI Haiti;Haitian|HND Honduras;Honduran|HKG Hong Kong|
HUN Hungary;Hungarian;Hungarians|ISL Iceland;Icelandic|IND India;Indian;Indians|IDN Indonesia;Indonesian|
IRN Iran;Iranian;Iranians|IRQ Iraq;Iraqi;Iraqis|IRL Ireland;Irish|ISR Israel;Israeli;Israelis|ITA Italy;Italian|
JAM Jamaica;Jamaican|JPN Japan;Japanese|JOR Jordan;Jordanian|KAZ Kazakhstan;Kazakh|KEN Kenya;Kenyan|
PRK North Korea;North Korean;Pyongyang|KOR South Korea;South Korean;Seoul|KOS Kosovo;Kosovar|KWT Kuwait;
Kuwaiti|KGZ Kyrgyzstan;Kyrgyz|LAO Laos;Lao|LVA Latvia;Latvian|LBN Lebanon;Lebanese|LBR Liberia;Liberian|
LBY Libya;Libyan;Libyans|LTU Lithuania;Lithuanian|LUX Luxembourg|MKD North Macedonia;Macedonia;Macedonian|
MDG Madagascar|MWI Malawi|MYS Malaysia;Malaysian|MLI Mali;Malian|MRT Mauritania|MEX Mexico;Mexican;Mexicans|
MDA Moldova;Moldovan|MNG Mongolia;Mongolian|MNE Montenegro|MAR Morocco;Moroccan|MOZ Mozambique|
MMR Myanmar;Burma;Burmese|NAM Namibia|NPL Nepal;Nepalese|NLD Netherlands;Holland;Dutch|NZL New Zealand|
NIC Nicaragua;Nicaraguan|NER Niger|NGA Nigeria;Nigerian;Nigerians|NOR Norway;Norwegian|OMN Oman;Omani|
PAK Pakistan;Pakistani;Pakistanis|PSE Palestine;Palestinian;Palestinians;Gaza;West Bank|PAN Panama;Panamanian|
PNG Papua New Guinea|PRY Paraguay|PER Peru;Peruvian|PHL Philippines;Philippine;Filipino|POL Poland;Polish;Poles|
PRT Portugal;Portuguese|QAT Qatar;Qatari|ROU Romania;Romanian;Romanians|RUS Russia;Russian;Russians;
Russian Federation;Moscow;Kremlin|RWA Rwanda;Rwandan|SAU Saudi Arabia;Saudi;Saudis|SEN Senegal;Senegalese|
SRB Serbia;Serbian;Serb;Serbs;Yugoslavia;Yugoslav|SLE Sierra Leone|SGP Singapore|SVK Slovakia;Slovak|
SVN Slovenia;Slovenian|SOM Somalia;Somali;Somalis|ZAF South Africa;South African|SSD South Sudan|ESP Spain;
Spanish|LKA Sri Lanka;Sri Lankan|SDN Sudan;Sudanese|SWE Sweden;Swedish|CHE Switzerland;Swiss|SYR Syria;Syrian;
Syrians;Damascus|TWN Taiwan;Taiwanese|TJK Tajikistan;Tajik|TZA Tanzania;Tanzanian|THA Thailand;Thai|TGO Togo|
TUN Tunisia;Tunisian|TUR Turkey;Turkish;Turks|TKM Turkmenistan|UGA Uganda;Ugandan|UKR Ukraine;Ukrainian;
Ukrainians;Kiev;Kyiv|ARE United Arab Emirates;UAE;Emirati|GBR Britain;Great Britain;United Kingdom;UK;U.K.;
British;England;English;Scotland;Scottish;Wales;Welsh;Northern Ireland|USA United States;United States of America;
US;U.S.;USA;U.S.A.;America;American;Americans;Washington;White House;Pentagon|URY Uruguay|UZB Uzbekistan;Uzbek|
VEN Venezuela;Venezuelan|VNM Vietnam;Vietnamese|YEM Yemen;Yemeni|ZMB Zambia;Zambian|ZWE Zimbabwe;Zimbabwean"""


def _countries() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _COUNTRY_ROWS.replace("\n", "").split("|"):
        code, _, names = row.partition(" ")
        for name in names.split(";"):
            table[name.strip().casefold()] = code
    return table


COUNTRIES: dict[str, str] = _countries()
"""Country names, demonyms and a few metonyms (a capital or seat of government standing for
its state) -> ISO 3166 alpha-3 (Kosovo ``KOS``, Palestine ``PSE``), as PLOVER codes countries."""

SECTORS: dict[str, str] = {
    **dict.fromkeys(
        """government govt administration cabinet ministry minister ministers president premier
        official officials spokesman spokeswoman spokesperson diplomat diplomats ambassador envoy
        secretary chancellor regime authorities authority leader leaders mayor governor state
        department embassy consulate kremlin king queen monarch""".split(), "GOV"),
    **dict.fromkeys(
        """parliament parliamentary congress congressional senate senator senators lawmaker lawmakers
        legislator legislators legislature legislative house representative representatives
        congressman congresswoman mp mps assembly duma deputies""".split(), "LEG"),
    **dict.fromkeys(
        """army military troops soldiers soldier forces navy marines airforce general commander
        officers militia defense defence""".split(), "MIL"),
    **dict.fromkeys("court courts judge judges tribunal prosecutor prosecutors justice judiciary".split(),
                    "JUD"),
    **dict.fromkeys("police policemen policeman cops".split(), "COP"),
    **dict.fromkeys("rebels rebel insurgents insurgent guerrillas guerrilla militants militant separatists".split(),
                    "REB"),
    **dict.fromkeys("opposition dissidents dissident activists activist".split(), "OPP"),
    **dict.fromkeys("party".split(), "PTY"),
    **dict.fromkeys("company companies firm firms corporation bank banks business businesses".split(), "BUS"),
    **dict.fromkeys("journalist journalists reporter reporters newspaper media".split(), "JRN"),
    **dict.fromkeys("civilians civilian residents villagers citizens people refugees protesters".split(), "CVL"),
    **dict.fromkeys("intelligence spies spy".split(), "SPY"),
    **dict.fromkeys("church clergy bishop bishops priest imam rabbi".split(), "REL"),
}
"""Role words -> PLOVER sector codes (GOV, LEG, MIL, JUD, COP, REB, OPP, PTY, BUS, JRN, CVL, SPY, REL)."""

_IGO_WORDS = ("united nations", "u.n.", "un ", "nato", "european union", "eu ", "african union", "security council",
              "world bank", "imf", "international monetary fund", "world health organization", "who ",
              "organization for security", "osce", "arab league", "council of europe", "interpol", "unesco",
              "unicef", "unhcr", "asean", "opec", "apec", "international criminal court")
_NGO_WORDS = ("amnesty", "human rights watch", "red cross", "red crescent", "doctors without borders",
              "reporters without borders", "greenpeace", "oxfam", "foundation", "watch", "ngo", "charity",
              "committee to protect", "human rights")
_US_ROLE_TITLES = {"senator": "LEG", "sen.": "LEG", "rep.": "LEG", "representative": "LEG",
                   "congressman": "LEG", "congresswoman": "LEG", "governor": "GOV", "gov.": "GOV"}


def _words(text: str) -> list[str]:
    return [w for w in text.replace("'s", " ").replace(",", " ").split() if w]


def country_code(text: str) -> str | None:
    """The ISO3 code of the country a phrase names ("Hungarian officials" -> ``HUN``), longest name first."""
    words = _words(text)
    folded = [w.casefold() for w in words]
    best: tuple[int, str] | None = None
    for i in range(len(folded)):
        for n in (4, 3, 2, 1):
            if i + n > len(folded):
                continue
            cand = " ".join(folded[i:i + n])
            code = COUNTRIES.get(cand) or COUNTRIES.get(cand.rstrip(".")) if n > 1 or words[i][:1].isupper() else None
            if code and (best is None or n > best[0]):
                best = (n, code)
    return best[1] if best else None


def actor_code(text: str, label: str | None = None, attributes: dict[str, str] | None = None,
               *, role: str | None = None) -> str | None:
    """A CAMEO-style actor code: country + sector ("USAGOVLEG"-style stacking is kept to one role).

    ``text`` is the actor's words ("Russian troops", "the Senate"), ``label`` its entity label,
    ``attributes`` what mentions.py read around it (title, state, affiliation), ``role`` the head
    noun of the phrase when the mention is only a modifier ("Hungarian *officials*").  Returns
    ``"IGO"``/``"NGO"`` for international and non-governmental bodies, ``"USA"`` +
    sector for a US title with a state, the country code alone when no role word is present,
    and ``None`` when nothing is known.
    """
    attributes = attributes or {}
    folded = " " + " ".join(text.casefold().split()) + " "
    if any(f" {w}" in folded for w in _IGO_WORDS):
        return "IGO"
    if label in {"ORG", None} and any(f" {w}" in folded for w in _NGO_WORDS):
        return "NGO"
    country = country_code(text)
    for key in ("affiliation", "country", "nationality"):
        if country is None and attributes.get(key):
            country = country_code(attributes[key])
    title = attributes.get("title", "").casefold()
    sector = None
    role_words = [*(w.casefold().strip(".") for w in _words(text)), *(_words(title)), *([role.casefold()] if role
                                                                                       else [])]
    for w in reversed(role_words):  # the head noun comes last
        if w in SECTORS and COUNTRIES.get(w) is None:
            sector = SECTORS[w]
            break
    if country is None and attributes.get("state") and (title in _US_ROLE_TITLES or attributes.get("party")):
        country = "USA"
        sector = sector or _US_ROLE_TITLES.get(title, "LEG")
    if country is None:
        return None
    if sector == "CVL" and label == "NORP" and role is None:
        sector = None
    return country + (sector or "")


EVENT_WORD_BASES: dict[str, str] = {
    "death": "die", "dead": "die", "shot": "shoot", "loss": "lose", "lost": "lose", "sale": "sell", "sold": "sell",
    "decision": "decide", "won": "win", "fell": "fall", "fallen": "fall", "struck": "strike", "flight": "fly",
    "theft": "steal", "birth": "bear", "growth": "grow", "choice": "choose",
}
"""Event words whose simpler form of the same family no suffix rule finds (irregular verbs and
nouns): linking takes the simpler form when the story also uses it as an event word."""
