"""Running the app: where it may listen, and uvicorn.

The server listens on 127.0.0.1 unless told otherwise.  Listening on any other
address exposes the story to the network, so :func:`bind_address` refuses a
non-loopback address unless the caller says it was asked for explicitly (the
CLI's ``--host``): a default, a config value or a typo never opens it up.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

from storyline.errors import E, StorylineError

__all__ = ["DEFAULT_HOST", "bind_address", "is_loopback", "run"]

DEFAULT_HOST = "127.0.0.1"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def bind_address(host: str | None, *, explicit: bool) -> str:
    """The address to listen on: ``host``, or 127.0.0.1 when none is given.

    Raises ``E.BAD_OPTION`` for a non-loopback ``host`` unless ``explicit`` is true.
    """
    chosen = host if host else DEFAULT_HOST
    if not is_loopback(chosen) and not explicit:
        raise StorylineError(
            E.BAD_OPTION,
            detail=f"refusing to listen on {chosen!r}, which is not a loopback address; "
            "pass --host explicitly to share the story on the network",
        )
    return chosen


def run(db: str | Path, *, host: str | None = None, port: int = 8000, explicit_host: bool = False) -> None:
    """Serve the story in ``db`` until interrupted (uvicorn, one process)."""
    import uvicorn

    from storyline.web.app import create_app

    address = bind_address(host, explicit=explicit_host)
    app = create_app(db)
    uvicorn.run(app, host=address, port=port, log_level="warning", server_header=False, proxy_headers=False)
