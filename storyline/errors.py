"""One catalogue of errors, each with a code and a message a user can act on.

Input problems never stop a build: readers turn them into
:class:`storyline.model.Problem` lines via :func:`problem`.  Errors that do stop
a command (a missing database, an unknown id) raise :class:`StorylineError`.
"""

from __future__ import annotations

import enum

from storyline.model import Problem

__all__ = ["E", "StorylineError", "problem"]


class E(enum.Enum):
    """Error codes with their message templates (``str.format`` fields)."""

    EMPTY = ("E001", "the file is empty")
    BINARY = ("E002", "binary content, not text ({detail})")
    UNDECODABLE = ("E003", "cannot decode the text ({detail})")
    TOO_LARGE = ("E004", "text is {size} bytes, over the limit of {limit} bytes")
    NO_ARTICLE = ("E005", "no article text found in the HTML")
    BAD_JSON = ("E006", "malformed JSON at line {line}: {detail}")
    MISSING_TEXT = ("E007", "record at line {line} has no 'text' string")
    BAD_WARC = ("E008", "unreadable WARC ({detail})")
    FETCH_FAILED = ("E009", "could not fetch the URL ({detail})")
    ROBOTS = ("E010", "robots.txt disallows fetching this URL")
    UNSUPPORTED = ("E011", "unsupported file kind '{suffix}'")
    NOT_FOUND = ("E012", "no such file or directory")
    UNREADABLE = ("E013", "cannot read the file ({detail})")
    EMPTY_TEXT = ("E014", "no text left after cleaning")
    ANALYSIS_FAILED = ("E015", "analysis failed ({detail})")
    NO_DB = ("E101", "no story database at {path}; run `storyline build` first")
    UNKNOWN_ID = ("E102", "no article, entity, event, quote or claim with id {id}")
    BAD_SCHEMA = ("E103", "database schema version {found} is newer than this storyline ({supported})")
    BAD_MODEL = ("E104", "cannot load spaCy model '{name}': {detail}")
    BAD_OPTION = ("E105", "{detail}")

    @property
    def code(self) -> str:
        return self.value[0]

    def format(self, **fields: object) -> str:
        return self.value[1].format(**fields)


class StorylineError(Exception):
    """An error that stops a command; ``str()`` is the one-line message."""

    def __init__(self, error: E, **fields: object) -> None:
        self.error = error
        self.code = error.code
        super().__init__(f"[{error.code}] {error.format(**fields)}")


def problem(source: str, error: E, **fields: object) -> Problem:
    """A build-report line for an input that could not be read."""
    return Problem(source=source, code=error.code, message=error.format(**fields))
