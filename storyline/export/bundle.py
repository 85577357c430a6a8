"""The story bundle: storyline's canonical JSON export (``docs`` shape in ``bundle.md``).

:func:`build_bundle` turns a store into a plain ``dict``; :func:`encode_bundle`
turns that into bytes; :func:`write_bundle` writes them atomically.  Field
names are a public contract (add freely, rename or remove never without a
``version`` bump), checked by ``bundle.schema.json`` through
:func:`validate_bundle`; :func:`check_spans` checks that every span's text is
the slice of its article's text it claims to be.

Deterministic bytes: top-level lists are sorted by id (articles, entities,
events, claims, conflicts) or by ``(article, start, end, id)`` (quotes, times);
mention lists by ``(article, start, end)``; dict keys come in a fixed order;
nothing depends on the clock or on hash order.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import storyline
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Conflict,
    DateValue,
    Entity,
    Event,
    EventMention,
    Published,
    Quote,
    Span,
    TimeExpr,
)
from storyline.store.base import Store

__all__ = [
    "FORMAT",
    "VERSION",
    "build_bundle",
    "check_spans",
    "encode_bundle",
    "load_schema",
    "validate_bundle",
    "write_bundle",
]

FORMAT = "storyline.bundle"
VERSION = 1

Json = dict[str, Any]


# ------------------------------------------------------------------ records -> JSON


def _interval(d: DateValue) -> Json:
    return {
        "value": d.value,
        "earliest": d.earliest.isoformat(),
        "latest": d.latest.isoformat() if d.latest is not None else None,
        "precision": d.precision,
    }


def _date(d: DateValue | None) -> Json | None:
    return None if d is None else {**_interval(d), "mod": d.mod}


def _span(s: Span) -> Json:
    return {"article": s.article, "start": s.start, "end": s.end, "text": s.text}


def _spans(spans: Iterable[Span]) -> list[Json]:
    return [_span(s) for s in sorted(spans, key=lambda s: (s.article, s.start, s.end))]


def _published(p: Published | None) -> Json | None:
    if p is None:
        return None
    return {**_interval(p.date), "method": p.method, "evidence": _spans(p.evidence)}


def _article(a: Article, published: Published | None) -> Json:
    return {
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "outlet": a.outlet,
        "author": a.author,
        "url": a.url,
        "duplicate_of": a.duplicate_of,
        "published": _published(published),
        "text": a.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
    }


def _entity(e: Entity) -> Json:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": sorted(e.aliases),
        "attributes": dict(sorted(e.attributes.items())),
        "mentions": _spans(e.mentions),
        "reasons": [{"rule": r.rule, "detail": r.detail} for r in e.reasons],
    }


def _quote(q: Quote, speakers: dict[str, str]) -> Json:
    return {
        "id": q.id,
        "article": q.span.article,
        "start": q.span.start,
        "end": q.span.end,
        "text": q.span.text,
        "kind": q.kind,
        "speaker": speakers.get(q.id),
        "speaker_text": q.speaker.text if q.speaker is not None else None,
        "speaker_start": q.speaker.start if q.speaker is not None else None,
        "speaker_end": q.speaker.end if q.speaker is not None else None,
        "cue": q.cue,
        "authors": [{"start": a.start, "end": a.end, "text": a.text} for a in q.authors],
    }


def _event_mention(m: EventMention) -> Json:
    return {
        "id": m.id,
        "article": m.span.article,
        "start": m.span.start,
        "end": m.span.end,
        "text": m.span.text,
        "trigger": {"start": m.trigger.start, "end": m.trigger.end, "text": m.trigger.text},
        "subject": None if m.subject is None else {"start": m.subject.start, "end": m.subject.end,
                                                   "text": m.subject.text},
        "lemma": m.lemma,
        "actor_codes": list(m.actor_codes),
        "target_codes": list(m.target_codes),
        "modality": m.modality,
        "time": m.time,
        "date_basis": m.date_basis,
    }


def _event(v: Event) -> Json:
    mentions = sorted(v.mentions, key=lambda m: (m.span.article, m.span.start, m.span.end, m.id))
    return {
        "id": v.id,
        "date": _date(v.date),
        "type": v.type,
        "mode": v.mode,
        "cameo": v.cameo,
        "modality": v.modality,
        "actors": list(v.actors),
        "targets": list(v.targets),
        "location": v.location,
        "summary": v.summary,
        "sources": v.sources,
        "salience": v.salience,
        "codes": dict(sorted(v.codes.items())),
        "mentions": [_event_mention(m) for m in mentions],
        "reasons": [{"rule": r.rule, "detail": r.detail} for r in v.reasons],
    }


def _time(t: TimeExpr) -> Json:
    return {
        "id": t.id,
        "article": t.span.article,
        "start": t.span.start,
        "end": t.span.end,
        "text": t.span.text,
        "type": t.type,
        "value": t.value,
        "mod": t.mod,
        "anchor": t.anchor,
        "date": _date(t.date),
    }


def _number(x: float | None) -> float | None:
    # NaN and infinities are not JSON; a bound we cannot state is no bound.
    return x if x is not None and math.isfinite(x) else None


def _claim(c: Claim) -> Json:
    return {
        "id": c.id,
        "subject": c.subject,
        "value": c.value,
        "unit": c.unit,
        "low": _number(c.low),
        "high": _number(c.high),
        "approx": c.approx,
        "article": c.span.article,
        "start": c.span.start,
        "end": c.span.end,
        "text": c.span.text,
    }


def _conflict(x: Conflict) -> Json:
    return {"id": x.id, "about": x.about, "claims": sorted(x.claims)}


# ------------------------------------------------------------------ build / write


def build_bundle(store: Store) -> Json:
    """The whole story as one JSON-ready ``dict`` in the shape of ``bundle.md``.

    An article's ``published`` is its own (metadata), else the dateline its
    analysis found, else the date linking inferred, else ``null``.
    """
    story = store.story()
    articles: list[Json] = []
    quotes: list[Json] = []
    times: list[Json] = []
    for article, analysis in store.iter_pairs():
        articles.append(_article(article, _choose_published(article, analysis, story.published)))
        if analysis is not None:
            quotes.extend(_quote(q, story.speakers) for q in analysis.quotes)
            times.extend(_time(t) for t in analysis.times)
    by_id = _key("id")
    by_span = _key("article", "start", "end", "id")
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"storyline {storyline.__version__}",
        "articles": sorted(articles, key=by_id),
        "entities": sorted((_entity(e) for e in story.entities), key=by_id),
        "quotes": sorted(quotes, key=by_span),
        "events": sorted((_event(v) for v in story.events), key=by_id),
        "times": sorted(times, key=by_span),
        "claims": sorted((_claim(c) for c in story.claims), key=by_id),
        "conflicts": sorted((_conflict(x) for x in story.conflicts), key=by_id),
    }


def _choose_published(
    article: Article, analysis: ArticleAnalysis | None, inferred: dict[str, Published]
) -> Published | None:
    if article.published is not None:
        return article.published
    if analysis is not None and analysis.dateline is not None:
        return analysis.dateline
    return inferred.get(article.id)


def _key(*fields: str) -> Any:
    return lambda item: tuple(item[f] for f in fields)


def encode_bundle(data: Json) -> bytes:
    """The bundle's bytes: UTF-8 JSON, one-space indent, keys in build order, final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def write_bundle(store: Store, path: str | Path) -> None:
    """Write the bundle of ``store`` to ``path`` atomically: the bytes go to a
    temporary file beside it, are flushed to disk, and replace ``path`` in one
    rename, so readers (and a crash) see the old file or the new one, never half."""
    target = Path(path)
    data = encode_bundle(build_bundle(store))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# ------------------------------------------------------------------ checks


