"""Readers for the event-type benchmark: PLOVER gold-standard records and CAMEO codebook examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.eval.plover import PLOVER_TYPES, CodedSentence, distinct, plover2, read_cameo_examples, read_gsr

EVENTS = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "events"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        pytest.param("DEMAND", "REQUEST", id="demand-is-request"),
        pytest.param("DISAPPROVE", "ACCUSE", id="disapprove-is-accuse"),
        pytest.param("INVESTIGATE", "ACCUSE", id="investigate-is-accuse"),
        pytest.param("FIGHT", "ASSAULT", id="fight-is-assault"),
        pytest.param("AGREE", "AGREE", id="kept"),
        pytest.param("coerce", "COERCE", id="case-ignored"),
        pytest.param("CRIME", None, id="crime-dropped"),
        pytest.param("DOCUMENT", None, id="document-record"),
    ],
)
def test_plover2_maps_old_labels(label: str, expected: str | None) -> None:
    assert plover2(label) == expected


def test_sixteen_types() -> None:
    assert len(PLOVER_TYPES) == 16 and len(set(PLOVER_TYPES)) == 16


def _gsr(tmp_path: Path) -> Path:
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
        {"id": "R1", "event": "DEMAND", "text": " Ruritania demanded talks. ",
         "source": [{"actorText": "Ruritania", "code": "RUR", "sector": "GOV"}],
         "target": [{"actorText": "Freedonia", "code": "FRE"}]},
        {"id": "R2", "event": "CRIME", "text": "A thief stole a car."},
        {"id": "R3", "event": "AGREE", "text": "They agreed.", "target": ""},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_read_gsr_keeps_records_with_a_2_0_type(tmp_path: Path) -> None:
    assert [(s.id, s.type) for s in read_gsr(_gsr(tmp_path))] == [("R1", "REQUEST"), ("R3", "AGREE")]


def test_read_gsr_reads_actors_and_targets(tmp_path: Path) -> None:
    first = read_gsr(_gsr(tmp_path))[0]
    assert (first.text, first.actors[0].code, first.actors[0].sector) == ("Ruritania demanded talks.", "RUR", "GOV")
    assert [t.text for t in first.targets] == ["Freedonia"]


def test_read_gsr_empty_target_is_none(tmp_path: Path) -> None:
    assert read_gsr(_gsr(tmp_path))[1].targets == ()


def test_read_cameo_examples_types_by_mapping(tmp_path: Path) -> None:
    codebook = tmp_path / "codebook.csv"
    codebook.write_text(
        "name,code,goldstein,description,usage_notes,example\n"
        "Make statement,010,0,x,x,Officials said things.\n"
        "Demand,100,-5,x,x,Ruritania demanded a meeting.\n"
        "Arrest,173,-5,x,x,NULL\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.tsv"
    mapping.write_text(
        "cameo_code\tcameo_name\tgoldstein\tcameo_root\tplover_event\tplover_mode\n"
        "010\tMake statement\t0\t01\t(dropped)\t\n"
        "100\tDemand\t-5\t10\tREQUEST\t\n"
        "173\tArrest\t-5\t17\tCOERCE\tarrest\n",
        encoding="utf-8",
    )
    found = read_cameo_examples(codebook, mapping)
    assert [(s.id, s.type, s.cameo) for s in found] == [("cameo-100", "REQUEST", "100")]


def test_distinct_drops_repeated_texts() -> None:
    a = CodedSentence(id="1", text="They met.", type="CONSULT", origin="gsr", label="CONSULT")
    b = CodedSentence(id="2", text="they  met.", type="CONSULT", origin="cameo", label="040")
    assert [s.id for s in distinct([a, b])] == ["1"]


@pytest.mark.skipif(not (EVENTS / "plover" / "PLOVER_GSR_CAMEO.txt").exists(), reason="benchmark data absent")
def test_real_gsr_has_322_sentences_over_16_types() -> None:
    found = read_gsr(EVENTS / "plover" / "PLOVER_GSR_CAMEO.txt")
    assert len(found) == 322 and {s.type for s in found} == set(PLOVER_TYPES)
