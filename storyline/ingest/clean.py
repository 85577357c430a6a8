"""Take reader-facing debris out of an article's text, by general rules only.

:func:`clean` is what every reader applies before an :class:`~storyline.model.Article`
is built, so the article id (a hash of the cleaned text) does not change when an
outlet changes its share buttons.  It

* normalises whitespace conservatively (``\\r\\n`` -> ``\\n``, trailing spaces
  stripped, three or more newlines collapsed to two, blank edges dropped);
* removes whole lines that are prompts rather than reporting: share / comment /
  newsletter / follow prompts, "Advertisement", lone letters and UI glyphs;
* removes "Related posts" / "Read more" / "You may also like" headings together
  with the short headline lines listed after them;
* removes, at the end only, an author-bio paragraph ("Jane Doe is a reporter
  covering ...", "Follow her on Twitter @...") and a dangling lead-in ending in
  a colon whose embedded content did not survive extraction.

A paragraph of ordinary sentences is never removed: every line rule is anchored
to the whole line and requires the line to be short.  No rule names a site or a
story.  Each removal is recorded as a :class:`~storyline.model.Removed`.
"""

from __future__ import annotations

import re

from storyline.model import Removed

__all__ = ["clean", "normalise_whitespace"]

# A prompt line is at most this many words; real sentences that happen to start
# with "Share" or "Follow" are longer, and the patterns are anchored at both ends.
_MAX_PROMPT_WORDS = 16
# Lines listed under a "Related" heading are headlines: short, one line each.
_MAX_LISTED_WORDS = 16
_MAX_LISTED_CHARS = 140
# An author bio is a short paragraph; longer closing paragraphs are reporting.
_MAX_BIO_WORDS = 70

_END = r"[\s:.!?*…\-–—|»›>]*$"

# (reason, pattern) for a whole line of reader-facing prompt text.
_PROMPTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern + _END, re.IGNORECASE))
    for reason, pattern in (
        ("share prompt", r"^(share|share this|share (this|the) (article|story|post|page)|share on \w+"
                         r"|click to (share|email|print)\b.*|tweet( this)?|pin( it)?|email( this)?"
                         r"|print( this)?|copy link|share via \w+)"),
        ("comment prompt", r"^(leave a (comment|reply)|post a comment|add a comment|comments?"
                           r"|\d+ comments?|no comments( yet)?|show comments|view comments"
                           r"|join the (conversation|discussion)|what do you think\??"
                           r"|your email address will not be published\b.*|required fields are marked\b.*"
                           r"|to comment on this (article|story|post)\b.*)"),
        ("newsletter prompt", r"^((sign up|subscribe|register)\b.{0,60}\b(newsletter|e-?mails?|updates)\b.*"
                              r"|subscribe( now| today)?|get our newsletter)"),
        ("follow prompt", r"^(follow us( on .*)?|like us on \w+|find us on \w+|connect with us( on .*)?)"),
        ("advertisement", r"^(advertisement|advertising|ad|sponsored( content)?|story continues below"
                          r"( advertisement)?|continue reading below)"),
    )
)

_RELATED_HEADING = re.compile(
    r"^(related( posts?| stories| articles| content| coverage| reading| links| news)?"
    r"|read more|read next|more (stories|news|coverage)|more from .{1,40}|also read|see also"
    r"|you (may|might) also like|recommended( for you| stories| reading)?|trending( now| stories)?"
    r"|most (popular|read|viewed)|popular (posts|stories)|don'?t miss)" + _END,
    re.IGNORECASE,
)
# "Read more: <headline>" / "RELATED: <headline>" on one line.
_INLINE_LINK = re.compile(
    r"^(read more|read also|related|see also|more|watch)\s*:\s*\S.{0,140}$", re.IGNORECASE
)
# A line with no letter or digit at all, or a single letter: icons, bullets, UI debris.
_GLYPH = re.compile(r"^(\w|[^\w\s]{1,3})$")