@cache
def _schema_text() -> str:
    return resources.files("storyline.export").joinpath("bundle.schema.json").read_text("utf-8")


def load_schema() -> Json:
    """The JSON Schema (draft 2020-12) of the bundle, as shipped in the package."""
    schema: Json = json.loads(_schema_text())
    return schema


_TOP_LEVEL = ("articles", "entities", "quotes", "events", "times", "claims", "conflicts")


def validate_bundle(data: Any) -> list[str]:
    """Every way ``data`` breaks ``bundle.schema.json``, one line each (empty when valid).

    Uses :mod:`jsonschema` (a dev dependency, imported here only); without it,
    falls back to checking the top-level shape.
    """
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - jsonschema is installed with the dev extra
        return _validate_top_level(data)
    validator = jsonschema.Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]


def _validate_top_level(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["(root): not an object"]
    errors = []
    if data.get("format") != FORMAT:
        errors.append(f"format: expected {FORMAT!r}")
    if data.get("version") != VERSION:
        errors.append(f"version: expected {VERSION}")
    for key in _TOP_LEVEL:
        if not isinstance(data.get(key), list):
            errors.append(f"{key}: missing or not a list")
    return errors


def check_spans(data: Json) -> list[str]:
    """Every span whose ``text`` is not ``article.text[start:end]`` (or whose article is
    unknown, or whose offsets fall outside the text), one line each.

    Checks quotes (and their speaker spans), entity mentions, event mentions and
    their triggers, times, claims, and published evidence.  Expects a bundle that
    :func:`validate_bundle` accepts (it reads the fields the schema requires).
    """
    texts = {a["id"]: a["text"] for a in data.get("articles", [])}
    errors: list[str] = []

    def check(where: str, article: str, start: int, end: int, text: str) -> None:
        body = texts.get(article)
        if body is None:
            errors.append(f"{where}: unknown article {article}")
        elif not (0 <= start <= end <= len(body)):
            errors.append(f"{where}: offsets {start}..{end} outside article {article} ({len(body)} chars)")
        elif body[start:end] != text:
            errors.append(f"{where}: text {text!r} != article text {body[start:end]!r} at {start}..{end}")

    def span(where: str, s: Json) -> None:
        check(where, s["article"], s["start"], s["end"], s["text"])

    for a in data.get("articles", []):
        for i, s in enumerate((a.get("published") or {}).get("evidence", [])):
            span(f"articles/{a['id']}/published/evidence/{i}", s)
    for e in data.get("entities", []):
        for i, s in enumerate(e.get("mentions", [])):
            span(f"entities/{e['id']}/mentions/{i}", s)
    for q in data.get("quotes", []):
        span(f"quotes/{q['id']}", q)
        if q.get("speaker_text") is not None and q.get("speaker_start") is not None:
            check(f"quotes/{q['id']}/speaker", q["article"], q["speaker_start"], q["speaker_end"],
                  q["speaker_text"])
        for i, a in enumerate(q.get("authors", [])):
            check(f"quotes/{q['id']}/authors/{i}", q["article"], a["start"], a["end"], a["text"])
    for v in data.get("events", []):
        for i, m in enumerate(v.get("mentions", [])):
            span(f"events/{v['id']}/mentions/{i}", m)
            t = m["trigger"]
            check(f"events/{v['id']}/mentions/{i}/trigger", m["article"], t["start"], t["end"], t["text"])
            if (who := m.get("subject")) is not None:
                check(f"events/{v['id']}/mentions/{i}/subject", m["article"], who["start"], who["end"], who["text"])
    for t in data.get("times", []):
        span(f"times/{t['id']}", t)
    for c in data.get("claims", []):
        span(f"claims/{c['id']}", c)
    return errors
