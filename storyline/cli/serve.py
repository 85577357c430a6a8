"""``storyline serve``: the local web app over a story (read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli._app import app, err

__all__ = ["serve"]


@app.command()
def serve(
    db: Annotated[
        str, typer.Argument(help="The story database: a SQLite file, or a postgresql://user@host:port/name URL.")
    ] = "story.db",
    host: Annotated[
        str | None,
        typer.Option("--host", help="Address to listen on (default 127.0.0.1; another address shares the story "
                                    "with the network and must be asked for here)."),
    ] = None,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=0, max=65535)] = 8000,
) -> None:
    """Browse the story in a web browser: timeline, entities, quotes, conflicts, articles, search."""
    from storyline.errors import E, StorylineError
    from storyline.web.server import bind_address, run

    address = bind_address(host, explicit=host is not None)
    if "://" not in db and not Path(db).is_file():
        raise StorylineError(E.NO_DB, path=db)
    err.print(f"serving {db} on http://{address}:{port}/ (read-only; Ctrl-C stops)")
    run(db, host=address, port=port, explicit_host=host is not None)
