"""The read-only questions: ``timeline``, ``entities``, ``quotes``, ``conflicts``, ``show``."""

from __future__ import annotations

from typing import Annotated

import msgspec
import typer
from rich.markup import escape
from rich.table import Table

from storyline.cli._app import DbOption, JsonOption, app, out, print_json
from storyline.errors import E, StorylineError

__all__ = ["conflicts", "entities", "quotes", "show", "timeline"]


@app.command()
def timeline(
    db: DbOption = "story.db",
    date_from: Annotated[str | None, typer.Option("--from", help="Start: 2017, 2017-01 or 2017-01-15.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="End (inclusive), same forms.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only events with this actor or target.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only this PLOVER event type.")] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, reported, requested, ...")] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", min=1,
            help="Only the N most salient events (independent sources, actors' prominence, centrality).",
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Key dates: the most important days, each with cited sentences.")
    ] = False,
    n_dates: Annotated[
        int | None, typer.Option("--dates", min=1, help="How many key dates (default: from the story's size).")
    ] = None,
    n_sentences: Annotated[
        int | None, typer.Option("--sentences", min=1, help="Sentences per key date (default: from the story's size).")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", help="Key dates of a sub-story: only articles with all these words.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The story's events in date order, each with its sources.

    Requested, negated and hypothetical events are kept but marked: never shown as facts.
    With --summary: the key dates instead, each with the articles' own sentences, cited.
    """
    from storyline.api import open_view
    from storyline.timeline import describe, format_date

    if summary:
        _key_dates(db, n_dates, n_sentences, query, date_from, date_to, as_json)
        return
    with open_view(db) as view:
        filters = dict(date_from=date_from, date_to=date_to, actor=actor, type=type_, modality=modality)
        events = view.top(top, **filters) if top else view.timeline(**filters)
        if as_json:
            print_json([msgspec.to_builtins(e) for e in events])
            return
        table = Table(title=f"Timeline ({len(events)} events)", show_lines=True)
        table.add_column("date", no_wrap=True)
        table.add_column("what happened (actor -> type -> target), from the evidence", ratio=3)
        table.add_column("sources", ratio=1)
        names = {key: entity.name for key, entity in view.entities.items()}
        for event in events:
            line = f"[bold]{escape(describe(event, names))}[/]"
            cited = sorted({m.span.article for m in event.mentions})
            sources = "\n".join(f"{escape(view.outlet(a))} [dim]{a}[/]" for a in cited)
            table.add_row(format_date(event.date), f"{line}\n{escape(event.summary)}", sources)
        out.print(table)


def _key_dates(
    db: str, n_dates: int | None, n_sentences: int | None, query: str | None,
    date_from: str | None, date_to: str | None, as_json: bool,
) -> None:
    from storyline.api import open_view
    from storyline.timeline.summary import key_dates

    with open_view(db) as view:
        keys = key_dates(
            view, dates=n_dates, sentences=n_sentences, query=query, date_from=date_from, date_to=date_to
        )
        if as_json:
            print_json([msgspec.to_builtins(k) for k in keys])
            return
        table = Table(title=f"Key dates ({len(keys)})", show_lines=True)
        table.add_column("date", no_wrap=True)
        table.add_column("what happened, in the articles' words", ratio=3)
        table.add_column("sources", ratio=1)
        for k in keys:
            cited = (f"{escape(view.outlet(s.article))} [dim]{s.article} {s.start}-{s.end}[/]" for s in k.sentences)
            table.add_row(k.date.isoformat(), "\n".join(escape(s.text) for s in k.sentences), "\n".join(cited))
        out.print(table)


@app.command()
def entities(
    db: DbOption = "story.db",
    as_json: JsonOption = False,
    explain: Annotated[
        str | None, typer.Option("--explain", metavar="ID", help="Why the mentions of entity ID were merged.")
    ] = None,
) -> None:
    """People, organisations, places and instruments, resolved across articles."""
    from storyline.api import open_view

    with open_view(db) as view:
        if explain is not None:
            from storyline.link.entities import explain as explain_entity

            entity = view.entities.get(explain)
            if entity is None:
                raise StorylineError(E.UNKNOWN_ID, id=explain)
            for line in explain_entity(entity):
                out.print(escape(line))
            return
        records = sorted(view.story.entities, key=lambda e: (-len(e.mentions), e.name))
        if as_json:
            print_json([msgspec.to_builtins(e) for e in records])
            return
        table = Table(title=f"Entities ({len(records)})")
        for col in ("id", "name", "type", "mentions", "aliases"):
            table.add_column(col, overflow="fold")
        for e in records:
            table.add_row(e.id, escape(e.name), e.type, str(len(e.mentions)), escape("; ".join(e.aliases)))
        out.print(table)


@app.command()
def quotes(
    db: DbOption = "story.db",
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only quotes by this speaker.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Who said what: every quote with its speaker and cue."""
    from storyline.api import open_view

    with open_view(db) as view:
        found = list(view.quotes(speaker=speaker))
        if as_json:
            print_json([
                {**msgspec.to_builtins(q), "speaker_entity": who.id if who else None} for q, who in found
            ])
            return
        table = Table(title=f"Quotes ({len(found)})")
        for col in ("id", "speaker", "kind", "cue", "quote", "article"):
            table.add_column(col, overflow="fold")
        for q, who in found:
            name = who.name if who else (q.speaker.text if q.speaker else "?")
            table.add_row(q.id, escape(name), q.kind, q.cue or "", escape(q.span.text), q.span.article)
        out.print(table)


@app.command()
def conflicts(db: DbOption = "story.db", as_json: JsonOption = False) -> None:
    """Where the sources disagree, with each side's words and outlet."""
    from storyline.api import open_view

    with open_view(db) as view:
        found = view.conflicts()
        if as_json:
            print_json([
                {**msgspec.to_builtins(x), "claim_records": [msgspec.to_builtins(c) for c in cs]}
                for x, cs in found
            ])
            return
        table = Table(title=f"Conflicts ({len(found)})")
        for col in ("id", "about", "claims"):
            table.add_column(col, overflow="fold")
        for x, cs in found:
            sides = "\n".join(f"{c.value!s} - \"{c.span.text}\" ({view.outlet(c.span.article)})" for c in cs)
            table.add_row(x.id, escape(x.about), escape(sides))
        out.print(table)


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="An article, entity, event, quote, ... id.")],
    db: DbOption = "story.db",
) -> None:
    """Any record by id, with its evidence spans."""
    from storyline.api import open_view

    with open_view(db) as view:
        print_json(view.show(record_id))
