"""``storyline build``: read, analyse, store and link, with a Rich progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
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
from rich.text import Text

from storyline.cli._app import EXIT_NOTHING_READ, EXIT_USAGE, DbOption, app, err
from storyline.settings import FIELDS_HELP, Settings

__all__ = ["build"]


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
        return Text(f"{speed:.1f} articles/s" if speed else "", style="cyan")


@app.command()
def build(
    articles: Annotated[list[str], typer.Argument(help="Files, folders, globs or .urls lists.")],
    db: DbOption = "story.db",
    bundle: Annotated[Path | None, typer.Option("--bundle", help="Also write the JSON bundle here.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help=FIELDS_HELP["jobs"])] = 1,
    dask: Annotated[str | None, typer.Option("--dask", help=FIELDS_HELP["dask"])] = None,
    model: Annotated[str, typer.Option("--model", help=FIELDS_HELP["model"])] = "en_core_web_sm",
    batch_size: Annotated[int, typer.Option("--batch-size", help=FIELDS_HELP["batch_size"])] = 16,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help=FIELDS_HELP["max_text_bytes"])] = 10_000_000,
    strict: Annotated[bool, typer.Option("--strict", help=FIELDS_HELP["strict"])] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=FIELDS_HELP["quiet"])] = False,
    keep_analyses: Annotated[bool, typer.Option("--keep-analyses", help=FIELDS_HELP["keep_analyses"])] = False,
) -> None:
    """Read articles, analyse the new ones, store them in DB and re-link the story."""
    from storyline.api import build as run_build

    if jobs < 1 or batch_size < 1:
        err.print("[red]error:[/] --jobs and --batch-size must be at least 1")
        raise typer.Exit(EXIT_USAGE)
    settings = Settings(
        model=model, jobs=jobs, dask=dask, batch_size=batch_size, max_text_bytes=max_bytes, strict=strict, quiet=quiet,
        keep_analyses=keep_analyses,
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
    if report.stale_kept:
        err.print(
            f"[yellow]kept[/] {report.stale_kept} analyses made by an older storyline, spaCy or model "
            "(build without --keep-analyses to re-analyse them)"
        )
    if bundle is not None:
        from storyline.api import open_view
        from storyline.export.bundle import write_bundle

        with open_view(db) as view:
            write_bundle(view.store, bundle)
    if not quiet:
        err.print(
            f"read {report.read} articles ({report.added} new, {report.already_stored} already stored, "
            f"{report.copies} copies), "
            + (f"{report.reanalysed} re-analysed, " if report.reanalysed else "")
            + ("story re-linked by this storyline, " if report.linker_changed else "")
            + f"{len(report.problems)} problems, {report.words} words "
            f"in {report.seconds:.1f}s -> {db}" + (f", {bundle}" if bundle else "")
        )
    if not report.readable or (strict and report.problems):
        raise typer.Exit(EXIT_NOTHING_READ)
