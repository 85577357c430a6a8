"""storyline: turn a pile of news articles about one story into a sourced record.

The public API, imported lazily so that worker processes load only what they use::

    from storyline import Settings, build, open_view
    report = build(["articles/"], db="story.db", settings=Settings(jobs=2))
    with open_view("story.db") as view:
        for event in view.timeline(date_from="2017"):
            ...
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "storyline.model",
    "ArticleAnalysis": "storyline.model",
    "BuildReport": "storyline.api",
    "Settings": "storyline.settings",
    "Story": "storyline.model",
    "StoryView": "storyline.api",
    "StorylineError": "storyline.errors",
    "build": "storyline.api",
    "open_view": "storyline.api",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
