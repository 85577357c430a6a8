"""End to end on PostgreSQL: a build stores the same story as into SQLite (byte-identical
bundles), the web app serves it, and two builds writing one database at once leave
the story of one build of everything."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT, fresh_database

from storyline.api import build
from storyline.export.bundle import build_bundle, encode_bundle
from storyline.settings import Settings
from storyline.store import open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]

# Two disjoint halves of the examples.  A syndicated copy stays in the half of its
# original, after it: which of two near-duplicates is the copy depends on which was
# stored first, and builds running at once cannot see each other's uncommitted batches.
HALVES = (
    ("01-courier-leak.txt", "06-northern-syndicated.txt", "03-riverside-halt.html", "07-courier-anniversary.txt"),
    ("02-ledger-investigation.txt", "04-wire.jsonl", "05-gazette-settlement.txt"),
)


def _bundle(target: str | Path) -> bytes:
    with open_store(target, create=False) as store:
        return encode_bundle(build_bundle(store))


@pytest.fixture(scope="module")
def sqlite_story(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    db = tmp_path_factory.mktemp("sqlite") / "story.db"
    build([str(EXAMPLES)], db=db, settings=settings)
    return db


@pytest.fixture(scope="module")
def pg_story(pg_url: str, settings: Settings) -> Iterator[str]:
    with fresh_database(pg_url) as url:
        build([str(EXAMPLES)], db=url, settings=settings)
        yield url


def test_halves_cover_the_examples() -> None:
    files = sorted(p.name for p in (EXAMPLES / "eastbrook").iterdir())
    assert sorted(HALVES[0] + HALVES[1]) == files


def test_bundle_from_postgres_is_byte_identical_to_sqlite(pg_story: str, sqlite_story: Path) -> None:
    assert _bundle(pg_story) == _bundle(sqlite_story)


def test_rebuilding_into_postgres_adds_nothing(pg_story: str, settings: Settings) -> None:
    report = build([str(EXAMPLES)], db=pg_story, settings=settings)
    assert (report.added, report.linked) == (0, False)


def _get(db: str | Path, path: str) -> Any:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    with TestClient(create_app(db)) as client:
        response = client.get(path)
        assert response.status_code == 200
        return response.json() if path.startswith("/api/") else response.text


# Until the web app reads through the Store: StoryIndex opens the SQLite file itself.
def test_web_app_serves_the_timeline_from_postgres(pg_story: str, sqlite_story: Path) -> None:
    assert _get(pg_story, "/api/timeline") == _get(sqlite_story, "/api/timeline")


def test_web_app_serves_the_timeline_page_from_postgres(pg_story: str) -> None:
    assert "<html" in _get(pg_story, "/timeline")


def test_two_builds_at_once_leave_the_story_of_one_build(pg_db: str, sqlite_story: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    builds = [
        subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "storyline"), "build", *(str(EXAMPLES / "eastbrook" / n) for n in half),
             "--db", pg_db, "--quiet"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for half in HALVES
    ]
    outcomes = [proc.communicate(timeout=240) for proc in builds]
    assert [proc.returncode for proc in builds] == [0, 0], outcomes
    assert _bundle(pg_db) == _bundle(sqlite_story)
