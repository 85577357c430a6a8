"""Plain-text articles (``.txt``).

:func:`read_text_file` yields one :class:`Article` or one :class:`Problem` per file:

* bytes are decoded by an ordered try: a BOM (UTF-8, UTF-16, UTF-32), UTF-16
  without a BOM (NUL bytes in every other position), strict UTF-8 (undoing
  double-encoded "â€™" mojibake), mostly-UTF-8 with stray cp1252 bytes, cp1252,
  then latin-1 when the text has almost no C1 control characters; anything else
  is E003.  NUL bytes (outside UTF-16) or many control characters are E002;
  a file with nothing but whitespace is E001; a file over
  ``settings.max_text_bytes`` is E004 (checked before it is read).
* leading metadata is read and removed from the text: a block of ``key: value``
  lines (``title``, ``date``, ``outlet``, ``url``, ``author``, ...) ended by a
  blank line, or a first line that starts with a date token (``date 2017-07-13``,
  ``Date: July 13, 2017``) whose remainder is kept as body text.
* a short first paragraph of one line that does not end in a full stop, followed
  by more text, is the ``title``; it stays in ``text`` (headlines are evidence).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import msgspec

from storyline.errors import E, problem
from storyline.model import Article, Problem, Published
from storyline.settings import Settings

from ._common import build_article, metadata_date, too_large

__all__ = ["decode", "read_text_file", "split_header"]

# Share of control characters (other than tab / newline / carriage return /
# form feed) above which a file is binary rather than text with a few stray bytes.
_MAX_CONTROL_SHARE = 0.01
# latin-1 text has no C1 controls (U+0080..U+009F); a file full of them is in
# some other encoding that we should not pretend to read.
_MAX_C1_SHARE = 0.001
# A headline: one line, at most this many words and characters.
_TITLE_MAX_WORDS = 20
_TITLE_MAX_CHARS = 200

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# A UTF-8 lead byte read as cp1252 ("Ã", "â", "Â") followed by a continuation byte
# read as cp1252 (U+0080..U+00BF or one of cp1252's punctuation marks in 0x80..0x9F).
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u00a0-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021"
                       "\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013"
                       "\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]")

_HEADER_KEYS = {
    "title": "title", "headline": "title",
    "date": "date", "published": "date", "pubdate": "date", "dated": "date",
    "outlet": "outlet", "source": "outlet", "site": "outlet", "publication": "outlet",
    "url": "url", "link": "url",
    "author": "author", "by": "author", "byline": "author",
}
_HEADER_LINE = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(\S.*?)\s*$")
_DATE_VALUE = (
    r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]+)?"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}"
    r"|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}"
)
# "date 2017-07-13 Body text...", "Date: July 13, 2017" at the very start of a file.
_DATE_PREFIX = re.compile(
    r"^\s*(?:date|dated|published|pubdate)\s*:?\s+(" + _DATE_VALUE + r")(?=\s|$)[ \t]*", re.IGNORECASE
)


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return controls / max(len(text), 1)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit in every odd / even byte of a sample."""
    sample = data[:2000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    if not any(sample[1::2]) and all(sample[0::2]):
        return "utf-16-le"
    if not any(sample[0::2]) and all(sample[1::2]):
        return "utf-16-be"
    return None


def _cp1252_for_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Error handler: read bytes that are not UTF-8 as cp1252 (latin-1 where undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_byte_cp1252(b) for b in bad), exc.end


def _byte_cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error("storyline-cp1252", _cp1252_for_bad_bytes)


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as cp1252 and saved again as UTF-8 ("â€™" for "’")."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        # The reverse of _byte_cp1252: bytes cp1252 leaves undefined came through as C1 controls.
        raw = b"".join(ch.encode("cp1252") if not "\x80" <= ch <= "\x9f" else bytes([ord(ch)]) for ch in text)
        return raw.decode("utf-8")
    except UnicodeError:
        # Not consistently double-encoded (or mixed with other text): leave it alone.
        return text


def _decode_8bit(data: bytes) -> str | None:
    """UTF-8, mostly-UTF-8 with stray cp1252 bytes, cp1252, latin-1; ``None`` if none fits."""
    try:
        return _repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data if b >= 0x80)
    utf8_bytes = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    if utf8_bytes * 2 > high:
        # Mostly UTF-8 with a few bytes pasted in from a cp1252 source: decoding the
        # whole file as cp1252 would turn every good UTF-8 character into mojibake.
        return data.decode("utf-8", errors="storyline-cp1252")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    return text if c1 / len(text) <= _MAX_C1_SHARE else None


