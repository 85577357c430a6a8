"""The ECB+ reader on a small CAT XML document written here, and on the real data when present."""

from pathlib import Path

import pytest

from storyline.eval.ecbplus import mention_kind, read_ecbplus

DOC = """<Document doc_name="1_1ecb.xml" doc_id="X">
<token t_id="1" sentence="0" number="0">Anna</token>
<token t_id="2" sentence="0" number="1">Berg</token>
<token t_id="3" sentence="0" number="2">resigned</token>
<token t_id="4" sentence="0" number="3">.</token>
<token t_id="5" sentence="1" number="0">She</token>
<token t_id="6" sentence="1" number="1">left</token>
<token t_id="7" sentence="1" number="2">Oslo</token>
<token t_id="8" sentence="1" number="3">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="5"/></HUMAN_PART_PER>
<LOC_GEO m_id="4"><token_anchor t_id="7"/></LOC_GEO>
<LOC_GEO m_id="5"><token_anchor t_id="7"/></LOC_GEO>
<HUMAN_PART_PER m_id="9" RELATED_TO="" TAG_DESCRIPTOR="anna" instance_id="HUM1"/>
<UNKNOWN_INSTANCE_TAG m_id="10" RELATED_TO="" TAG_DESCRIPTOR=""/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1"/><source m_id="3"/><target m_id="9"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="2"><source m_id="4"/><target m_id="10"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "ECB+" / "1").mkdir(parents=True)
    (tmp_path / "ECB+" / "1" / "1_1ecb.xml").write_text(DOC, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("Topic,File,Sentence Number\n1,1ecb,0\n")
    return tmp_path


def test_text_joins_tokens_by_space_and_sentences_by_newline(root: Path) -> None:
    (doc,) = read_ecbplus(root, [1], annotated_only=False)
    assert doc.text == "Anna Berg resigned .\nShe left Oslo ."


def test_token_offsets_point_into_the_text(root: Path) -> None:
    (doc,) = read_ecbplus(root, [1], annotated_only=False)
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)


def test_mention_offsets_cover_its_tokens(root: Path) -> None:
    (doc,) = read_ecbplus(root, [1], annotated_only=False)
    anna = doc.mentions[0]
    assert (doc.text[anna.start : anna.end], anna.kind, anna.tag) == ("Anna Berg", "entity", "HUMAN_PART_PER")


def test_cross_document_chain_is_the_instance_id(root: Path) -> None:
    (doc,) = read_ecbplus(root, [1], annotated_only=False)
    assert {m.m_id: m.chain for m in doc.mentions}[3] == "HUM1"


def test_intra_document_chain_is_scoped_to_the_document(root: Path) -> None:
    (doc,) = read_ecbplus(root, [1], annotated_only=False)
    assert {m.m_id: m.chain for m in doc.mentions}[4] == "intra:1_1ecb:10"


def test_singletons_get_unique_chains(root: Path) -> None:
    (doc,) = read_ecbplus(root, [1], annotated_only=False)
    chains = {m.m_id: m.chain for m in doc.mentions}
    assert (chains[2], chains[5]) == ("singleton:1_1ecb:2", "singleton:1_1ecb:5")


def test_instance_markables_are_not_mentions(root: Path) -> None:
    (doc,) = read_ecbplus(root, [1], annotated_only=False)
    assert {m.m_id for m in doc.mentions} == {1, 2, 3, 4, 5}


def test_annotated_only_keeps_the_listed_sentences(root: Path) -> None:
    (doc,) = read_ecbplus(root, [1])
    assert {m.m_id for m in doc.mentions} == {1, 2}


@pytest.mark.parametrize(
    ("tag", "kind"),
    [
        pytest.param("ACTION_OCCURRENCE", "event", id="action"),
        pytest.param("NEG_ACTION_STATE", "event", id="negated-action"),
        pytest.param("HUMAN_PART_ORG", "entity", id="human"),
        pytest.param("TIME_DATE", "entity", id="time"),
    ],
)
def test_mention_kind_follows_the_tag(tag: str, kind: str) -> None:
    assert mention_kind(tag) == kind


REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "bench" / "coref" / "ecbplus"


@pytest.mark.skipif(not REAL.is_dir(), reason="ECB+ not present")
def test_real_topic_reads_with_consistent_offsets() -> None:
    docs = read_ecbplus(REAL, [1])
    mentions = [(doc, m) for doc in docs for m in doc.mentions]
    assert mentions and all(doc.text[m.start : m.end].startswith(m.text.split(" ")[0]) for doc, m in mentions)
