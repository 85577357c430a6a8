"""The analyser's fingerprint: what decides an analysis, and nothing else, changes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import storyline
from storyline.analyze import version

PACKAGE = Path(storyline.__file__).resolve().parent


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the storyline package folder to edit."""
    copy = tmp_path / "storyline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_copy_of_the_package_has_the_same_fingerprint(package: Path) -> None:
    assert version.fingerprint(package) == version.code_fingerprint()


@pytest.mark.parametrize("path", ["analyze/events.py", "model.py", "dates.py", "ids.py"])
def test_editing_analysis_code_changes_it(package: Path, path: str) -> None:
    before = version.fingerprint(package)
    with (package / path).open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    assert version.fingerprint(package) != before


def test_a_new_data_file_changes_it(package: Path) -> None:
    before = version.fingerprint(package)
    (package / "analyze" / "data").mkdir(exist_ok=True)
    (package / "analyze" / "data" / "verbs.json").write_text("{}", encoding="utf-8")
    assert version.fingerprint(package) != before


@pytest.mark.parametrize("path", ["link/events.py", "timeline/__init__.py", "cli/build.py"])
def test_code_that_runs_after_analysis_does_not(package: Path, path: str) -> None:
    before = version.fingerprint(package)
    with (package / path).open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    assert version.fingerprint(package) == before


def test_compiled_files_do_not(package: Path) -> None:
    before = version.fingerprint(package)
    (package / "analyze" / "__pycache__").mkdir(exist_ok=True)
    (package / "analyze" / "__pycache__" / "events.cpython-311.pyc").write_bytes(b"\x00\x01")
    assert version.fingerprint(package) == before


def test_a_model_folder_is_named_by_its_meta(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "meta.json").write_text(json.dumps({"lang": "en", "name": "news_ner", "version": "1.2.0"}))
    assert version.model_version(str(folder)) == "en_news_ner-1.2.0"


def test_the_default_model_is_named_with_its_version() -> None:
    name = version.model_version("en_core_web_sm")
    assert name.startswith("en_core_web_sm") and name.rsplit("-", 1)[1][0].isdigit()


def test_the_version_names_code_spacy_and_model() -> None:
    import spacy

    code, spacy_part, model = version.analysis_version("en_core_web_sm").split(" ")
    assert code == version.code_fingerprint() and len(code) == 12
    assert spacy_part == f"spacy-{spacy.__version__}"
    assert model == version.model_version("en_core_web_sm")