_BIO_ROLE = (
    r"(reporter|writer|correspondent|editor|journalist|columnist|contributor|producer|intern|author"
    r"|freelancer|blogger|analyst|fellow|staff\w*)"
)
_BIO = re.compile(
    # "Jane Doe is a reporter ...", "Dan Q. Smith-Jones is the paper's senior writer-editor ..."
    r"^[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}\s+(is|has been|covers)\b.{0,80}?\b" + _BIO_ROLE
    + r"|\bfollow (him|her|them|me) (on|at) (twitter|x|instagram|facebook|threads|bluesky)\b"
    + r"|^(email|contact) (him|her|them|the (author|writer|reporter))\b",
    re.IGNORECASE,
)


def normalise_whitespace(text: str) -> str:
    """``\\r\\n``/``\\r`` -> ``\\n``; trailing spaces cut; 3+ newlines -> 2; edges stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # rstrip() also takes non-breaking spaces, so a line of only NBSP becomes blank.
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _words(line: str) -> int:
    return len(line.split())


def _prompt_reason(line: str) -> str | None:
    stripped = line.strip()
    if _GLYPH.match(stripped):
        return "lone glyph"
    if _words(stripped) > _MAX_PROMPT_WORDS:
        return None
    for reason, pattern in _PROMPTS:
        if pattern.match(stripped):
            return reason
    if _INLINE_LINK.match(stripped) and not stripped.endswith("."):
        return "related links"
    return None


def _is_listed(line: str) -> bool:
    """A short headline-like line that can sit in a related-links list."""
    stripped = line.strip()
    return (
        bool(stripped)
        and _words(stripped) <= _MAX_LISTED_WORDS
        and len(stripped) <= _MAX_LISTED_CHARS
        # Two sentences on one line are prose, not a link.
        and not re.search(r"[.!?][\"”’]?\s+[A-Z]", stripped)
    )


def _remove_lines(lines: list[str], removed: list[Removed]) -> list[str]:
    """Drop prompt lines and related-links blocks anywhere in the text."""
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped and _RELATED_HEADING.match(stripped):
            # The heading and the short lines listed under it (blank lines between
            # them allowed); the block ends at the first line of prose.
            block = [stripped]
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or _is_listed(lines[j])):
                if lines[j].strip():
                    block.append(lines[j].strip())
                j += 1
            removed.append(Removed(text="\n".join(block), reason="related links"))
            i = j
            continue
        reason = _prompt_reason(line) if stripped else None
        if reason is not None:
            removed.append(Removed(text=stripped, reason=reason))
        else:
            kept.append(line)
        i += 1
    return kept


def _remove_tail(paragraphs: list[str], removed: list[Removed]) -> list[str]:
    """Drop a closing author bio and a dangling lead-in (``...below:``) at the end."""
    while len(paragraphs) > 1:
        last = paragraphs[-1]
        if _words(last) <= _MAX_BIO_WORDS and _BIO.search(last):
            removed.append(Removed(text=last, reason="author bio"))
        elif "\n" not in last and last.rstrip().endswith(":") and _words(last) <= _MAX_PROMPT_WORDS:
            # A text never ends on a colon; the thing it introduced (an embed, a
            # document viewer) was not extracted.
            removed.append(Removed(text=last, reason="dangling lead-in"))
        else:
            break
        paragraphs.pop()
    return paragraphs


def clean(text: str) -> tuple[str, tuple[Removed, ...]]:
    """Return the cleaned text and what was removed, in text order (tail removals last)."""
    removed: list[Removed] = []
    lines = _remove_lines(normalise_whitespace(text).split("\n"), removed)
    body = normalise_whitespace("\n".join(lines))
    if not body:
        return "", tuple(removed)
    paragraphs = _remove_tail(body.split("\n\n"), removed)
    return normalise_whitespace("\n\n".join(paragraphs)), tuple(removed)
