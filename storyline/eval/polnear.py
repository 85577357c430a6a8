"""Reader and span scorer for PolNeAR (Newell et al., LREC 2018), attribution relations in news.

The data stays outside the repository (``../shared/bench/quotes/polnear``).  A split folder
holds ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann`` (BRAT standoff:
``T`` lines for Source / Cue / Content spans, possibly discontinuous, and ``E`` lines tying
them into one attribution).  Where two annotators did one article, the first annotator file in
sorted order is read.

Scoring follows ``../shared/bench/README.md``: a predicted span matches a gold span *exactly*
when both are equal after trimming whitespace, quote marks and ``, . ; :`` at their edges, and
*at overlap t* when it covers at least ``t`` of the gold span's characters.  For recall
(:func:`match_spans`) gold and predicted spans are paired one-to-one, largest overlap first, so
one long prediction cannot match many gold spans.  For precision (:func:`containing`) a
prediction is right when at least ``t`` of its own characters lie inside one gold content: a
quote the annotators took as one content across a cue ('"A," she said. "B."') and a system
records in two parts is not counted wrong for its second part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Attribution",
    "PolnearDocument",
    "Pieces",
    "marked_share",
    "containing",
    "match_spans",
    "prf",
    "read_polnear",
    "trim",
]

Pieces = tuple[tuple[int, int], ...]
"""A span as one or more ``(start, end)`` pieces (BRAT discontinuous spans)."""

QUOTE_MARKS = "\"“”„«»‘’'`"
_EDGE = QUOTE_MARKS + " \t\r\n,.;:—–-"


@dataclass(frozen=True)
class Attribution:
    content: Pieces
    cue: Pieces | None
    source: Pieces | None
    content_text: str

    @property
    def quote_marked(self) -> bool:
        """The content carries a double quote mark (curly or straight): a direct or mixed quote."""
        return any(c in self.content_text for c in "\"“”")

    @property
    def direct(self) -> bool:
        """At least half of the content's letters lie inside double quote marks: a direct quote
        (the rest of the quote-marked contents are reported speech quoting a phrase)."""
        return marked_share(self.content_text) >= 0.5


@dataclass
class PolnearDocument:
    doc_id: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def read_polnear(root: Path, split: str = "test") -> list[PolnearDocument]:
    """Documents of ``split`` (train / dev / test) under ``root`` (the folder holding ``data/``)."""
    base = Path(root)
    base = base / "data" if (base / "data").is_dir() else base
    folder = base / split
    by_doc: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        by_doc.setdefault(name, ann)
    docs: list[PolnearDocument] = []
    for name, ann in sorted(by_doc.items()):
        txt = folder / "text" / f"{name}.txt"
        if not txt.is_file():
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(PolnearDocument(name, text, _attributions(ann.read_text(encoding="utf-8"), text)))
    return docs


def _pieces(raw: str) -> Pieces:
    out = []
    for part in raw.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def _attributions(ann: str, text: str) -> list[Attribution]:
    spans: dict[str, Pieces] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = _pieces(offsets)
            del kind
        elif line.startswith("E") and len(cols) >= 2:
            roles: dict[str, str] = {}
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), ref)
            events.append(roles)
    out: list[Attribution] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        cue = spans.get(roles.get("Cue", ""))
        source = spans.get(roles.get("Source", ""))
        content_text = " ".join(text[a:b] for a, b in content)
        out.append(Attribution(content, cue, source, content_text))
    return out


def marked_share(text: str) -> float:
    """Share of the letters and digits of ``text`` that lie between double quote marks in it."""
    inside = False
    marked = total = 0
    for c in text:
        if c == "“" or (c == '"' and not inside):
            inside = True
        elif c == "”" or c == '"':
            inside = False
        elif c.isalnum():
            total += 1
            marked += inside
    return marked / total if total else 0.0


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without whitespace, quote marks and clause punctuation at the edges."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _length(p: Pieces) -> int:
    return sum(b - a for a, b in p)


def _covered(gold: Pieces, pred: Pieces) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in gold for c, d in pred)


def match_spans(
    text: str, gold: Sequence[Pieces], pred: Sequence[Pieces], threshold: float | None
) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, pred index)`` pairs; ``threshold=None`` asks for exact matches."""
    candidates: list[tuple[float, int, int]] = []
    if threshold is None:
        index: dict[tuple[int, int], list[int]] = {}
        for j, p in enumerate(pred):
            index.setdefault(trim(text, p[0][0], p[-1][1]), []).append(j)
        for i, g in enumerate(gold):
            for j in index.get(trim(text, g[0][0], g[-1][1]), ()):
                candidates.append((1.0, i, j))
    else:
        starts = sorted(range(len(pred)), key=lambda j: pred[j][0][0])
        for i, g in enumerate(gold):
            g_len = _length(g) or 1
            lo, hi = g[0][0], g[-1][1]
            for j in starts:
                if pred[j][0][0] >= hi:
                    break
                if pred[j][-1][1] <= lo:
                    continue
                share = _covered(g, pred[j]) / g_len
                if share >= threshold and share > 0:
                    candidates.append((share, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def containing(text: str, gold: Sequence[Pieces], pred: Pieces, threshold: float | None) -> int | None:
    """Index of the gold span holding at least ``threshold`` of ``pred``'s characters (the most),
    or, for ``threshold=None``, the gold span equal to it after trimming; None when there is none."""
    if threshold is None:
        want = trim(text, pred[0][0], pred[-1][1])
        return next((i for i, g in enumerate(gold) if trim(text, g[0][0], g[-1][1]) == want), None)
    p_len = _length(pred) or 1
    best: tuple[float, int] | None = None
    for i, g in enumerate(gold):
        share = _covered(g, pred) / p_len
        if share > 0 and share >= threshold and (best is None or share > best[0]):
            best = (share, i)
    return best[1] if best else None


def prf(correct_p: int, n_pred: int, correct_r: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where a denominator is 0)."""
    p = correct_p / n_pred if n_pred else 0.0
    r = correct_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
