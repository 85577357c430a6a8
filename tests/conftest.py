"""Shared fixtures: small articles built by hand, the spaCy model loaded once, fresh PostgreSQL databases."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import dates
from storyline.ids import article_id
from storyline.model import Article, Published
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(quiet=True)


@pytest.fixture(scope="session")
def nlp() -> Any:
    from storyline.analyze.nlp import load_model

    return load_model("en_core_web_sm")


def make_article(
    text: str, *, published: str | None = None, title: str | None = None,
    outlet: str | None = None, source: str = "test.txt",
) -> Article:
    """An :class:`Article` built by hand; ``published`` is an ISO day."""
    pub = None
    if published is not None:
        pub = Published(date=dates.day(dt.date.fromisoformat(published)), method="metadata")
    return Article(
        id=article_id(text), source=source, text=text, title=title, outlet=outlet, published=pub
    )


@pytest.fixture
def article_factory():  # type: ignore[no-untyped-def]
    return make_article


def seeds_or_skip() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is absent")
    return SEEDS


# ------------------------------------------------------------------ PostgreSQL

PG_ENV = "STORYLINE_TEST_PG"


@pytest.fixture(scope="session")
def pg_url() -> str:
    """A libpq URL (from ``$STORYLINE_TEST_PG``) to a server where the user may CREATE DATABASE;
    tests that need one skip without it.  ``.ci/pg start DIR PORT`` starts a throwaway one."""
    url = os.environ.get(PG_ENV, "")
    if not url:
        pytest.skip(f"needs PostgreSQL: set {PG_ENV}=postgresql://user@host:port/db (see .ci/pg)")
    return url


def database_url(url: str, name: str) -> str:
    """``url`` pointing at the database ``name`` instead."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "dbname"])
    return urllib.parse.urlunsplit(parts._replace(path="/" + name, query=query))


@contextlib.contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A new, empty, uniquely named database on the server of ``url`` (unique across xdist
    workers), dropped afterwards; yields its URL."""
    import psycopg
    from psycopg import sql

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"storyline_test_{worker}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(url, name)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    with fresh_database(pg_url) as url:
        yield url
