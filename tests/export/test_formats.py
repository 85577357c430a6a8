"""The export registry and the ``export`` command: every format writes, unknown ones are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.export import FORMATS
from storyline.store import Store

runner = CliRunner()


@pytest.mark.parametrize("name", list(FORMATS), ids=list(FORMATS))
def test_command_writes_each_format(story_store: Store, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "--db", str(story_store.path), "--format", name, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out.is_dir() and any(out.iterdir())) if FORMATS[name].folder else out.stat().st_size > 0


def test_unknown_format_is_a_usage_error(story_store: Store, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(story_store.path), "--format", "pdf", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2


def test_csv_refuses_an_existing_file_as_its_folder(story_store: Store, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["export", "--db", str(story_store.path), "--format", "csv", "-o",
                                 str(tmp_path / "file")])
    assert result.exit_code == 2


def test_default_output_name_comes_from_the_format(story_store: Store, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--db", str(story_store.path), "--format", "markdown"])
    assert result.exit_code == 0 and (tmp_path / "story.md").is_file()


def test_odd_date_values_are_worded_without_failing() -> None:
    import datetime as dt

    from storyline.export._common import format_date
    from storyline.model import DateValue

    weekend = DateValue("2011-W45-WE", dt.date(2011, 11, 12), dt.date(2011, 11, 13), "week")
    assert "2011" in format_date(weekend)
