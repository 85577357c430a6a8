"""The ``storyline`` command.  See :mod:`storyline.cli._app` for the exit codes."""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

from storyline import __version__
from storyline.cli import build, export, query, serve  # noqa: F401 - registers the commands
from storyline.cli._app import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, app, err, out
from storyline.errors import StorylineError

__all__ = ["app", "main"]


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
