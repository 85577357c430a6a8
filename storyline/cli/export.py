"""``storyline export``: write the story in an exchange format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli._app import EXIT_USAGE, DbOption, app, err

__all__ = ["export"]

_NAMES = "bundle, timelinejs, timelinejs-csv, timelinejs-key-dates, csv, plover, ftm, markdown"


@app.command()
def export(
    db: DbOption = "story.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Export format: {_NAMES}.")] = "bundle",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (a folder for csv); default story.json, story.md, ..."),
    ] = None,
) -> None:
    """Write the story in an exchange format: the JSON bundle, TimelineJS, CSV, PLOVER, FollowTheMoney, Markdown."""
    from storyline.api import open_view
    from storyline.export import FORMATS

    chosen = FORMATS.get(fmt)
    if chosen is None:
        err.print(f"[red]error:[/] unknown format {fmt!r}; available: {', '.join(FORMATS)}")
        raise typer.Exit(EXIT_USAGE)
    target = output if output is not None else Path(chosen.default_output)
    if chosen.folder and target.exists() and not target.is_dir():
        err.print(f"[red]error:[/] {target} is a file; the {fmt} format writes a folder")
        raise typer.Exit(EXIT_USAGE)
    with open_view(db) as view:
        chosen.write(view.store, target)
    err.print(f"wrote {target}")
