"""Word tables the analysis stages share: speech cues, event triggers, titles, parties, states.

The event tables map an English lemma to a PLOVER 2.0 event type, a CAMEO code and (where the
word alone settles it) a PLOVER mode.  They were written for this project from the PLOVER 2.0
manual's category definitions and the CAMEO codebook's category names; the word lists are our
own choice of common news verbs and nouns, not text copied from either.  Where the two disagree
we follow PLOVER (CAMEO 163 "impose sanctions" is coded SANCTION `discontinue`, the manual's
reading of international sanctions; arrests are COERCE `arrest`; killings and torture are
ASSAULT).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ATTRIBUTION_VERBS",
    "EVENT_NOUNS",
    "EVENT_PHRASALS",
    "EVENT_VERBS",
    "FUTURE_RECODE",
    "GROUP_NOUNS",
    "HONORIFICS",
    "HYPOTHETICAL_HEADS",
    "HYPOTHETICAL_MODALS",
    "LIGHT_VERBS",
    "NEGATING_HEADS",
    "PARTIES",
    "PERSON_TITLES",
    "REQUEST_VERBS",
    "SPEECH_VERBS",
    "STATES",
    "LexEntry",
    "event_entry",
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
    encourage push lobby""".split()
)
"""Verbs whose complement is asked for, not done: "X urged Y to act" is a REQUEST by X."""

# ------------------------------------------------------------------ modality cues

HYPOTHETICAL_MODALS: frozenset[str] = frozenset(
    "would could may might will shall should can must 'll wo ca".split()
)
HYPOTHETICAL_HEADS: frozenset[str] = frozenset(
    """plan intend expect hope seek aim want wish consider propose vow promise pledge
    prepare threaten offer unlikely likely possible able going try attempt mull weigh
    ready poised set""".split()
)
"""A trigger in the ``xcomp`` of one of these ("plans to sign", "is unlikely to sign")
has not happened yet."""
NEGATING_HEADS: frozenset[str] = frozenset("deny refuse fail decline refrain neglect".split())
"""A trigger in the complement of one of these ("refused to release") did not happen."""

LIGHT_VERBS: frozenset[str] = frozenset(
    """impose take carry conduct launch stage hold issue make level file bring announce
    order begin start lift extend introduce pass""".split()
)
"""Verbs that lend their clause to an event noun: "imposed sanctions" is a SANCTION."""

FUTURE_RECODE: dict[str, str] = {
    "CONSULT": "AGREE",
    "SUPPORT": "AGREE",
    "COOPERATE": "AGREE",
    "AID": "AGREE",
    "RETREAT": "CONCEDE",
}
"""PLOVER codes promised cooperation as AGREE and announced retreats as CONCEDE."""

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
_NEEDS_PERSON_OBJECT: frozenset[str] = frozenset({"hold", "free", "release"})

GROUP_NOUNS: frozenset[str] = frozenset(
    """people person man men woman women activist prisoner detainee journalist protester
    dissident member official citizen resident student worker soldier civilian child
    hostage refugee suspect opponent critic leader""".split()
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


# ------------------------------------------------------------------ people: titles, parties, states

_TITLES = """Secretary of State|Secretary of Defense|Secretary of the Treasury|Attorney General|
Prime Minister|Deputy Prime Minister|Foreign Minister|Defense Minister|Interior Minister|
Vice President|President|Vice-President|Senator|Sen.|Sens.|Senators|Representative|Rep.|
Reps.|Congressman|Congresswoman|Governor|Gov.|Lt. Gov.|Mayor|Ambassador|Amb.|Secretary|
Speaker|House Speaker|Chairman|Chairwoman|Chair|Minister|Chancellor|King|Queen|Prince|
Princess|Pope|Judge|Justice|Chief Justice|General|Gen.|Col.|Colonel|Lt.|Lieutenant|Capt.|
Captain|Sgt.|Sergeant|Maj.|Major|Adm.|Admiral|Dr.|Prof.|Professor|Rev.|Father|Sister|
Mr.|Mrs.|Ms.|Miss|Mx.|Sir|Dame|Lord|Lady|Leader|Head|Director|Commissioner|Spokesman|
Spokeswoman|Spokesperson|Premier|Sheikh|Imam|Rabbi|Bishop|Archbishop|Cardinal|
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
