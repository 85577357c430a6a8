"""Reading TimeML: text without tags, TIMEX3 offsets into it, the DCT apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.eval.timeml import read_timeml

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>d1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Sales <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-W01">last week</TIMEX3> &amp; \
rose <TIMEX3 tid="t2" type="DURATION" value="P2Y" mod="MORE_THAN">more than two years</TIMEX3> ago.
</TEXT>
</TimeML>
"""

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "temporal"


def test_offsets_point_into_the_plain_text() -> None:
    doc = read_timeml(DOC, name="d1")
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["last week", "more than two years"]


def test_entities_are_decoded_and_tags_removed() -> None:
    assert read_timeml(DOC).text.strip() == "Sales fell last week & rose more than two years ago."


def test_attributes_are_kept() -> None:
    t = read_timeml(DOC).timexes[1]
    assert (t.type, t.value, t.mod, t.tid) == ("DURATION", "P2Y", "MORE_THAN", "t2")


def test_dct_is_read_and_not_listed() -> None:
    doc = read_timeml(DOC)
    assert doc.dct == dt.date(1998, 1, 8)
    assert all(t.tid != "t0" for t in doc.timexes)


def test_every_shared_file_reads_with_a_dct() -> None:
    files = sorted(SHARED.glob("*/*/*.tml")) if SHARED.is_dir() else []
    if not files:
        pytest.skip("../shared/bench/temporal is absent")
    for path in files[:: max(1, len(files) // 50)]:
        doc = read_timeml(path)
        assert doc.dct is not None
        assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
