"""The command line: thin.  Each command parses its options, calls the library, renders.

Exit codes:
  0  success
  1  a build read no article at all (or, with --strict, any input could not be read)
  2  bad usage (unknown option, missing argument)
  3  a stored story is missing or an id is unknown, or another storyline error
  130 interrupted (Ctrl-C); the store stays consistent and the next build resumes
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import msgspec
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from storyline import __version__
from storyline.errors import StorylineError
from storyline.settings import FIELDS_HELP, Settings

__all__ = ["app", "main"]

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn a pile of news articles about one story into a dated, cited record.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="The story database (SQLite file).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


class _RichProgress:
    """Adapts the library's ProgressHook to a Rich progress bar (articles/s, ETA)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: Any = None

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            self.progress.update(self.task, total=self.progress.tasks[-1].completed)
        self.task = self.progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        self.progress.advance(self.task, n)

    def finish(self) -> None:
        if self.task is not None:
            done = self.progress.tasks[-1].completed or 1
            self.progress.update(self.task, total=done, completed=done)


class _Rate(TextColumn):
    def __init__(self) -> None:
        super().__init__("")

    def render(self, task: Any) -> Any:  # type: ignore[override]
        speed = task.finished_speed or task.speed
        from rich.text import Text

        return Text(f"{speed:.1f} articles/s" if speed else "", style="cyan")


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def build(
    articles: Annotated[list[str], typer.Argument(help="Files, folders, globs or .urls lists.")],
    db: DbOption = Path("story.db"),
    bundle: Annotated[Path | None, typer.Option("--bundle", help="Also write the JSON bundle here.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help=FIELDS_HELP["jobs"])] = 1,
    model: Annotated[str, typer.Option("--model", help=FIELDS_HELP["model"])] = "en_core_web_sm",
    batch_size: Annotated[int, typer.Option("--batch-size", help=FIELDS_HELP["batch_size"])] = 16,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help=FIELDS_HELP["max_text_bytes"])] = 10_000_000,
    strict: Annotated[bool, typer.Option("--strict", help=FIELDS_HELP["strict"])] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=FIELDS_HELP["quiet"])] = False,
) -> None:
    """Read articles, analyse the new ones, store them in DB and re-link the story."""
    from storyline.api import build as run_build

    if jobs < 1 or batch_size < 1:
        err.print("[red]error:[/] --jobs and --batch-size must be at least 1")
        raise typer.Exit(EXIT_USAGE)
    settings = Settings(
        model=model, jobs=jobs, batch_size=batch_size, max_text_bytes=max_bytes, strict=strict, quiet=quiet
    )
    columns = (
        SpinnerColumn(), TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
        _Rate(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, disable=quiet, transient=False) as bar:
        hook = _RichProgress(bar)
        report = run_build(articles, db=db, settings=settings, progress=hook)
        hook.finish()
    for item in report.problems:
        err.print(f"[yellow]skipped[/] {escape(item.line())}")
    if bundle is not None:
        from storyline.api import open_view
        from storyline.export.bundle import write_bundle

        with open_view(db) as view:
            write_bundle(view.store, bundle)
    if not quiet:
        err.print(
            f"read {report.read} articles ({report.added} new, {report.already_stored} already stored, "
            f"{report.copies} copies), {len(report.problems)} problems, {report.words} words "
            f"in {report.seconds:.1f}s -> {db}" + (f", {bundle}" if bundle else "")
        )
    if not report.readable or (strict and report.problems):
        raise typer.Exit(EXIT_NOTHING_READ)


@app.command()
def timeline(
    db: DbOption = Path("story.db"),
    date_from: Annotated[str | None, typer.Option("--from", help="Start: 2017, 2017-01 or 2017-01-15.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="End (inclusive), same forms.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only events with this actor or target.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only this PLOVER event type.")] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, reported, requested, ...")] = None,
    as_json: JsonOption = False,
) -> None:
    """The story's events in date order, each with its sources."""
    from storyline.api import open_view
    from storyline.timeline import format_date

    with open_view(db) as view:
        events = view.timeline(date_from=date_from, date_to=date_to, actor=actor, type=type_, modality=modality)
        if as_json:
            _print_json([msgspec.to_builtins(e) for e in events])
            return
        table = Table(title=f"Timeline ({len(events)} events)", show_lines=True)
        table.add_column("date", no_wrap=True)
        table.add_column("what happened (actor -> type -> target), from the evidence", ratio=3)
        table.add_column("sources", ratio=1)
        names = view.entities
        for event in events:
            actors = ", ".join(names[a].name for a in event.actors if a in names) or "?"
            targets = ", ".join(names[t].name for t in event.targets if t in names)
            what = event.type if event.modality == "asserted" else f"{event.type} ({event.modality})"
            line = f"[bold]{escape(actors)} -> {what}" + (f" -> {escape(targets)}" if targets else "") + "[/]"
            cited = sorted({m.span.article for m in event.mentions})
            sources = "\n".join(f"{escape(view.outlet(a))} [dim]{a}[/]" for a in cited)
            table.add_row(format_date(event.date), f"{line}\n{escape(event.summary)}", sources)
        out.print(table)


@app.command()
def entities(db: DbOption = Path("story.db"), as_json: JsonOption = False) -> None:
    """People, organisations, places and instruments, resolved across articles."""
    from storyline.api import open_view

    with open_view(db) as view:
        records = sorted(view.story.entities, key=lambda e: (-len(e.mentions), e.name))
        if as_json:
            _print_json([msgspec.to_builtins(e) for e in records])
            return
        table = Table(title=f"Entities ({len(records)})")
        for col in ("id", "name", "type", "mentions", "aliases"):
            table.add_column(col, overflow="fold")
        for e in records:
            table.add_row(e.id, escape(e.name), e.type, str(len(e.mentions)), escape("; ".join(e.aliases)))
        out.print(table)


@app.command()
def quotes(
    db: DbOption = Path("story.db"),
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only quotes by this speaker.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Who said what: every quote with its speaker and cue."""
    from storyline.api import open_view

    with open_view(db) as view:
        found = list(view.quotes(speaker=speaker))
        if as_json:
            _print_json([
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
def conflicts(db: DbOption = Path("story.db"), as_json: JsonOption = False) -> None:
    """Where the sources disagree, with each side's words and outlet."""
    from storyline.api import open_view

    with open_view(db) as view:
        found = view.conflicts()
        if as_json:
            _print_json([
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
    db: DbOption = Path("story.db"),
) -> None:
    """Any record by id, with its evidence spans."""
    from storyline.api import open_view

    with open_view(db) as view:
        _print_json(view.show(record_id))


@app.command()
def export(
    db: DbOption = Path("story.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="Export format: bundle.")] = "bundle",
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")] = Path("story.json"),
) -> None:
    """Write the story in an exchange format (the JSON bundle)."""
    from storyline.api import open_view
    from storyline.export.bundle import write_bundle

    if fmt != "bundle":
        err.print(f"[red]error:[/] unknown format {fmt!r}; available: bundle")
        raise typer.Exit(EXIT_USAGE)
    with open_view(db) as view:
        write_bundle(view.store, output)
    err.print(f"wrote {output}")


@app.command()
def version() -> None:
    """Print storyline's version."""
    out.print(f"storyline {__version__}")


def main() -> None:
    """Entry point: runs the app and maps errors to the documented exit codes."""
    try:
        code = app(standalone_mode=False)
    except StorylineError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        err.print("interrupted; the store is consistent and the next build resumes")
        sys.exit(EXIT_INTERRUPTED)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("interrupted; the store is consistent and the next build resumes")
        sys.exit(EXIT_INTERRUPTED)
    except typer.TyperException as exc:  # usage errors: unknown option, missing argument
        exc.show()  # type: ignore[attr-defined]
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":
    main()