def decode(data: bytes, source: str) -> str | Problem:
    """Decode a text file's bytes, or say why it is not text (E002 / E003)."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    encoding = encoding or _utf16_without_bom(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            return problem(source, E.UNDECODABLE, detail=f"invalid {encoding}: {exc.reason}")
        if "\x00" in text:
            return problem(source, E.BINARY, detail="NUL characters")
        return text
    if b"\x00" in data:
        return problem(source, E.BINARY, detail="NUL bytes")
    decoded = _decode_8bit(data)
    if decoded is None:
        return problem(source, E.UNDECODABLE, detail="not UTF-8, UTF-16, cp1252 or latin-1")
    if _control_share(decoded) > _MAX_CONTROL_SHARE:
        return problem(source, E.BINARY, detail="control characters")
    return decoded


def split_header(text: str) -> tuple[str, dict[str, str]]:
    """Take leading metadata off ``text``: return the body and ``{key: value}``.

    Keys are normalised to ``title``, ``date``, ``outlet``, ``url``, ``author``.
    """
    head, sep, rest = text.lstrip("\ufeff").lstrip("\r\n").partition("\n\n")
    lines = [line for line in head.splitlines() if line.strip()]
    matches = [_HEADER_LINE.match(line) for line in lines]
    if sep and lines and all(m is not None and m.group(1).lower() in _HEADER_KEYS for m in matches):
        meta = {_HEADER_KEYS[m.group(1).lower()]: m.group(2) for m in matches if m is not None}
        return rest, meta
    prefix = _DATE_PREFIX.match(text)
    if prefix is not None:
        return text[prefix.end():], {"date": prefix.group(1)}
    return text, {}


def _headline(text: str) -> str | None:
    first, sep, _ = text.partition("\n\n")
    first = first.strip()
    if (
        sep
        and "\n" not in first
        and len(first) <= _TITLE_MAX_CHARS
        and len(first.split()) <= _TITLE_MAX_WORDS
        # A sentence ends in a full stop (maybe inside a closing quote); a headline does not.
        and not first.rstrip("\"'”’)").endswith((".", ":", ";", ","))
    ):
        return first
    return None


def article_from_text(text: str, source: str) -> Article | Problem:
    """Build the article from decoded text: header metadata, cleaning, headline."""
    body, meta = split_header(text)
    published: Published | None = metadata_date(meta.get("date"))
    built = build_article(
        body, source, title=meta.get("title"), outlet=meta.get("outlet"),
        author=meta.get("author"), url=meta.get("url"), published=published,
    )
    if isinstance(built, Article) and built.title is None:
        title = _headline(built.text)
        if title is not None:
            built = msgspec.structs.replace(built, title=title)
    return built


def read_text_file(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """Yield the article in a ``.txt`` file, or the one problem that stops it."""
    source = str(path)
    try:
        size = path.stat().st_size
        if (large := too_large(source, size, settings)) is not None:
            yield large
            return
        data = path.read_bytes()
    except OSError as exc:
        yield problem(source, E.UNREADABLE, detail=exc.strerror or type(exc).__name__)
        return
    text = decode(data, source)
    if isinstance(text, Problem):
        yield text
    elif not text.strip("\ufeff \t\r\n\f\v\xa0"):
        yield problem(source, E.EMPTY)
    else:
        yield article_from_text(text, source)
