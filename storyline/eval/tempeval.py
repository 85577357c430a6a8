"""TempEval-3 task A scoring of time expressions (UzZaman et al. 2013), on character spans.

* relaxed match: the spans overlap; strict match: identical spans (surrounding white space
  ignored).  Gold and system expressions are paired one to one, in text order, each gold with
  the first unpaired overlapping system expression;
* precision = matched system / all system, recall = matched gold / all gold, F1 as usual;
* type and value accuracy over the relaxed matches; value F1 = value accuracy x relaxed F1
  (the same as the F1 of value precision and value recall);
* the DCT is never scored (:func:`storyline.eval.timeml.read_timeml` leaves it out).

Values are compared after a light canonicalisation that the TempEval-3 scorer also applies in
effect: upper case, and a trailing ``T00:00`` style time kept as written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from storyline.eval.timeml import Timex

__all__ = ["Counts", "Scores", "match", "score_documents"]


@dataclasses.dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclasses.dataclass(frozen=True)
class Scores:
    """Percentages, as the TempEval-3 tables print them."""

    documents: int
    gold: int
    system: int
    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    type_acc: float
    value_acc: float
    value_f1: float

    @classmethod
    def of(cls, c: Counts, documents: int) -> Scores:
        def pr(hit: int) -> tuple[float, float, float]:
            p = 100.0 * hit / c.system if c.system else 0.0
            r = 100.0 * hit / c.gold if c.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = pr(c.strict)
        rp, rr, rf = pr(c.relaxed)
        type_acc = 100.0 * c.type_ok / c.relaxed if c.relaxed else 0.0
        value_acc = 100.0 * c.value_ok / c.relaxed if c.relaxed else 0.0
        return cls(documents, c.gold, c.system, sp, sr, sf, rp, rr, rf, type_acc, value_acc,
                   value_acc * rf / 100.0)


def _trim(t: Timex) -> tuple[int, int]:
    lead = len(t.text) - len(t.text.lstrip())
    trail = len(t.text) - len(t.text.rstrip())
    return t.start + lead, t.end - trail


def canonical_value(value: str) -> str:
    return value.strip().upper()


def match(gold: Sequence[Timex], system: Sequence[Timex]) -> tuple[Counts, list[tuple[Timex, Timex]]]:
    """Counts for one document and the relaxed pairs (gold, system)."""
    c = Counts(gold=len(gold), system=len(system))
    used: set[int] = set()
    pairs: list[tuple[Timex, Timex]] = []
    sys_spans = [_trim(s) for s in system]
    for g in gold:
        gs, ge = _trim(g)
        for j, (ss, se) in enumerate(sys_spans):
            if j in used or ss >= ge or se <= gs:
                continue
            used.add(j)
            s = system[j]
            pairs.append((g, s))
            c.relaxed += 1
            c.strict += (ss, se) == (gs, ge)
            c.type_ok += g.type == s.type
            c.value_ok += canonical_value(g.value) == canonical_value(s.value)
            break
    return c, pairs


def score_documents(docs: Iterable[tuple[Sequence[Timex], Sequence[Timex]]]) -> Scores:
    """Micro-averaged scores over ``(gold, system)`` pairs, one per document."""
    total = Counts()
    n = 0
    for gold, system in docs:
        c, _ = match(gold, system)
        total.add(c)
        n += 1
    return Scores.of(total, n)
