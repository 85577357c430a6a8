"""Reader for ECB+ (Cybulska & Vossen 2014): CAT XML documents with event and entity mentions.

The data stays outside the repository (``../shared/bench/coref/ecbplus``); this module only
reads it.  Each document becomes an :class:`EcbDocument` whose ``text`` is its tokens joined by
single spaces, sentences by ``"\\n"``, with every token and mention carrying character offsets
into that text.

A mention's ``chain`` is the cross-document instance id of its ``CROSS_DOC_COREF`` relation (the
``note`` attribute, or the target markable's ``instance_id``), a document-scoped id for an
``INTRA_DOC_COREF`` chain, and a unique ``"singleton:<doc>:<m_id>"`` id for a mention in no
relation, so that every mention belongs to exactly one cluster.

``annotated_only`` keeps the mentions of the sentences listed in
``ECBplus_coreference_sentences.csv`` (the fully annotated ones, the usual evaluation set).
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = ["EcbDocument", "EcbMention", "EcbToken", "annotated_sentences", "mention_kind", "read_ecbplus"]

MentionKind = Literal["event", "entity"]
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"


@dataclass(frozen=True)
class EcbToken:
    t_id: int
    sentence: int
    number: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EcbMention:
    m_id: int
    kind: MentionKind
    tag: str
    tokens: tuple[int, ...]
    start: int
    end: int
    text: str
    chain: str | None
    """Cross-document instance id; unique ``singleton:...`` id for a mention in no chain."""


@dataclass
class EcbDocument:
    doc_id: str
    topic: int
    text: str
    tokens: list[EcbToken] = field(default_factory=list)
    mentions: list[EcbMention] = field(default_factory=list)


def mention_kind(tag: str) -> MentionKind:
    """ACTION_* and NEG_ACTION_* markables are events; HUMAN/NON_HUMAN/LOC/TIME ones entities."""
    return "event" if tag.startswith(("ACTION", "NEG_ACTION")) else "entity"


def annotated_sentences(root: Path) -> dict[str, set[int]]:
    """Document id (``"1_10ecbplus"``) -> sentence numbers listed as fully annotated."""
    out: dict[str, set[int]] = {}
    with open(Path(root) / SENTENCES_CSV, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def read_ecbplus(
    root: Path, topics: Iterable[int] = range(1, 36), *, annotated_only: bool = True
) -> list[EcbDocument]:
    """Read the documents of ``topics`` under ``root`` (the folder holding ``ECB+/``), sorted by id."""
    root = Path(root)
    corpus = root / "ECB+" if (root / "ECB+").is_dir() else root
    keep = annotated_sentences(root) if annotated_only else None
    docs: list[EcbDocument] = []
    for topic in topics:
        folder = corpus / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            doc_id = path.name.removesuffix(".xml")
            sentences = None if keep is None else keep.get(doc_id, set())
            docs.append(_read_document(path, doc_id, topic, sentences))
    return docs


def _read_document(path: Path, doc_id: str, topic: int, sentences: set[int] | None) -> EcbDocument:
    tree = ET.parse(path).getroot()
    tokens: list[EcbToken] = []
    parts: list[str] = []
    pos = 0
    previous_sentence: int | None = None
    for node in tree.iter("token"):
        sentence = int(node.get("sentence", "0"))
        if previous_sentence is not None:
            sep = " " if sentence == previous_sentence else "\n"
            parts.append(sep)
            pos += 1
        text = node.text or ""
        t_id, number = int(node.get("t_id", "0")), int(node.get("number", "0"))
        tokens.append(EcbToken(t_id, sentence, number, text, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
        previous_sentence = sentence
    full = "".join(parts)
    by_id = {tok.t_id: tok for tok in tokens}

    chains = _chains(tree, doc_id)
    mentions: list[EcbMention] = []
    markables = tree.find("Markables")
    for node in markables if markables is not None else ():
        anchors = [int(a.get("t_id", "0")) for a in node.iter("token_anchor")]
        toks = [by_id[t] for t in anchors if t in by_id]
        if not toks:
            continue  # an instance markable (a chain's target), not a mention in the text
        if sentences is not None and toks[0].sentence not in sentences:
            continue
        m_id = int(node.get("m_id", "0"))
        start = min(t.start for t in toks)
        end = max(t.end for t in toks)
        mentions.append(
            EcbMention(
                m_id=m_id,
                kind=mention_kind(node.tag),
                tag=node.tag,
                tokens=tuple(t.t_id for t in toks),
                start=start,
                end=end,
                text=" ".join(t.text for t in toks),
                chain=chains.get(m_id, f"singleton:{doc_id}:{m_id}"),
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end, m.m_id))
    return EcbDocument(doc_id=doc_id, topic=topic, text=full, tokens=tokens, mentions=mentions)


def _chains(tree: ET.Element, doc_id: str) -> dict[int, str]:
    """Source m_id -> chain id, from CROSS_DOC_COREF (instance ids) and INTRA_DOC_COREF relations."""
    instance: dict[int, str] = {}
    markables = tree.find("Markables")
    for node in markables if markables is not None else ():
        if node.get("instance_id"):
            instance[int(node.get("m_id", "0"))] = str(node.get("instance_id"))
    out: dict[int, str] = {}
    relations = tree.find("Relations")
    for rel in relations if relations is not None else ():
        target = rel.find("target")
        if target is None:
            continue
        t_id = int(target.get("m_id", "0"))
        if rel.tag == "CROSS_DOC_COREF":
            chain = rel.get("note") or instance.get(t_id) or f"cross:{doc_id}:{t_id}"
        elif rel.tag == "INTRA_DOC_COREF":
            chain = f"intra:{doc_id}:{t_id}"
        else:
            continue
        for src in rel.iter("source"):
            out[int(src.get("m_id", "0"))] = chain
    return out
