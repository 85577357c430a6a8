"""The query commands over a small built story; exit codes of the entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "story.db"
    result = runner.invoke(app, ["build", str(EXAMPLES), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.model
@pytest.mark.parametrize("command", ["timeline", "entities", "quotes", "conflicts"])
def test_query_commands_print_json(db: Path, command: str) -> None:
    result = runner.invoke(app, [command, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.output), list)


@pytest.mark.model
@pytest.mark.parametrize("command", ["timeline", "entities", "quotes", "conflicts"])
def test_query_commands_print_a_table(db: Path, command: str) -> None:
    result = runner.invoke(app, [command, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "(" in result.output


@pytest.mark.model
def test_timeline_is_in_date_order(db: Path) -> None:
    events = json.loads(runner.invoke(app, ["timeline", "--db", str(db), "--json"]).output)
    starts = [e["date"]["earliest"] for e in events if e["date"]]
    assert starts == sorted(starts)


@pytest.mark.model
def test_timeline_date_filter(db: Path) -> None:
    events = json.loads(
        runner.invoke(app, ["timeline", "--db", str(db), "--json", "--from", "2025", "--to", "2025"]).output
    )
    assert all(e["date"]["latest"] >= "2025-01-01" and e["date"]["earliest"] <= "2025-12-31" for e in events)


@pytest.mark.model
def test_show_any_kind_of_record(db: Path) -> None:
    events = json.loads(runner.invoke(app, ["timeline", "--db", str(db), "--json"]).output)
    entities = json.loads(runner.invoke(app, ["entities", "--db", str(db), "--json"]).output)
    for record_id, kind in ((events[0]["id"], "event"), (entities[0]["id"], "entity")):
        result = runner.invoke(app, ["show", record_id, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["kind"] == kind


@pytest.mark.model
def test_show_entity_is_a_dossier(db: Path) -> None:
    entities = json.loads(runner.invoke(app, ["entities", "--db", str(db), "--json"]).output)
    shown = json.loads(runner.invoke(app, ["show", entities[0]["id"], "--db", str(db)]).output)
    assert {"aliases", "articles", "quotes", "events", "mentions"} <= set(shown)


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_missing_db_exits_three_with_one_line(tmp_path: Path) -> None:
    done = _main("timeline", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 3
    assert "E101" in done.stderr


def test_unknown_option_exits_two() -> None:
    assert _main("timeline", "--no-such-option").returncode == 2


@pytest.mark.model
def test_unknown_id_exits_three(db: Path) -> None:
    done = _main("show", "e-000000000000", "--db", str(db))
    assert done.returncode == 3
    assert "E102" in done.stderr


def test_missing_model_exits_three_before_reading(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A council voted on Tuesday to close the bridge.\n", encoding="utf-8")
    done = _main("build", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.db"), "--model", "no_such_model")
    assert done.returncode == 3
    assert "E104" in done.stderr


@pytest.mark.model
def test_entities_explain_lists_merge_reasons(db: Path) -> None:
    entities = json.loads(runner.invoke(app, ["entities", "--db", str(db), "--json"]).output)
    merged = next(e for e in entities if e["reasons"])
    result = runner.invoke(app, ["entities", "--db", str(db), "--explain", merged["id"]])
    assert result.exit_code == 0, result.output
    assert result.output.strip()


@pytest.mark.model
def test_timeline_top_keeps_at_most_n_in_date_order(db: Path) -> None:
    events = json.loads(runner.invoke(app, ["timeline", "--db", str(db), "--json", "--top", "3"]).output)
    assert 0 < len(events) <= 3
    starts = [e["date"]["earliest"] for e in events if e["date"]]
    assert starts == sorted(starts)


@pytest.mark.model
def test_timeline_summary_cites_sentences_verbatim(db: Path) -> None:
    result = runner.invoke(app, ["timeline", "--db", str(db), "--summary", "--json", "--dates", "3"])
    assert result.exit_code == 0, result.output
    keys = json.loads(result.output)
    assert 0 < len(keys) <= 3
    shown = json.loads(runner.invoke(app, ["show", keys[0]["sentences"][0]["article"], "--db", str(db)]).output)
    first = keys[0]["sentences"][0]
    assert shown["text"][first["start"]:first["end"]] == first["text"]


@pytest.mark.model
def test_key_dates_timelinejs_export_validates(db: Path, tmp_path: Path) -> None:
    from storyline.export.timelinejs import validate_timelinejs

    out = tmp_path / "keys.json"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "timelinejs-key-dates", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["events"] and validate_timelinejs(data) == []
