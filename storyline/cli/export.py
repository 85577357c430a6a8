"""``storyline export``: write the story in an exchange format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli._app import EXIT_USAGE, DbOption, app, err

__all__ = ["export"]


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
