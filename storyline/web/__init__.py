"""The local web app: a read-only view of one story (pages and a JSON API).

``create_app(db)`` builds the FastAPI application; ``run(db, host=..., port=...)``
serves it with uvicorn on 127.0.0.1 unless a host is given explicitly.
Templates and static assets (CSS, the timeline's JavaScript) ship inside the
package: nothing is fetched from a CDN.
"""

from __future__ import annotations

from storyline.web.app import create_app
from storyline.web.server import DEFAULT_HOST, bind_address, is_loopback, run

__all__ = ["DEFAULT_HOST", "bind_address", "create_app", "is_loopback", "run"]
