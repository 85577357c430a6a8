"""The command line's shared parts: the Typer app, consoles, options, exit codes.

The command line is thin: each command parses its options, builds the settings, calls one
library function and renders the result.  Commands live in sibling modules, one group each.

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
from typing import Annotated, Any

import typer
from rich.console import Console

__all__ = [
    "EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_NOTHING_READ", "EXIT_OK", "EXIT_USAGE",
    "DbOption", "JsonOption", "app", "err", "out", "print_json",
]

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn a pile of news articles about one story into a dated, cited record.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str, typer.Option("--db", help="The story database: a SQLite file, or a postgresql://user@host:port/name URL.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
