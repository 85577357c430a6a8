"""Shared fixtures: small articles built by hand, the spaCy model loaded once."""

from __future__ import annotations

import datetime as dt
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
